package org.loupe.app.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import org.loupe.app.context.AppContext;
import org.loupe.app.diff.DiffViewModel;
import org.loupe.app.session.SampleSession;
import org.loupe.app.session.SessionAutosave;
import org.loupe.app.session.SessionMemory;
import org.loupe.app.task.LatestTask;
import org.loupe.app.tune.TuneViewModel;

/**
 * Remembers the work on each folder (ADR 0017): the pipeline as tuned and its origin, the baseline pinned in
 * Diffs, the selected view and a few choices inside views are saved in the folder's session file as the
 * curator works (debounced, off the UI thread) and on closing, and restored when the folder or the demo is
 * opened again — before its sample is measured, so the first decisions shown are the remembered ones.
 * A damaged session file is reported once on {@link #noticeProperty()} and the defaults are used.
 */
final class FolderMemory implements AutoCloseable {
    static final String TUNE_STEP = "tune.step";
    static final String TUNE_METRIC = "tune.metric";
    static final String TUNE_LOG_SCALE = "tune.log_scale";
    static final String DIFFS_SIDE = "diffs.side";

    private final AppContext context;
    private final SampleSession session;
    private final TuneViewModel tune;
    private final DiffViewModel diff;
    private final ObjectProperty<MainViewModel.View> view;
    private final SessionMemory memory;
    private final SessionAutosave autosave;
    private final LatestTask<SessionMemory.Loaded> reading;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    /** The folder whose session is kept; null while none is open or while its session is read. */
    private Path folder;
    private boolean restoring;
    /** A remembered metric of Tune's histogram, until the measured step lists it. */
    private String pendingMetric;

    FolderMemory(AppContext context, SampleSession session, TuneViewModel tune, DiffViewModel diff,
                 ObjectProperty<MainViewModel.View> view, Duration delay) {
        this.context = context;
        this.session = session;
        this.tune = tune;
        this.diff = diff;
        this.view = view;
        this.memory = new SessionMemory(session.loader());
        this.autosave = new SessionAutosave(context.tasks(), memory, delay, notice::set);
        this.reading = new LatestTask<>(context.tasks());
        ChangeListener<Object> changed = (o, a, b) -> changed();
        session.configProperty().addListener(changed);
        session.originProperty().addListener(changed);
        diff.pinnedProperty().addListener(changed);
        diff.sideProperty().addListener(changed);
        view.addListener(changed);
        tune.selectedStepProperty().addListener(changed);
        tune.logScaleProperty().addListener(changed);
        tune.metricProperty().addListener((o, a, m) -> {
            if (pendingMetric != null && tune.metrics().contains(pendingMetric)) {
                String remembered = pendingMetric;
                pendingMetric = null;
                if (!remembered.equals(m)) {
                    // The step's metrics were listed again and the first taken: the remembered one wins.
                    tune.metricProperty().set(remembered);
                    return;
                }
            }
            changed();
        });
        tune.metrics().addListener((ListChangeListener<String>) c -> {
            if (pendingMetric != null && tune.metrics().contains(pendingMetric)
                    && pendingMetric.equals(tune.metricProperty().get())) {
                pendingMetric = null;
            }
        });
    }

    /** A notice for the curator (a damaged session file, a session that cannot be saved), or "". */
    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    void dismissNotice() {
        notice.set("");
    }

    /** The session file of a folder. */
    Path file(Path of) {
        return SessionMemory.file(context.workspace(), of);
    }

    /** Sessions written so far. */
    int writes() {
        return autosave.writes();
    }

    /** Another folder is being opened: changes from now on are not the current folder's (what waits is still written). */
    void leave() {
        folder = null;
        restoring = false;
        pendingMetric = null;
    }

    /**
     * Reads a folder's session in the background and restores it; {@code then} runs after, on the UI thread
     * (not at all when another folder is opened meanwhile).
     */
    void open(Path opened, Runnable then) {
        leave();
        restoring = true;
        Path file = file(opened);
        reading.start("", ctx -> memory.read(file), loaded -> {
            restore(loaded);
            restoring = false;
            folder = opened;
            then.run();
        }, reason -> {
            restoring = false;
            folder = opened;
            then.run();
        });
    }

    /** Whether the open folder's session is still being read. */
    boolean restoring() {
        return restoring;
    }

    private void restore(SessionMemory.Loaded loaded) {
        if (loaded instanceof SessionMemory.Restored r) {
            SessionMemory.State s = r.state();
            session.adopt(s.pipeline(), s.origin(), false);
            viewNamed(s.view());
            Map<String, String> choices = s.choices();
            int step = choices.containsKey(TUNE_STEP) ? s.pipeline().indexOf(choices.get(TUNE_STEP)) : -1;
            if (step >= 0) {
                tune.selectedStepProperty().set(step);
            }
            if (choices.containsKey(TUNE_LOG_SCALE)) {
                tune.logScaleProperty().set(Boolean.parseBoolean(choices.get(TUNE_LOG_SCALE)));
            }
            String metric = choices.get(TUNE_METRIC);
            if (metric != null) {
                tune.metricProperty().set(metric);
                pendingMetric = tune.metrics().contains(metric) ? null : metric;
            }
            sideNamed(choices.get(DIFFS_SIDE));
            diff.restoreBaseline(s.baseline());
        } else if (loaded instanceof SessionMemory.Damaged d) {
            SessionMemory.State defaults = defaults();
            session.adopt(defaults.pipeline(), defaults.origin(), false);
            diff.restoreBaseline(null);
            notice.set(d.message());
        } else {
            // Never opened: the pipeline in hand stays (a pipeline tuned on one folder, tried on another).
            diff.restoreBaseline(null);
        }
    }

    private static SessionMemory.State defaults() {
        var origin = SampleSession.defaultOrigin();
        return new SessionMemory.State(origin.config(), origin, null, null, Map.of());
    }

    private void viewNamed(String name) {
        for (MainViewModel.View v : MainViewModel.View.values()) {
            if (v.name().equals(name)) {
                view.set(v);
            }
        }
    }

    private void sideNamed(String name) {
        for (DiffViewModel.Side s : DiffViewModel.Side.values()) {
            if (s.name().equals(name)) {
                diff.sideProperty().set(s);
            }
        }
    }

    /** What to remember now; cheap (immutable values), taken on the UI thread. */
    SessionMemory.State capture() {
        Map<String, String> choices = new LinkedHashMap<>();
        var steps = session.config().steps();
        int step = tune.selectedStepProperty().get();
        if (step >= 0 && step < steps.size()) {
            choices.put(TUNE_STEP, steps.get(step).stepName());
        }
        String metric = pendingMetric != null ? pendingMetric : tune.metricProperty().get();
        if (metric != null) {
            choices.put(TUNE_METRIC, metric);
        }
        choices.put(TUNE_LOG_SCALE, Boolean.toString(tune.logScaleProperty().get()));
        choices.put(DIFFS_SIDE, diff.sideProperty().get().name());
        return new SessionMemory.State(session.config(), session.origin(), diff.baselineToKeep(), view.get().name(), choices);
    }

    private void changed() {
        Path f = folder;
        if (f == null || restoring) {
            return;
        }
        autosave.changed(file(f), f, capture());
    }

    /** Writes what waits, now (the window closes). */
    @Override
    public void close() {
        reading.cancel();
        autosave.close();
    }
}
