package org.loupe.app.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.app.context.AppContext;
import org.loupe.app.document.Annotation;
import org.loupe.app.document.DocumentViewModel;
import org.loupe.app.task.LatestTask;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.ConfigException;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.sample.Sample;

/**
 * The workbench's one sample session: the sample, the pipeline being tuned, the measured metric table and
 * row keys, the live decisions, and the curator's labels. Every view model reads the sample and the
 * decisions from here and listens to its properties ({@link #decisionsProperty()} changes after every
 * edit, at once when only thresholds moved, after measuring in the background when a measure changed);
 * config edits from any view (Tune's sliders, Domains' "block", Clusters' "drop this topic") go through
 * {@link #edit}, which checks them as a config file is checked. Lives on the FX thread; off-thread readers
 * take a {@link #snapshot()}.
 */
public final class SampleSession {

    /** What one decision saw, consistent for readers off the FX thread (the inspectors' annotators). */
    public record Snapshot(Sample sample, PipelineConfig config, MetricTable table, RowKeys keys, Decisions decisions) { }

    private final AppContext context;
    private final StepCatalog catalog = BuiltinSteps.catalog(Set.of());
    /** One loader for every edit (a threshold drag validates on every event). */
    private final ConfigLoader loader = new ConfigLoader(catalog);
    private final StepResources measures;
    private final SessionLabels labels;
    private final WhyAnnotator annotator;
    private final DocumentViewModel inspector;
    private final LatestTask<Measured> measuring;
    private final DocumentRows documentRows;

    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PipelineOrigin> origin = new ReadOnlyObjectWrapper<>(defaultOrigin());
    private final ReadOnlyObjectWrapper<PipelineConfig> config = new ReadOnlyObjectWrapper<>(origin.get().config());
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Decisions> decisions = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private MetricTable table;
    private RowKeys keys;
    private volatile Snapshot snapshot;

    public SampleSession(AppContext context) {
        this.context = context;
        this.measures = new StepResources(EnglishTokenizer::shared, context.languageIdentifier());
        this.labels = new SessionLabels(context, this);
        this.measuring = new LatestTask<Measured>(context.tasks()).onFailure(reason -> error.set("Measuring failed: " + reason));
        this.annotator = new WhyAnnotator(this);
        this.inspector = new DocumentViewModel(context.tasks());
        inspector.annotatorProperty().set(annotator::annotate);
        decisions.addListener((o, a, d) -> inspector.refreshAnnotation());
        labels.versionProperty().addListener((o, a, v) -> inspector.refreshAnnotation());
        this.documentRows = new DocumentRows(this, context.tasks());
        sample.addListener((o, a, v) -> documentRows.reset());
        decisions.addListener((o, a, d) -> documentRows.changed());
        labels.versionProperty().addListener((o, a, v) -> documentRows.changed());
        config.addListener((o, a, c) -> modified.set(!c.equals(origin.get().config())));
        origin.addListener((o, a, c) -> modified.set(!config.get().equals(c.config())));
    }

    /** The pipeline the session starts with before any preset, file or remembered session: the FineWeb preset. */
    public static PipelineOrigin defaultOrigin() {
        return PipelineOrigin.preset(Presets.FINEWEB, Presets.require(Presets.FINEWEB));
    }

    // State

    public ReadOnlyObjectProperty<Sample> sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    /** The sample, or null. */
    public Sample sample() {
        return sample.get();
    }

    /** The whole pipeline being tuned (disabled steps included). */
    public ReadOnlyObjectProperty<PipelineConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    public PipelineConfig config() {
        return config.get();
    }

    /** The preset or config file the pipeline came from (the FineWeb preset at first). */
    public ReadOnlyObjectProperty<PipelineOrigin> originProperty() {
        return origin.getReadOnlyProperty();
    }

    public PipelineOrigin origin() {
        return origin.get();
    }

    /** Whether the pipeline differs from its origin (a changed threshold, a step switched, an override). */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** The config with only its enabled steps: what the decisions are computed from. */
    public PipelineConfig enabledConfig() {
        PipelineConfig c = config.get();
        return c.withSteps(c.steps().stream().filter(StepConfig::enabled).toList());
    }

    /** The live decisions of the enabled steps over the sample; null while there is none or it is measured. */
    public ReadOnlyObjectProperty<Decisions> decisionsProperty() {
        return decisions.getReadOnlyProperty();
    }

    public Decisions decisions() {
        return decisions.get();
    }

    /** The measured metrics of the current config, or null while measuring. */
    public MetricTable table() {
        return table;
    }

    /** Ids, hosts and tokens of the sample's rows, or null while measuring. */
    public RowKeys keys() {
        return keys;
    }

    /** What the last decision saw (null before the first), safe to read off the FX thread. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public StepCatalog catalog() {
        return catalog;
    }

    public ConfigLoader loader() {
        return loader;
    }

    /** The shared measures (for views that measure another config over the same sample). */
    public StepResources measures() {
        return measures;
    }

