package org.loupe.analysis.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.loupe.engine.task.TaskContext;
import smile.clustering.DBSCAN;
import smile.clustering.KMeans;
import smile.clustering.PartitionClustering;
import smile.math.MathEx;

/**
 * Clusters of documents, with Smile: DBSCAN on the map (density; documents in no dense region are noise,
 * the "unclustered" group) or k-means on the embeddings. Cluster 0 is the largest; noise is -1.
 */
public final class Clustering {

    /** The algorithm. */
    public enum Method {
        /** DBSCAN on the 2-D map. */
        DBSCAN,
        /** k-means on the embeddings. */
        KMEANS;

        public static Method parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace("-", ""));
        }
    }

    /**
     * @param method    the algorithm
     * @param eps       DBSCAN's radius in map units (≤ 0: the 65th percentile of the distances to the
     *                  minPoints-th neighbour; measured on the reference documents: the median leaves 17% unclustered, the 80th
     *                  percentile merges nearly all into one cluster)
     * @param minPoints DBSCAN's minimum neighbours of a core point (≤ 0: 1% of the documents, 5..50)
     * @param k         k-means' clusters (≤ 0: √(n/2), at most 40)
     * @param seed      the seed of k-means
     */
    public record Options(Method method, double eps, int minPoints, int k, long seed) {
        public static Options defaults(long seed) {
            return new Options(Method.DBSCAN, 0, 0, 0, seed);
        }

        /** text-clustering's preset: DBSCAN with eps 0.08 and min_samples 50 on the map. */
        public static Options textClustering(long seed) {
            return new Options(Method.DBSCAN, 0.08, 50, 0, seed);
        }
    }

    private Clustering() {
    }

    /** A cluster per row (-1 = noise), clusters numbered by size, largest first (ties: lowest first row). */
    public static int[] cluster(double[][] map, double[][] embeddings, Options o, int threads, TaskContext ctx) {
        int n = map.length;
        if (n == 0) {
            return new int[0];
        }
        int[] y;
        if (o.method() == Method.KMEANS) {
            int k = o.k() > 0 ? o.k() : (int) Math.max(2, Math.min(40, Math.round(Math.sqrt(n / 2.0))));
            k = Math.min(k, n);
            int kk = k;
            // k-means++ seeding draws from Smile's per-thread generator: seed it on a thread of our own
            KMeans km = ForkJoinPool.commonPool().submit(() -> {
                MathEx.setSeed(o.seed());
                return KMeans.fit(embeddings, kk, 100, 1e-4);
            }).join();
            y = km.y.clone();
        } else {
            int minPts = o.minPoints() > 0 ? o.minPoints() : Math.max(5, Math.min(50, n / 100));
            minPts = Math.min(minPts, Math.max(1, n - 1));
            double eps = o.eps() > 0 ? o.eps() : autoEps(map, minPts, threads, ctx);
            DBSCAN<double[]> db = DBSCAN.fit(map, minPts, eps);
            y = db.y.clone();
            for (int i = 0; i < n; i++) {
                if (y[i] == PartitionClustering.OUTLIER) {
                    y[i] = -1;
                }
            }
        }
        return renumberBySize(y);
    }

    /**
     * DBSCAN's radius from the map: the distance within which 65% of the documents have their minPts-th
     * neighbour (so dense regions are clusters, gaps between them are not crossed, stragglers are noise).
     */
    static double autoEps(double[][] map, int minPts, int threads, TaskContext ctx) {
        NearestNeighbors.Graph g = NearestNeighbors.of(map, minPts, threads, ctx);
        double[] d = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            double[] row = g.distance()[i];
            d[i] = row.length == 0 ? 0 : row[row.length - 1];
        }
        Arrays.sort(d);
        double q = d[(int) Math.min(d.length - 1, Math.floor(d.length * 0.65))];
        return q > 0 ? q : 1e-9;
    }

    /** Renumbers labels by cluster size (largest first; ties by first row); negative labels become -1. */
    static int[] renumberBySize(int[] y) {
        int max = -1;
        for (int v : y) {
            max = Math.max(max, v);
        }
        long[] size = new long[max + 1];
        int[] first = new int[max + 1];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= 0) {
                size[y[i]]++;
                first[y[i]] = Math.min(first[y[i]], i);
            }
        }
        Integer[] order = new Integer[max + 1];
        for (int c = 0; c <= max; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Long.compare(size[b], size[a]) : Integer.compare(first[a], first[b]));
        int[] newId = new int[max + 1];
        int next = 0;
        for (int c : order) {
            newId[c] = size[c] > 0 ? next++ : -1;
        }
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] >= 0 ? newId[y[i]] : -1;
        }
        return out;
    }
}
