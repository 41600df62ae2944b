package org.loupe.engine.filter;

import java.util.List;
import org.loupe.engine.measure.MetricTable;

/**
 * Ordered threshold checks over columns, the shape of most reference filters: the first check that drops
 * a row gives its reason. A tight loop over primitive columns.
 */
public final class ChecksDecider implements StepDecider {
    private final List<Check> checks;
    private final double[][] columns;
    private final Check.Op[] ops;
    private final double[] thresholds;
    private final int[] reasons;

    /**
     * @param reasons the step type's reasons (a check's reason must be one of them)
     * @param step    the step name (the prefix of its columns)
     * @param table   the measured values
     * @param checks  the checks, in the reference's order
     * @throws IllegalArgumentException when a column is missing
     * @throws IllegalStateException    when a check's reason is not one of {@code reasons}
     */
    public ChecksDecider(List<String> reasons, String step, MetricTable table, List<Check> checks) {
        this.checks = List.copyOf(checks);
        int n = checks.size();
        columns = new double[n][];
        ops = new Check.Op[n];
        thresholds = new double[n];
        this.reasons = new int[n];
        for (int i = 0; i < n; i++) {
            Check c = checks.get(i);
            columns[i] = table.column(MetricTable.name(step, c.metric()));
            ops[i] = c.op();
            thresholds[i] = c.threshold();
            this.reasons[i] = reasons.indexOf(c.reason());
            if (this.reasons[i] < 0) {
                throw new IllegalStateException(step + " has no reason " + c.reason());
            }
        }
    }

    @Override
    public int decide(int row) {
        return decideFrom(row, 0);
    }

    /** The reason of the first check from {@code firstCheck} on that drops the row, or -1. */
    public int decideFrom(int row, int firstCheck) {
        for (int i = firstCheck; i < columns.length; i++) {
            double v = columns[i][row];
            boolean drop = switch (ops[i]) {
                case LT -> v < thresholds[i];
                case GT -> v > thresholds[i];
                case NOT_GT -> !(v > thresholds[i]);
            };
            if (drop) {
                return reasons[i];
            }
        }
        return -1;
    }

    /** The reason index of a check. */
    public int reasonIndexOf(int check) {
        return reasons[check];
    }

    @Override
    public List<Check> checks() {
        return checks;
    }
}
