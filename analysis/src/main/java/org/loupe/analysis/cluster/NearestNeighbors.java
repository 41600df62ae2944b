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

    private static double[] norms(double[][] x) {
        double[] norms = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (double v : x[i]) {
                s += v * v;
            }
            norms[i] = s;
        }
        return norms;
    }

    private static Graph search(double[][] base, double[][] queries, int kk, boolean self, int threads, TaskContext ctx) {
        int n = queries.length;
        int m = base.length;
        int[][] index = new int[n][kk];
        double[][] dist = new double[n][kk];
        double[] norms = norms(base);
        double[] queryNorms = self ? norms : norms(queries);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int chunk = 64;
        Workers.run(Math.max(1, threads), "knn", w -> {
            double[] best = new double[kk];
            int[] bestIdx = new int[kk];
            while (true) {
                int from = next.getAndAdd(chunk);
                if (from >= n) {
                    break;
                }
                ctx.checkCancelled();
                int to = Math.min(n, from + chunk);
                for (int i = from; i < to; i++) {
                    int size = 0;
                    double[] xi = queries[i];
                    for (int j = 0; j < m; j++) {
                        if (self && j == i) {
                            continue;
                        }
                        double[] xj = base[j];
                        double dot = 0;
                        for (int d = 0; d < xi.length; d++) {
                            dot += xi[d] * xj[d];
                        }
                        double d2 = Math.max(0, queryNorms[i] + norms[j] - 2 * dot);
                        if (size < kk) {
                            int p = size++;
                            while (p > 0 && (best[p - 1] > d2)) {
                                best[p] = best[p - 1];
                                bestIdx[p] = bestIdx[p - 1];
                                p--;
                            }
                            best[p] = d2;
                            bestIdx[p] = j;
                        } else if (d2 < best[kk - 1]) {
                            int p = kk - 1;
                            while (p > 0 && best[p - 1] > d2) {
                                best[p] = best[p - 1];
                                bestIdx[p] = bestIdx[p - 1];
                                p--;
                            }
                            best[p] = d2;
                            bestIdx[p] = j;
                        }
                    }
                    for (int t = 0; t < kk; t++) {
                        index[i][t] = bestIdx[t];
                        dist[i][t] = Math.sqrt(best[t]);
                    }
                }
                ctx.progress(done.addAndGet(to - from), n);
            }
        });
        return new Graph(index, dist);
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
