package org.loupe.app.task;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.loupe.engine.task.EngineTask;
import org.loupe.engine.task.TaskContext;

/** Runs tasks synchronously on the calling thread: makes asynchronous view models deterministic in tests. */
public final class ImmediateTaskRunner implements TaskRunner {
    @Override
    public <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(title, task, onSuccess, onFailure, () -> { });
    }

    @Override
    public <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                          Runnable onCancelled) {
        try {
            T result = task.call(TaskContext.NONE);
            onSuccess.accept(result);
        } catch (CancellationException e) {
            // Cancelled: no outcome, like the FX runner.
            onCancelled.run();
        } catch (Exception e) {
            onFailure.accept(e);
        }
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

    @Override
    public void later(Runnable action) {
        action.run();
    }
}