    public SessionLabels labels() {
        return labels;
    }

    /** The last problem (a rejected edit, a failed measurement, unreadable labels), or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the sample is being measured. */
    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring.runningProperty();
    }

    void reportError(String message) {
        error.set(message);
    }

    /**
     * The document inspector every view opens documents in (text, why kept or removed, line diff): one, so
     * a document opened in Domains is the one Tune's G / B keys label.
     */
    public DocumentViewModel inspector() {
        return inspector;
    }

    /**
     * The rows lists of documents show (id, domain, snippet, kept or removed under the live decisions), and
     * when to redraw them.
     */
    public DocumentRows documentRows() {
        return documentRows;
    }

    /** Opens a row of the sample in the inspector. */
    public void open(int row) {
        Sample s = sample.get();
        if (s != null && row >= 0 && row < s.size()) {
            inspector.show(s::document, row);
        }
    }

    /** Why a document is kept or removed under the last decisions; safe off the FX thread. */
    public Annotation annotate(int row, Document doc) {
        return annotator.annotate(row, doc);
    }

    // Commands

    /** A new sample: its labels are read, it is measured for the current config in the background, then decided. */
    public void setSample(Sample s) {
        cancelMeasuring();
        table = null;
        keys = null;
        snapshot = null;
        decisions.set(null);
        error.set("");
        inspector.clear();
        sample.set(s);
        labels.open(s == null ? null : Path.of(s.manifest().folder()));
        if (s != null) {
            measure();
        }
    }

    /**
     * Applies an edit of the pipeline after checking it as a config file is checked; problems are reported on
     * {@link #errorProperty()} and nothing changes.
     *
     * @param remeasure whether the edit changes what is measured (a measure parameter, an added step)
     * @return whether the edit was applied
     */
    public boolean edit(PipelineConfig next, boolean remeasure) {
        try {
            loader.check(next);
        } catch (ConfigException e) {
            error.set(String.join("; ", e.problems()));
            return false;
        }
        error.set("");
        replace(next, remeasure);
        return true;
    }

    /** Replaces the pipeline without checking it (presets and files are checked where they are read). */
    public void replace(PipelineConfig next, boolean remeasure) {
        config.set(next);
        Sample s = sample.get();
        if (s != null && (table == null || remeasure)) {
            measure();
        } else if (table != null) {
            // Also a table given without a sample (benchmarks): decisions only.
            decide();
        }
    }

    /**
     * Replaces the pipeline and what it came from (a preset chosen, a file opened, a remembered session):
     * the origin is set first, so the pipeline's listeners see whether it differs from it.
     */
    public void adopt(PipelineConfig next, PipelineOrigin from, boolean remeasure) {
        origin.set(from);
        replace(next, remeasure);
    }

    /** The pipeline is now what a file holds (it was just saved there): it no longer differs from its origin. */
    public void savedAs(java.nio.file.Path file, PipelineConfig saved) {
        origin.set(PipelineOrigin.file(file, saved));
    }

    /** Goes back to the pipeline of the origin (the preset or file as it was opened). */
    public void revert() {
        PipelineOrigin from = origin.get();
        if (!from.config().equals(config.get())) {
            replace(from.config(), true);
        }
    }

    /** Uses an already measured table (benchmarks and tests): decides at once, no background work. */
    public void setMeasured(Sample s, MetricTable t, RowKeys k) {
        cancelMeasuring();
        sample.set(s);
        table = t;
        keys = k;
        decisions.set(null);
        decide();
    }

    private void cancelMeasuring() {
        measuring.cancel();
    }

    private void measure() {
        Sample s = sample.get();
        PipelineConfig c = config.get();
        measuring.start("Measuring the sample", ctx -> {
            MetricTable t = new SampleMeasurements(s, catalog, measures, context.threads()).measure(c, ctx);
            long[] tokens = SampleMeasurements.tokens(s, c.tokenEncoding(), context.threads(), ctx);
            long[] ids = new long[s.size()];
            String[] hosts = new String[s.size()];
            for (int i = 0; i < s.size(); i++) {
                ids[i] = RowKeys.hashId(s.id(i));
                hosts[i] = s.host(i);
            }
            return new Measured(t, new RowKeys(ids, hosts, tokens));
        }, result -> {
            table = result.table();
            keys = result.keys();
            decide();
        });
    }

    private record Measured(MetricTable table, RowKeys keys) { }

    /** Decides the enabled steps over the measured sample (milliseconds), reusing unchanged steps. */
    private void decide() {
        PipelineConfig enabled = enabledConfig();
        Decisions d = Decisions.decide(enabled, catalog, table, keys, decisions.get());
        snapshot = new Snapshot(sample.get(), enabled, table, keys, d);
        decisions.set(d);
    }

    /** Steps of the pipeline, for views that add to it. */
    List<StepConfig> steps() {
        return config.get().steps();
    }
}
