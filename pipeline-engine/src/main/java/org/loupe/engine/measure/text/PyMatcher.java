package org.loupe.engine.measure.text;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small backtracking matcher for the part of Python {@code re} that spaCy's affix rules use:
 * characters and classes, sequences, ordered alternation, lookahead and fixed-width lookbehind
 * (positive and negative), anchors, and greedy / lazy / possessive repeats of a single character
 * class. It answers one question, "does the pattern match at this position, and where does the match
 * end?", with Python's semantics (leftmost-first alternation, greedy repeats backing off one code
 * point at a time, atomic lookarounds, lookbehind not reaching before the start of the string).
 *
 * <p>Why not {@code java.util.regex}, which {@link PyRegex} can also target? spaCy's classes are long
 * lists of ranges (lower-case letters of every script, 250 pictograph ranges), and Java tests such a
 * class by walking a chain of range predicates, while a {@link CodePointSet} answers with one binary
 * search; and a {@link java.util.regex.Matcher} costs an allocation and a reset per question. The two
 * engines are checked against each other by the tests.
 *
 * <p>Compiled once into an immutable graph of nodes (each knows its successor, so matching allocates
 * nothing but one small context per call); thread-safe.
 */
final class PyMatcher {

    /** Thrown when a pattern uses something outside the supported subset (callers fall back to java.util.regex). */
    static final class UnsupportedPatternException extends Exception {
        UnsupportedPatternException(String message) {
            super(message);
        }
    }

    /**
     * Per-call state: the string (Python's string is {@code s[lo, n)}: {@code ^} is {@code lo}, a
     * lookbehind cannot reach before it, nothing reads past {@code n}), where the match ended, and
     * the targets of active lookbehinds.
     */
    private static final class Ctx {
        final String s;
        final int lo;
        final int n;
        final int[] targets;
        int end = -1;

        Ctx(String s, int lo, int n, int lookbehinds) {
            this.s = s;
            this.lo = lo;
            this.n = n;
            this.targets = lookbehinds == 0 ? null : new int[lookbehinds];
        }
    }

    private abstract static class Nd {
        Nd next;

        Nd(Nd next) {
            this.next = next;
        }

        abstract boolean match(Ctx c, int pos);
    }

    private static final class Accept extends Nd {
        Accept() {
            super(null);
        }

        @Override
        boolean match(Ctx c, int pos) {
            c.end = pos;
            return true;
        }
    }

    /** The end of a lookahead body: reaching it means the lookahead holds. */
    private static final class LookEnd extends Nd {
        LookEnd() {
            super(null);
        }

        @Override
        boolean match(Ctx c, int pos) {
            return true;
        }
    }

    /** The end of a lookbehind body: it must end exactly where the lookbehind stands. */
    private static final class BehindEnd extends Nd {
        final int id;

        BehindEnd(int id) {
            super(null);
            this.id = id;
        }

        @Override
        boolean match(Ctx c, int pos) {
            return pos == c.targets[id];
        }
    }

    private static final class CharNd extends Nd {
        final CodePointSet set;

        CharNd(CodePointSet set, Nd next) {
            super(next);
            this.set = set;
        }

        @Override
        boolean match(Ctx c, int pos) {
            if (pos >= c.n) {
                return false;
            }
            int cp = c.s.codePointAt(pos);
            return set.contains(cp) && next.match(c, pos + Character.charCount(cp));
        }
    }

    private static final class BranchNd extends Nd {
        final Nd[] alternatives;

        BranchNd(Nd[] alternatives) {
            super(null);
            this.alternatives = alternatives;
        }

