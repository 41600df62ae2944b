package org.loupe.app.task;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.engine.task.TaskContext;

/**
 * One kind of background job of a view model (training a tokenizer, loading a document, searching): only
 * the latest start counts. Starting again stops the run before it and {@link #cancel()} stops the current
 * one; the outcome of a run that is no longer the latest is dropped silently (a value is handed to
 * {@link #onDiscard} so that it can be closed). Failures reach {@link #onFailure} as a readable reason
 * ({@link ErrorMessages#readable}) and {@link #errorProperty()}; {@link #runningProperty()} says whether a
 * run is on its way, for views to disable buttons. Progress and messages go to the task panel through the
 * work's context; a run's title says what it does there (an empty title keeps a quick run out of it).
 *
 * <p>Outcomes arrive on the UI thread through the {@link TaskRunner}: the FX runner in the app, the
 * immediate runner in tests (everything happens inside {@link #start}). Call every method on the UI thread.
 * A run cancelled from the task panel counts as {@link #cancel()}led. Cancelling never interrupts the worker
 * thread: the work sees {@link TaskContext#isCancelled()} and stops at its next check.
 *
 * <pre>{@code
 * LatestTask<Trained> training = new LatestTask<Trained>(context.tasks())
 *         .onFailure(reason -> summary.set("Training failed: " + reason));
 * training.start("Training a tokenizer", ctx -> train(rows, ctx), this::show);
 * trainButton.disableProperty().bind(training.runningProperty());
 * }</pre>
 *
 * @param <T> the result of a run
 */
public final class LatestTask<T> {

    /** The work of one run. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Context ctx) throws Exception;
    }

    /** What the work sees: progress, messages and cancellation, and a way to hand results on midway. */
    public interface Context extends TaskContext {
        /**
         * Hands a value on to the UI thread before the work ends (a first page of results, a partial index):
         * {@code use} gets it while this run is still the latest, {@code drop} otherwise (to close it).
         */
        <V> void handOn(V value, Consumer<? super V> use, Consumer<? super V> drop);

        /** Runs an action on the UI thread while this run is still the latest; nothing otherwise. */
        default void handOn(Runnable action) {
            handOn(action, Runnable::run, a -> { });
        }
    }

    private final TaskRunner tasks;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private Consumer<String> failureHandler = reason -> { };
    private Runnable cancelHandler = () -> { };
    private Consumer<? super T> discardHandler = result -> { };
    private boolean coalescing;

    /** The latest run: its outcome is used. Null when none is on its way. */
    private Run current;
    /** Coalescing: the run still executing (the latest or not). */
    private Run busy;
    /** Coalescing: the newest start asked while {@link #busy} executes. */
    private Runnable waiting;

