package org.loupe.app.common;

import java.util.Arrays;

/**
 * The x axis of a histogram that stays readable on skewed metrics: the regular bins span a robust range
 * (the 1st to the 99th percentile, widened to the minimum or maximum when the tail beyond it is short),
 * and the values beyond it fall into an underflow and an overflow bin drawn at the ends, so one huge
 * document does not squeeze every other bar into the first pixel. Count-like metrics (non-negative whole
 * numbers such as word counts) can use log-spaced bins; then zero and the values below the range go to
 * the underflow bin. Every finite value falls in exactly one bin; NaN falls in none.
 *
 * <p>Bins are laid out at equal widths on screen (the tails too), so {@link #position} and
 * {@link #valueAt} map values to [0, 1] piecewise: linearly (or log-linearly) inside each bin.
 *
 * @param edges     bin edges, {@code bins + 1} increasing values; with an underflow bin, {@code edges[0]} is the
 *                  smallest value and {@code edges[1]} the start of the regular range (likewise at the top)
 * @param underflow whether the first bin holds the values below the regular range
 * @param overflow  whether the last bin holds the values above the regular range
 * @param logX      whether the regular bins are log-spaced
 */
public record HistogramScale(double[] edges, boolean underflow, boolean overflow, boolean logX) {
    /** The percentiles that bound the regular range. */
    static final double LOW_QUANTILE = 0.01;
    static final double HIGH_QUANTILE = 0.99;
    /** A tail shorter than this share of the regular range joins it instead of getting its own bin. */
    static final double SHORT_TAIL = 0.25;

