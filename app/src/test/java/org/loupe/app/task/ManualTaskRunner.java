package org.loupe.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.loupe.engine.task.EngineTask;
import org.loupe.engine.task.TaskContext;

/**
 * A runner whose tasks wait until the test runs them ({@link Started#finish()}), on the test's thread, which
 * plays the worker and the UI thread alike. Like the FX runner, a cancelled task reports {@code onCancelled}
 * at once and never its success. For view-model tests that need a task to be on its way.
 */
public final class ManualTaskRunner implements TaskRunner {

    /** A submitted task. */
    public final class Started implements Handle {
        public final String title;
        private final EngineTask<?> work;
        private final Consumer<Object> onSuccess;
        private final Consumer<Throwable> onFailure;
        private final Runnable onCancelled;
        private boolean cancelled;
        private boolean done;
        private final List<String> messages = new ArrayList<>();

        @SuppressWarnings("unchecked")
        <T> Started(String title, EngineTask<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure, Runnable onCancelled) {
            this.title = title;
            this.work = work;
            this.onSuccess = (Consumer<Object>) onSuccess;
            this.onFailure = onFailure;
            this.onCancelled = onCancelled;
        }

        /** Runs the work now and reports its outcome as the FX runner would. */
        public void finish() {
            if (done && !cancelled) {
                throw new IllegalStateException("already finished: " + title);
            }
            Object result;
            try {
                result = work.call(new TaskContext() {
                    @Override
                    public void progress(long d, long total) {
                    }

                    @Override
                    public void message(String message) {
                        messages.add(message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled;
                    }
                });
            } catch (CancellationException e) {
                if (!done) {
                    done = true;
                    onCancelled.run();
                }
                return;
            } catch (Exception e) {
                if (!done) {
                    done = true;
                    onFailure.accept(e);
                }
                return;
            }
            if (!done) {
                done = true;
                onSuccess.accept(result);
            }
        }

        /** The user's cancel in the task panel. */
        public void cancelFromPanel() {
            cancel();
        }

        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void cancel() {
            if (!done) {
                cancelled = true;
                done = true;
                onCancelled.run();
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    public final List<Started> started = new ArrayList<>();

    @Override
    public <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(title, task, onSuccess, onFailure, () -> { });
    }

    @Override
    public <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                          Runnable onCancelled) {
        Started s = new Started(title, task, onSuccess, onFailure, onCancelled);
        started.add(s);
        return s;
    }

    @Override
    public void later(Runnable action) {
        action.run();
    }

    /** The task submitted last. */
    public Started last() {
        return started.get(started.size() - 1);
    }
}
