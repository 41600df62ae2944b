package org.loupe.engine.task;

/**
 * What a long-running engine task sees of its runner: progress reporting and cancellation.
 * Plain Java: the app adapts it to {@code javafx.concurrent.Task}, the CLI to a terminal progress bar,
 * tests to {@link #NONE}.
 */
public interface TaskContext {

    /** Reports progress as {@code done} out of {@code total} (in any unit; total may be 0 when unknown). */
    void progress(long done, long total);

    /** What a progress count counts, for contexts that show the numbers (the command line's progress bar). */
    enum Unit {
        /** Bytes of input read: shown as sizes. */
        BYTES,
        /** Documents (or sample rows): shown as a count of documents. */
        DOCUMENTS,
        /** Anything else (epochs, merges, passes): shown as a plain count. */
        ITEMS
    }

    /** Reports progress as {@code done} out of {@code total} {@code unit}s; by default as {@link #progress(long, long)}. */
    default void progress(long done, long total, Unit unit) {
        progress(done, total);
    }

    /** Reports what the task is doing now, in a short sentence. */
    void message(String message);

    /** True once the user asked to stop; long loops check this at batch boundaries. */
    boolean isCancelled();

    /**
     * Throws {@link java.util.concurrent.CancellationException} when cancelled, or when the current thread is a
     * worker whose siblings failed ({@link Workers#stopping()}).
     */
    default void checkCancelled() {
        if (isCancelled() || Workers.stopping()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }

    /** A context that ignores progress and is never cancelled. */
    TaskContext NONE = new TaskContext() {
        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
