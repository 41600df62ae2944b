package org.loupe.engine.task;

/**
 * A unit of background work, FX-free. It reports through its {@link TaskContext} and checks for
 * cancellation at batch boundaries.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface EngineTask<T> {
    T call(TaskContext context) throws Exception;
}
