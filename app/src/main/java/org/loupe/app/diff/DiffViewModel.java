package org.loupe.app.diff;

import org.loupe.app.common.Formats;
import java.util.ArrayList;
import java.util.List;
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
import org.loupe.app.context.AppContext;
import org.loupe.app.common.RowList;
import org.loupe.app.task.LatestTask;
import org.loupe.app.session.PinnedBaseline;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.DecisionDiff;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.StepOverlap;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.sample.Sample;

/**
 * Diffs: the current pipeline against a pinned baseline (the pipeline as it was when pinned, or a
 * preset). Per step and overall, the documents newly removed and newly kept, with the metric that
 * decided and the old and new thresholds; and which steps remove the same documents (overlap).
 */
public final class DiffViewModel {

    /** One line of the per-step table; the first is the pipeline overall. */
    public record StepRow(String step, long baselineDrops, long currentDrops, long newlyRemoved, long newlyRemovedTokens,
                          long newlyKept, long newlyKeptTokens) { }

    /** One document of a diff list. */
    public record DiffRow(int row, String id, String domain, String metric, String value, String oldThreshold,
                          String newThreshold, String before, String now, long tokens) { }

    /** Which side of the diff the list shows. */
    public enum Side { NEWLY_REMOVED, NEWLY_KEPT }

    /** The "step" that stands for the whole pipeline in the step table. */
    public static final String OVERALL = "(pipeline)";

    private final AppContext context;
    private final SampleSession session;
    private final LatestTask<Baseline> measuring;

    private final ReadOnlyStringWrapper baselineName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Pin a baseline to compare the pipeline with it");
    private final ReadOnlyObjectWrapper<DecisionDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<StepOverlap> overlap = new ReadOnlyObjectWrapper<>();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(0);
    private final ObjectProperty<Side> side = new SimpleObjectProperty<>(Side.NEWLY_REMOVED);
    private final RowList<DiffRow> documents = new RowList<>(this::diffRow);
    private final ReadOnlyStringWrapper listTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PinnedBaseline> pinned = new ReadOnlyObjectWrapper<>();
    /** A remembered baseline waiting for the sample to be measured. */
    private PinnedBaseline pending;

    private PipelineConfig baselineConfig;
    private PipelineConfig currentConfig;
    private Decisions baseline;
    private MetricTable baselineTable;

    /** A preset measured over the sample: the baseline it gives. */
    private record Baseline(Sample sample, PipelineConfig config, MetricTable table, Decisions decisions) { }

    public DiffViewModel(AppContext context, SampleSession session) {
        this.context = context;
        this.session = session;
        this.measuring = new LatestTask<Baseline>(context.tasks())
                .onFailure(reason -> summary.set("Measuring the baseline failed: " + reason));
        session.decisionsProperty().addListener((o, a, d) -> {
            if (d == null) {
                // A new sample: the baseline's decisions were over the old one.
                if (session.table() == null) {
                    dropBaseline();
                }
                return;
            }
            if (pending != null) {
                PinnedBaseline p = pending;
                pending = null;
                pin(p.config(), p.name());
            }
            recompute();
        });
        selected.addListener((o, a, b) -> refreshList());
        side.addListener((o, a, b) -> refreshList());
    }

    // Properties

