package org.loupe.engine.measure.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * For a list of code point sets (one per regex alternative), which alternatives' sets contain a given
 * code point, in list order. The code space is cut at every set boundary, so within a segment the
 * answer is constant: one binary search (or one array read for ASCII) per query.
 */
final class CandidateIndex {
    private static final int[] NONE = new int[0];

    private final int[] starts;
    private final int[][] lists;
    private final int[][] ascii = new int[128][];

    CandidateIndex(List<CodePointSet> sets) {
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        for (CodePointSet s : sets) {
            int[] r = s.ranges();
            for (int i = 0; i < r.length; i += 2) {
                cuts.add(r[i]);
                if (r[i + 1] < CodePointSet.MAX) {
                    cuts.add(r[i + 1] + 1);
                }
            }
        }
        starts = cuts.stream().mapToInt(Integer::intValue).toArray();
        lists = new int[starts.length][];
        List<int[]> distinct = new ArrayList<>();
        for (int k = 0; k < starts.length; k++) {
            lists[k] = intern(distinct, members(sets, starts[k]));
        }
        for (int c = 0; c < 128; c++) {
            ascii[c] = intern(distinct, members(sets, c));
        }
    }

    private static int[] members(List<CodePointSet> sets, int cp) {
        int[] out = new int[sets.size()];
        int m = 0;
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).contains(cp)) {
                out[m++] = i;
            }
        }
        return m == 0 ? NONE : Arrays.copyOf(out, m);
    }

    private static int[] intern(List<int[]> distinct, int[] list) {
        for (int[] d : distinct) {
            if (Arrays.equals(d, list)) {
                return d;
            }
        }
        distinct.add(list);
        return list;
    }

    /** The indexes of the sets containing {@code cp}, ascending; an empty array when none does. Do not modify. */
    int[] candidates(int cp) {
        if (cp < 128) {
            return ascii[cp];
        }
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= cp) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lists[lo];
    }
}
