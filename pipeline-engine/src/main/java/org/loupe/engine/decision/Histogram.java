package org.loupe.engine.decision;

/**
 * The distribution of one metric over the sample, split into documents kept by the pipeline, removed
 * by the step that owns the metric, and removed by other steps: what the Tune view draws under a
 * threshold. Bins are equal-width over [min, max] (or log-spaced over positive values); NaN values are
 * counted apart.
 *
 * @param edges          bin edges, {@code bins + 1} values
 * @param kept           documents kept overall, per bin
 * @param removedByStep  documents the step removed (first failing step), per bin
 * @param removedByOther documents an earlier or later step removed, per bin
 * @param keptTokens     tokens of the kept documents, per bin
 * @param nan            documents whose value is NaN
 */
public record Histogram(double[] edges, long[] kept, long[] removedByStep, long[] removedByOther, long[] keptTokens,
                        long nan) {

    /** Bins a column under the current decisions. */
    public static Histogram of(double[] values, Decisions decisions, int step, int bins, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v) && (!log || v > 0)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double[] edges = new double[bins + 1];
        double a = log ? Math.log(lo) : lo;
        double b = log ? Math.log(hi) : hi;
        for (int i = 0; i <= bins; i++) {
            double e = a + (b - a) * i / bins;
            edges[i] = log ? Math.exp(e) : e;
        }
        long[] kept = new long[bins];
        long[] byStep = new long[bins];
        long[] byOther = new long[bins];
        long[] keptTokens = new long[bins];
        long nan = 0;
        double scale = bins / (b - a);
        for (int row = 0; row < values.length; row++) {
            double v = values[row];
            if (Double.isNaN(v) || (log && v <= 0)) {
                nan++;
                continue;
            }
            int bin = (int) (((log ? Math.log(v) : v) - a) * scale);
            bin = Math.max(0, Math.min(bins - 1, bin));
            int by = decisions.removedBy(row);
            if (by < 0) {
                kept[bin]++;
                keptTokens[bin] += decisions.tokens(row);
            } else if (by == step) {
                byStep[bin]++;
            } else {
                byOther[bin]++;
            }
        }
        return new Histogram(edges, kept, byStep, byOther, keptTokens, nan);
    }

    /** The bin of a value (clamped), for "documents in this bar". */
    public int binOf(double v) {
        int bins = kept.length;
        for (int i = 0; i < bins; i++) {
            if (v < edges[i + 1]) {
                return i;
            }
        }
        return bins - 1;
    }
}