        @Override
        boolean match(Ctx c, int pos) {
            for (Nd a : alternatives) {
                if (a.match(c, pos)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class LookaheadNd extends Nd {
        final Nd body;
        final boolean negative;

        LookaheadNd(Nd body, boolean negative, Nd next) {
            super(next);
            this.body = body;
            this.negative = negative;
        }

        @Override
        boolean match(Ctx c, int pos) {
            // Lookarounds are atomic in Python and Java alike: no backtracking into them.
            return body.match(c, pos) != negative && next.match(c, pos);
        }
    }

    private static final class LookbehindNd extends Nd {
        final Nd body;
        final int width;
        final int id;
        final boolean negative;

        LookbehindNd(Nd body, int width, int id, boolean negative, Nd next) {
            super(next);
            this.body = body;
            this.width = width;
            this.id = id;
            this.negative = negative;
        }

        @Override
        boolean match(Ctx c, int pos) {
            int start = pos;
            boolean fits = true;
            for (int k = 0; k < width; k++) {
                if (start == c.lo) {
                    fits = false; // Python: the lookbehind would reach before the start of the string
                    break;
                }
                start = back(c.s, c.lo, start);
            }
            boolean holds = false;
            if (fits) {
                int saved = c.targets[id];
                c.targets[id] = pos;
                holds = body.match(c, start);
                c.targets[id] = saved;
            }
            return holds != negative && next.match(c, pos);
        }
    }

    private static final class AnchorNd extends Nd {
        final PyRegex.AnchorKind kind;

        AnchorNd(PyRegex.AnchorKind kind, Nd next) {
            super(next);
            this.kind = kind;
        }

        @Override
        boolean match(Ctx c, int pos) {
            boolean at = switch (kind) {
                case START -> pos == c.lo;
                case END -> pos == c.n || (pos == c.n - 1 && c.s.charAt(pos) == '\n');
                case VERY_END -> pos == c.n;
            };
            return at && next.match(c, pos);
        }
    }

    /** A repeat of one character class. */
    private static final class CharRepeatNd extends Nd {
        final CodePointSet set;
        final int min;
        final int max;
        final PyRegex.RepeatMode mode;

        CharRepeatNd(CodePointSet set, int min, int max, PyRegex.RepeatMode mode, Nd next) {
            super(next);
            this.set = set;
            this.min = min;
            this.max = max < 0 ? Integer.MAX_VALUE : max;
            this.mode = mode;
        }

        private int step(Ctx c, int p) {
            if (p >= c.n) {
                return -1;
            }
            int cp = c.s.codePointAt(p);
            return set.contains(cp) ? p + Character.charCount(cp) : -1;
        }

        @Override
        boolean match(Ctx c, int pos) {
            int p = pos;
            int count = 0;
            while (count < min) {
                p = step(c, p);
                if (p < 0) {
                    return false;
                }
                count++;
            }
            if (mode == PyRegex.RepeatMode.LAZY) {
                while (true) {
                    if (next.match(c, p)) {
                        return true;
                    }
                    if (count == max || (p = step(c, p)) < 0) {
                        return false;
                    }
                    count++;
                }
            }
            int q;
            while (count < max && (q = step(c, p)) >= 0) {
                p = q;
                count++;
            }
            if (mode == PyRegex.RepeatMode.POSSESSIVE) {
                return next.match(c, p);
            }
            while (true) {
                if (next.match(c, p)) {
                    return true;
                }
                if (count == min) {
                    return false;
                }
                p = back(c.s, pos, p);
                count--;
            }
        }
    }

    /** One code point back from {@code p} (a code point boundary after {@code floor}). */
    static int back(String s, int floor, int p) {
        if (p - 2 >= floor && Character.isLowSurrogate(s.charAt(p - 1)) && Character.isHighSurrogate(s.charAt(p - 2))) {
            return p - 2;
        }
        return p - 1;
    }

    private final Nd start;
    private final int lookbehinds;

    private PyMatcher(Nd start, int lookbehinds) {
        this.start = start;
        this.lookbehinds = lookbehinds;
    }

    static PyMatcher compile(PyRegex.Node node) throws UnsupportedPatternException {
        AtomicInteger ids = new AtomicInteger();
        Nd start = build(node, new Accept(), ids);
        return new PyMatcher(start, ids.get());
    }

    private static Nd build(PyRegex.Node node, Nd next, AtomicInteger ids) throws UnsupportedPatternException {
        if (node instanceof PyRegex.Chars c) {
            return new CharNd(c.set(), next);
        }
        if (node instanceof PyRegex.Seq s) {
            Nd n = next;
            for (int i = s.items().size() - 1; i >= 0; i--) {
                n = build(s.items().get(i), n, ids);
            }
            return n;
        }
        if (node instanceof PyRegex.Alt a) {
            Nd[] alts = new Nd[a.branches().size()];
            for (int i = 0; i < alts.length; i++) {
                alts[i] = build(a.branches().get(i), next, ids);
            }
            return new BranchNd(alts);
        }
        if (node instanceof PyRegex.Group g) {
            switch (g.kind()) {
                case CAPTURE, NON_CAPTURE -> {
                    return build(g.body(), next, ids);
                }
                case LOOKAHEAD, NEGATIVE_LOOKAHEAD -> {
                    return new LookaheadNd(build(g.body(), new LookEnd(), ids), g.kind() == PyRegex.GroupKind.NEGATIVE_LOOKAHEAD, next);
                }
                default -> {
                    int min = PyRegex.minLength(g.body());
                    int max = PyRegex.maxLength(g.body());
                    if (min != max) {
                        throw new UnsupportedPatternException("look-behind requires fixed-width pattern");
                    }
                    int id = ids.getAndIncrement();
                    return new LookbehindNd(build(g.body(), new BehindEnd(id), ids), min, id,
                            g.kind() == PyRegex.GroupKind.NEGATIVE_LOOKBEHIND, next);
                }
            }
        }
        if (node instanceof PyRegex.Repeat r) {
            if (r.body() instanceof PyRegex.Chars c) {
                return new CharRepeatNd(c.set(), r.min(), r.max(), r.mode(), next);
            }
            throw new UnsupportedPatternException("only a single character class may be repeated");
        }
        return new AnchorNd(((PyRegex.Anchor) node).kind(), next);
    }

    /**
     * Where a match starting at {@code pos} ends, or -1 when none does, Python's string being
     * {@code s[lo, hi)}: lookbehind may read back to {@code lo} (not before), {@code ^} means
     * {@code lo}, {@code $} means {@code hi}. Taking the string as a range of a larger one lets the
     * tokenizer peel affixes without copying what is left after each one.
     */
    int matchEnd(String s, int lo, int hi, int pos) {
        Ctx c = new Ctx(s, lo, hi, lookbehinds);
        return start.match(c, pos) ? c.end : -1;
    }
}
