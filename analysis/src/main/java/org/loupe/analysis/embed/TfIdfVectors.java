package org.loupe.analysis.embed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * The fast option for very large samples: TF-IDF of hashed words (sublinear term frequency, smoothed inverse
 * document frequency over the documents given), sketched to {@code dims} dimensions by a seeded ±1 random
 * projection and scaled to unit length. The map's PCA then takes the top axes of the sketch, which is a
 * randomised SVD of the TF-IDF matrix. Thousands of documents per second on one core.
 */
public final class TfIdfVectors {
    private static final int BUCKETS = 1 << 20;
    private static final int MAX_CHARS = 5000;

    private TfIdfVectors() {
    }

    /**
     * The vectors of {@code n} texts.
     *
     * @param dims the sketch's dimension (a multiple of 64)
     */
    public static float[][] compute(int n, IntFunction<String> text, int dims, long seed, int threads, TaskContext ctx) {
        if (dims <= 0 || dims % 64 != 0) {
            throw new IllegalArgumentException("dims must be a positive multiple of 64, not " + dims);
        }
        int workers = Math.max(1, threads);
        int[][] df = new int[workers][BUCKETS];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ctx.message("Counting words of " + n + " documents");
        Workers.run(workers, "tfidf-df", w -> {
            while (true) {
                int from = next.getAndAdd(256);
                if (from >= n) {
                    break;
                }
                ctx.checkCancelled();
                for (int d = from; d < Math.min(n, from + 256); d++) {
                    for (int b : terms(text.apply(d)).keySet()) {
                        df[w][b]++;
                    }
                }
                ctx.progress(done.addAndGet(Math.min(256, n - from)), 2L * n);
            }
        });
        double[] idf = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            int f = 0;
            for (int[] part : df) {
                f += part[b];
            }
            idf[b] = Math.log((1.0 + n) / (1.0 + f)) + 1;
        }
        float[][] out = new float[n][];
        next.set(0);
        ctx.message("Sketching TF-IDF of " + n + " documents");
        Workers.run(workers, "tfidf-sketch", w -> {
            while (true) {
                int from = next.getAndAdd(256);
                if (from >= n) {
                    break;
                }
                ctx.checkCancelled();
                for (int d = from; d < Math.min(n, from + 256); d++) {
                    out[d] = sketch(terms(text.apply(d)), idf, dims, seed);
                }
                ctx.progress(done.addAndGet(Math.min(256, n - from)), 2L * n);
            }
        });
        return out;
    }

    /** Hashed lower-cased words (runs of letters or digits, two or more) with their counts. */
    static Map<Integer, Integer> terms(String t) {
        Map<Integer, Integer> counts = new HashMap<>();
        if (t == null) {
            return counts;
        }
        int n = Math.min(t.length(), MAX_CHARS);
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(t.charAt(i))) {
                i++;
            }
            int h = 0;
            int len = 0;
            while (i < n && Character.isLetterOrDigit(t.charAt(i))) {
                h = 31 * h + Character.toLowerCase(t.charAt(i));
                len++;
                i++;
            }
            if (len >= 2) {
                counts.merge(mix(h) & (BUCKETS - 1), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static float[] sketch(Map<Integer, Integer> tf, double[] idf, int dims, long seed) {
        double[] v = new double[dims];
        double norm = 0;
        for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
            double wgt = (1 + Math.log(e.getValue())) * idf[e.getKey()];
            norm += wgt * wgt;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return new float[dims];
        }
        for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
            double wgt = (1 + Math.log(e.getValue())) * idf[e.getKey()] / norm;
            long state = seed ^ ((long) e.getKey() * 0x9E3779B97F4A7C15L);
            for (int block = 0; block < dims; block += 64) {
                state += 0x9E3779B97F4A7C15L;
                long bits = splitMix(state);
                for (int k = 0; k < 64; k++) {
                    v[block + k] += ((bits >>> k) & 1) == 0 ? wgt : -wgt;
                }
            }
        }
        float[] f = new float[dims];
        for (int k = 0; k < dims; k++) {
            f[k] = (float) v[k];
        }
        return Vectors.normalize(f);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
