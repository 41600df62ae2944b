package org.loupe.engine.measure.text;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * An immutable set of code points as sorted, disjoint, non-adjacent inclusive ranges, with an O(1)
 * test for ASCII and a binary search above it.
 *
 * <p>Used to analyse the spaCy regexes (which characters can start or end a match) so that the
 * tokenizer asks {@code java.util.regex} only the questions that can possibly succeed; a big Java
 * character class is a chain of range tests, so not asking is the fast path.
 */
final class CodePointSet {
    static final int MAX = Character.MAX_CODE_POINT;
    static final CodePointSet EMPTY = new CodePointSet(new int[0]);
    static final CodePointSet ALL = new CodePointSet(new int[] {0, MAX});

    /** Pairs {@code [lo0, hi0, lo1, hi1, ...]}, sorted, disjoint and not touching. */
    private final int[] ranges;
    private final long ascii0;
    private final long ascii1;

    private CodePointSet(int[] ranges) {
        this.ranges = ranges;
        long a0 = 0;
        long a1 = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            for (int c = ranges[i]; c <= Math.min(ranges[i + 1], 127); c++) {
                if (c < 64) {
                    a0 |= 1L << c;
                } else {
                    a1 |= 1L << (c - 64);
                }
            }
        }
        this.ascii0 = a0;
        this.ascii1 = a1;
    }

    /** The set of the given inclusive ranges (pairs), in any order, overlapping or not. */
    static CodePointSet ofRanges(int... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("ranges come in pairs");
        }
        int n = pairs.length / 2;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            int lo = pairs[2 * i];
            int hi = pairs[2 * i + 1];
            if (lo < 0 || hi > MAX || lo > hi) {
                throw new IllegalArgumentException("bad range " + lo + ".." + hi);
            }
            packed[i] = ((long) lo << 32) | hi;
        }
        Arrays.sort(packed);
        int[] out = new int[2 * n];
        int m = 0;
        for (long p : packed) {
            int lo = (int) (p >>> 32);
            int hi = (int) p;
            if (m > 0 && lo <= out[m - 1] + 1) {
                out[m - 1] = Math.max(out[m - 1], hi);
            } else {
                out[m++] = lo;
                out[m++] = hi;
            }
        }
        return new CodePointSet(Arrays.copyOf(out, m));
    }

    static CodePointSet of(int cp) {
        return ofRanges(cp, cp);
    }

    /** Every code point for which {@code p} holds (scans all 1.1 million code points: build once). */
    static CodePointSet matching(IntPredicate p) {
        return matching(p, MAX);
    }

    /** Every code point up to {@code last} for which {@code p} holds. */
    static CodePointSet matching(IntPredicate p, int last) {
        int[] out = new int[64];
        int m = 0;
        int start = -1;
        for (int c = 0; c <= last + 1; c++) {
            boolean in = c <= last && p.test(c);
            if (in && start < 0) {
                start = c;
            } else if (!in && start >= 0) {
                if (m + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[m++] = start;
                out[m++] = c - 1;
                start = -1;
            }
        }
        return new CodePointSet(Arrays.copyOf(out, m));
    }

    boolean contains(int cp) {
        if (cp < 64) {
            return cp >= 0 && (ascii0 & (1L << cp)) != 0;
        }
        if (cp < 128) {
            return (ascii1 & (1L << (cp - 64))) != 0;
        }
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (cp > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return ranges.length == 0;
    }

    CodePointSet union(CodePointSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        int[] both = Arrays.copyOf(ranges, ranges.length + other.ranges.length);
        System.arraycopy(other.ranges, 0, both, ranges.length, other.ranges.length);
        return ofRanges(both);
    }

    boolean intersects(CodePointSet other) {
        int i = 0;
        int j = 0;
        while (i < ranges.length && j < other.ranges.length) {
            if (ranges[i + 1] < other.ranges[j]) {
                i += 2;
            } else if (other.ranges[j + 1] < ranges[i]) {
                j += 2;
            } else {
                return true;
            }
        }
        return false;
    }

    CodePointSet complement() {
        int[] out = new int[ranges.length + 2];
        int m = 0;
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                out[m++] = next;
                out[m++] = ranges[i] - 1;
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX) {
            out[m++] = next;
            out[m++] = MAX;
        }
        return new CodePointSet(Arrays.copyOf(out, m));
    }

    /** Whether some code point of this set satisfies {@code p} (walks every member: analysis only). */
    boolean anyMatch(IntPredicate p) {
        for (int i = 0; i < ranges.length; i += 2) {
            for (int c = ranges[i]; c <= ranges[i + 1]; c++) {
                if (p.test(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ranges as pairs of inclusive bounds (a copy). */
    int[] ranges() {
        return ranges.clone();
    }

    /** A Java regex character class for exactly this set, every member written as {@code \x{...}}. */
    String toJavaClass() {
        StringBuilder sb = new StringBuilder(ranges.length * 8 + 2).append('[');
        if (ranges.length == 0) {
            // No character: an always-failing class that Java accepts.
            return "[^\\x{0}-\\x{10FFFF}]";
        }
        for (int i = 0; i < ranges.length; i += 2) {
            appendHex(sb, ranges[i]);
            if (ranges[i + 1] != ranges[i]) {
                sb.append('-');
                appendHex(sb, ranges[i + 1]);
            }
        }
        return sb.append(']').toString();
    }

    static StringBuilder appendHex(StringBuilder sb, int cp) {
        return sb.append("\\x{").append(Integer.toHexString(cp)).append('}');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePointSet other && Arrays.equals(ranges, other.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    @Override
    public String toString() {
        return toJavaClass();
    }
}
