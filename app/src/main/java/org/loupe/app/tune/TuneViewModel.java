package org.loupe.app.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.AppContext;
import org.loupe.engine.filter.Decisions;
import org.loupe.engine.filter.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.SampleMeasurements;
import org.loupe.engine.measure.steps.BuiltinMeasures;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.Presets;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.sample.Sample;

/**
 * Tune: the pipeline over the current sample, decided live. Measuring (per step, cached in the
 * workspace) runs in the background when the sample or a measure parameter changes; a threshold
 * change only decides again, on the spot (milliseconds), reusing the unchanged steps.
 */
public final class TuneViewModel {

    /** One step of the cascade: what it removes after the steps before it, and what remains. */
    public record CascadeRow(String step, long removedDocs, long removedTokens, long uniqueDocs, long remainingDocs,
                             long remainingTokens, String topReasons) { }

    /** One parameter of the selected step. */
    public record ParamRow(String name, String value, ParamSpec.Role role, String description) { }

    private final AppContext context;
    private final StepCatalog catalog = BuiltinSteps.catalog(Set.of());
    private final AtomicLong generation = new AtomicLong();

    private final ObjectProperty<PipelineConfig> config = new SimpleObjectProperty<>(Presets.require(Presets.FINEWEB));
    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty selectedStep = new SimpleIntegerProperty(-1);
    private final ObservableList<StepConfig> steps = FXCollections.observableArrayList();
    private final ObservableList<ParamRow> params = FXCollections.observableArrayList();
    private final ObservableList<CascadeRow> cascade = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No sample");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Decisions> decisions = new ReadOnlyObjectWrapper<>();

    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<org.loupe.engine.filter.Histogram> histogram = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper histogramCaption = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.BooleanProperty logScale = new javafx.beans.property.SimpleBooleanProperty(false);

    private MetricTable table;
    private RowKeys keys;

    public TuneViewModel(AppContext context) {
        this.context = context;
        steps.setAll(config.get().steps());
        selectedStep.addListener((o, a, b) -> {
            refreshParams();
            refreshMetrics();
        });
        metric.addListener((o, a, b) -> refreshHistogram());
        logScale.addListener((o, a, b) -> refreshHistogram());
    }

    // Properties

    public ObjectProperty<PipelineConfig> configProperty() {
        return config;
    }

    public ObservableList<StepConfig> steps() {
        return steps;
    }

    public IntegerProperty selectedStepProperty() {
        return selectedStep;
    }

    public ObservableList<ParamRow> params() {
        return params;
    }

