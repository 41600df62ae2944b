package org.loupe.app.task;

import java.util.function.Consumer;
import org.loupe.engine.task.EngineTask;

/**
 * Runs engine tasks in the background and delivers their outcome on the UI thread. View models call
 * only this; production uses {@link FxTaskRunner}, tests use {@link ImmediateTaskRunner}.
 */
public interface TaskRunner {

    /**
     * Starts a task.
     *
     * @param title     what the task panel shows ("Sampling c4/")
     * @param task      the work; reports progress and checks cancellation through its context
     * @param onSuccess called on the UI thread with the result
     * @param onFailure called on the UI thread with the error (not called when cancelled)
     * @return a handle to cancel the task
     */
    <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * As {@link #run(String, EngineTask, Consumer, Consumer)}, and {@code onCancelled} on the UI thread when the
     * task is cancelled (from the task panel or through its handle) or stops with a
     * {@link java.util.concurrent.CancellationException}. Runners that cannot tell never call it.
     */
    default <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                           Runnable onCancelled) {
        return run(title, task, onSuccess, onFailure);
    }

    /** Runs an action on the UI thread (soon, or at once when already there): for results a task hands on midway. */
    void later(Runnable action);

    /**
     * Runs an action on the UI thread once a delay has passed (a pause in the curator's edits), unless the
     * returned handle cancels it first. This default has no clock and runs the action at once, as the
     * immediate runner of tests runs everything; the FX runner waits.
     */
    default Handle after(java.time.Duration delay, Runnable action) {
        later(action);
        return new Handle() {
            @Override
            public void cancel() {
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }

    /** A started task. */
    interface Handle {
        /**
         * Asks the task to stop: its context says it is cancelled from now on, and it delivers no outcome. The
         * worker thread is not interrupted: an interrupt closes any file channel the thread is reading, such as
         * the sample's store that every view shares.
         */
        void cancel();

        boolean isDone();
    }
}
