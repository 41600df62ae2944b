package org.loupe.engine.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a fixed number of worker loops on daemon threads and waits for all of them. The first failure is
 * rethrown as it was (a {@link CancellationException} stays one, an {@link IOException} arrives as
 * {@link UncheckedIOException}); the other workers are asked to stop and waited for. They are not
 * interrupted: an interrupt during a read closes a {@code FileChannel}, and the sample store's channel is
 * shared by every view. A loop stops at its next {@link TaskContext#checkCancelled()}, which also answers
 * {@link #stopping()}. Workers share their work through their own atomic counters (the engine's loops take the
 * next shard or the next chunk of rows).
 */
public final class Workers {
    private Workers() {
    }

    /** The stop flag of the pool the current thread works in (null outside a pool). */
    private static final ThreadLocal<java.util.concurrent.atomic.AtomicBoolean> STOP = new ThreadLocal<>();

    /** Whether the current thread is a worker whose siblings failed or were cancelled: it should stop. */
    public static boolean stopping() {
        java.util.concurrent.atomic.AtomicBoolean stop = STOP.get();
        return stop != null && stop.get();
    }

    /** A worker's loop; {@code worker} is its index in {@code 0..threads-1}. */
    @FunctionalInterface
    public interface Loop {
        void run(int worker) throws Exception;
    }

    public static void run(int threads, String name, Loop loop) {
        int n = Math.max(1, threads);
        if (n == 1) {
            // One worker: run it here instead of starting a pool (full runs measure every batch this way).
            try {
                loop.run(0);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int w = 0; w < n; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    STOP.set(stop);
                    try {
                        loop.run(worker);
                    } catch (Throwable t) {
                        stop.set(true);
                        throw t;
                    } finally {
                        STOP.remove();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        } finally {
            // On failure or cancellation, ask the other workers to stop and wait for them, so that nothing keeps
            // writing into files the caller is about to delete. Only a worker that ignores the request for a
            // minute is interrupted.
            stop.set(true);
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
