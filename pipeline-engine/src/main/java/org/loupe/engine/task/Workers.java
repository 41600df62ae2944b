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
 * {@link UncheckedIOException}); the other workers are interrupted and waited for. Workers share their work through
 * their own atomic counters (the engine's loops take the next shard or the next chunk of rows).
 */
public final class Workers {
    private Workers() {
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
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int w = 0; w < n; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    loop.run(worker);
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
            // On failure or cancellation, stop the other workers and wait for them, so that nothing keeps
            // writing into files the caller is about to delete.
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
