package org.loupe.app.tune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.context.AppContext;
import org.loupe.app.common.RowList;
import org.loupe.app.document.Annotation;
import org.loupe.app.document.DocumentViewModel;
import org.loupe.app.session.PipelineEdits;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.filter.Check;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.workspace.Labels;

/**
 * Tune: the session's pipeline over its sample, decided live. This view model holds what the Tune view
 * shows — the steps and the selected one, the cascade, the summary — and hands the rest to its parts:
 * {@link ParameterEditor} (the parameter table, typed and dragged thresholds), {@link StepHistogram} (the
 * selected metric's histogram and thresholds), {@link StepDocuments} (the document lists),
 * and {@link PipelineExports} (files). The sample,
 * config, measurements, decisions and labels belong to the shared {@link SampleSession}.
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

    /** One row of a document list: the sample row, what identifies it, the selected metric's value and its fate. */
    public record DocRow(int row, String id, String domain, String value, String status, long tokens) { }

    /** What the document list shows. */
    public enum ListKind {
        /** Every document the selected step removed (after the steps before it). */
        REMOVED_BY_STEP,
        /** Seeded random documents the selected step removed, ten at a time. */
        RANDOM_REMOVED,
        /** Seeded random documents that passed the selected step and every step before it, ten at a time. */
        RANDOM_KEPT,
        /** The documents in one bin of the histogram. */
        BIN
    }

    /** The pseudo-parameter of a step's keep fraction (Loupe's, not the reference's). */
    public static final String KEEP_FRACTION = "step.keep_fraction";
    /** The pseudo-parameter of a step's per-domain overrides. */
    public static final String OVERRIDES = "step.overrides";
    /** Page size of the random lists. */
    public static final int PAGE = 10;

    private final SampleSession session;
    private final IntegerProperty selectedStep = new SimpleIntegerProperty(-1);
    private final ObservableList<StepConfig> steps = FXCollections.observableArrayList();
    private final ObservableList<CascadeRow> cascade = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No sample");
    private final ReadOnlyStringWrapper stepStats = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper parametersTitle = new ReadOnlyStringWrapper("Parameters");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final StepHistogram histogram;
    private final ParameterEditor parameters;
    private final StepDocuments documents;
    private final PipelineExports exports;
    private final DocumentViewModel inspector;
    private final FullRunModel fullRun;

    /** A Tune with a session of its own (tests, benchmarks). */
    public TuneViewModel(AppContext context) {
        this(context, new SampleSession(context));
    }

    public TuneViewModel(AppContext context, SampleSession session) {
        this.session = session;
        this.histogram = new StepHistogram(session, selectedStep::get);
        this.parameters = new ParameterEditor(session, selectedStep::get, histogram::selectedChecks, error::set);
        this.documents = new StepDocuments(session, selectedStep::get, histogram);
        this.exports = new PipelineExports(context, session);
        this.inspector = session.inspector();
        this.fullRun = new FullRunModel(context, this, session::config, session.catalog());
        steps.setAll(session.config().steps());
        session.errorProperty().addListener((o, a, b) -> error.set(b));
        session.sampleProperty().addListener((o, a, s) -> sampleChanged(s));
        session.configProperty().addListener((o, a, c) -> configChanged(c));
        session.decisionsProperty().addListener((o, a, d) -> {
            if (d != null) {
                decided(d);
            }
        });
        session.labels().versionProperty().addListener((o, a, b) -> documents.refresh());
        selectedStep.addListener((o, a, b) -> selectionChanged());
        // Open on the step with the most familiar thresholds (word counts), so the histogram shows at once.
        selectedStep.set(Math.max(0, session.config().indexOf(GopherQualityStep.NAME)));
        histogram.metricProperty().addListener((o, a, b) -> refreshHistogram());
        histogram.logScaleProperty().addListener((o, a, b) -> refreshHistogram());
    }

    /** The shared session this Tune edits. */
    public SampleSession session() {
        return session;
    }

    // Reacting to the session

    private void sampleChanged(Sample s) {
        cascade.clear();
        documents.clear();
        summary.set(s == null ? "No sample" : "Measuring the sample…");
    }

    private void configChanged(PipelineConfig next) {
        int sel = selectedStep.get();
        // The selection follows its step: a step added before it (Domains' "block"), or a move, shifts its index.
        String selected = sel >= 0 && sel < steps.size() ? steps.get(sel).stepName() : null;
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
        int to = selected == null ? -1 : next.indexOf(selected);
        if (to < 0) {
            to = Math.min(Math.max(sel, 0), steps.size() - 1);
        }
        if (to != selectedStep.get()) {
            selectedStep.set(to);
        } else if (selected == null || to < 0 || !steps.get(to).stepName().equals(selected)) {
            // Another step now stands at the selected index (the selected one was removed): show it.
            selectionChanged();
        } else {
            parameters.refresh(session.table() != null);
            refreshTitle();
        }
    }

    /** The selected step changed (or another step took its place): its parameters, histogram and lists. */
    private void selectionChanged() {
        refreshTitle();
        parameters.refresh(session.table() != null);
        refreshStepStats();
        histogram.refreshMetrics();
        documents.refresh();
    }

    private void refreshTitle() {
        int i = selectedStep.get();
        parametersTitle.set(i < 0 || i >= steps.size() ? "Parameters" : "Parameters of " + steps.get(i).stepName());
    }

    private void decided(Decisions d) {
        List<CascadeRow> rows = new ArrayList<>();
        for (Decisions.StepCounts c : d.counts()) {
            String reasons = String.join(", ", c.reasons().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                    .map(e -> e.getKey() + " " + e.getValue()).toList());
            rows.add(new CascadeRow(c.step(), c.removedDocs(), c.removedTokens(), c.uniqueDocs(), c.remainingDocs(),
                    c.remainingTokens(), reasons));
        }
        cascade.setAll(rows);
        long total = totalTokens(d);
        parameters.refresh(true);
        refreshStepStats();
        histogram.refreshMetrics();
        documents.refresh();
        summary.set(String.format("Kept %,d of %,d documents (%.1f%%) and %,d of %,d tokens (%.1f%%)", d.keptDocuments(),
                d.rows(), pct(d.keptDocuments(), d.rows()), d.keptTokens(), total, pct(d.keptTokens(), total)));
    }

    private void refreshHistogram() {
        histogram.refresh();
        if (documents.kindProperty().get() == ListKind.BIN) {
            documents.refresh();
        }
    }

    private static long totalTokens(Decisions d) {
        long total = 0;
        for (int i = 0; i < d.rows(); i++) {
            total += d.tokens(i);
        }
        return total;
    }

    private void refreshStepStats() {
        Decisions d = session.decisions();
        int index = selectedStep.get();
        if (d == null || index < 0 || index >= session.config().steps().size()) {
            stepStats.set("");
            return;
        }
        String name = session.config().steps().get(index).stepName();
        Decisions.StepCounts c = d.counts().stream().filter(x -> x.step().equals(name)).findFirst().orElse(null);
        if (c == null) {
            stepStats.set(name + " is off");
            return;
        }
        long docs = d.rows();
        long tokens = totalTokens(d);
        stepStats.set(String.format("%s removes %,d docs (%.1f%%) and %,d tokens (%.1f%%); alone %,d docs (%.1f%%), %,d tokens; "
                        + "it would drop %,d on its own · kept overall %,d docs (%.1f%%), %,d tokens (%.1f%%)", name,
                c.removedDocs(), pct(c.removedDocs(), docs), c.removedTokens(), pct(c.removedTokens(), tokens), c.uniqueDocs(),
                pct(c.uniqueDocs(), docs), c.uniqueTokens(), c.failDocs(), d.keptDocuments(), pct(d.keptDocuments(), docs),
                d.keptTokens(), pct(d.keptTokens(), tokens)));
    }

    private static double pct(long part, long whole) {
        return 100.0 * part / Math.max(1, whole);
    }

    // Properties

    /** The whole pipeline (read-only here: edits go through the commands, checked). */
    public ReadOnlyObjectProperty<PipelineConfig> configProperty() {
        return session.configProperty();
    }

    public ObservableList<StepConfig> steps() {
        return steps;
    }

    public IntegerProperty selectedStepProperty() {
        return selectedStep;
    }

    /** The heading of the parameter table: "Parameters of gopher_quality", the selected step's. */
    public ReadOnlyStringProperty parametersTitleProperty() {
        return parametersTitle.getReadOnlyProperty();
    }

    /** The parameters of the selected step. */
    public ObservableList<ParamRow> params() {
        return parameters.rows();
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
        return session.decisionsProperty();
    }

    /** The metrics of the selected step that a threshold compares, then the others it measured. */
    public ObservableList<String> metrics() {
        return histogram.metrics();
    }

    public ObjectProperty<String> metricProperty() {
        return histogram.metricProperty();
    }

    /** Log-spaced bins (for long-tailed metrics such as word counts). */
    public BooleanProperty logScaleProperty() {
        return histogram.logScaleProperty();
    }

    /** The selected metric's distribution under the current decisions (kept / removed by the step / by others). */
    public ReadOnlyObjectProperty<MetricHistogram> histogramProperty() {
        return histogram.histogramProperty();
    }

    /** The threshold(s) on the selected metric and what they do, in a sentence. */
    public ReadOnlyStringProperty histogramCaptionProperty() {
        return histogram.captionProperty();
    }

    /** The thresholds of the selected step on the selected metric (drawn on the histogram, draggable). */
    public ReadOnlyObjectProperty<List<Check>> thresholdsProperty() {
        return histogram.thresholdsProperty();
    }

    /**
     * What the selected step does, in documents and tokens: removed after the steps before it, removed by it
     * alone (no other step would), and what the pipeline keeps.
     */
    public ReadOnlyStringProperty stepStatsProperty() {
        return stepStats.getReadOnlyProperty();
    }

    // Commands

    /** A new sample for the session: measured for the current config in the background, then decided. */
    public void setSample(Sample s) {
        session.setSample(s);
    }

    /** Moves a step up (-1) or down (+1) in the pipeline; steps after a text-editing step see its edits. */
    public void moveStep(int index, int delta) {
        List<StepConfig> list = new ArrayList<>(session.config().steps());
        int to = index + delta;
        if (index < 0 || index >= list.size() || to < 0 || to >= list.size()) {
            return;
        }
        java.util.Collections.swap(list, index, to);
        session.replace(session.config().withSteps(list), true);
        selectedStep.set(to);
    }

    /** Switches a step on or off (a decision change, unless the step edits text). */
    public void setEnabled(int index, boolean on) {
        StepConfig step = session.config().steps().get(index);
        session.replace(session.config().withStep(index, step.withEnabled(on)),
                on || session.catalog().type(step.type()).orElseThrow().editsText());
    }

    /** Sets a parameter of the selected step from text; invalid values are reported, not applied. */
    public void setParam(String name, String text) {
        parameters.setParam(name, text);
    }

    /** Moves a threshold to a value (a drag on the histogram); decides at once. */
    public void moveThreshold(Check check, double value) {
        parameters.moveThreshold(check, value);
    }

    /** Sets a threshold to the exact number typed. */
    public void setThreshold(Check check, String text) {
        parameters.setThreshold(check, text);
    }

    /** Adds a domain to the URL filter's blocked domains (adding a URL step when there is none). */
    public void blockDomain(String domain) {
        PipelineEdits.blockDomain(session.config(), domain).ifPresent(c -> session.edit(c, true));
    }

    /** Removes the documents nearest one cluster of the map through the topic step. */
    public void dropTopic(String centroids, List<String> labels, String label) {
        PipelineEdits.dropTopic(session.config(), centroids, labels, label).ifPresent(e -> session.edit(e.config(), e.remeasure()));
    }

    /** Loads a preset. */
    public void usePreset(String name) {
        PipelineConfig preset = Presets.require(name);
        session.adopt(preset, org.loupe.app.session.PipelineOrigin.preset(name, preset), true);
    }

    // Document lists

    /** The documents the list shows (built lazily: a list of 100,000 rows costs one array). */
    public RowList<DocRow> documents() {
        return documents.documents();
    }

    public ReadOnlyStringProperty listTitleProperty() {
        return documents.titleProperty();
    }

    public ReadOnlyObjectProperty<ListKind> listKindProperty() {
        return documents.kindProperty();
    }

    /** Lists every document the selected step removed. */
    public void showRemoved() {
        documents.showRemoved();
    }

    /** Lists ten random documents the selected step removed (seeded); {@link #showMore()} adds ten. */
    public void showRandomRemoved() {
        documents.showRandomRemoved();
    }

    /** Lists ten random documents that went through the selected step (seeded); {@link #showMore()} adds ten. */
    public void showRandomKept() {
        documents.showRandomKept();
    }

    /** Ten more random documents. */
    public void showMore() {
        documents.showMore();
    }

    /** Another random draw (the next seed). */
    public void reshuffle() {
        documents.reshuffle();
    }

    /** Lists the documents in one bar of the histogram. */
    public void showBin(int bin) {
        documents.showBin(bin);
    }

    /** Opens a document of the sample in the Tune inspector. */
    public void open(int row) {
        session.open(row);
    }

    /** The Tune view's document inspector (text, why, line diff). */
    public DocumentViewModel inspector() {
        return inspector;
    }

    /** Explains one document under the last decisions: called off the FX thread by the inspectors. */
    public Annotation annotate(int row, Document doc) {
        return session.annotate(row, doc);
    }

    // What the other views need

    /** The sample Tune decides over, or null. */
    public Sample sample() {
        return session.sample();
    }

    /** The measured metrics of the current config, or null while measuring. */
    public MetricTable table() {
        return session.table();
    }

    /** Ids, hosts and tokens of the sample's rows, or null while measuring. */
    public RowKeys keys() {
        return session.keys();
    }

    public StepCatalog catalog() {
        return session.catalog();
    }

    /** The shared measures (for views that measure another config over the same sample). */
    public StepResources measures() {
        return session.measures();
    }

    /** The current config with only its enabled steps: what the decisions were computed from. */
    public PipelineConfig enabledConfig() {
        return session.enabledConfig();
    }

    /** Uses an already measured table (benchmarks and tests): decides at once, no background work. */
    public void setMeasured(Sample s, MetricTable t, RowKeys k) {
        session.setMeasured(s, t, k);
    }

    // Labels

    /** Changes whenever a label is given or cleared. */
    public ReadOnlyIntegerProperty labelVersionProperty() {
        return session.labels().versionProperty();
    }

    /** Labels of this folder's documents given so far. */
    public ReadOnlyIntegerProperty labelCountProperty() {
        return session.labels().countProperty();
    }

    /** Marks a document of the sample good or bad (null clears); saved in the workspace at once. */
    public void label(int row, Labels.Label label) {
        session.labels().label(row, label);
    }

    /** Labels the document shown in the inspector. */
    public void labelShown(Labels.Label label) {
        label(inspector.rowProperty().get(), label);
    }

    /** The label of a row, or null. */
    public Labels.Label labelOf(int row) {
        return session.labels().of(row);
    }

    public FullRunModel fullRun() {
        return fullRun;
    }

    // Files (in the background; the outcome is on exportStatusProperty)

    /** What the last file action did ("Saved …", "… failed: …"). */
    public ReadOnlyStringProperty exportStatusProperty() {
        return exports.statusProperty();
    }

    /** Loads a config file (YAML or JSON), replacing the current pipeline. */
    public void loadConfig(Path file) {
        exports.loadConfig(file);
    }

    /** Saves the current config (JSON for .json, else YAML), atomically. */
    public void saveConfig(Path file) {
        exports.saveConfig(file);
    }

    /** Saves the equivalent datatrove script. */
    public void saveDatatrove(Path file) {
        exports.saveDatatrove(file);
    }

    /** Saves the HTML run report of the current decisions over the sample. */
    public void saveReport(Path file) {
        exports.saveReport(file);
    }

    /** Writes every label of this folder as JSON lines, with the text and decision of sampled documents. */
    public void exportLabels(Path file) {
        exports.exportLabels(file);
    }

    /** A number to three significant digits, without trailing zeros. */
    public static String shortNumber(double v) {
        return org.loupe.app.common.Formats.shortNumber(v);
    }
}
