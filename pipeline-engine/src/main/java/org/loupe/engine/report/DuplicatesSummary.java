package org.loupe.engine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;

/**
 * What one dedup step of a decided pipeline did: how many documents it was given (those the earlier steps
 * keep), its groups of copies, what it removed, and its largest groups with every member (id, URL, domain,
 * whether it is removed and, for MinHash, its estimated Jaccard similarity to the survivor). For
 * {@code loupe dedup} and the report's Duplicates section. Immutable.
 *
 * @param step          the step's name in the pipeline
 * @param type          the step type ({@code minhash_dedup})
 * @param documents     documents given to the step
 * @param clusters      groups of copies among them
 * @param removed       documents the step removes (its keep_fraction's rescued copies not counted)
 * @param removedTokens their tokens
 * @param largest       the largest groups (by size, then id), as many as asked for
 */
public record DuplicatesSummary(String step, String type, long documents, int clusters, long removed, long removedTokens,
                                List<Cluster> largest) {

    public DuplicatesSummary {
        largest = List.copyOf(largest);
    }

    /**
     * One group of copies.
     *
     * @param id       the group's number (datatrove's cluster id when all documents are given)
     * @param size     its documents
     * @param survivor the member that survives
     * @param members  every member, in sample order
     */
    public record Cluster(int id, int size, Member survivor, List<Member> members) {
        public Cluster {
            members = List.copyOf(members);
        }
    }

    /**
     * A member of a group.
     *
     * @param row     the sample row
     * @param id      the document's id
     * @param url     its URL, or null
     * @param domain  its registrable domain ({@link Hosts#site}), or null
     * @param removed whether the step removes it
     * @param jaccard the estimated Jaccard similarity to the survivor (MinHash: the share of equal signature
     *                values), NaN for other steps
     */
    public record Member(int row, String id, String url, String domain, boolean removed, double jaccard) {
    }

    /**
     * The summaries of every dedup step of a decided pipeline, in pipeline order (empty when it has none).
     *
     * @param decisions the pipeline's decisions (with their provenance, so that the groups can be computed)
     * @param table     the measured table (for MinHash similarities)
     * @param ids       the id of a row
     * @param urls      the URL of a row (or null)
     * @param limit     the largest groups to list per step; 0 lists all
     */
    public static List<DuplicatesSummary> of(Decisions decisions, MetricTable table, IntFunction<String> ids,
                                             IntFunction<String> urls, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        List<DuplicatesSummary> out = new ArrayList<>();
        List<String> names = decisions.steps();
        for (int k = 0; k < names.size(); k++) {
            if (!decisions.stepType(k).decidesOverEarlierKept()) {
                continue;
            }
            DuplicateGroups g = decisions.duplicates(k).orElse(null);
            if (g == null) {
                continue;
            }
            out.add(summarize(decisions, k, g, table, ids, urls, limit));
        }
        return out;
    }

    private static DuplicatesSummary summarize(Decisions d, int k, DuplicateGroups g, MetricTable table,
                                               IntFunction<String> ids, IntFunction<String> urls, int limit) {
        String step = d.steps().get(k);
        String type = d.stepType(k).name();
        long documents = 0;
        long removed = 0;
        long removedTokens = 0;
        for (int row = 0; row < g.rows(); row++) {
            int by = d.removedBy(row);
            if (by < 0 || by >= k) {
                documents++;
                if (d.drops(k, row)) {
                    removed++;
                    removedTokens += d.tokens(row);
                }
            }
        }
        List<Integer> order = new ArrayList<>(g.groupCount());
        for (int c = 0; c < g.groupCount(); c++) {
            order.add(c);
        }
        order.sort(Comparator.<Integer>comparingInt(g::size).reversed().thenComparingInt(c -> c));
        if (limit > 0 && order.size() > limit) {
            order = order.subList(0, limit);
        }
        boolean minhash = type.equals(MinHashDedupStep.NAME);
        List<Cluster> clusters = new ArrayList<>(order.size());
        for (int c : order) {
            int survivor = g.survivor(c);
            List<Member> members = new ArrayList<>();
            Member kept = null;
            for (int row : g.members(c)) {
                String url = urls.apply(row);
                double j = minhash ? MinHashDedupStep.estimatedJaccard(table, step, survivor, row) : Double.NaN;
                Member m = new Member(row, ids.apply(row), url, url == null ? null : Hosts.site(url),
                        d.drops(k, row), j);
                members.add(m);
                if (row == survivor) {
                    kept = m;
                }
            }
            clusters.add(new Cluster(c, g.size(c), kept, members));
        }
        return new DuplicatesSummary(step, type, documents, g.groupCount(), removed, removedTokens, clusters);
    }
}
