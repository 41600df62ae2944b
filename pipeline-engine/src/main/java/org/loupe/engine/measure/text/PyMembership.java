package org.loupe.engine.measure.text;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Decides {@code re.match(pattern, s) is not None} for a Python pattern without backtracking, by
 * computing the set of positions where some match path can end (a breadth-first walk over positions,
 * in the manner of a Thompson NFA).
 *
 * <p>Why a third engine: {@code java.util.regex} recurses once per iteration of a repeated group, so
 * spaCy's URL regex, whose host part is {@code (?:label\.)+}, overflows the stack on a chunk like
 * {@code "1.2.3.4. ... "} with a few thousand labels (web text has those). Python's engine does not
 * recurse and simply answers. For a yes/no question the answer does not depend on the order in which
 * a backtracking engine tries the alternatives, only on whether some way to match exists (lookarounds
 * are yes/no conditions at a position), so computing all reachable positions gives Python's answer
 * exactly, with memory and time bounded by the length of the string. Possessive repeats would break
 * that equivalence and are refused.
 */
final class PyMembership {
    private static final int[] NONE = new int[0];

    private final int[] cps;
    private final int n;

    private PyMembership(int[] cps) {
        this.cps = cps;
        this.n = cps.length;
    }

    /** Whether {@code re.match(node, s[lo:hi])} would find a match (anchored at the start, any end). */
    static boolean matches(PyRegex.Node node, String s, int lo, int hi) {
        PyMembership m = new PyMembership(s.substring(lo, hi).codePoints().toArray());
        return m.ends(node, new int[] {0}).length > 0;
    }

    /** Positions (code point indexes) where a match of {@code node} starting at one of {@code starts} can end; sorted, distinct. */
    private int[] ends(PyRegex.Node node, int[] starts) {
        if (starts.length == 0) {
            return NONE;
        }
        if (node instanceof PyRegex.Chars c) {
            int[] out = new int[starts.length];
            int m = 0;
            for (int p : starts) {
                if (p < n && c.set().contains(cps[p])) {
                    out[m++] = p + 1;
                }
            }
            return Arrays.copyOf(out, m);
        }
        if (node instanceof PyRegex.Seq s) {
            int[] cur = starts;
            for (PyRegex.Node item : s.items()) {
                cur = ends(item, cur);
                if (cur.length == 0) {
                    break;
                }
            }
            return cur;
        }
        if (node instanceof PyRegex.Alt a) {
            int[] out = NONE;
            for (PyRegex.Node b : a.branches()) {
                out = union(out, ends(b, starts));
            }
            return out;
        }
        if (node instanceof PyRegex.Group g) {
            return switch (g.kind()) {
                case CAPTURE, NON_CAPTURE -> ends(g.body(), starts);
                case LOOKAHEAD, NEGATIVE_LOOKAHEAD -> {
                    boolean negative = g.kind() == PyRegex.GroupKind.NEGATIVE_LOOKAHEAD;
                    yield filter(starts, p -> (ends(g.body(), new int[] {p}).length > 0) != negative);
                }
                case LOOKBEHIND, NEGATIVE_LOOKBEHIND -> {
                    boolean negative = g.kind() == PyRegex.GroupKind.NEGATIVE_LOOKBEHIND;
                    int width = PyRegex.minLength(g.body());
                    if (width != PyRegex.maxLength(g.body())) {
                        throw new IllegalArgumentException("look-behind requires fixed-width pattern");
                    }
                    yield filter(starts, p -> (p - width >= 0
                            && Arrays.binarySearch(ends(g.body(), new int[] {p - width}), p) >= 0) != negative);
                }
            };
        }
        if (node instanceof PyRegex.Repeat r) {
            return repeat(r, starts);
        }
        PyRegex.AnchorKind kind = ((PyRegex.Anchor) node).kind();
        return filter(starts, p -> switch (kind) {
            case START -> p == 0;
            case END -> p == n || (p == n - 1 && cps[p] == '\n');
            case VERY_END -> p == n;
        });
    }

    private int[] repeat(PyRegex.Repeat r, int[] starts) {
        if (r.mode() == PyRegex.RepeatMode.POSSESSIVE) {
            throw new IllegalArgumentException("possessive repeats change which strings match; not supported");
        }
        if (PyRegex.nullable(r.body())) {
            throw new IllegalArgumentException("a repeat of something that can be empty is not supported");
        }
        int[] cur = starts;
        for (int i = 0; i < r.min(); i++) {
            cur = ends(r.body(), cur);
            if (cur.length == 0) {
                return NONE;
            }
        }
        if (r.max() >= 0) {
            int[] out = cur;
            for (int i = r.min(); i < r.max() && cur.length > 0; i++) {
                cur = ends(r.body(), cur);
                out = union(out, cur);
            }
            return out;
        }
        // Unbounded: from a position, what can follow no longer depends on the count, so each
        // position needs exploring once (every iteration consumes something, so this terminates).
        BitSet seen = new BitSet(n + 1);
        for (int p : cur) {
            seen.set(p);
        }
        int[] frontier = cur;
        while (frontier.length > 0) {
            int[] next = ends(r.body(), frontier);
            int[] fresh = new int[next.length];
            int m = 0;
            for (int p : next) {
                if (!seen.get(p)) {
                    seen.set(p);
                    fresh[m++] = p;
                }
            }
            frontier = Arrays.copyOf(fresh, m);
        }
        return seen.stream().toArray();
    }

    private interface PositionTest {
        boolean test(int p);
    }

    private static int[] filter(int[] starts, PositionTest test) {
        int[] out = new int[starts.length];
        int m = 0;
        for (int p : starts) {
            if (test.test(p)) {
                out[m++] = p;
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static int[] union(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int m = 0;
        while (i < a.length || j < b.length) {
            int v;
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                v = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                v = b[j++];
            } else {
                v = a[i++];
                j++;
            }
            out[m++] = v;
        }
        return Arrays.copyOf(out, m);
    }
}