    public ObservableList<CascadeRow> cascade() {
        return cascade;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Decisions> decisionsProperty() {
        return decisions.getReadOnlyProperty();
    }

    /** The metrics of the selected step that a threshold compares. */
    public ObservableList<String> metrics() {
        return metrics;
    }

    public ObjectProperty<String> metricProperty() {
        return metric;
    }

    /** Log-spaced bins (for long-tailed metrics such as word counts). */
    public javafx.beans.property.BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** The selected metric's distribution under the current decisions (kept / removed by the step / by others). */
    public ReadOnlyObjectProperty<org.loupe.engine.filter.Histogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    /** The threshold(s) on the selected metric and what they do, in a sentence. */
    public ReadOnlyStringProperty histogramCaptionProperty() {
        return histogramCaption.getReadOnlyProperty();
    }

    // Commands

    /** A new sample: measure it for the current config (in the background), then decide. */
    public void setSample(Sample s) {
        sample.set(s);
        table = null;
        keys = null;
        decisions.set(null);
        cascade.clear();
        summary.set(s == null ? "No sample" : "Measuring the sample…");
        if (s != null) {
            measure();
        }
    }

    /** Switches a step on or off (a decision change, unless the step edits text). */
    public void setEnabled(int index, boolean on) {
        StepConfig step = config.get().steps().get(index);
        apply(config.get().withStep(index, step.withEnabled(on)), on || catalog.type(step.type()).orElseThrow().editsText());
    }

    /** Sets a parameter of the selected step from text; invalid values are reported, not applied. */
    public void setParam(String name, String text) {
        int index = selectedStep.get();
        if (index < 0) {
            return;
        }
        StepConfig step = config.get().steps().get(index);
        StepType type = catalog.type(step.type()).orElseThrow();
        ParamSpec spec = type.param(name).orElseThrow();
        Object value;
        try {
            value = parse(spec, text);
        } catch (IllegalArgumentException e) {
            error.set(name + ": " + e.getMessage());
            return;
        }
        PipelineConfig next = config.get().withStep(index, step.withParam(name, value));
        try {
            new ConfigLoader(catalog).check(next);
        } catch (org.loupe.engine.pipeline.ConfigException e) {
            error.set(String.join("; ", e.problems()));
            return;
        }
        error.set("");
        apply(next, spec.role() == ParamSpec.Role.MEASURE);
    }

    /** Loads a preset. */
    public void usePreset(String name) {
        apply(Presets.require(name), true);
    }

    private void apply(PipelineConfig next, boolean remeasure) {
        config.set(next);
        int sel = selectedStep.get();
        steps.setAll(next.steps());
        selectedStep.set(Math.min(sel, steps.size() - 1));
        refreshParams();
        if (sample.get() == null) {
            return;
        }
        if (remeasure || table == null) {
            measure();
        } else {
            decide();
        }
    }

    private void measure() {
        Sample s = sample.get();
        PipelineConfig c = config.get();
        long gen = generation.incrementAndGet();
        context.tasks().run("Measuring the sample", ctx -> {
            BuiltinMeasures measures = new BuiltinMeasures(EnglishTokenizer.shared(), context.languageIdentifier());
            MetricTable t = new SampleMeasurements(s, catalog, measures, context.threads()).measure(c, ctx);
            long[] tokens = SampleMeasurements.tokens(s, c.tokenEncoding(), context.threads(), ctx);
            long[] ids = new long[s.size()];
            String[] hosts = new String[s.size()];
            for (int i = 0; i < s.size(); i++) {
                ids[i] = RowKeys.hashId(s.id(i));
                hosts[i] = s.host(i);
            }
            return new Object[] {t, new RowKeys(ids, hosts, tokens)};
        }, result -> {
            if (gen == generation.get() && sample.get() == s) {
                table = (MetricTable) result[0];
                keys = (RowKeys) result[1];
                decide();
            }
        }, e -> error.set("Measuring failed: " + e.getMessage()));
    }

    /** Decides the current config over the measured sample (milliseconds) and updates the cascade. */
    void decide() {
        PipelineConfig enabledOnly = config.get().withSteps(config.get().steps().stream().filter(StepConfig::enabled).toList());
        Decisions d = Decisions.decide(enabledOnly, catalog, table, keys, decisions.get());
        decisions.set(d);
        List<CascadeRow> rows = new ArrayList<>();
        for (Decisions.StepCounts c : d.counts()) {
            String reasons = String.join(", ", c.reasons().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                    .map(e -> e.getKey() + " " + e.getValue()).toList());
            rows.add(new CascadeRow(c.step(), c.removedDocs(), c.removedTokens(), c.uniqueDocs(), c.remainingDocs(),
                    c.remainingTokens(), reasons));
        }
        cascade.setAll(rows);
        long total = 0;
        for (int i = 0; i < d.rows(); i++) {
            total += d.tokens(i);
        }
        refreshMetrics();
        summary.set(String.format("Kept %,d of %,d documents (%.1f%%) and %,d of %,d tokens (%.1f%%)", d.keptDocuments(),
                d.rows(), 100.0 * d.keptDocuments() / Math.max(1, d.rows()), d.keptTokens(), total,
                100.0 * d.keptTokens() / Math.max(1, total)));
    }

    /** The checks of the selected step (metric, direction, threshold) under the current decisions. */
    private List<org.loupe.engine.filter.Check> selectedChecks() {
        int index = selectedStep.get();
        if (index < 0 || table == null || index >= config.get().steps().size()) {
            return List.of();
        }
        StepConfig step = config.get().steps().get(index);
        StepType type = catalog.type(step.type()).orElseThrow();
        try {
            return org.loupe.engine.filter.Deciders.compile(type, step.stepName(),
                    ConfigLoader.effectiveParams(type, step, null), table).checks();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private void refreshMetrics() {
        List<String> names = selectedChecks().stream().map(org.loupe.engine.filter.Check::metric).distinct().toList();
        if (!names.equals(metrics)) {
            String keep = metric.get();
            metrics.setAll(names);
            metric.set(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        }
        refreshHistogram();
    }

    private void refreshHistogram() {
        Decisions d = decisions.get();
        String m = metric.get();
        int index = selectedStep.get();
        if (d == null || m == null || index < 0) {
            histogram.set(null);
            histogramCaption.set("");
            return;
        }
        StepConfig step = config.get().steps().get(index);
        int decided = d.steps().indexOf(step.stepName());
        String column = org.loupe.engine.measure.MetricTable.name(step.stepName(), m);
        if (decided < 0 || !table.has(column)) {
            histogram.set(null);
            histogramCaption.set(step.stepName() + " is off");
            return;
        }
        histogram.set(org.loupe.engine.filter.Histogram.of(table.column(column), d, decided, 40, logScale.get()));
        List<String> parts = new ArrayList<>();
        for (org.loupe.engine.filter.Check c : selectedChecks()) {
            if (c.metric().equals(m)) {
                parts.add(String.format("%s: removes when %s %s %s (%s)", c.param(), m,
                        c.op() == org.loupe.engine.filter.Check.Op.GT ? ">" : c.op() == org.loupe.engine.filter.Check.Op.LT ? "<" : "≤",
                        format(c.threshold()), c.reason()));
            }
        }
        histogramCaption.set(String.join("; ", parts));
    }

    private void refreshParams() {
        int index = selectedStep.get();
        if (index < 0 || index >= config.get().steps().size()) {
            params.clear();
            return;
        }
        StepConfig step = config.get().steps().get(index);
        StepType type = catalog.type(step.type()).orElseThrow();
        Map<String, Object> effective = ConfigLoader.effectiveParams(type, step, null);
        List<ParamRow> rows = new ArrayList<>();
        for (ParamSpec p : type.params()) {
            rows.add(new ParamRow(p.name(), format(effective.get(p.name())), p.role(), p.description()));
        }
        params.setAll(rows);
    }

    /** A bin edge for an axis label: three significant digits. */
    static String shortNumber(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v == 0 ? 0 : v);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
        return b.stripTrailingZeros().toPlainString();
    }

    static String format(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    static Object parse(ParamSpec spec, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equals("null")) {
            if (!spec.nullable()) {
                throw new IllegalArgumentException("a value is required");
            }
            return null;
        }
        return switch (spec.type()) {
            case INTEGER -> Long.parseLong(t);
            case NUMBER -> Double.parseDouble(t);
            case BOOLEAN -> {
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("true or false");
                }
                yield Boolean.parseBoolean(t);
            }
            case STRING -> t;
            case STRING_LIST -> List.of(t.replaceAll("^\\[|]$", "").split("\\s*,\\s*"));
            case PAIR_LIST -> throw new IllegalArgumentException("edit n-gram pairs in the config file");
        };
    }
}
