package org.loupe.analysis.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.loupe.engine.task.TaskContext;

/**
 * The cluster map of a sample: every document's position (UMAP of its embedding), its cluster, and each
 * cluster's label (its most distinctive words). When the sample is larger than {@code maxMapPoints}, a
 * seeded subset is laid out by UMAP and every other document is placed at the mean position of its five
 * nearest laid-out documents (in the PCA-reduced embedding space), so every document is on the map.
 */
public final class ClusterMap {

    /**
     * @param maxMapPoints documents laid out by UMAP at most (the rest are placed by their neighbours)
     * @param umap         the layout's options (its seed also draws the subset)
     * @param clustering   the clustering's options
     * @param terms        words per cluster label
     */
    public record Options(int maxMapPoints, UmapLayout.Options umap, Clustering.Options clustering, int terms) {
        public static Options defaults(long seed) {
            return new Options(20_000, UmapLayout.Options.defaults(seed), Clustering.Options.defaults(seed), 5);
        }
    }

    /**
     * One cluster.
     *
     * @param id    its number (0 = largest)
     * @param label its top words joined with " · "
     * @param terms its top words, most distinctive first
     * @param rows  its rows, ascending
     */
    public record Cluster(int id, String label, List<String> terms, int[] rows) {
        public int size() {
            return rows.length;
        }
    }

    /** Milliseconds per stage. */
    public record Timings(long layoutMillis, long knnMillis, long sgdMillis, long placeMillis, long clusterMillis,
                          long labelMillis) { }

    private final double[][] xy;
    private final int[] cluster;
    private final List<Cluster> clusters;
    private final int[] noise;
    private final int mapped;
    private final int components;
    private final Timings timings;

    private ClusterMap(double[][] xy, int[] cluster, List<Cluster> clusters, int[] noise, int mapped, int components,
                       Timings timings) {
        this.xy = xy;
        this.cluster = cluster;
        this.clusters = clusters;
        this.noise = noise;
        this.mapped = mapped;
        this.components = components;
        this.timings = timings;
    }

    /**
     * Builds the map.
     *
     * @param vectors every row's embedding (unit length)
     * @param text    a row's text (for the labels)
     */
    public static ClusterMap build(float[][] vectors, IntFunction<String> text, Options o, int threads, TaskContext ctx) {
        int n = vectors.length;
        long t0 = System.nanoTime();
        double[][] all = UmapLayout.toDouble(vectors);
        int[] subset = subset(n, o.maxMapPoints(), o.umap().seed());
        double[][] xy;
        int components;
        UmapLayout.Result layout;
        long t1;
        if (subset.length == n) {
            UmapLayout.Result r = UmapLayout.layout(all, o.umap(), threads, ctx);
            layout = r;
            xy = r.xy();
            components = r.components();
            t1 = System.nanoTime();
        } else {
            ctx.message("Reducing " + n + " vectors with PCA");
            double[][] chosen = new double[subset.length][];
            for (int i = 0; i < subset.length; i++) {
                chosen[i] = all[subset[i]];
            }
            int dims = o.umap().dimensions();
            double[][] reducedAll = all;
            if (dims > 0 && all[0].length > dims) {
                reducedAll = Pca.fit(chosen, dims).apply(all);
            }
            double[][] reducedChosen = new double[subset.length][];
            for (int i = 0; i < subset.length; i++) {
                reducedChosen[i] = reducedAll[subset[i]];
            }
            UmapLayout.Options noReduce = new UmapLayout.Options(o.umap().neighbors(), o.umap().epochs(), o.umap().minDist(),
                    o.umap().negativeSamples(), 0, o.umap().seed());
            UmapLayout.Result r = UmapLayout.layout(reducedChosen, noReduce, threads, ctx);
            layout = r;
            components = r.components();
            t1 = System.nanoTime();
            xy = new double[n][];
            boolean[] isChosen = new boolean[n];
            for (int i = 0; i < subset.length; i++) {
                xy[subset[i]] = r.xy()[i];
                isChosen[subset[i]] = true;
            }
            int[] rest = new int[n - subset.length];
            double[][] restVectors = new double[rest.length][];
            for (int i = 0, k = 0; i < n; i++) {
                if (!isChosen[i]) {
                    rest[k] = i;
                    restVectors[k++] = reducedAll[i];
                }
            }
            ctx.message("Placing " + rest.length + " more documents by their nearest neighbours on the map");
            NearestNeighbors.Graph g = NearestNeighbors.among(reducedChosen, restVectors, 5, threads, ctx);
            for (int k = 0; k < rest.length; k++) {
                double x = 0;
                double y = 0;
                int[] nb = g.index()[k];
                for (int j : nb) {
                    x += r.xy()[j][0] / nb.length;
                    y += r.xy()[j][1] / nb.length;
                }
                xy[rest[k]] = new double[] {x, y};
            }
        }
        long t2 = System.nanoTime();
        ctx.message("Clustering " + n + " documents");
        int[] label = Clustering.cluster(xy, all, o.clustering(), threads, ctx);
        long t3 = System.nanoTime();
        int k = Arrays.stream(label).max().orElse(-1) + 1;
        ctx.message("Labelling " + k + " clusters");
        List<List<String>> terms = ClusterTerms.of(label, k, text, o.terms());
        long t4 = System.nanoTime();
        int[][] members = members(label, k);
        List<Cluster> clusters = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            clusters.add(new Cluster(c, String.join(" · ", terms.get(c)), terms.get(c), members[c]));
        }
        return new ClusterMap(xy, label, List.copyOf(clusters), members[k], subset.length, components,
                new Timings((t1 - t0) / 1_000_000, layout.knnMillis(), layout.sgdMillis(), (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000));
    }

