package org.loupe.analysis.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.decision.Decisions;

/**
 * Documents and tokens of groups of sample rows (domains, clusters), with what the pipeline keeps and what
 * each step removes: one pass over the rows.
 */
public final class GroupCounts {

    /**
     * One group.
     *
     * @param id            the group's number
     * @param documents     its rows
     * @param tokens        their tokens
     * @param keptDocuments rows the pipeline keeps
     * @param keptTokens    their tokens
     * @param removedBy     rows removed per step (the step that removed them), in pipeline order
     * @param rows          the rows, ascending
     */
    public record Group(int id, long documents, long tokens, long keptDocuments, long keptTokens,
                        Map<String, Long> removedBy, int[] rows) {
        /** The share of the group's documents the pipeline removes. */
        public double removalRate() {
            return documents == 0 ? 0 : 1.0 - (double) keptDocuments / documents;
        }
    }

    private GroupCounts() {
    }

    /**
     * Counts groups.
     *
     * @param groups    how many groups
     * @param groupOf   each row's group in {@code 0..groups-1}, or -1 for a row in none
     * @param tokens    each row's tokens
     * @param decisions the decisions over the same rows (null: everything kept, no steps)
     * @return the groups by id
     */
    public static List<Group> count(int groups, int[] groupOf, long[] tokens, Decisions decisions) {
        int rows = groupOf.length;
        if (tokens.length != rows || decisions != null && decisions.rows() != rows) {
            throw new IllegalArgumentException("tokens, decisions and groups must have the same rows");
        }
        List<String> steps = decisions == null ? List.of() : decisions.steps();
        long[] docs = new long[groups];
        long[] toks = new long[groups];
        long[] keptD = new long[groups];
        long[] keptT = new long[groups];
        long[][] removed = new long[groups][steps.size()];
        for (int r = 0; r < rows; r++) {
            if (groupOf[r] >= 0) {
                docs[groupOf[r]]++;
            }
        }
        int[][] members = new int[groups][];
        int[] fill = new int[groups];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[(int) docs[g]];
        }
        for (int r = 0; r < rows; r++) {
            int g = groupOf[r];
            if (g < 0) {
                continue;
            }
            members[g][fill[g]++] = r;
            toks[g] += tokens[r];
            int by = decisions == null ? -1 : decisions.removedBy(r);
            if (by < 0) {
                keptD[g]++;
                keptT[g] += tokens[r];
            } else {
                removed[g][by]++;
            }
        }
        List<Group> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            Map<String, Long> by = new LinkedHashMap<>();
            for (int k = 0; k < steps.size(); k++) {
                by.merge(steps.get(k), removed[g][k], Long::sum);
            }
            out.add(new Group(g, docs[g], toks[g], keptD[g], keptT[g], by, members[g]));
        }
        return out;
    }
}
