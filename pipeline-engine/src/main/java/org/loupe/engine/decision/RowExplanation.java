package org.loupe.engine.decision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;

/**
 * Why one row is kept or removed: for every step, its verdict, each threshold check with the row's value
 * and how far it is from the threshold, the step's other measured values, and what the pipeline would
 * decide without each step. Built on demand for the document on screen; the decisions themselves come
 * from {@link Decisions}, the checks from the step's compiled {@link StepDecider} with the parameters
 * that apply to the row's host (per-domain overrides).
 */
public final class RowExplanation {
    private final int row;
    private final String removedBy;
    private final String reason;
    private final List<StepVerdict> steps;
    private final String[] without;

    /**
     * One threshold check of a step on the row.
     *
     * @param param     the parameter that holds the threshold
     * @param metric    the metric compared, without the step prefix
     * @param value     the row's value (NaN when undefined)
     * @param op        the drop condition
     * @param threshold the threshold in effect for the row
     * @param fails     whether this check drops the row, evaluated on its own (so several checks may fail,
     *                  though the step gives the reason of the first). Exemptions the step makes are honoured:
     *                  FineWeb's {@code line_punct_exclude_zero} for a ratio of 0 and the language step's
     *                  {@code label_only}
     * @param margin    the signed distance to the threshold, positive when the row passes by that much:
     *                  {@code value - threshold} for a minimum, {@code threshold - value} for a maximum; NaN
     *                  when the value is NaN. 0 fails a strict minimum ({@link Check.Op#NOT_GT})
     */
    public record CheckRow(String param, String metric, double value, Check.Op op, double threshold, boolean fails,
                           double margin) { }

    /**
     * A measured value of a step that no check covers.
     *
     * @param metric the metric, without the step prefix
     * @param value  the row's value (NaN when undefined)
     * @param label  for a categorical metric (the language label), the label the value stands for; else null
     */
    public record MetricValue(String metric, double value, String label) { }

    /**
     * One step's verdict on the row, evaluated on its own.
     *
     * @param step         the step name
     * @param reason       the reason the step would drop the row for, or null when it passes
     * @param rescued      whether the step fails the row but its keep_fraction keeps it
     * @param checks       the step's threshold checks in order (empty for steps without simple thresholds, or
     *                     when a disabled step's metrics were not measured). A disabled step's checks show what
     *                     it would decide if enabled; its reason is null all the same
     * @param otherMetrics every other {@code <step>.<metric>} column of the table, in table order
     * @param duplicate    for a dedup step, the row's group of copies among the rows the earlier steps keep; null
     *                     for other steps and for a row in no group
     */
    public record StepVerdict(String step, String reason, boolean rescued, List<CheckRow> checks,
                              List<MetricValue> otherMetrics, Duplicate duplicate) {
        public StepVerdict {
            checks = List.copyOf(checks);
            otherMetrics = List.copyOf(otherMetrics);
        }

        /** Whether the step drops the row: it fails and keep_fraction does not keep it. */
        public boolean drops() {
            return reason != null && !rescued;
        }
    }

    /**
     * The row's place in a dedup step's groups of copies.
     *
     * @param group    the group (a MinHash cluster id, or the group of equal URLs or texts)
     * @param size     the number of copies in the group
     * @param survivor the row of the copy that survives; the row itself when it is the survivor
     */
    public record Duplicate(int group, int size, int survivor) { }

    private RowExplanation(int row, String removedBy, String reason, List<StepVerdict> steps, String[] without) {
        this.row = row;
        this.removedBy = removedBy;
        this.reason = reason;
        this.steps = steps;
        this.without = without;
    }

    /**
     * Explains a row, taking its host (for per-domain overrides) from the row keys the decisions were made
     * with.
     */
    public static RowExplanation of(Decisions d, MetricTable table, PipelineConfig config, StepCatalog catalog,
                                    RowKeys keys, int row) {
        return of(d, table, config, catalog, row, keys.hosts()[row]);
    }

