package org.loupe.app.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Saves a folder's session as the curator works, without a write per slider event: each change replaces
 * the state waiting to be written and restarts a short delay; when the changes pause, one write, on a
 * background thread of its own. {@link #flush()} writes what waits at once (on closing the window);
 * a change for another folder writes the previous folder's state first.
 */
public final class SessionAutosave implements AutoCloseable {
    /** The pause after the last change before the session is written. */
    public static final Duration DELAY = Duration.ofMillis(500);

    private final SessionMemory memory;
    private final long delayMillis;
    private final Consumer<String> onFailure;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loupe-session-save");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final AtomicInteger writes = new AtomicInteger();
    private Pending pending;
    private ScheduledFuture<?> timer;
    private boolean closed;

    private record Pending(Path file, Path folder, SessionMemory.State state) { }

    /**
     * @param onFailure told (on the writing thread) when a session cannot be written, with a sentence
     */
    public SessionAutosave(SessionMemory memory, Duration delay, Consumer<String> onFailure) {
        this.memory = memory;
        this.delayMillis = delay.toMillis();
        this.onFailure = onFailure;
    }

    /** The folder's session changed: it is written after the delay unless another change comes first. */
    public void changed(Path file, Path folder, SessionMemory.State state) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (pending != null && !pending.file().equals(file)) {
                Pending other = pending;
                writer.execute(() -> write(other));
            }
            if (timer != null) {
                timer.cancel(false);
            }
            pending = new Pending(file, folder, state);
            timer = writer.schedule(this::writePending, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes the state waiting, now, on the calling thread (a small file: milliseconds). */
    public void flush() {
        writePending();
    }

    /** Sessions written so far (each a whole file). */
    public int writes() {
        return writes.get();
    }

    private void writePending() {
        Pending p;
        synchronized (lock) {
            p = pending;
            pending = null;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
        if (p != null) {
            write(p);
        }
    }

    private void write(Pending p) {
        // One write at a time: a flush must not race the background writer on the same file.
        synchronized (writes) {
            try {
                memory.write(p.file(), p.folder(), p.state());
                writes.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                onFailure.accept("Cannot save the session to " + p.file() + ": " + e.getMessage());
            }
        }
    }

    /** Writes what waits and stops the writer. */
    @Override
    public void close() {
        flush();
        synchronized (lock) {
            closed = true;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
