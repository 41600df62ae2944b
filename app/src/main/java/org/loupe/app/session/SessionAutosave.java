package org.loupe.app.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.loupe.app.task.ErrorMessages;
import org.loupe.app.task.TaskRunner;

/**
 * Saves a folder's session as the curator works, without a write per slider event: each change replaces
 * the state waiting to be written and restarts a short pause ({@link TaskRunner#after}); when the changes
 * pause, one write, in the background. {@link #flush()} writes what waits at once (on closing the window);
 * a change for another folder writes the previous folder's state first. Called on the UI thread.
 */
public final class SessionAutosave implements AutoCloseable {
    /** The pause after the last change before the session is written. */
    public static final Duration DELAY = Duration.ofMillis(500);

    private final TaskRunner tasks;
    private final SessionMemory memory;
    private final Duration delay;
    private final Consumer<String> onFailure;
    private final AtomicInteger writes = new AtomicInteger();
    /** The newest state written to each file: an older write that ends late does not replace a newer one. */
    private final Map<Path, Long> written = new HashMap<>();
    private long sequence;
    private Pending pending;
    private TaskRunner.Handle timer;
    private boolean closed;

    private record Pending(Path file, Path folder, SessionMemory.State state, long sequence) { }

    /** @param onFailure told on the UI thread when a session cannot be written, with a sentence naming the file */
    public SessionAutosave(TaskRunner tasks, SessionMemory memory, Duration delay, Consumer<String> onFailure) {
        this.tasks = tasks;
        this.memory = memory;
        this.delay = delay;
        this.onFailure = onFailure;
    }

    /** The folder's session changed: it is written after the pause unless another change comes first. */
    public void changed(Path file, Path folder, SessionMemory.State state) {
        if (closed) {
            return;
        }
        if (pending != null && !pending.file().equals(file)) {
            writeInBackground(pending);
        }
        pending = new Pending(file, folder, state, ++sequence);
        if (timer != null) {
            timer.cancel();
        }
        timer = tasks.after(delay, this::paused);
    }

    private void paused() {
        Pending p = take();
        if (p != null) {
            writeInBackground(p);
        }
    }

    private Pending take() {
        Pending p = pending;
        pending = null;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        return p;
    }

    private void writeInBackground(Pending p) {
        tasks.run("", ctx -> {
            write(p);
            return p;
        }, done -> { }, error -> onFailure.accept(message(p, error)));
    }

    /** Writes what waits, now, on the calling thread (a small file: milliseconds). */
    public void flush() {
        Pending p = take();
        if (p != null) {
            try {
                write(p);
            } catch (IOException | RuntimeException e) {
                onFailure.accept(message(p, e));
            }
        }
    }

    /** Sessions written so far (each a whole file). */
    public int writes() {
        return writes.get();
    }

    private void write(Pending p) throws IOException {
        // One write at a time: a flush must not race a background write of the same file.
        synchronized (written) {
            if (written.getOrDefault(p.file(), 0L) > p.sequence()) {
                return;
            }
            memory.write(p.file(), p.folder(), p.state());
            written.put(p.file(), p.sequence());
            writes.incrementAndGet();
        }
    }

    private static String message(Pending p, Throwable error) {
        return "Cannot save the session to " + p.file() + ": " + ErrorMessages.readable(error);
    }

    /** Writes what waits; later changes are not saved (the window is closing). */
    @Override
    public void close() {
        flush();
        closed = true;
    }
}
