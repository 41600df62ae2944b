package org.loupe.app.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.loupe.engine.task.EngineTask;
import org.loupe.engine.task.TaskContext;

/**
 * Adapts {@link EngineTask}s to {@link javafx.concurrent.Task}s on a small daemon pool. Progress and
 * messages reach the task panel through the Task's properties; the running tasks are listed in
 * {@link #running()} (FX thread only).
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService executor;
    /** Waits for {@link #after}: one daemon thread that only hands actions to the FX thread. */
    private final java.util.concurrent.ScheduledThreadPoolExecutor clock = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "loupe-clock");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

    public FxTaskRunner(int threads) {
        clock.setRemoveOnCancelPolicy(true);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Tasks that are running now. Read on the FX thread. */
    public ObservableList<Task<?>> running() {
        return running;
    }

    @Override
    public <T> Handle run(String title, EngineTask<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(title, work, onSuccess, onFailure, () -> { });
    }

    @Override
    public <T> Handle run(String title, EngineTask<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                          Runnable onCancelled) {
        if (executor.isShutdown()) {
            // The window is closing: late listeners (a decision arriving after close) start nothing.
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
        Task<T> task = new Task<>() {
            {
                updateTitle(title);
            }

            @Override
            protected T call() throws Exception {
                Task<T> self = this;
                return work.call(new TaskContext() {
                    @Override
                    public void progress(long done, long total) {
                        updateProgress(done, total <= 0 ? -1 : total);
                    }

                    @Override
                    public void message(String message) {
                        updateMessage(message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled() || Thread.currentThread().isInterrupted();
                    }
                });
            }
        };
        task.setOnSucceeded(e -> {
            running.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.remove(task);
            Throwable error = task.getException();
            if (error instanceof CancellationException) {
                onCancelled.run();
            } else {
                onFailure.accept(error);
            }
        });
        task.setOnCancelled(e -> {
            running.remove(task);
            onCancelled.run();
        });
        Runnable add = () -> running.add(task);
        if (Platform.isFxApplicationThread()) {
            add.run();
        } else {
            Platform.runLater(add);
        }
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed between the check above and here (close runs on another thread): start nothing
            later(() -> running.remove(task));
            task.cancel(false);
        }
        return new Handle() {
            @Override
            public void cancel() {
                // No interrupt (see Handle#cancel): the work stops at its next isCancelled() check.
                task.cancel(false);
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }
        };
    }

    @Override
    public void later(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public Handle after(java.time.Duration delay, Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.Future<?> waiting;
        try {
            waiting = clock.schedule(() -> Platform.runLater(() -> {
                if (!cancelled.get() && done.compareAndSet(false, true)) {
                    action.run();
                }
            }), delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            done.set(true);
            waiting = null;
        }
        java.util.concurrent.Future<?> timer = waiting;
        return new Handle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                if (timer != null) {
                    timer.cancel(false);
                }
            }

            @Override
            public boolean isDone() {
                return done.get() || cancelled.get();
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
        clock.shutdownNow();
    }
}
