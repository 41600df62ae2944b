package org.loupe.analysis.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.loupe.analysis.group.GroupCounts;
import org.loupe.engine.decision.Decisions;

/**
 * What the pipeline does to each cluster: documents and tokens, kept, removed by each step, removal rate
 * against the sample's. Cheap to recount when thresholds move (the map stays).
 */
public final class ClusterStats {

    /** The id of the unclustered group in {@link Row#id()}. */
    public static final int NOISE = -1;

    /**
     * One cluster (or the unclustered documents, id -1).
     *
     * @param id             cluster id, -1 for unclustered
     * @param label          its label ("unclustered" for noise)
     * @param documents      documents
     * @param tokens         their tokens
     * @param keptDocuments  kept by the pipeline
     * @param keptTokens     their tokens
     * @param removedBy      documents removed per step
     * @param rows           its sample rows, ascending
     */
    public record Row(int id, String label, long documents, long tokens, long keptDocuments, long keptTokens,
                      Map<String, Long> removedBy, int[] rows) {
        public double removalRate() {
            return documents == 0 ? 0 : 1.0 - (double) keptDocuments / documents;
        }
    }

    private final List<Row> rows;
    private final double sampleRemovalRate;

    private ClusterStats(List<Row> rows, double sampleRemovalRate) {
        this.rows = rows;
        this.sampleRemovalRate = sampleRemovalRate;
    }

    /**
     * Counts the clusters of a map under some decisions.
     *
     * @param map        the map (its rows are {@code sampleRows})
     * @param sampleRows the sample row of each map row
     * @param tokens     every sample row's tokens
     * @param decisions  the decisions over the sample's rows (null: everything kept)
     */
    public static ClusterStats of(ClusterMap map, int[] sampleRows, long[] tokens, Decisions decisions) {
        int k = map.clusters().size();
        int[] groupOf = new int[tokens.length];
        java.util.Arrays.fill(groupOf, -1);
        for (int i = 0; i < sampleRows.length; i++) {
            int c = map.cluster()[i];
            groupOf[sampleRows[i]] = c < 0 ? k : c;
        }
        List<GroupCounts.Group> groups = GroupCounts.count(k + 1, groupOf, tokens, decisions);
        List<Row> out = new ArrayList<>(k + 1);
        long kept = 0;
        for (GroupCounts.Group g : groups) {
            boolean noise = g.id() == k;
            kept += g.keptDocuments();
            if (noise && g.documents() == 0) {
                continue;
            }
            out.add(new Row(noise ? NOISE : g.id(), noise ? "unclustered" : map.clusters().get(g.id()).label(), g.documents(),
                    g.tokens(), g.keptDocuments(), g.keptTokens(), g.removedBy(), g.rows()));
        }
        double rate = sampleRows.length == 0 ? 0 : 1.0 - (double) kept / sampleRows.length;
        return new ClusterStats(List.copyOf(out), rate);
    }

    /** The clusters by size (largest first), the unclustered group last. */
    public List<Row> bySize() {
        return rows;
    }

    /** The clusters by removal rate, highest first (ties: larger first). */
    public List<Row> byRemovalRate() {
        List<Row> l = new ArrayList<>(rows);
        l.sort(Comparator.comparingDouble(Row::removalRate).reversed().thenComparing(Comparator.comparingLong(Row::documents).reversed()));
        return l;
    }

    /** The share of the mapped documents the pipeline removes (the sample's rate when every document is mapped). */
    public double sampleRemovalRate() {
        return sampleRemovalRate;
    }
}