    public ReadOnlyStringProperty baselineNameProperty() {
        return baselineName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DecisionDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** How many documents each pair of steps both remove (under the current pipeline). */
    public ReadOnlyObjectProperty<StepOverlap> overlapProperty() {
        return overlap.getReadOnlyProperty();
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    /** The selected line of the step table (0 = the pipeline overall). */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ObjectProperty<Side> sideProperty() {
        return side;
    }

    public RowList<DiffRow> documents() {
        return documents;
    }

    public ReadOnlyStringProperty listTitleProperty() {
        return listTitle.getReadOnlyProperty();
    }

    public boolean hasBaseline() {
        return baseline != null;
    }

    /** The pinned baseline (null: none); changes with every pin and clear. */
    public ReadOnlyObjectProperty<PinnedBaseline> pinnedProperty() {
        return pinned.getReadOnlyProperty();
    }

    /** The baseline to remember: the pinned one, or the one waiting to be pinned again; null when none. */
    public PinnedBaseline baselineToKeep() {
        return pending != null ? pending : pinned.get();
    }

    // Commands

    /** Pins the pipeline as it is now as the baseline. */
    public void pinCurrent() {
        Decisions d = session.decisions();
        if (d == null) {
            summary.set("Nothing to pin yet: the sample is still being measured");
            return;
        }
        measuring.cancel();
        baselineConfig = session.enabledConfig();
        baselineTable = session.table();
        baseline = d;
        baselineName.set("the pipeline as pinned (" + session.config().name() + ")");
        pinned.set(new PinnedBaseline(baselineConfig, baselineName.get()));
        recompute();
    }

    /**
     * Pins a remembered baseline again: measured over the sample once it is measured (at once when it is),
     * then compared as if pinned by hand. Null forgets any baseline waiting.
     */
    public void restoreBaseline(PinnedBaseline remembered) {
        pending = null;
        if (remembered == null) {
            return;
        }
        if (session.keys() != null && session.sample() != null) {
            pin(remembered.config(), remembered.name());
        } else {
            pending = remembered;
        }
    }

    /** Uses a preset as the baseline: it is measured over the same sample in the background (cached per step). */
    public void pinPreset(String name) {
        Sample s = session.sample();
        if (s == null || session.keys() == null) {
            summary.set("Open a sample first");
            return;
        }
        PipelineConfig preset = Presets.require(name);
        pin(preset.withSteps(preset.steps().stream().filter(StepConfig::enabled).toList()), "the preset " + name);
    }

    /** Measures a pipeline's enabled steps over the sample in the background and pins it as the baseline. */
    private void pin(PipelineConfig enabled, String name) {
        Sample s = session.sample();
        var keys = session.keys();
        summary.set("Measuring the sample for " + name + "…");
        measuring.start("Measuring the baseline", ctx -> {
            MetricTable t = new SampleMeasurements(s, session.catalog(), session.measures(), context.threads()).measure(enabled, ctx);
            return new Baseline(s, enabled, t, Decisions.decide(enabled, session.catalog(), t, keys));
        }, b -> {
            if (session.sample() == b.sample()) {
                baselineConfig = b.config();
                baselineTable = b.table();
                baseline = b.decisions();
                baselineName.set(name);
                pinned.set(new PinnedBaseline(b.config(), name));
                recompute();
            }
        });
    }

    public void clearBaseline() {
        pending = null;
        dropBaseline();
    }

    private void dropBaseline() {
        measuring.cancel();
        pinned.set(null);
        baseline = null;
        baselineConfig = null;
        baselineTable = null;
        baselineName.set("");
        diff.set(null);
        steps.clear();
        documents.setRows(new int[0]);
        listTitle.set("");
        summary.set("Pin a baseline to compare the pipeline with it");
        Decisions d = session.decisions();
        overlap.set(d == null ? null : StepOverlap.of(d));
    }

    private void recompute() {
        Decisions current = session.decisions();
        overlap.set(current == null ? null : StepOverlap.of(current));
        if (baseline == null || current == null || baseline.rows() != current.rows()) {
            if (baseline != null && current != null) {
                dropBaseline();
            }
            return;
        }
        currentConfig = session.enabledConfig();
        DecisionDiff dd = DecisionDiff.of(baseline, current);
        diff.set(dd);
        List<StepRow> rows = new ArrayList<>();
        rows.add(new StepRow(OVERALL, baseline.rows() - baseline.keptDocuments(), current.rows() - current.keptDocuments(),
                dd.newlyRemoved().length, dd.newlyRemovedTokens(), dd.newlyKept().length, dd.newlyKeptTokens()));
        for (DecisionDiff.StepDiff s : dd.steps()) {
            rows.add(new StepRow(s.step(), s.baselineDrops(), s.currentDrops(), s.newlyRemoved().length,
                    s.newlyRemovedTokens(), s.newlyKept().length, s.newlyKeptTokens()));
        }
        int sel = selected.get();
        steps.setAll(rows);
        summary.set(String.format("Against %s: %,d documents (%,d tokens) newly removed, %,d (%,d tokens) newly kept; "
                        + "kept %,d → %,d", baselineName.get(), dd.newlyRemoved().length, dd.newlyRemovedTokens(),
                dd.newlyKept().length, dd.newlyKeptTokens(), baseline.keptDocuments(), current.keptDocuments()));
        selected.set(Math.max(0, Math.min(sel, rows.size() - 1)));
        refreshList();
    }

    private void refreshList() {
        DecisionDiff dd = diff.get();
        int sel = selected.get();
        if (dd == null || sel < 0 || sel >= steps.size()) {
            documents.setRows(new int[0]);
            listTitle.set("");
            return;
        }
        boolean removed = side.get() == Side.NEWLY_REMOVED;
        int[] rows;
        String what;
        if (sel == 0) {
            rows = removed ? dd.newlyRemoved() : dd.newlyKept();
            what = "by the pipeline";
        } else {
            DecisionDiff.StepDiff s = dd.steps().get(sel - 1);
            rows = removed ? s.newlyRemoved() : s.newlyKept();
            what = "by " + s.step();
        }
        documents.setRows(rows);
        listTitle.set(String.format("%,d documents newly %s %s", rows.length, removed ? "removed" : "kept", what));
    }

    private DiffRow diffRow(int row) {
        Sample s = session.sample();
        Decisions now = session.decisions();
        String id = s == null ? "row " + row : s.id(row);
        String domain = s == null || s.host(row) == null ? "" : s.host(row);
        String before = status(baseline, row);
        String after = status(now, row);
        long tokens = now == null ? 0 : now.tokens(row);
        int sel = selected.get();
        String stepName = sel <= 0 || sel >= steps.size() ? null : steps.get(sel).step();
        if (stepName == null) {
            // Overall: the step that decides the row now (or did before).
            stepName = now != null && !now.kept(row) ? now.steps().get(now.removedBy(row))
                    : baseline != null && !baseline.kept(row) ? baseline.steps().get(baseline.removedBy(row)) : null;
        }
        String metric = "";
        String value = "";
        String oldT = "";
        String newT = "";
        if (stepName != null) {
            Check newCheck = failing(currentConfig, session.table(), stepName, row);
            Check oldCheck = failing(baselineConfig, baselineTable, stepName, row);
            Check shown = side.get() == Side.NEWLY_REMOVED ? (newCheck != null ? newCheck : oldCheck)
                    : (oldCheck != null ? oldCheck : newCheck);
            if (shown != null) {
                metric = stepName + "." + shown.metric();
                MetricTable t = session.table();
                String column = MetricTable.name(stepName, shown.metric());
                value = t != null && t.has(column) ? Formats.shortNumber(t.column(column)[row]) : "";
                Check o = check(baselineConfig, baselineTable, stepName, shown.param(), shown.metric());
                Check n = check(currentConfig, session.table(), stepName, shown.param(), shown.metric());
                oldT = o == null ? "(step off)" : opText(o);
                newT = n == null ? "(step off)" : opText(n);
            }
        }
        return new DiffRow(row, id, domain, metric, value, oldT, newT, before, after, tokens);
    }

    private static String opText(Check c) {
        return switch (c.op()) {
            case LT -> "< ";
            case GT -> "> ";
            case NOT_GT -> "≤ ";
        } + Formats.shortNumber(c.threshold());
    }

    private static String status(Decisions d, int row) {
        if (d == null) {
            return "";
        }
        return d.kept(row) ? "kept" : d.steps().get(d.removedBy(row)) + ": " + d.reason(row);
    }

    /** The checks of a step of a config (empty when the step is absent or has no simple checks). */
    private List<Check> checks(PipelineConfig config, MetricTable table, String stepName) {
        if (config == null || table == null) {
            return List.of();
        }
        // Cells ask for rows often: compile each step's checks once per (config, table).
        boolean base = config == baselineConfig;
        CheckCache cache = base ? baselineCheckCache : checkCache;
        if (cache.config != config || cache.table != table) {
            cache = new CheckCache(config, table, new java.util.HashMap<>());
            if (base) {
                baselineCheckCache = cache;
            } else {
                checkCache = cache;
            }
        }
        return cache.checks.computeIfAbsent(stepName, n -> compileChecks(config, table, n));
    }

    private CheckCache checkCache = new CheckCache(null, null, new java.util.HashMap<>());
    private CheckCache baselineCheckCache = new CheckCache(null, null, new java.util.HashMap<>());

    private record CheckCache(PipelineConfig config, MetricTable table, java.util.Map<String, List<Check>> checks) { }

    private List<Check> compileChecks(PipelineConfig config, MetricTable table, String stepName) {
        int i = config.indexOf(stepName);
        if (i < 0) {
            return List.of();
        }
        StepConfig step = config.steps().get(i);
        StepType type = session.catalog().type(step.type()).orElse(null);
        if (type == null) {
            return List.of();
        }
        try {
            return type.decider(stepName, StepParams.of(type, step), table).checks();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The first check of the step that drops the row, or null. */
    private Check failing(PipelineConfig config, MetricTable table, String stepName, int row) {
        for (Check c : checks(config, table, stepName)) {
            String column = MetricTable.name(stepName, c.metric());
            if (table.has(column) && c.drops(table.column(column)[row])) {
                return c;
            }
        }
        return null;
    }

    private Check check(PipelineConfig config, MetricTable table, String stepName, String param, String metric) {
        for (Check c : checks(config, table, stepName)) {
            if (c.param().equals(param) && c.metric().equals(metric)) {
                return c;
            }
        }
        return null;
    }
}