    /**
     * The map from the cache in {@code dir} when one was built from the same vectors with the same options,
     * else built and cached. The key is a digest of the vectors and the options, so a map is never reused
     * for other documents; a damaged file is rebuilt.
     */
    public static ClusterMap cached(java.nio.file.Path dir, float[][] vectors, IntFunction<String> text, Options o, int threads,
                                    TaskContext ctx) throws java.io.IOException {
        long h = 0x9E3779B97F4A7C15L ^ vectors.length;
        for (float[] v : vectors) {
            for (float f : v) {
                h = (h ^ Float.floatToIntBits(f)) * 0x100000001B3L;
            }
        }
        h = h * 31 + o.toString().hashCode();
        java.nio.file.Path file = dir.resolve(String.format("map-%016x.bin", h));
        if (java.nio.file.Files.isRegularFile(file)) {
            try {
                ClusterMap m = read(file, vectors.length);
                ctx.message("Read the cached map");
                return m;
            } catch (java.io.IOException | RuntimeException e) {
                java.nio.file.Files.deleteIfExists(file); // damaged: build again
            }
        }
        ClusterMap m = build(vectors, text, o, threads, ctx);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(dir, "map", ".tmp");
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(tmp)))) {
            out.writeInt(MAP_MAGIC);
            out.writeInt(m.size());
            out.writeInt(m.mapped);
            out.writeInt(m.components);
            for (int i = 0; i < m.size(); i++) {
                out.writeDouble(m.xy[i][0]);
                out.writeDouble(m.xy[i][1]);
                out.writeInt(m.cluster[i]);
            }
            out.writeInt(m.clusters.size());
            for (Cluster c : m.clusters) {
                out.writeInt(c.terms().size());
                for (String t : c.terms()) {
                    out.writeUTF(t);
                }
            }
        }
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return m;
    }

    private static final int MAP_MAGIC = 0x4C4D4150; // "LMAP"

    private static ClusterMap read(java.nio.file.Path file, int n) throws java.io.IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                java.nio.file.Files.newInputStream(file)))) {
            if (in.readInt() != MAP_MAGIC || in.readInt() != n) {
                throw new java.io.IOException("not a map of " + n + " documents: " + file);
            }
            int mapped = in.readInt();
            int components = in.readInt();
            double[][] xy = new double[n][];
            int[] label = new int[n];
            for (int i = 0; i < n; i++) {
                xy[i] = new double[] {in.readDouble(), in.readDouble()};
                label[i] = in.readInt();
            }
            int k = in.readInt();
            int[][] members = members(label, k);
            List<Cluster> clusters = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                int t = in.readInt();
                List<String> terms = new ArrayList<>(t);
                for (int j = 0; j < t; j++) {
                    terms.add(in.readUTF());
                }
                clusters.add(new Cluster(c, String.join(" · ", terms), List.copyOf(terms), members[c]));
            }
            return new ClusterMap(xy, label, List.copyOf(clusters), members[k], mapped, components, new Timings(0, 0, 0, 0, 0, 0));
        }
    }

    /** Rows per cluster; index k holds the noise. */
    private static int[][] members(int[] label, int k) {
        int[] size = new int[k + 1];
        for (int l : label) {
            size[l < 0 ? k : l]++;
        }
        int[][] out = new int[k + 1][];
        for (int c = 0; c <= k; c++) {
            out[c] = new int[size[c]];
        }
        int[] fill = new int[k + 1];
        for (int r = 0; r < label.length; r++) {
            int c = label[r] < 0 ? k : label[r];
            out[c][fill[c]++] = r;
        }
        return out;
    }

    /** Rows {@code 0..n-1}, or a seeded subset of {@code max} of them, ascending. */
    public static int[] subset(int n, int max, long seed) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + r.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, max);
        Arrays.sort(out);
        return out;
    }

    /**
     * Each cluster's centroid: the mean of its members' vectors, scaled to unit length (the topic step assigns
     * a document to the nearest of them).
     *
     * @param vectors the vectors the map was built from
     */
    public float[][] centroids(float[][] vectors) {
        float[][] out = new float[clusters.size()][];
        for (Cluster c : clusters) {
            float[] mean = new float[vectors[0].length];
            for (int r : c.rows()) {
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += vectors[r][d];
                }
            }
            out[c.id()] = org.loupe.analysis.embed.Vectors.normalize(mean);
        }
        return out;
    }

    /** Every row's position. */
    public double[][] xy() {
        return xy;
    }

    /** Every row's cluster, -1 for noise. */
    public int[] cluster() {
        return cluster;
    }

    /** The clusters, largest first. */
    public List<Cluster> clusters() {
        return clusters;
    }

    /** The rows in no cluster, ascending. */
    public int[] noise() {
        return noise;
    }

    /** Rows laid out by UMAP (the others were placed by their neighbours). */
    public int mapped() {
        return mapped;
    }

    /** Connected components of the laid-out rows' k-NN graph. */
    public int components() {
        return components;
    }

    public Timings timings() {
        return timings;
    }

    public int size() {
        return xy.length;
    }
}
