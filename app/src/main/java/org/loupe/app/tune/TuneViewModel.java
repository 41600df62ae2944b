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
import org.loupe.app.common.RowList;
import org.loupe.app.document.Annotation;
import org.loupe.app.document.DocumentViewModel;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.RowExplanation;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.model.Document;
import org.loupe.engine.workspace.Labels;
import java.nio.file.Path;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
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
    public record ParamRow(String name, String value, ParamSpec.Role role, String description, String range,
                           String direction) {
        public ParamRow(String name, String value, ParamSpec.Role role, String description) {
            this(name, value, role, description, "", "");
        }
    }

    /** The pseudo-parameter of a step's keep fraction (Loupe's, not the reference's). */
    public static final String KEEP_FRACTION = "step.keep_fraction";
    /** The pseudo-parameter of a step's per-domain overrides. */
    public static final String OVERRIDES = "step.overrides";

    private final AppContext context;
    private final StepCatalog catalog = BuiltinSteps.catalog(Set.of());
    /** One loader for every edit (a threshold drag validates on every event). */
    private final ConfigLoader loader = new ConfigLoader(catalog);
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
    private final ReadOnlyObjectWrapper<org.loupe.engine.decision.Histogram> histogram = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper histogramCaption = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.BooleanProperty logScale = new javafx.beans.property.SimpleBooleanProperty(false);

    private final ReadOnlyObjectWrapper<List<Check>> thresholds = new ReadOnlyObjectWrapper<>(List.of());

    /** One row of a document list: the sample row, what identifies it, the selected metric's value and its fate. */
    public record DocRow(int row, String id, String domain, String value, String status, long tokens) { }

    /** What the document list shows. */
    public enum ListKind {
        /** Every document the selected step removed (after the steps before it). */
        REMOVED_BY_STEP("removed by"),
        /** Seeded random documents the selected step removed, ten at a time. */
        RANDOM_REMOVED("random removed by"),
        /** Seeded random documents that passed the selected step and every step before it, ten at a time. */
        RANDOM_KEPT("random kept through"),
        /** The documents in one bin of the histogram. */
        BIN("in a bar of");

        private final String label;

        ListKind(String label) {
            this.label = label;
        }
    }

    /** Page size of the random lists. */
    public static final int PAGE = 10;

    private final RowList<DocRow> documents = new RowList<>(this::docRow);
    private final ReadOnlyStringWrapper listTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ListKind> listKind = new ReadOnlyObjectWrapper<>(ListKind.REMOVED_BY_STEP);
    private int listBin = -1;
    private int listShown = PAGE;
    private long listSeed = 1;
    private final DocumentViewModel inspector;
    private final StepResources measures;

    private final FullRunModel fullRun;
    private Labels labels;
    private final javafx.beans.property.ReadOnlyIntegerWrapper labelCount = new javafx.beans.property.ReadOnlyIntegerWrapper();
    private final javafx.beans.property.ReadOnlyIntegerWrapper labelVersion = new javafx.beans.property.ReadOnlyIntegerWrapper();

    private List<Decisions.StepCounts> lastCounts = List.of();
    private final ReadOnlyStringWrapper stepStats = new ReadOnlyStringWrapper("");

    private MetricTable table;
    private RowKeys keys;
    /** What the last decision saw, for the annotator (which runs off the FX thread). */
    private volatile Snapshot snapshot;

    private record Snapshot(Sample sample, PipelineConfig config, MetricTable table, RowKeys keys, Decisions decisions) { }

    public TuneViewModel(AppContext context) {
        this.context = context;
        this.measures = new StepResources(EnglishTokenizer.shared(), context.languageIdentifier());
        this.inspector = new DocumentViewModel(context.tasks());
        inspector.annotatorProperty().set(this::annotate);
        this.fullRun = new FullRunModel(context, this, config::get, catalog);
        steps.setAll(config.get().steps());
        selectedStep.addListener((o, a, b) -> {
            refreshParams();
            refreshMetrics();
            refreshList();
        });
        // Open on the step with the most familiar thresholds (word counts), so the histogram shows at once.
        selectedStep.set(Math.max(0, config.get().indexOf("gopher_quality")));
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
    public ReadOnlyObjectProperty<org.loupe.engine.decision.Histogram> histogramProperty() {
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
        snapshot = null;
        cascade.clear();
        documents.setRows(new int[0]);
        inspector.clear();
        labels = null;
        labelCount.set(0);
        if (s != null) {
            try {
                labels = Labels.open(Labels.file(context.workspace(), Path.of(s.manifest().folder())));
                labelCount.set(labels.size());
                if (!labels.problems().isEmpty()) {
                    error.set(String.join("; ", labels.problems()));
                }
            } catch (java.io.IOException e) {
                error.set("Cannot read the labels: " + e.getMessage());
            }
        }
        summary.set(s == null ? "No sample" : "Measuring the sample…");
        if (s != null) {
            measure();
        }
    }

    /** Moves a step up (-1) or down (+1) in the pipeline; steps after a text-editing step see its edits. */
    public void moveStep(int index, int delta) {
        List<StepConfig> list = new ArrayList<>(config.get().steps());
        int to = index + delta;
        if (index < 0 || index >= list.size() || to < 0 || to >= list.size()) {
            return;
        }
        java.util.Collections.swap(list, index, to);
        apply(config.get().withSteps(list), true);
        selectedStep.set(to);
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
        if (name.equals(KEEP_FRACTION) || name.equals(OVERRIDES)) {
            StepConfig next;
            try {
                next = name.equals(KEEP_FRACTION) ? step.withKeepFraction(Double.parseDouble(text.trim()))
                        : new StepConfig(step.type(), step.name(), step.enabled(), step.keepFraction(), step.params(),
                        parseOverrides(type, text));
            } catch (IllegalArgumentException e) {
                error.set(name + ": " + e.getMessage());
                return;
            }
            PipelineConfig candidate = config.get().withStep(index, next);
            applyChecked(candidate, false);
            return;
        }
        ParamSpec spec = type.param(name).orElseThrow();
        Object value;
        try {
            value = parse(spec, text);
        } catch (IllegalArgumentException e) {
            error.set(name + ": " + e.getMessage());
            return;
        }
        setParamValue(spec, value);
    }

    /**
     * Adds a domain to the URL filter's blocked domains ({@code extra_domains}), adding a URL step at the
     * front of the pipeline when there is none; the URL step is measured again (the others are reused).
     */
    public void blockDomain(String domain) {
        PipelineConfig c = config.get();
        int i = c.indexOf("url");
        PipelineConfig next;
        if (i < 0) {
            List<StepConfig> list = new ArrayList<>(c.steps());
            list.add(0, StepConfig.of("url").withParam("extra_domains", List.of(domain)));
            next = c.withSteps(list);
        } else {
            StepConfig step = c.steps().get(i);
            List<String> domains = new ArrayList<>();
            if (step.params().get("extra_domains") instanceof List<?> l) {
                l.forEach(x -> domains.add(String.valueOf(x)));
            }
            if (domains.contains(domain)) {
                return;
            }
            domains.add(domain);
            next = c.withStep(i, step.withParam("extra_domains", domains).withEnabled(true));
        }
        applyChecked(next, true);
    }

    /**
     * Removes the documents nearest one cluster of the map: adds the cluster to the drop list of the topic
     * step with these centroids, or appends such a step (measured on the sample, then decided like any other).
     *
     * @param centroids the map's centroids, as the topic step's {@code centroids} value
     * @param labels    a name per centroid
     * @param label     the cluster to drop
     */
    public void dropTopic(String centroids, List<String> labels, String label) {
        PipelineConfig c = config.get();
        for (int i = 0; i < c.steps().size(); i++) {
            StepConfig step = c.steps().get(i);
            if (step.type().equals("topic") && centroids.equals(step.params().get("centroids"))) {
                List<String> drop = new ArrayList<>();
                if (step.params().get("drop") instanceof List<?> l) {
                    l.forEach(x -> drop.add(String.valueOf(x)));
                }
                if (drop.contains(label) && step.enabled()) {
                    return;
                }
                if (!drop.contains(label)) {
                    drop.add(label);
                }
                applyChecked(c.withStep(i, step.withParam("drop", drop).withEnabled(true)), false);
                return;
            }
        }
        List<StepConfig> list = new ArrayList<>(c.steps());
        list.add(StepConfig.of("topic").withParam("centroids", centroids).withParam("labels", List.copyOf(labels))
                .withParam("drop", List.of(label)));
        applyChecked(c.withSteps(list), true);
    }

    /** Loads a preset. */
    public void usePreset(String name) {
        apply(Presets.require(name), true);
    }

    /** Checks a config built from an edit the way a file is checked; problems are reported, not applied. */
    private void applyChecked(PipelineConfig next, boolean remeasure) {
        try {
            loader.check(next);
        } catch (org.loupe.engine.pipeline.ConfigException e) {
            error.set(String.join("; ", e.problems()));
            return;
        }
        error.set("");
        apply(next, remeasure);
    }

    private void apply(PipelineConfig next, boolean remeasure) {
        config.set(next);
        int sel = selectedStep.get();
        if (steps.size() == next.steps().size()) {
            // Replace only the steps that changed: lists keep their selection through a threshold drag.
            for (int i = 0; i < steps.size(); i++) {
                if (!steps.get(i).equals(next.steps().get(i))) {
                    steps.set(i, next.steps().get(i));
                }
            }
        } else {
            steps.setAll(next.steps());
        }
        selectedStep.set(Math.min(sel, steps.size() - 1));
        refreshParams();
        if (table == null) {
            if (sample.get() != null) {
                measure();
            }
            return;
        }
        if (remeasure && sample.get() != null) {
            measure();
        } else {
            // Also a table given without a sample (benchmarks): decisions only.
            decide();
        }
    }

    private void measure() {
        Sample s = sample.get();
        PipelineConfig c = config.get();
        long gen = generation.incrementAndGet();
        context.tasks().run("Measuring the sample", ctx -> {
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
        lastCounts = d.counts();
        for (Decisions.StepCounts c : lastCounts) {
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
        snapshot = new Snapshot(sample.get(), enabledOnly, table, keys, d);
        refreshParams();
        refreshMetrics();
        refreshList();
        inspector.refreshAnnotation();
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
            return type.decider(step.stepName(), StepParams.of(type, step), table).checks();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private void refreshMetrics() {
        refreshStepStats();
        // The metrics a threshold compares first, then every other metric the step measured (to look at).
        List<String> names = new ArrayList<>(selectedChecks().stream().map(org.loupe.engine.filter.Check::metric).distinct().toList());
        int index = selectedStep.get();
        if (table != null && index >= 0 && index < config.get().steps().size()) {
            String prefix = config.get().steps().get(index).stepName() + ".";
            table.names().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                    .filter(m -> !names.contains(m) && table.labels(prefix + m).isEmpty()).sorted().forEach(names::add);
        }
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
            thresholds.set(List.of());
            histogramCaption.set("");
            return;
        }
        StepConfig step = config.get().steps().get(index);
        int decided = d.steps().indexOf(step.stepName());
        String column = org.loupe.engine.measure.MetricTable.name(step.stepName(), m);
        if (decided < 0 || !table.has(column)) {
            histogram.set(null);
            thresholds.set(List.of());
            histogramCaption.set(step.stepName() + " is off");
            return;
        }
        histogram.set(org.loupe.engine.decision.Histogram.of(table.column(column), d, decided, 40, logScale.get()));
        List<String> parts = new ArrayList<>();
        List<Check> onMetric = selectedChecks().stream().filter(c -> c.metric().equals(m)).toList();
        thresholds.set(onMetric);
        for (org.loupe.engine.filter.Check c : onMetric) {
            {
                parts.add(String.format("%s: removes when %s %s %s (%s)", c.param(), m,
                        c.op() == org.loupe.engine.filter.Check.Op.GT ? ">" : c.op() == org.loupe.engine.filter.Check.Op.LT ? "<" : "≤",
                        format(c.threshold()), c.reason()));
            }
        }
        org.loupe.engine.decision.Histogram h = histogram.get();
        if (h.nan() > 0) {
            parts.add(String.format("%,d without a value (not drawn)", h.nan()));
        }
        histogramCaption.set(String.join("; ", parts));
        if (listKind.get() == ListKind.BIN) {
            refreshList();
        }
    }

    private void refreshParams() {
        int index = selectedStep.get();
        if (index < 0 || index >= config.get().steps().size()) {
            params.clear();
            return;
        }
        StepConfig step = config.get().steps().get(index);
        StepType type = catalog.type(step.type()).orElseThrow();
        Map<String, Object> effective = StepParams.of(type, step).asMap();
        List<Check> checks = table == null ? List.of() : selectedChecks();
        List<ParamRow> rows = new ArrayList<>();
        for (ParamSpec p : type.params()) {
            String range = p.min() == null && p.max() == null ? ""
                    : p.min() != null && p.max() != null ? "[" + shortNumber(p.min()) + ", " + shortNumber(p.max()) + "]"
                    : p.min() != null ? "≥ " + shortNumber(p.min()) : "≤ " + shortNumber(p.max());
            String direction = p.direction() != ParamSpec.Direction.NONE ? p.direction().text()
                    : checks.stream().filter(c -> c.param().equals(p.name())).findFirst()
                    .map(c -> c.op().isMinimum() ? "drops below" : "drops above").orElse("");
            rows.add(new ParamRow(p.name(), format(effective.get(p.name())), p.role(), p.description(), range, direction));
        }
        rows.add(new ParamRow(KEEP_FRACTION, format(step.keepFraction()), ParamSpec.Role.DECISION,
                "Loupe: the share of the documents this step would drop that are kept anyway (seeded by document id), "
                        + "to look at what a filter costs; 0 = none.", "[0, 1]", ""));
        rows.add(new ParamRow(OVERRIDES, formatOverrides(step.overrides()), ParamSpec.Role.DECISION,
                "Loupe: other thresholds for some domains, as 'a.com b.org: min_doc_words=20, max_doc_words=5000; "
                        + "c.net: …' (decision parameters only).", "", ""));
        if (rows.size() == params.size()) {
            // Only rows that changed: an edit in progress in another row is not cancelled by a late decision.
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).equals(params.get(i))) {
                    params.set(i, rows.get(i));
                }
            }
        } else {
            params.setAll(rows);
        }
    }

    /**
     * What the selected step does, in documents and tokens: removed after the steps before it, removed by it
     * alone (no other step would), and what the pipeline keeps.
     */
    public ReadOnlyStringProperty stepStatsProperty() {
        return stepStats.getReadOnlyProperty();
    }

    private void refreshStepStats() {
        Decisions d = decisions.get();
        int index = selectedStep.get();
        if (d == null || index < 0 || index >= config.get().steps().size()) {
            stepStats.set("");
            return;
        }
        String name = config.get().steps().get(index).stepName();
        Decisions.StepCounts c = lastCounts.stream().filter(x -> x.step().equals(name)).findFirst().orElse(null);
        if (c == null) {
            stepStats.set(name + " is off");
            return;
        }
        long docs = d.rows();
        long tokens = 0;
        for (int i = 0; i < docs; i++) {
            tokens += d.tokens(i);
        }
        stepStats.set(String.format("%s removes %,d docs (%.1f%%) and %,d tokens (%.1f%%); alone %,d docs (%.1f%%), %,d tokens; "
                        + "it would drop %,d on its own · kept overall %,d docs (%.1f%%), %,d tokens (%.1f%%)", name,
                c.removedDocs(), pct(c.removedDocs(), docs), c.removedTokens(), pct(c.removedTokens(), tokens), c.uniqueDocs(),
                pct(c.uniqueDocs(), docs), c.uniqueTokens(), c.failDocs(), d.keptDocuments(), pct(d.keptDocuments(), docs),
                d.keptTokens(), pct(d.keptTokens(), tokens)));
    }

    private static double pct(long part, long whole) {
        return 100.0 * part / Math.max(1, whole);
    }

    // Thresholds on the histogram

    /** The thresholds of the selected step on the selected metric (drawn on the histogram, draggable). */
    public ReadOnlyObjectProperty<List<Check>> thresholdsProperty() {
        return thresholds.getReadOnlyProperty();
    }

    /**
     * Moves a threshold to a value (a drag on the histogram): integers are rounded, fractions kept to three
     * significant digits; an n-gram fraction changes only its own pair. Decides at once.
     */
    public void moveThreshold(Check check, double value) {
        int index = selectedStep.get();
        if (index < 0 || Double.isNaN(value)) {
            return;
        }
        StepConfig step = config.get().steps().get(index);
        StepType type = catalog.type(step.type()).orElseThrow();
        java.util.Optional<ParamSpec> spec = type.param(check.param());
        if (spec.isEmpty()) {
            error.set(check.param() + " is not a threshold that can be dragged");
            return;
        }
        ParamSpec p = spec.get();
        switch (p.type()) {
            // A number from the slider to the config: integers rounded, fractions to three significant digits.
            case INTEGER, NUMBER -> setParamValue(p, p.coerce(threeDigits(clamp(p, value))));
            case PAIR_LIST -> movePair(index, step, type, check, threeDigits(clamp(p, value)));
            default -> error.set(check.param() + " is not a number");
        }
    }

    /** Sets a parameter of the selected step to a typed value, checked like a config file; bad values are reported. */
    private void setParamValue(ParamSpec spec, Object value) {
        int index = selectedStep.get();
        if (index < 0) {
            return;
        }
        StepConfig step = config.get().steps().get(index);
        applyChecked(config.get().withStep(index, step.withParam(spec, value)), spec.role() == ParamSpec.Role.MEASURE);
    }

    /** A value rounded to three significant digits (thresholds dragged on a histogram). */
    static double threeDigits(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    /** Sets a threshold to the exact number typed (an n-gram fraction changes only its own pair). */
    public void setThreshold(Check check, String text) {
        int index = selectedStep.get();
        if (index < 0) {
            return;
        }
        StepConfig step = config.get().steps().get(index);
        StepType type = catalog.type(step.type()).orElseThrow();
        if (type.param(check.param()).map(p -> p.type() == ParamSpec.Type.PAIR_LIST).orElse(false)) {
            try {
                movePair(index, step, type, check, Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                error.set(check.param() + ": not a number: " + text);
            }
        } else {
            setParam(check.param(), text);
        }
    }

    private static double clamp(ParamSpec spec, double v) {
        double out = v;
        if (spec.min() != null) {
            out = Math.max(spec.min(), out);
        }
        if (spec.max() != null) {
            out = Math.min(spec.max(), out);
        }
        return out;
    }

    /** Gopher's n-gram fractions: the pair whose n the metric names ({@code dup_3_gram_char_frac}). */
    private void movePair(int index, StepConfig step, StepType type, Check check, double value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d+)_gram").matcher(check.metric());
        if (!m.find()) {
            return;
        }
        int n = Integer.parseInt(m.group(1));
        double frac = Math.max(0, Math.min(1, value));
        Object current = StepParams.of(type, step).get(check.param());
        List<List<Number>> pairs = new ArrayList<>();
        boolean found = false;
        if (current instanceof List<?> list) {
            for (Object o : list) {
                List<?> pair = (List<?>) o;
                int pn = ((Number) pair.get(0)).intValue();
                if (pn == n) {
                    pairs.add(List.of(pn, frac));
                    found = true;
                } else {
                    pairs.add(List.of(pn, (Number) pair.get(1)));
                }
            }
        }
        if (!found) {
            pairs.add(List.of(n, frac));
        }
        // Only the fraction changed: the measured n-grams stay, so this decides without measuring.
        applyChecked(config.get().withStep(index, step.withParam(check.param(), pairs)), false);
    }

    // Document lists

    /** The documents the list shows (built lazily: a list of 100,000 rows costs one array). */
    public RowList<DocRow> documents() {
        return documents;
    }

    public ReadOnlyStringProperty listTitleProperty() {
        return listTitle.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ListKind> listKindProperty() {
        return listKind.getReadOnlyProperty();
    }

    /** Lists every document the selected step removed. */
    public void showRemoved() {
        listKind.set(ListKind.REMOVED_BY_STEP);
        refreshList();
    }

    /** Lists ten random documents the selected step removed (seeded); {@link #showMore()} adds ten. */
    public void showRandomRemoved() {
        listKind.set(ListKind.RANDOM_REMOVED);
        listShown = PAGE;
        refreshList();
    }

    /** Lists ten random documents that went through the selected step (seeded); {@link #showMore()} adds ten. */
    public void showRandomKept() {
        listKind.set(ListKind.RANDOM_KEPT);
        listShown = PAGE;
        refreshList();
    }

    /** Ten more random documents. */
    public void showMore() {
        listShown += PAGE;
        refreshList();
    }

    /** Another random draw (the next seed). */
    public void reshuffle() {
        listSeed++;
        listShown = PAGE;
        refreshList();
    }

    /** Lists the documents in one bar of the histogram. */
    public void showBin(int bin) {
        listKind.set(ListKind.BIN);
        listBin = bin;
        refreshList();
    }

    /** Opens a document of the sample in the Tune inspector. */
    public void open(int row) {
        Sample s = sample.get();
        if (s != null && row >= 0 && row < s.size()) {
            inspector.show(s::document, row);
        }
    }

    /** The Tune view's document inspector (text, why, line diff). */
    public DocumentViewModel inspector() {
        return inspector;
    }

    private void refreshList() {
        Decisions d = decisions.get();
        int index = selectedStep.get();
        if (d == null || index < 0 || index >= config.get().steps().size()) {
            documents.setRows(new int[0]);
            listTitle.set("");
            return;
        }
        String name = config.get().steps().get(index).stepName();
        int k = d.steps().indexOf(name);
        ListKind kind = listKind.get();
        int[] rows;
        String title;
        if (k < 0) {
            rows = new int[0];
            title = name + " is off";
        } else {
            switch (kind) {
                case REMOVED_BY_STEP -> {
                    rows = RowSampler.rows(d, r -> d.removedBy(r) == k);
                    title = String.format("%,d documents removed by %s", rows.length, name);
                }
                case RANDOM_REMOVED -> {
                    int[] all = RowSampler.rows(d, r -> d.removedBy(r) == k);
                    rows = RowSampler.sample(all, listSeed, 0, listShown);
                    title = String.format("%,d random of the %,d documents removed by %s (draw %d)", rows.length,
                            all.length, name, listSeed);
                }
                case RANDOM_KEPT -> {
                    int[] all = RowSampler.rows(d, r -> d.removedBy(r) < 0 || d.removedBy(r) > k);
                    rows = RowSampler.sample(all, listSeed, 0, listShown);
                    title = String.format("%,d random of the %,d documents that went through %s (draw %d)", rows.length,
                            all.length, name, listSeed);
                }
                default -> {
                    org.loupe.engine.decision.Histogram h = histogram.get();
                    String m = metric.get();
                    if (h == null || m == null || listBin < 0 || listBin >= h.kept().length) {
                        rows = new int[0];
                        title = "Click a bar of the histogram to list its documents";
                    } else {
                        double[] values = table.column(MetricTable.name(name, m));
                        int bin = listBin;
                        rows = RowSampler.rows(d, r -> !Double.isNaN(values[r]) && h.binOf(values[r]) == bin
                                && !(logScale.get() && values[r] <= 0));
                        title = String.format("%,d documents with %s in [%s, %s)", rows.length, m,
                                shortNumber(h.edges()[bin]), shortNumber(h.edges()[bin + 1]));
                    }
                }
            }
        }
        documents.setRows(rows);
        listTitle.set(title);
    }

    private DocRow docRow(int row) {
        Snapshot snap = snapshot;
        Decisions d = snap == null ? null : snap.decisions();
        Sample s = snap == null ? null : snap.sample();
        String value = "";
        String m = metric.get();
        int index = selectedStep.get();
        if (snap != null && m != null && index >= 0 && index < config.get().steps().size()) {
            String column = MetricTable.name(config.get().steps().get(index).stepName(), m);
            if (snap.table().has(column)) {
                value = shortNumber(snap.table().column(column)[row]);
            }
        }
        String status = d == null ? "" : d.kept(row) ? "kept" : d.steps().get(d.removedBy(row)) + ": " + d.reason(row);
        Labels.Label label = labelOf(row);
        if (label != null) {
            status = status + "  · labelled " + label.json();
        }
        return new DocRow(row, s == null ? "row " + row : s.id(row), s == null ? "" : nullToEmpty(s.host(row)), value,
                status, d == null ? 0 : d.tokens(row));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    // Why removed, and the line diff

    /** Explains one document under the last decisions: called off the FX thread by the inspectors. */
    public Annotation annotate(int row, Document doc) {
        Snapshot snap = snapshot;
        if (snap == null || snap.sample() == null || row < 0 || row >= snap.sample().size()
                || !snap.sample().id(row).equals(doc.id())) {
            return Annotation.NONE;
        }
        Decisions d = snap.decisions();
        RowExplanation ex = RowExplanation.of(d, snap.table(), snap.config(), catalog, row, snap.sample().host(row));
        List<Annotation.WhyRow> why = new ArrayList<>();
        for (int k = 0; k < ex.steps().size(); k++) {
            RowExplanation.StepVerdict v = ex.steps().get(k);
            String without = ex.withoutStep(k);
            String note = v.reason() == null ? "passes"
                    : (v.rescued() ? "would drop (" + v.reason() + "), kept by keep_fraction"
                    : "drops: " + v.reason() + (d.removedBy(row) == k
                    ? "; without this step: " + (without == null ? "kept" : "removed by " + without) : ""));
            boolean first = true;
            for (RowExplanation.CheckRow c : v.checks()) {
                why.add(new Annotation.WhyRow(v.step(), c.param() + ": " + c.metric(), shortNumber(c.value()),
                        opText(c.op()) + " " + shortNumber(c.threshold()),
                        c.fails() ? (v.rescued() ? "FAIL (kept by keep_fraction)" : "FAIL") : "pass",
                        Double.isNaN(c.margin()) ? "—" : shortNumber(c.margin()), c.fails() && !v.rescued(),
                        first ? note : ""));
                first = false;
            }
            for (RowExplanation.MetricValue mv : v.otherMetrics()) {
                if (mv.metric().matches("top_(label|score)_([2-9]|\\d{2,})")) {
                    continue; // the runner-up languages: the first is enough here
                }
                why.add(new Annotation.WhyRow(v.step(), mv.metric(), mv.label() != null ? mv.label() : shortNumber(mv.value()), "", "", "", false, first ? note : ""));
                first = false;
            }
            if (first) {
                why.add(new Annotation.WhyRow(v.step(), "", "", "", v.reason() == null ? "pass" : "FAIL", "",
                        v.reason() != null && !v.rescued(), note));
            }
        }
        // The checks that fail come first (the answer to "why"), then every other value in pipeline order.
        List<Annotation.WhyRow> ordered = new ArrayList<>(why.stream().filter(w -> w.result().startsWith("FAIL")).toList());
        why.stream().filter(w -> !w.result().startsWith("FAIL")).forEach(ordered::add);
        why = ordered;
        String verdict;
        int by = d.removedBy(row);
        if (by < 0) {
            verdict = "Kept by the pipeline";
        } else {
            String without = ex.withoutStep(by);
            verdict = String.format("Removed by %s (%s) — without that step: %s", d.steps().get(by), d.reason(row),
                    without == null ? "kept" : "removed by " + without);
        }
        Labels store = labels;
        Labels.Label given = store == null ? null : store.get(doc.id());
        if (given != null) {
            verdict += "  · labelled " + given.json();
        }
        List<Annotation.LineRow> lines = new ArrayList<>();
        String lineStep = "";
        for (StepConfig step : snap.config().steps()) {
            StepType type = catalog.type(step.type()).orElseThrow();
            java.util.Optional<List<StepType.LineOutcome>> outcomes = step.enabled()
                    ? type.lineOutcomes(StepParams.of(type, step, snap.sample().host(row)), doc.text(), measures)
                    : java.util.Optional.empty();
            if (outcomes.isPresent()) {
                lineStep = step.stepName();
                String text = doc.text();
                int n = 1;
                for (StepType.LineOutcome line : outcomes.get()) {
                    lines.add(new Annotation.LineRow(n++, text.substring(line.start(), line.end()), line.rule(), line.removed()));
                }
                break;
            }
        }
        return new Annotation(verdict, why, lines, lineStep);
    }

    static String opText(Check.Op op) {
        return switch (op) {
            case LT -> "<";
            case GT -> ">";
            case NOT_GT -> "≤";
        };
    }

    // What the other views need

    /** The sample Tune decides over, or null. */
    public Sample sample() {
        return sample.get();
    }

    /** The measured metrics of the current config, or null while measuring. */
    public MetricTable table() {
        return table;
    }

    /** Ids, hosts and tokens of the sample's rows, or null while measuring. */
    public RowKeys keys() {
        return keys;
    }

    public StepCatalog catalog() {
        return catalog;
    }

    /** The shared measures (for views that measure another config over the same sample). */
    public StepResources measures() {
        return measures;
    }

    /** The current config with only its enabled steps: what the decisions were computed from. */
    public PipelineConfig enabledConfig() {
        return config.get().withSteps(config.get().steps().stream().filter(StepConfig::enabled).toList());
    }

    /** Uses an already measured table (benchmarks and tests): decides at once, no background work. */
    public void setMeasured(Sample s, MetricTable t, RowKeys k) {
        generation.incrementAndGet();
        sample.set(s);
        table = t;
        keys = k;
        decisions.set(null);
        decide();
    }

    // Labels

    /** Changes whenever a label is given or cleared. */
    public javafx.beans.property.ReadOnlyIntegerProperty labelVersionProperty() {
        return labelVersion.getReadOnlyProperty();
    }

    /** Labels of this folder's documents given so far. */
    public javafx.beans.property.ReadOnlyIntegerProperty labelCountProperty() {
        return labelCount.getReadOnlyProperty();
    }

    /** Marks a document of the sample good or bad (null clears); saved in the workspace at once. */
    public void label(int row, Labels.Label label) {
        Sample s = sample.get();
        if (labels == null || s == null || row < 0 || row >= s.size()) {
            return;
        }
        try {
            labels.set(s.id(row), s.url(row), label);
            labelCount.set(labels.size());
            labelVersion.set(labelVersion.get() + 1);
            error.set("");
        } catch (java.io.IOException e) {
            error.set("Cannot save the label: " + e.getMessage());
        }
        refreshList();
        inspector.refreshAnnotation();
    }

    /** Labels the document shown in the inspector. */
    public void labelShown(Labels.Label label) {
        label(inspector.rowProperty().get(), label);
    }

    /** The label of a row, or null. */
    public Labels.Label labelOf(int row) {
        Sample s = sample.get();
        return labels == null || s == null || row < 0 || row >= s.size() ? null : labels.get(s.id(row));
    }

    /**
     * Writes every label of this folder as JSON lines: id, url, label, when, and for documents of the
     * current sample their text and the pipeline's decision (the training data of a quality classifier).
     */
    public void exportLabels(Path file) throws java.io.IOException {
        if (labels == null) {
            throw new java.io.IOException("no folder is open");
        }
        Sample s = sample.get();
        Decisions d = decisions.get();
        Map<String, Integer> rows = new java.util.HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            rows.put(s.id(i), i);
        }
        labels.export(file, e -> {
            Integer row = rows.get(e.id());
            if (row == null) {
                return Map.of("in_sample", false);
            }
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("in_sample", true);
            m.put("text", s.document(row).text());
            if (d != null) {
                m.put("kept", d.kept(row));
                m.put("removed_by", d.kept(row) ? null : d.steps().get(d.removedBy(row)));
                m.put("reason", d.reason(row));
            }
            return m;
        });
    }

    public FullRunModel fullRun() {
        return fullRun;
    }

    // Export

    /** Loads a config file (YAML or JSON), replacing the current pipeline; problems name the file and field. */
    public void loadConfig(java.nio.file.Path file) throws java.io.IOException, org.loupe.engine.pipeline.ConfigException {
        apply(loader.read(file), true);
    }

    /** Saves the current config (YAML for .yaml/.yml, else JSON) atomically. */
    public void saveConfig(java.nio.file.Path file) throws java.io.IOException {
        loader.write(config.get(), file);
    }

    /** Saves the equivalent datatrove script. */
    public void saveDatatrove(java.nio.file.Path file) throws java.io.IOException {
        org.loupe.engine.io.AtomicFiles.writeString(file, org.loupe.engine.pipeline.DatatroveScript.render(config.get(), catalog));
    }

    /** Saves the HTML run report of the current decisions over the sample. */
    public void saveReport(java.nio.file.Path file) throws java.io.IOException {
        Snapshot snap = snapshot;
        if (snap == null) {
            throw new java.io.IOException("the sample is not decided yet");
        }
        String description = snap.sample() == null ? "" : String.format("%s: %,d documents, seed %d",
                snap.sample().manifest().folder(), snap.sample().size(), snap.sample().spec().seed());
        org.loupe.engine.report.RunReport.write(new org.loupe.engine.report.RunReport.Input(
                config.get().name() == null ? "Loupe run report" : "Loupe run report: " + config.get().name(),
                description, snap.config(), catalog, snap.table(), snap.decisions(), java.time.Instant.now(),
                org.loupe.app.LoupeCommand.version()), file);
    }

    static String formatOverrides(List<StepConfig.DomainOverride> overrides) {
        List<String> parts = new ArrayList<>();
        for (StepConfig.DomainOverride o : overrides) {
            List<String> kv = new ArrayList<>();
            o.params().forEach((k, v) -> kv.add(k + "=" + format(v)));
            parts.add(String.join(" ", o.domains()) + ": " + String.join(", ", kv));
        }
        return String.join("; ", parts);
    }

    /** Parses {@code a.com b.org: p=1, q=2; c.net: p=3} against the step's parameters. */
    static List<StepConfig.DomainOverride> parseOverrides(StepType type, String text) {
        List<StepConfig.DomainOverride> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + part.trim() + "': expected 'domains: param=value, …'");
            }
            List<String> domains = List.of(part.substring(0, colon).trim().split("[\\s,]+"));
            Map<String, Object> params = new java.util.LinkedHashMap<>();
            for (String kv : part.substring(colon + 1).split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("'" + kv.trim() + "': expected param=value");
                }
                String key = kv.substring(0, eq).trim();
                ParamSpec spec = type.param(key).orElseThrow(() -> new IllegalArgumentException("no parameter " + key));
                params.put(key, parse(spec, kv.substring(eq + 1)));
            }
            out.add(new StepConfig.DomainOverride(domains, params));
        }
        return out;
    }

    /** A bin edge for an axis label: three significant digits. */
    public static String shortNumber(double v) {
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
