package org.loupe.analysis.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * Exact k nearest neighbours (Euclidean) of every row among all rows, by blocked brute force on all cores;
 * ties go to the lower row, so the graph is the same on any number of threads.
 */
public final class NearestNeighbors {

    /**
     * @param index    {@code index[i][j]}: the j-th nearest other row of row i
     * @param distance {@code distance[i][j]}: its Euclidean distance, ascending in j
     */
    public record Graph(int[][] index, double[][] distance) {
        public int size() {
            return index.length;
        }
    }

    private NearestNeighbors() {
    }

    /** The k nearest other rows of every row of {@code x} (k is cut to n - 1). */
    public static Graph of(double[][] x, int k, int threads, TaskContext ctx) {
        return search(x, x, Math.min(k, x.length - 1), true, threads, ctx);
    }

    /** The k nearest rows of {@code base} to every row of {@code queries} (k is cut to the base's size). */
    public static Graph among(double[][] base, double[][] queries, int k, int threads, TaskContext ctx) {
        return search(base, queries, Math.min(k, base.length), false, threads, ctx);
    }

    /** Queries per block: each base row is read once per block, so the base streams through the cache. */
    private static final int BLOCK = 16;

    private static Graph search(double[][] base, double[][] queries, int kk, boolean self, int threads, TaskContext ctx) {
        int n = queries.length;
        int m = base.length;
        int dim = base.length == 0 ? 0 : base[0].length;
        int[][] index = new int[n][kk];
        double[][] dist = new double[n][kk];
        // rows as one flat float array each (half the memory traffic of doubles; distances are ranked, then
        // recomputed exactly in double for the k kept)
        float[] b = flat(base, dim);
        float[] q = self ? b : flat(queries, dim);
        float[] bNorm = norms(b, m, dim);
        float[] qNorm = self ? bNorm : norms(q, n, dim);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int chunk = 64;
        Workers.run(Math.max(1, threads), "knn", w -> {
            float[][] best = new float[BLOCK][kk];
            int[][] bestIdx = new int[BLOCK][kk];
            int[] size = new int[BLOCK];
            float[] dots = new float[BLOCK];
            while (true) {
                int from = next.getAndAdd(chunk);
                if (from >= n) {
                    break;
                }
                ctx.checkCancelled();
                int to = Math.min(n, from + chunk);
                for (int i0 = from; i0 < to; i0 += BLOCK) {
                    int bs = Math.min(BLOCK, to - i0);
                    java.util.Arrays.fill(size, 0);
                    for (int j = 0; j < m; j++) {
                        int jo = j * dim;
                        for (int u = 0; u < bs; u++) {
                            dots[u] = dot(q, (i0 + u) * dim, b, jo, dim);
                        }
                        for (int u = 0; u < bs; u++) {
                            int i = i0 + u;
                            if (self && j == i) {
                                continue;
                            }
                            float d2 = Math.max(0f, qNorm[i] + bNorm[j] - 2 * dots[u]);
                            insert(best[u], bestIdx[u], size[u], kk, d2, j);
                            if (size[u] < kk) {
                                size[u]++;
                            }
                        }
                    }
                    for (int u = 0; u < bs; u++) {
                        int i = i0 + u;
                        double[] qi = queries[i];
                        for (int t = 0; t < kk; t++) {
                            index[i][t] = bestIdx[u][t];
                            dist[i][t] = exact(qi, base[bestIdx[u][t]]);
                        }
                        sortByDistance(index[i], dist[i]);
                    }
                }
                ctx.progress(done.addAndGet(to - from), n, TaskContext.Unit.DOCUMENTS);
            }
        });
        return new Graph(index, dist);
    }

    /** A dot product with four running sums (the JIT keeps them in registers; a fixed order: same bits on any run). */
    private static float dot(float[] x, int xo, float[] y, int yo, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            s0 += x[xo + d] * y[yo + d];
            s1 += x[xo + d + 1] * y[yo + d + 1];
            s2 += x[xo + d + 2] * y[yo + d + 2];
            s3 += x[xo + d + 3] * y[yo + d + 3];
        }
        for (; d < dim; d++) {
            s0 += x[xo + d] * y[yo + d];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Puts (d2, j) into the ascending top list of current {@code size} (capacity kk). */
    private static void insert(float[] best, int[] idx, int size, int kk, float d2, int j) {
        int p;
        if (size < kk) {
            p = size;
        } else if (d2 < best[kk - 1]) {
            p = kk - 1;
        } else {
            return;
        }
        while (p > 0 && best[p - 1] > d2) {
            best[p] = best[p - 1];
            idx[p] = idx[p - 1];
            p--;
        }
        best[p] = d2;
        idx[p] = j;
    }

    private static double exact(double[] a, double[] c) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - c[d];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** Insertion sort by (distance, index): the kept neighbours in exact order. */
    private static void sortByDistance(int[] idx, double[] d) {
        for (int i = 1; i < idx.length; i++) {
            int j = i;
            while (j > 0 && (d[j - 1] > d[j] || d[j - 1] == d[j] && idx[j - 1] > idx[j])) {
                double td = d[j];
                d[j] = d[j - 1];
                d[j - 1] = td;
                int ti = idx[j];
                idx[j] = idx[j - 1];
                idx[j - 1] = ti;
                j--;
            }
        }
    }

    private static float[] flat(double[][] x, int dim) {
        float[] f = new float[x.length * dim];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < dim; d++) {
                f[i * dim + d] = (float) x[i][d];
            }
        }
        return f;
    }

    private static float[] norms(float[] f, int rows, int dim) {
        float[] out = new float[rows];
        for (int i = 0; i < rows; i++) {
            float s = 0;
            for (int d = 0; d < dim; d++) {
                s += f[i * dim + d] * f[i * dim + d];
            }
            out[i] = s;
        }
        return out;
    }

    /** The connected components of the graph taken as undirected: a component id per row, 0 = largest. */
    public static int[] components(Graph g) {
        int n = g.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j : g.index()[i]) {
                int a = find(parent, i);
                int b = find(parent, j);
                if (a != b) {
                    parent[Math.max(a, b)] = Math.min(a, b);
                }
            }
        }
        int[] root = new int[n];
        java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            root[i] = find(parent, i);
            sizes.merge(root[i], 1, Integer::sum);
        }
        // number components by size (largest first), then by their lowest row
        java.util.List<Integer> roots = new java.util.ArrayList<>(sizes.keySet());
        roots.sort((a, b) -> sizes.get(a).equals(sizes.get(b)) ? Integer.compare(a, b) : Integer.compare(sizes.get(b), sizes.get(a)));
        java.util.Map<Integer, Integer> id = new java.util.HashMap<>();
        for (int c = 0; c < roots.size(); c++) {
            id.put(roots.get(c), c);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = id.get(root[i]);
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
