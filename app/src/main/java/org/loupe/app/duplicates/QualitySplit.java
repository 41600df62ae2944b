package org.loupe.app.duplicates;

import java.util.Arrays;
import org.loupe.app.common.HistogramScale;
import org.loupe.engine.decision.Decisions;

/**
 * What a dedup step does to a metric's distribution: among the documents the step was given (those the earlier
 * steps keep), the metric's values for the ones it keeps and for the ones it removes as copies, as box summaries
 * and as two histograms over the same bins. So "dedup leaves only junk" shows as the kept side shifting.
 *
 * @param metric  the metric column
 * @param kept    the documents the step keeps
 * @param removed the documents the step removes
 * @param edges   the bin edges ({@code bins + 1}, shared by both histograms; a robust range whose end bins may
 *                hold the tails, as {@link HistogramScale} bins them; none without a defined value)
 * @param keptCounts    documents kept per bin
 * @param removedCounts documents removed per bin
 */
public record QualitySplit(String metric, Summary kept, Summary removed, double[] edges, long[] keptCounts,
                           long[] removedCounts) {

    /**
     * A box summary of one side.
     *
     * @param count     documents on this side
     * @param undefined of them, those whose value is not defined (NaN), left out of the quantiles and bins
     * @param q1        the first quartile (linear interpolation between order statistics, numpy's default)
     */
    public record Summary(int count, int undefined, double min, double q1, double median, double q3, double max) {
        /** Documents with a defined value. */
        public int defined() {
            return count - undefined;
        }
    }

    /** Bins of the histograms. */
    public static final int BINS = 30;

    /**
     * Splits a metric's values by what step {@code k} does.
     *
     * @param values the metric per row (NaN: not defined)
     * @param d      the decisions
     * @param k      a step that decides over the rows the earlier steps keep
     */
    public static QualitySplit of(String metric, double[] values, Decisions d, int k, int bins) {
        int n = d.rows();
        int keptCount = 0;
        int removedCount = 0;
        for (int row = 0; row < n; row++) {
            if (given(d, k, row)) {
                if (d.drops(k, row)) {
                    removedCount++;
                } else {
                    keptCount++;
                }
            }
        }
        double[] keptValues = new double[keptCount];
        double[] removedValues = new double[removedCount];
        int kk = 0;
        int rr = 0;
        int keptUndefined = 0;
        int removedUndefined = 0;
        for (int row = 0; row < n; row++) {
            if (!given(d, k, row)) {
                continue;
            }
            double v = values[row];
            if (d.drops(k, row)) {
                if (Double.isNaN(v)) {
                    removedUndefined++;
                } else {
                    removedValues[rr++] = v;
                }
            } else if (Double.isNaN(v)) {
                keptUndefined++;
            } else {
                keptValues[kk++] = v;
            }
        }
        keptValues = Arrays.copyOf(keptValues, kk);
        removedValues = Arrays.copyOf(removedValues, rr);
        Arrays.sort(keptValues);
        Arrays.sort(removedValues);
        double[] edges;
        if (keptValues.length + removedValues.length == 0) {
            edges = new double[0];
        } else {
            // A robust range with tail bins (HistogramScale): one huge value does not squeeze the rest.
            double[] both = new double[keptValues.length + removedValues.length];
            System.arraycopy(keptValues, 0, both, 0, keptValues.length);
            System.arraycopy(removedValues, 0, both, keptValues.length, removedValues.length);
            edges = HistogramScale.of(both, Math.max(3, bins), false).edges();
        }
        return new QualitySplit(metric, summary(keptValues, keptCount, keptUndefined),
                summary(removedValues, removedCount, removedUndefined), edges, counts(keptValues, edges),
                counts(removedValues, edges));
    }

    /** Whether step {@code k} was given the row: no earlier step drops it. */
    static boolean given(Decisions d, int k, int row) {
        int by = d.removedBy(row);
        return by < 0 || by >= k;
    }

    /**
     * The bin of a value: {@code [edges[b], edges[b + 1])}, the last bin closed; values beyond the edges go to
     * the first or last bin. Edges may be uneven (the tail bins of a {@link HistogramScale}).
     */
    public static int binOf(double v, double[] edges) {
        int bins = edges.length - 1;
        if (bins <= 1) {
            return 0;
        }
        int i = java.util.Arrays.binarySearch(edges, v);
        int b = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(bins - 1, b));
    }

    private static long[] counts(double[] sorted, double[] edges) {
        long[] out = new long[Math.max(0, edges.length - 1)];
        if (out.length == 0) {
            return out;
        }
        for (double v : sorted) {
            out[binOf(v, edges)]++;
        }
        return out;
    }

    private static Summary summary(double[] sorted, int count, int undefined) {
        if (sorted.length == 0) {
            return new Summary(count, undefined, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(count, undefined, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                quantile(sorted, 0.75), sorted[sorted.length - 1]);
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics (numpy's default). */
    public static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}
