package org.loupe.app.tune;

import java.util.stream.IntStream;
import org.loupe.app.common.HistogramScale;
import org.loupe.engine.decision.Decisions;

/**
 * The distribution of one metric over the sample under the live decisions (kept, removed by the step that
 * owns the metric, removed by another step), binned on a {@link HistogramScale}: a robust range with
 * underflow and overflow bins for the tails, log-spaced for count-like metrics when asked. What the Tune
 * view draws under a threshold; free of JavaFX.
 *
 * @param scale          the bins
 * @param kept           documents kept overall, per bin
 * @param removedByStep  documents the step removed (first failing step), per bin
 * @param removedByOther documents an earlier or later step removed, per bin
 * @param keptTokens     tokens of the kept documents, per bin
 * @param nan            documents without a value (NaN), in no bin
 */
public record MetricHistogram(HistogramScale scale, long[] kept, long[] removedByStep, long[] removedByOther,
                              long[] keptTokens, long nan) {

    /** Bins a column under the current decisions; {@code step} is the metric's step in the decisions. */
    public static MetricHistogram of(double[] values, Decisions decisions, int step, int bins, boolean logX) {
        return of(values, HistogramScale.of(values, bins, logX), decisions, step);
    }

    /** Bins a column on a scale computed before (the scale depends on the values only, not on thresholds). */
    public static MetricHistogram of(double[] values, HistogramScale scale, Decisions decisions, int step) {
        int bins = scale.bins();
        long[] kept = new long[bins];
        long[] byStep = new long[bins];
        long[] byOther = new long[bins];
        long[] keptTokens = new long[bins];
        long nan = 0;
        for (int row = 0; row < values.length; row++) {
            int bin = scale.binOf(values[row]);
            if (bin < 0) {
                nan++;
                continue;
            }
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
        return new MetricHistogram(scale, kept, byStep, byOther, keptTokens, nan);
    }

    /** Bin edges, {@code bins + 1} values (the tails' outer edges are the smallest and largest value). */
    public double[] edges() {
        return scale.edges();
    }

    public int bins() {
        return kept.length;
    }

    /** The documents in a bin. */
    public long total(int bin) {
        return kept[bin] + removedByStep[bin] + removedByOther[bin];
    }

    /** The bin of a value, or -1 when it has none (NaN). */
    public int binOf(double v) {
        return scale.binOf(v);
    }

    /** Whether one bar dwarfs the others so much that counts read better on a log axis. */
    public boolean logY() {
        return HistogramScale.dominated(IntStream.range(0, bins()).mapToLong(this::total).toArray());
    }

    /** A bin's range as words: "[12, 40)", "< 12" for the underflow bin, "≥ 8,090" for the overflow bin. */
    public String describe(int bin) {
        double[] e = edges();
        if (scale.underflow() && bin == 0) {
            return "below " + TuneViewModel.shortNumber(e[1]);
        }
        if (scale.overflow() && bin == bins() - 1) {
            return "at least " + TuneViewModel.shortNumber(e[bin]);
        }
        return "[" + TuneViewModel.shortNumber(e[bin]) + ", " + TuneViewModel.shortNumber(e[bin + 1]) + ")";
    }
}
