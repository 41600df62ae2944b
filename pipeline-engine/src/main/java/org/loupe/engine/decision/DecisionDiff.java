package org.loupe.engine.decision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What changed between two decisions over the same rows: which documents the current config removes that
 * the baseline kept, and the reverse, overall and per step. Steps are matched by name, so the baseline may
 * be another preset with other steps; a step missing on one side drops nothing there. Token counts are the
 * current decisions' tokens of each row.
 */
public final class DecisionDiff {
    private final int[] newlyRemoved;
    private final int[] newlyKept;
    private final long newlyRemovedTokens;
    private final long newlyKeptTokens;
    private final List<StepDiff> steps;

    /**
     * The change of one step, by name. A step <em>drops</em> a row when it fails it and its keep_fraction
     * does not keep it, evaluated on its own (whether or not an earlier step removed the row first).
     *
     * @param step               the step name
     * @param newlyRemoved       rows the step drops now and did not drop in the baseline, ascending
     * @param newlyKept          rows the step dropped in the baseline and does not drop now, ascending
     * @param newlyRemovedTokens tokens of {@code newlyRemoved}
     * @param newlyKeptTokens    tokens of {@code newlyKept}
     * @param baselineDrops      rows the step drops in the baseline (0 when the baseline has no such step)
     * @param currentDrops       rows the step drops now (0 when the current config has no such step)
     */
    public record StepDiff(String step, int[] newlyRemoved, int[] newlyKept, long newlyRemovedTokens,
                           long newlyKeptTokens, long baselineDrops, long currentDrops) {

        /** Whether the step drops exactly the same rows on both sides. */
        public boolean unchanged() {
            return newlyRemoved.length == 0 && newlyKept.length == 0;
        }
    }

    private DecisionDiff(int[] newlyRemoved, int[] newlyKept, long newlyRemovedTokens, long newlyKeptTokens,
                         List<StepDiff> steps) {
        this.newlyRemoved = newlyRemoved;
        this.newlyKept = newlyKept;
        this.newlyRemovedTokens = newlyRemovedTokens;
        this.newlyKeptTokens = newlyKeptTokens;
        this.steps = steps;
    }

    /**
     * Compares current decisions with a baseline.
     *
     * @throws IllegalArgumentException when the two are not over the same number of rows
     */
    public static DecisionDiff of(Decisions baseline, Decisions current) {
        int n = current.rows();
        if (baseline.rows() != n) {
            throw new IllegalArgumentException("baseline over " + baseline.rows() + " rows, current over " + n);
        }
        Rows removed = new Rows();
        Rows kept = new Rows();
        for (int row = 0; row < n; row++) {
            boolean before = baseline.kept(row);
            boolean now = current.kept(row);
            if (before && !now) {
                removed.add(row, current.tokens(row));
            } else if (!before && now) {
                kept.add(row, current.tokens(row));
            }
        }
        // Pair steps by name (the i-th step of a name with the i-th of that name on the other side).
        Map<String, Deque<Integer>> inBaseline = new LinkedHashMap<>();
        for (int k = 0; k < baseline.steps().size(); k++) {
            inBaseline.computeIfAbsent(baseline.steps().get(k), x -> new ArrayDeque<>()).add(k);
        }
        List<StepDiff> steps = new ArrayList<>();
        boolean[] matched = new boolean[baseline.steps().size()];
        for (int k = 0; k < current.steps().size(); k++) {
            String name = current.steps().get(k);
            Deque<Integer> b = inBaseline.get(name);
            Integer kb = b == null ? null : b.poll();
            if (kb != null) {
                matched[kb] = true;
            }
            steps.add(step(name, baseline, kb == null ? -1 : kb, current, k));
        }
        for (int kb = 0; kb < matched.length; kb++) {
            if (!matched[kb]) {
                steps.add(step(baseline.steps().get(kb), baseline, kb, current, -1));
            }
        }
        return new DecisionDiff(removed.rows(), kept.rows(), removed.tokens, kept.tokens, List.copyOf(steps));
    }

    private static StepDiff step(String name, Decisions baseline, int kb, Decisions current, int kc) {
        long[] b = kb >= 0 ? baseline.dropBits(kb) : null;
        long[] c = kc >= 0 ? current.dropBits(kc) : null;
        long before = b == null ? 0 : popcount(b);
        long now = c == null ? 0 : popcount(c);
        if (kb >= 0 && kc >= 0 && current.sameVerdicts(kc, baseline, kb)) {
            // A step reused unchanged: nothing moved.
            return new StepDiff(name, new int[0], new int[0], 0, 0, before, now);
        }
        Rows removed = new Rows();
        Rows kept = new Rows();
        int words = (current.rows() + 63) >>> 6;
        for (int w = 0; w < words; w++) {
            long bw = b == null ? 0 : b[w];
            long cw = c == null ? 0 : c[w];
            for (long x = cw & ~bw; x != 0; x &= x - 1) {
                int row = (w << 6) + Long.numberOfTrailingZeros(x);
                removed.add(row, current.tokens(row));
            }
            for (long x = bw & ~cw; x != 0; x &= x - 1) {
                int row = (w << 6) + Long.numberOfTrailingZeros(x);
                kept.add(row, current.tokens(row));
            }
        }
        return new StepDiff(name, removed.rows(), kept.rows(), removed.tokens, kept.tokens, before, now);
    }

    private static long popcount(long[] bits) {
        long n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Rows kept in the baseline and removed now, ascending. */
    public int[] newlyRemoved() {
        return newlyRemoved.clone();
    }

    /** Rows removed in the baseline and kept now, ascending. */
    public int[] newlyKept() {
        return newlyKept.clone();
    }

    public int newlyRemovedDocuments() {
        return newlyRemoved.length;
    }

    public int newlyKeptDocuments() {
        return newlyKept.length;
    }

    public long newlyRemovedTokens() {
        return newlyRemovedTokens;
    }

    public long newlyKeptTokens() {
        return newlyKeptTokens;
    }

    /** Whether the pipeline keeps exactly the same rows on both sides (steps may still differ). */
    public boolean unchanged() {
        return newlyRemoved.length == 0 && newlyKept.length == 0;
    }

    /** Per step: the current config's steps in order, then the steps only the baseline has. */
    public List<StepDiff> steps() {
        return steps;
    }

    /** The change of the step of this name (its first occurrence), if either side has it. */
    public Optional<StepDiff> stepDiff(String name) {
        return steps.stream().filter(s -> s.step().equals(name)).findFirst();
    }

    /** A growing ascending row list with its token sum. */
    private static final class Rows {
        private int[] rows = new int[16];
        private int n;
        private long tokens;

        void add(int row, long t) {
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n++] = row;
            tokens += t;
        }

        int[] rows() {
            return Arrays.copyOf(rows, n);
        }
    }
}