    /**
     * Explains a row.
     *
     * @param d       the decisions of {@code config} over {@code table}
     * @param table   the measured values
     * @param config  the config the decisions were made for (steps are found by name)
     * @param catalog the step types
     * @param row     the row
     * @param host    the row's URL host, or null when it has none (no domain override applies)
     * @throws IllegalArgumentException when a step of the decisions is not in the config, or the row is out of
     *                                  range
     */
    public static RowExplanation of(Decisions d, MetricTable table, PipelineConfig config, StepCatalog catalog,
                                    int row, String host) {
        if (row < 0 || row >= d.rows()) {
            throw new IllegalArgumentException("row " + row + " of " + d.rows());
        }
        int s = d.steps().size();
        List<StepVerdict> verdicts = new ArrayList<>(s);
        for (int k = 0; k < s; k++) {
            String name = d.steps().get(k);
            int at = config.indexOf(name);
            if (at < 0) {
                throw new IllegalArgumentException("the config has no step " + name);
            }
            StepConfig step = config.steps().get(at);
            StepType type = catalog.type(step.type())
                    .orElseThrow(() -> new IllegalArgumentException("unknown step type " + step.type()));
            List<CheckRow> checks = checks(type, name, StepParams.of(type, step, host), table, row);
            Duplicate duplicate = d.duplicates(k).filter(g -> g.group(row) >= 0)
                    .map(g -> new Duplicate(g.group(row), g.groupSize(row), g.survivor(g.group(row)))).orElse(null);
            verdicts.add(new StepVerdict(name, d.stepReason(k, row), d.rescued(k, row), checks,
                    otherMetrics(table, name, checks, row), duplicate));
        }
        String[] without = new String[s];
        for (int k = 0; k < s; k++) {
            for (int j = 0; j < s; j++) {
                if (j != k && d.drops(j, row)) {
                    without[k] = d.steps().get(j);
                    break;
                }
            }
        }
        int by = d.removedBy(row);
        return new RowExplanation(row, by < 0 ? null : d.steps().get(by), d.reason(row), List.copyOf(verdicts),
                without);
    }

    private static List<CheckRow> checks(StepType type, String step, StepParams params, MetricTable table, int row) {
        StepDecider decider;
        try {
            decider = type.decider(step, params, table);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A disabled step is decided without compiling: its metrics may not have been measured.
            return List.of();
        }
        List<Check> checks = decider.checks();
        List<CheckRow> out = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            double v = table.column(MetricTable.name(step, c.metric()))[row];
            boolean fails = decider.checkFails(i, v);
            out.add(new CheckRow(c.param(), c.metric(), v, c.op(), c.threshold(), fails, margin(c.op(), v, c.threshold())));
        }
        return out;
    }

    /** The signed distance to the threshold, positive on the passing side. */
    static double margin(Check.Op op, double value, double threshold) {
        return op.isMinimum() ? value - threshold : threshold - value;
    }

    private static List<MetricValue> otherMetrics(MetricTable table, String step, List<CheckRow> checks, int row) {
        Set<String> covered = new HashSet<>();
        for (CheckRow c : checks) {
            covered.add(c.metric());
        }
        String prefix = step + ".";
        List<MetricValue> out = new ArrayList<>();
        for (String column : table.names()) {
            if (!column.startsWith(prefix)) {
                continue;
            }
            String metric = column.substring(prefix.length());
            if (covered.contains(metric)) {
                continue;
            }
            double v = table.column(column)[row];
            List<String> labels = table.labels(column);
            if (labels.isEmpty() && metric.startsWith("top_label_")) {
                // The language step's top labels index the labels of its language column.
                labels = table.labels(prefix + "language");
            }
            String label = null;
            if (!labels.isEmpty() && !Double.isNaN(v) && v >= 0 && v < labels.size()) {
                label = labels.get((int) v);
            }
            out.add(new MetricValue(metric, v, label));
        }
        return out;
    }

    public int row() {
        return row;
    }

    /** Whether the pipeline keeps the row. */
    public boolean kept() {
        return removedBy == null;
    }

    /** The step that removed the row (the first that drops it), or null when it is kept. */
    public String removedBy() {
        return removedBy;
    }

    /** The reason the removing step gives, or null when the row is kept. */
    public String reason() {
        return reason;
    }

    /** Every step's verdict, in pipeline order. */
    public List<StepVerdict> steps() {
        return steps;
    }

    /**
     * What the pipeline would decide with step {@code k} disabled: the first other step that drops the row,
     * or null when the row would be kept. Exact for steps that decide each document on its own; a later step
     * that decides over the documents the earlier ones keep (dedup) might decide this row otherwise.
     */
    public String withoutStep(int k) {
        return without[k];
    }

    /** As {@link #withoutStep(int)}, for the first step of this name. */
    public String withoutStep(String step) {
        for (int k = 0; k < steps.size(); k++) {
            if (steps.get(k).step().equals(step)) {
                return without[k];
            }
        }
        throw new IllegalArgumentException("no step " + step);
    }
}