    /** The scale for these values (NaN and infinities ignored) in {@code bins} bins in all, tails included. */
    public static HistogramScale of(double[] values, int bins, boolean logX) {
        if (bins < 3) {
            throw new IllegalArgumentException("a histogram needs at least 3 bins, got " + bins);
        }
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return linear(0, 1, bins, false, false, 0, 1);
        }
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        if (logX) {
            int firstPositive = firstAbove(sorted, 0);
            if (firstPositive < sorted.length) {
                double[] positive = Arrays.copyOfRange(sorted, firstPositive, sorted.length);
                return logScale(positive, bins, min, max);
            }
        }
        double lo = quantile(sorted, LOW_QUANTILE);
        double hi = quantile(sorted, HIGH_QUANTILE);
        if (hi <= lo) {
            lo = min;
            hi = max;
        }
        if (hi <= lo) {
            return linear(lo - 0.5, lo + 0.5, bins, false, false, min, max);
        }
        double span = hi - lo;
        boolean under = lo - min > SHORT_TAIL * span;
        boolean over = max - hi > SHORT_TAIL * span;
        if (!under) {
            lo = min;
        }
        if (!over) {
            hi = max;
        }
        return linear(lo, hi, bins, under, over, min, max);
    }

    /** Whether the values look like counts: non-negative whole numbers with a long upper tail. */
    public static boolean countLike(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (sorted.length < 2) {
            return false;
        }
        for (double v : sorted) {
            if (v < 0 || v != Math.rint(v)) {
                return false;
            }
        }
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double high = quantile(sorted, HIGH_QUANTILE);
        return high > 0 && high >= 5 * Math.max(1, median);
    }

    private static HistogramScale linear(double lo, double hi, int bins, boolean under, boolean over, double min,
                                         double max) {
        int regular = bins - (under ? 1 : 0) - (over ? 1 : 0);
        double[] edges = new double[bins + 1];
        int i = 0;
        if (under) {
            edges[i++] = min;
        }
        for (int b = 0; b <= regular; b++) {
            edges[i++] = lo + (hi - lo) * b / regular;
        }
        edges[i - 1] = hi;
        if (over) {
            edges[i] = max;
        }
        return new HistogramScale(edges, under, over, false);
    }

    /** Log-spaced regular bins over the positive values; zero and what lies below them go to the underflow bin. */
    private static HistogramScale logScale(double[] positive, int bins, double min, double max) {
        double lo = quantile(positive, LOW_QUANTILE);
        double hi = quantile(positive, HIGH_QUANTILE);
        if (hi <= lo) {
            lo = positive[0];
            hi = positive[positive.length - 1];
        }
        if (hi <= lo) {
            hi = lo * 2;
        }
        double span = Math.log(hi) - Math.log(lo);
        boolean under = min <= 0 || Math.log(lo) - Math.log(positive[0]) > SHORT_TAIL * span;
        boolean over = Math.log(max) - Math.log(hi) > SHORT_TAIL * span;
        if (!under) {
            lo = positive[0];
        } else if (Math.log(lo) - Math.log(positive[0]) <= SHORT_TAIL * span) {
            lo = positive[0]; // only zero (or less) lies below: the underflow bin holds just those
        }
        if (!over) {
            hi = Math.max(hi, max);
        }
        if (hi <= lo) {
            hi = lo * 2;
        }
        int regular = bins - (under ? 1 : 0) - (over ? 1 : 0);
        double[] edges = new double[bins + 1];
        int i = 0;
        if (under) {
            edges[i++] = Math.min(min, lo);
        }
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int k = 0; k <= regular; k++) {
            edges[i++] = Math.exp(a + (b - a) * k / regular);
        }
        edges[i - 1] = hi;
        if (over) {
            edges[i] = max;
        }
        // With underflow, edges[1] == lo exactly (an exp/log round trip could move it).
        edges[under ? 1 : 0] = lo;
        return new HistogramScale(edges, under, over, true);
    }

    public int bins() {
        return edges.length - 1;
    }

    /** The first regular bin. */
    public int firstRegular() {
        return underflow ? 1 : 0;
    }

    /** The last regular bin. */
    public int lastRegular() {
        return bins() - 1 - (overflow ? 1 : 0);
    }

    /** Whether a bin is the underflow or the overflow bin. */
    public boolean isTail(int bin) {
        return (underflow && bin == 0) || (overflow && bin == bins() - 1);
    }

    /**
     * The bin of a finite value: {@code [edges[b], edges[b + 1])}, the last bin closed; values beyond the
     * edges go to the first or last bin; -1 for NaN.
     */
    public int binOf(double v) {
        if (Double.isNaN(v)) {
            return -1;
        }
        int n = bins();
        if (v < edges[1]) {
            return 0;
        }
        if (v >= edges[n - 1]) {
            return n - 1;
        }
        int first = firstRegular();
        int last = lastRegular();
        double a = edges[first];
        double b = edges[last + 1];
        int regular = last - first + 1;
        double t = logX ? (Math.log(v) - Math.log(a)) / (Math.log(b) - Math.log(a)) : (v - a) / (b - a);
        int bin = first + (int) Math.floor(t * regular);
        bin = Math.max(first, Math.min(last, bin));
        // Guard against rounding at an edge.
        while (bin > first && v < edges[bin]) {
            bin--;
        }
        while (bin < last && v >= edges[bin + 1]) {
            bin++;
        }
        return bin;
    }

    /** Where a value lies on the axis, in [0, 1] (values beyond the edges are clamped to the ends). */
    public double position(double v) {
        if (Double.isNaN(v) || v <= edges[0]) {
            return 0;
        }
        int n = bins();
        if (v >= edges[n]) {
            return 1;
        }
        int bin = binOf(v);
        double a = edges[bin];
        double b = edges[bin + 1];
        double f;
        if (b <= a) {
            f = 0;
        } else if (logX && a > 0 && !isTail(bin)) {
            f = (Math.log(v) - Math.log(a)) / (Math.log(b) - Math.log(a));
        } else {
            f = (v - a) / (b - a);
        }
        return (bin + Math.max(0, Math.min(1, f))) / n;
    }

    /** The value at a position in [0, 1] (clamped): the inverse of {@link #position}. */
    public double valueAt(double t) {
        int n = bins();
        double x = Math.max(0, Math.min(1, t)) * n;
        int bin = Math.min(n - 1, (int) Math.floor(x));
        double f = x - bin;
        double a = edges[bin];
        double b = edges[bin + 1];
        if (logX && a > 0 && !isTail(bin)) {
            return Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a)));
        }
        return a + f * (b - a);
    }

    /** Whether a value lies beyond the drawn axis (a threshold there is drawn at the edge). */
    public boolean beyond(double v) {
        return v < edges[0] || v > edges[edges.length - 1];
    }

    /** The quantile of sorted values by linear interpolation. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /**
     * Whether counts should be drawn on a log axis: one bin holds more than {@code 20×} the median of the
     * non-empty bins, so on a linear axis every other bar would be a sliver.
     */
    public static boolean dominated(long[] totals) {
        long[] nonEmpty = Arrays.stream(totals).filter(c -> c > 0).sorted().toArray();
        if (nonEmpty.length < 3) {
            return false;
        }
        long max = nonEmpty[nonEmpty.length - 1];
        double median = nonEmpty.length % 2 == 1 ? nonEmpty[nonEmpty.length / 2]
                : (nonEmpty[nonEmpty.length / 2 - 1] + nonEmpty[nonEmpty.length / 2]) / 2.0;
        return max > 20 * median;
    }

    private static int firstAbove(double[] sorted, double v) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= v) {
            i++;
        }
        return i;
    }
}