    public LatestTask(TaskRunner tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    // Configuration

    /** Receives a failed run's reason in a few words (no exception class names), e.g. "disk full". */
    public LatestTask<T> onFailure(Consumer<String> handler) {
        failureHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Runs when the latest run is cancelled: by {@link #cancel()}, from the task panel, or by its own work. */
    public LatestTask<T> onCancelled(Runnable handler) {
        cancelHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Receives the results nobody will use (of runs that were no longer the latest), e.g. to close them. */
    public LatestTask<T> onDiscard(Consumer<? super T> handler) {
        discardHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * One run at a time: a start while a run executes asks that run to stop (its result is dropped) and
     * begins once it has ended; of the starts asked meanwhile only the newest begins. For quick jobs asked
     * in bursts (a search per decision change), so that they never pile up on the worker threads.
     */
    public LatestTask<T> coalescing() {
        coalescing = true;
        return this;
    }

    // Properties

    /** Whether a run is on its way (started, or waiting to start, and not yet ended, failed or cancelled). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** The reason the latest run failed; empty from the next start on, or when none did. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // Commands

    /**
     * Starts a run; the run before it, if any, is stopped and its outcome dropped.
     *
     * @param title     what the task panel shows ("" for a quick run it need not show)
     * @param work      the work, off the UI thread
     * @param onSuccess gets the result on the UI thread, if this run is still the latest when it ends
     */
    public void start(String title, Work<T> work, Consumer<? super T> onSuccess) {
        start(title, work, onSuccess, null);
    }

    /** As {@link #start(String, Work, Consumer)}, with this run's own failure handler instead of {@link #onFailure}'s. */
    public void start(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<String> onFailure) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(onSuccess, "onSuccess");
        error.set("");
        if (busy != null) {
            // coalescing: the executing run is asked to stop; this start waits for it to end
            busy.stop(false);
            current = null;
            waiting = () -> start(title, work, onSuccess, onFailure);
            refresh();
            return;
        }
        Run before = current;
        current = null;
        if (before != null) {
            before.stop(true);
        }
        waiting = null;
        Run run = new Run(onSuccess, onFailure == null ? failureHandler : onFailure);
        current = run;
        if (coalescing) {
            busy = run;
        }
        refresh();
        TaskRunner.Handle handle = tasks.run(title, ctx -> run.execute(work, ctx), ignored -> { }, run::runnerFailed,
                run::cancelled);
        run.handle(handle);
    }

    /**
     * Stops the latest run and drops its outcome (a waiting start too), then runs {@link #onCancelled}.
     *
     * @return whether anything was on its way
     */
    public boolean cancel() {
        boolean any = current != null || waiting != null;
        waiting = null;
        Run latest = current;
        current = null;
        if (latest != null) {
            latest.stop(true);
        }
        if (busy != null) {
            busy.stop(true);
        }
        refresh();
        if (any) {
            cancelHandler.run();
        }
        return any;
    }

    // Internals

    private void refresh() {
        running.set(current != null || waiting != null);
    }

    /** A coalesced start waiting for the run before it to end begins now. */
    private void startWaiting() {
        if (busy == null && waiting != null) {
            Runnable next = waiting;
            waiting = null;
            next.run();
        }
    }

    /** One start: its handle, whether it was asked to stop, and its outcome handlers. */
    private final class Run {
        private final Consumer<? super T> onSuccess;
        private final Consumer<String> onFailure;
        private volatile boolean stopped;
        private TaskRunner.Handle handle;
        /** The first outcome (success, failure, cancellation) has arrived on the UI thread. */
        private boolean over;
        /** What the work threw, so that a callback's own exception is not taken for it. */
        private volatile Throwable thrown;

        Run(Consumer<? super T> onSuccess, Consumer<String> onFailure) {
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        void handle(TaskRunner.Handle h) {
            handle = h;
            if (stopped && !over) {
                h.cancel();
            }
        }

        /** Asks the work to stop; {@code cancelTask} also cancels the task (it leaves the task panel at once). */
        void stop(boolean cancelTask) {
            stopped = true;
            if (cancelTask && handle != null && !handle.isDone()) {
                handle.cancel();
            }
        }

        /** On a worker thread: runs the work and posts its outcome to the UI thread. */
        Object execute(Work<T> work, TaskContext ctx) throws Exception {
            Context context = new Context() {
                @Override
                public void progress(long done, long total) {
                    ctx.progress(done, total);
                }

                @Override
                public void message(String message) {
                    ctx.message(message);
                }

                @Override
                public boolean isCancelled() {
                    return stopped || ctx.isCancelled();
                }

                @Override
                public <V> void handOn(V value, Consumer<? super V> use, Consumer<? super V> drop) {
                    tasks.later(() -> {
                        if (current == Run.this) {
                            use.accept(value);
                        } else {
                            drop.accept(value);
                        }
                    });
                }
            };
            T result;
            try {
                result = work.call(context);
            } catch (Throwable e) {
                thrown = e;
                if (context.isCancelled() || e instanceof CancellationException || e instanceof InterruptedException) {
                    tasks.later(this::cancelled);
                } else {
                    tasks.later(() -> failed(e));
                }
                if (e instanceof Exception x) {
                    throw x;
                }
                throw (Error) e;
            }
            // Delivered from here, not through the runner: a result of a task cancelled meanwhile still reaches
            // the discard handler (an open index is closed, not leaked).
            boolean cancelledMeanwhile = ctx.isCancelled();
            tasks.later(() -> {
                if (cancelledMeanwhile) {
                    cancelled();
                }
                succeeded(result);
            });
            return null;
        }

        private void succeeded(T result) {
            if (over || current != this) {
                discardHandler.accept(result);
                end();
                return;
            }
            end();
            current = null;
            refresh();
            onSuccess.accept(result);
        }

        private void failed(Throwable e) {
            if (over || current != this) {
                end();
                return;
            }
            end();
            current = null;
            String reason = ErrorMessages.readable(e);
            error.set(reason);
            refresh();
            onFailure.accept(reason);
        }

        /** Cancelled: from the task panel, or the work stopped with a cancellation. */
        void cancelled() {
            if (over) {
                return;
            }
            if (current != this) {
                end();
                return;
            }
            end();
            current = null;
            stopped = true;
            refresh();
            cancelHandler.run();
        }

        /** The runner reports a failure: the work's (already posted), or a success callback's own exception. */
        void runnerFailed(Throwable e) {
            if (e == thrown || e instanceof CancellationException) {
                return;
            }
            // An outcome handler threw (the immediate runner reports it here): let the caller see it.
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }

        /** The first outcome arrived: a coalesced start waiting for this run begins. */
        private void end() {
            if (over) {
                return;
            }
            over = true;
            if (busy == this) {
                busy = null;
                startWaiting();
            }
        }
    }
}
