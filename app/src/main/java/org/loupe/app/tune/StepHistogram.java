package org.loupe.app.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.app.common.HistogramScale;
import org.loupe.engine.filter.Check;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;

/**
 * The selected step's metrics and the histogram of the chosen one under the live decisions (kept, removed
 * by this step, removed by another), with the step's thresholds on that metric drawn over it and a caption
 * saying what they do.
 */
final class StepHistogram {
    /** Bins in all, the underflow and overflow bins included. */
    static final int BINS = 42;
    private final SampleSession session;
    private final IntSupplier selectedStep;
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<MetricHistogram> histogram = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<List<Check>> thresholds = new ReadOnlyObjectWrapper<>(List.of());
    private HistogramScale scale;
    private double[] scaledValues;
    private boolean scaledLog;

    StepHistogram(SampleSession session, IntSupplier selectedStep) {
        this.session = session;
        this.selectedStep = selectedStep;
        // Counts (word counts, line counts) spread over decades: they open on a log x axis; the box can undo it.
        metric.addListener((o, a, m) -> {
            StepConfig step = selected();
            MetricTable table = session.table();
            if (m != null && step != null && table != null && table.has(MetricTable.name(step.stepName(), m))) {
                logScale.set(HistogramScale.countLike(table.column(MetricTable.name(step.stepName(), m))));
            }
        });
    }

    ObservableList<String> metrics() {
        return metrics;
    }

    ObjectProperty<String> metricProperty() {
        return metric;
    }

    BooleanProperty logScaleProperty() {
        return logScale;
    }

    ReadOnlyObjectProperty<MetricHistogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<List<Check>> thresholdsProperty() {
        return thresholds.getReadOnlyProperty();
    }

    private StepConfig selected() {
        int index = selectedStep.getAsInt();
        return index < 0 || index >= session.config().steps().size() ? null : session.config().steps().get(index);
    }

    /** The checks of the selected step (metric, direction, threshold) over the measured table. */
    List<Check> selectedChecks() {
        StepConfig step = selected();
        MetricTable table = session.table();
        if (step == null || table == null) {
            return List.of();
        }
        StepType type = session.catalog().type(step.type()).orElseThrow();
        try {
            return type.decider(step.stepName(), StepParams.of(type, step), table).checks();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The metrics a threshold compares first, then every other numeric metric the step measured. */
    void refreshMetrics() {
        List<String> names = new ArrayList<>(selectedChecks().stream().map(Check::metric).distinct().toList());
        StepConfig step = selected();
        MetricTable table = session.table();
        if (table != null && step != null) {
            String prefix = step.stepName() + ".";
            table.names().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                    .filter(m -> !names.contains(m) && table.labels(prefix + m).isEmpty()).sorted().forEach(names::add);
        }
        if (!names.equals(metrics)) {
            String keep = metric.get();
            metrics.setAll(names);
            metric.set(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        }
        refresh();
    }

    void refresh() {
        Decisions d = session.decisions();
        String m = metric.get();
        StepConfig step = selected();
        if (d == null || m == null || step == null) {
            histogram.set(null);
            thresholds.set(List.of());
            caption.set("");
            return;
        }
        int decided = d.steps().indexOf(step.stepName());
        String column = MetricTable.name(step.stepName(), m);
        MetricTable table = session.table();
        if (decided < 0 || !table.has(column)) {
            histogram.set(null);
            thresholds.set(List.of());
            caption.set(step.stepName() + " is off");
            return;
        }
        double[] values = table.column(column);
        boolean log = logScale.get();
        if (values != scaledValues || log != scaledLog) {
            // The bins depend on the values alone: a threshold drag re-counts them without sorting again.
            scale = HistogramScale.of(values, BINS, log);
            scaledValues = values;
            scaledLog = log;
        }
        histogram.set(MetricHistogram.of(values, scale, d, decided));
        List<String> parts = new ArrayList<>();
        List<Check> onMetric = selectedChecks().stream().filter(c -> c.metric().equals(m)).toList();
        thresholds.set(onMetric);
        for (Check c : onMetric) {
            parts.add(String.format("%s: removes when %s %s %s (%s)", c.param(), m,
                    c.op() == Check.Op.GT ? ">" : c.op() == Check.Op.LT ? "<" : "≤",
                    ParameterEditor.format(c.threshold()), c.reason()));
        }
        MetricHistogram h = histogram.get();
        if (h.nan() > 0) {
            parts.add(String.format("%,d without a value (not drawn)", h.nan()));
        }
        caption.set(String.join("; ", parts));
    }
}
