package org.loupe.app.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.task.TaskContext;

/**
 * The clusters of copies one dedup step found under the live decisions ({@link Decisions#duplicates}), as the
 * Duplicates view lists them: per cluster its size, the tokens its removed copies had, and its survivor; the
 * number of clusters per size; and, for a MinHash step, the estimated Jaccard similarity of every removed copy
 * to its cluster's survivor (the measured pairs drawn on the S-curve). Immutable.
 *
 * @param step          the step's name
 * @param stepIndex     its index in the decisions
 * @param minhash       whether it is a MinHash step (pairs have a similarity)
 * @param clusters      one per group of {@link DuplicateGroups}, by id
 * @param sizes         clusters per size, ascending size
 * @param similarities  per removed copy (cluster by cluster, rows ascending), its estimated Jaccard to the
 *                      survivor; empty for other steps
 * @param given         documents the step was given
 * @param removed       documents it removes as copies
 * @param tokensRemoved their tokens
 */
public record DuplicateClusters(String step, int stepIndex, boolean minhash, List<Cluster> clusters,
                                List<SizeCount> sizes, double[] similarities, int given, int removed, long tokensRemoved) {

    /**
     * One cluster.
     *
     * @param id            the group's id in {@link DuplicateGroups}
     * @param size          its documents
     * @param tokensRemoved the tokens of the copies the step removes
     * @param survivor      the row of the copy that survives
     * @param host          the survivor's host ("" without URL)
     * @param snippet       the beginning of the survivor's text
     */
    public record Cluster(int id, int size, long tokensRemoved, int survivor, String host, String snippet) { }

    /** How many clusters have a size. */
    public record SizeCount(int size, int clusters) { }

    /** Largest first, ties by id. */
    public static final Comparator<Cluster> BY_SIZE = Comparator.comparingInt(Cluster::size).reversed()
            .thenComparingInt(Cluster::id);
    /** Most tokens removed first, ties by size, then id. */
    public static final Comparator<Cluster> BY_TOKENS_REMOVED = Comparator.comparingLong(Cluster::tokensRemoved).reversed()
            .thenComparing(BY_SIZE);

    /** Characters of a snippet. */
    public static final int SNIPPET = 160;

    /**
     * The clusters of step {@code k}.
     *
     * @param table   the measured table the decisions saw (the step's signatures, for similarities)
     * @param tokens  tokens per row
     * @param host    a row's host, or null
     * @param text    a row's text (read from the sample; called once per cluster)
     */
    public static DuplicateClusters of(Decisions d, int k, MetricTable table, long[] tokens, IntFunction<String> host,
                                       IntFunction<String> text, TaskContext ctx) {
        String name = d.steps().get(k);
        boolean minhash = d.stepType(k).name().equals(MinHashDedupStep.NAME);
        DuplicateGroups groups = d.duplicates(k).orElse(null);
        int given = 0;
        for (int row = 0; row < d.rows(); row++) {
            if (QualitySplit.given(d, k, row)) {
                given++;
            }
        }
        if (groups == null) {
            return new DuplicateClusters(name, k, minhash, List.of(), List.of(), new double[0], given, 0, 0);
        }
        int count = groups.groupCount();
        List<Cluster> clusters = new ArrayList<>(count);
        TreeMap<Integer, Integer> bySize = new TreeMap<>();
        double[] sims = new double[minhash ? groups.removedCount() : 0];
        int pairs = 0;
        int removed = 0;
        long removedTokens = 0;
        for (int g = 0; g < count; g++) {
            if ((g & 63) == 0) {
                ctx.checkCancelled();
                ctx.progress(g, count);
            }
            int survivor = groups.survivor(g);
            long t = 0;
            for (int row : groups.members(g)) {
                if (groups.removed(row)) {
                    t += tokens[row];
                    removed++;
                    if (minhash) {
                        sims[pairs++] = MinHashDedupStep.estimatedJaccard(table, name, survivor, row);
                    }
                }
            }
            removedTokens += t;
            String h = host.apply(survivor);
            clusters.add(new Cluster(g, groups.size(g), t, survivor, h == null ? "" : h, snippet(text.apply(survivor))));
            bySize.merge(groups.size(g), 1, Integer::sum);
        }
        List<SizeCount> sizes = new ArrayList<>(bySize.size());
        bySize.forEach((size, n) -> sizes.add(new SizeCount(size, n)));
        return new DuplicateClusters(name, k, minhash, List.copyOf(clusters), List.copyOf(sizes),
                java.util.Arrays.copyOf(sims, pairs), given, removed, removedTokens);
    }

    /** The clusters in an order. */
    public List<Cluster> sorted(Comparator<Cluster> order) {
        List<Cluster> out = new ArrayList<>(clusters);
        out.sort(order);
        return out;
    }

    /** The cluster whose survivor is a row, or null. */
    public Cluster bySurvivor(int row) {
        for (Cluster c : clusters) {
            if (c.survivor() == row) {
                return c;
            }
        }
        return null;
    }

    /** The beginning of a text on one line: whitespace runs as one space, at most {@link #SNIPPET} characters. */
    public static String snippet(String text) {
        return org.loupe.app.common.DocumentRow.snippet(text, SNIPPET);
    }
}
