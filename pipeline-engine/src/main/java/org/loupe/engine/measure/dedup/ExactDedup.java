package org.loupe.engine.measure.dedup;

import java.util.Arrays;
import java.util.List;

/**
 * datatrove's exact dedup, {@code ExactDedupSignature} → {@code ExactFindDedups} → {@code ExactDedupFilter}
 * ({@code pipeline/dedup/exact_dedup.py}) with an {@code ExactDedupConfig} whose only setting is the content:
 * no priority function (every priority is 1), xxhash64 of the content's UTF-8 bytes, no index. URL dedup is
 * this with the content {@code doc.metadata.get("url", "")}; exact-text dedup with {@code doc.text}.
 *
 * <p>The documents are sorted by (hash, −priority, doc index); in each run of equal hashes the first is kept
 * and the others are removed, so with equal priorities the first document with a given content survives.
 * The survivor's {@code duplicate_count} is the number it removed. Equal hashes count as equal content, as in
 * the reference.
 */
public final class ExactDedup {
    /**
     * What the filter does to one document: {@code duplicateCount} is the number of later documents it removed
     * when kept, and -1 when removed or not included.
     */
    public record Outcome(boolean included, boolean keep, int duplicateCount) {
    }

    private static final Outcome EXCLUDED = new Outcome(false, false, -1);

    private ExactDedup() {
    }

    /** The outcome for every document, given each one's content ({@code null} counts as {@code ""}). */
    public static List<Outcome> dedup(List<String> contents) {
        boolean[] all = new boolean[contents.size()];
        Arrays.fill(all, true);
        return dedup(contents, all);
    }

    /**
     * The outcome for every document when only those with {@code included[i]} are deduplicated, in their order;
     * the others get {@code Outcome(false, false, -1)}.
     */
    public static List<Outcome> dedup(List<String> contents, boolean[] included) {
        if (included.length != contents.size()) {
            throw new IllegalArgumentException("mask has " + included.length + " entries for " + contents.size()
                    + " documents");
        }
        int n = 0;
        for (boolean b : included) {
            if (b) {
                n++;
            }
        }
        // (hash, doc index) records; the index is the original position, which orders like the included position
        long[] hashes = new long[n];
        Integer[] order = new Integer[n];
        int[] positions = new int[n];
        int k = 0;
        for (int i = 0; i < included.length; i++) {
            if (included[i]) {
                String c = contents.get(i);
                hashes[k] = XxHash64.hash(c == null ? "" : c);
                positions[k] = i;
                order[k] = k;
                k++;
            }
        }
        Arrays.sort(order, (x, y) -> {
            int c = Long.compareUnsigned(hashes[x], hashes[y]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        Outcome[] out = new Outcome[contents.size()];
        Arrays.fill(out, EXCLUDED);
        int runStart = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || hashes[order[i]] != hashes[order[runStart]]) {
                out[positions[order[runStart]]] = new Outcome(true, true, i - runStart - 1);
                for (int j = runStart + 1; j < i; j++) {
                    out[positions[order[j]]] = new Outcome(true, false, -1);
                }
                runStart = i;
            }
        }
        return List.of(out);
    }
}
