package org.loupe.engine.decision;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Seeded random pages of rows, for "show me 10 random removed documents, and 10 more". The rows of a subset
 * are put in a random order that depends only on the seed and the rows themselves (not on their order in
 * the input), and pages are slices of that order: the same seed gives the same pages, pages never overlap,
 * and all pages together are the subset. A row keeps its relative order to the others when rows are added
 * to or removed from the subset, so the pages of a slightly changed subset look alike.
 */
public final class RowSampler {
    private static final long ROW_MIX = 0x9E3779B97F4A7C15L;

    private RowSampler() {
    }

    /**
     * Elements {@code [offset, offset + count)} of the seeded order of {@code rows} (fewer, or none, past the
     * end).
     *
     * @param rows   distinct row indexes
     * @param seed   chooses the order
     * @param offset the first position to return, {@code >= 0}
     * @param count  how many to return at most, {@code >= 0}
     * @throws IllegalArgumentException on a negative offset or count, or a row given twice
     */
    public static int[] sample(int[] rows, long seed, int offset, int count) {
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("offset " + offset + ", count " + count);
        }
        int n = rows.length;
        if (offset >= n || count == 0) {
            return new int[0];
        }
        int end = (int) Math.min(n, (long) offset + count);
        // The key is a bijection of the row for a fixed seed, so distinct rows have distinct keys and sorting
        // the keys alone orders the rows.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(seed, rows[i]);
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("a row is given twice");
            }
        }
        int[] out = new int[end - offset];
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            if (k >= sorted[offset] && k <= sorted[end - 1]) {
                out[Arrays.binarySearch(sorted, offset, end, k) - offset] = rows[i];
            }
        }
        return out;
    }

    /** The rows of the decisions that match, ascending ({@code d.kept(row)}, {@code d.removedBy(row) == k}, …). */
    public static int[] rows(Decisions d, IntPredicate p) {
        int[] buf = new int[Math.min(d.rows(), 1024)];
        int n = 0;
        for (int row = 0; row < d.rows(); row++) {
            if (p.test(row)) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(8, n * 2));
                }
                buf[n++] = row;
            }
        }
        return Arrays.copyOf(buf, n);
    }

    /** SplitMix64's finalizer over the seed and the row: invertible, so distinct rows never collide. */
    static long key(long seed, int row) {
        long x = seed ^ (row * ROW_MIX);
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
