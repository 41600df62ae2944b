package org.loupe.app.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.loupe.engine.task.EngineTask;

/** Runs tasks at once like {@link ImmediateTaskRunner}, but waits with {@link #after} until the test lets time {@link #pass()}. */
public final class ClockedTaskRunner implements TaskRunner {
    private final ImmediateTaskRunner immediate = new ImmediateTaskRunner();
    private final List<Waiting> waiting = new ArrayList<>();

    private static final class Waiting implements Handle {
        final Runnable action;
        boolean cancelled;
        boolean done;

        Waiting(Runnable action) {
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }
    }

    @Override
    public <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return immediate.run(title, task, onSuccess, onFailure);
    }

    @Override
    public <T> Handle run(String title, EngineTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                          Runnable onCancelled) {
        return immediate.run(title, task, onSuccess, onFailure, onCancelled);
    }

    @Override
    public void later(Runnable action) {
        action.run();
    }

    @Override
    public Handle after(Duration delay, Runnable action) {
        Waiting w = new Waiting(action);
        waiting.add(w);
        return w;
    }

    /** Time passes: every wait not cancelled ends, in the order started. */
    public void pass() {
        List<Waiting> now = new ArrayList<>(waiting);
        waiting.clear();
        for (Waiting w : now) {
            if (!w.cancelled) {
                w.done = true;
                w.action.run();
            }
        }
    }

    /** Waits not yet ended nor cancelled. */
    public long waiting() {
        return waiting.stream().filter(w -> !w.cancelled).count();
    }
}
