package org.loupe.engine.measure.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parser for the subset of Python {@code re} syntax that spaCy's tokenizer patterns use, producing a
 * small syntax tree that can be (1) printed as an equivalent {@code java.util.regex} pattern and
 * (2) analysed: which characters can start or end a match, and how long a match can be.
 *
 * <p>Why not hand the pattern string to {@link java.util.regex.Pattern}? The two dialects read the
 * same text differently in ways that matter here:
 * <ul>
 *   <li>Python writes astral code points as {@code \UXXXXXXXX}, Java as {@code \x{...}};</li>
 *   <li>inside a class Python reads {@code [}, {@code &&} and {@code ||} literally while Java nests,
 *       intersects or rejects them (spaCy's suffix pattern has a class containing {@code [}, {@code |}
 *       and {@code (?:} as plain characters);</li>
 *   <li>Python's {@code $} matches at the end or before a final {@code \n}; Java's {@code $} also
 *       before a final {@code \r}, U+0085, U+2028 or U+2029;</li>
 *   <li>Python's {@code \w}, {@code \d}, {@code \s} are {@code str.isalnum()}/{@code _},
 *       Unicode Nd and {@code str.isspace()}; Java's (even with {@code UNICODE_CHARACTER_CLASS})
 *       add combining marks and joiners to {@code \w}, and drop U+001C..U+001F from {@code \s};</li>
 *   <li>Python's {@code .} excludes only {@code \n}; Java's excludes every line terminator;</li>
 *   <li>Python reads an opening brace literally when it does not form a valid repeat; Java throws.</li>
 * </ul>
 * So every literal is printed as {@code \x{...}}, every class as an explicit list, {@code $} as
 * {@code (?=\n?\z)} and the escapes as explicit classes carrying Python 3.11's Unicode 14 tables. The
 * constructs both dialects share (ordered alternation, greedy/lazy/possessive repeats, lookahead,
 * fixed-width lookbehind, backtracking) mean the same in both and are printed unchanged. Anything
 * outside the subset (back-references, conditionals, inline flags other than {@code (?u)}, word
 * boundaries) is rejected rather than guessed.
 */
final class PyRegex {
    private PyRegex() {
    }

    /** A node of the syntax tree. */
    sealed interface Node permits Alt, Seq, Chars, Group, Repeat, Anchor {
    }

    /** {@code a|b|c}: ordered alternation (the first branch that leads to a match wins). */
    record Alt(List<Node> branches) implements Node {
    }

    /** A concatenation. */
    record Seq(List<Node> items) implements Node {
    }

    /** One code point out of a set: a literal, a class, an escape like {@code \d}, or {@code .}. */
    record Chars(CodePointSet set, String java) implements Node {
    }

    enum GroupKind {
        CAPTURE("("), NON_CAPTURE("(?:"), LOOKAHEAD("(?="), NEGATIVE_LOOKAHEAD("(?!"), LOOKBEHIND("(?<="),
        NEGATIVE_LOOKBEHIND("(?<!");

        final String java;

        GroupKind(String java) {
            this.java = java;
        }

        boolean zeroWidth() {
            return this != CAPTURE && this != NON_CAPTURE;
        }
    }

    record Group(GroupKind kind, Node body) implements Node {
    }

    enum RepeatMode {
        GREEDY(""), LAZY("?"), POSSESSIVE("+");

        final String java;

        RepeatMode(String java) {
            this.java = java;
        }
    }

    /** A repeat; {@code max == -1} means unbounded. */
    record Repeat(Node body, int min, int max, RepeatMode mode) implements Node {
    }

    enum AnchorKind {
        /** {@code ^} and {@code \A}: the start of the string (no MULTILINE here). */
        START,
        /** {@code $}: the end of the string, or just before a final {@code \n}. */
        END,
        /** {@code \Z}: the very end of the string. */
        VERY_END
    }

    record Anchor(AnchorKind kind) implements Node {
    }

    // ------------------------------------------------------------------------------------------
    // Character sets of Python's escapes, with Python 3.11 (Unicode 14) semantics.

    static final class Escapes {
        static final CodePointSet DIGIT = CodePointSet.matching(PyUnicode::isDecimal);
        static final CodePointSet WORD = CodePointSet.matching(PyUnicode::isWordChar);
        static final CodePointSet SPACE = CodePointSet.matching(PyUnicode::isSpace);
        static final CodePointSet NOT_NEWLINE = CodePointSet.of('\n').complement();

        /** Java class content for Python's {@code \d}: Nd plus the Unicode 14 digits. */
        static final String DIGIT_JAVA = "\\p{Nd}" + range(PyUnicode.EXTRA_DIGITS_FIRST, PyUnicode.EXTRA_DIGITS_LAST);
        /** Java class content for Python's {@code \w}: letters, numbers, underscore, plus Unicode 14 letters/digits. */
        static final String WORD_JAVA;
        /** Java class content for Python's {@code \s}: explicit, Java has no property for exactly {@code str.isspace()}. */
        static final String SPACE_JAVA = SPACE.toJavaClass().substring(1, SPACE.toJavaClass().length() - 1);

        static {
            StringBuilder sb = new StringBuilder("\\p{L}\\p{N}_");
            int[] extra = PyUnicode.extraLetterRanges();
            for (int i = 0; i < extra.length; i += 2) {
                sb.append(range(extra[i], extra[i + 1]));
            }
            sb.append(range(PyUnicode.EXTRA_DIGITS_FIRST, PyUnicode.EXTRA_DIGITS_LAST));
            WORD_JAVA = sb.toString();
        }

        private static String range(int lo, int hi) {
            StringBuilder sb = new StringBuilder();
            CodePointSet.appendHex(sb, lo);
            if (hi != lo) {
                CodePointSet.appendHex(sb.append('-'), hi);
            }
            return sb.toString();
        }

        /** The code points of a class escape ({@code \d}, {@code \W}, ...). */
        static CodePointSet set(char letter) {
            return switch (letter) {
                case 'd' -> DIGIT;
                case 'D' -> DIGIT.complement();
                case 'w' -> WORD;
                case 'W' -> WORD.complement();
                case 's' -> SPACE;
                case 'S' -> SPACE.complement();
                default -> throw new IllegalStateException(String.valueOf(letter));
            };
        }

        /** The Java class content of a class escape: items to put inside {@code [...]} (a nested class when negated). */
        static String javaContent(char letter) {
            return switch (letter) {
                case 'd' -> DIGIT_JAVA;
                case 'D' -> "[^" + DIGIT_JAVA + "]";
                case 'w' -> WORD_JAVA;
                case 'W' -> "[^" + WORD_JAVA + "]";
                case 's' -> SPACE_JAVA;
                case 'S' -> "[^" + SPACE_JAVA + "]";
                default -> throw new IllegalStateException(String.valueOf(letter));
            };
        }
    }

    // ------------------------------------------------------------------------------------------
    // Parsing

    /** Parses a Python {@code re} pattern (a {@code str} pattern, so Unicode matching). */
    static Node parse(String pattern) {
        PyRegexParser p = new PyRegexParser(pattern);
        return p.pattern();
    }

    // ------------------------------------------------------------------------------------------
    // Printing as java.util.regex

    /**
     * The {@code java.util.regex} equivalent of a node. Compile it without flags; run it with
     * {@code useAnchoringBounds(false)} when a region does not start at 0, so that {@code ^} keeps
     * meaning "start of the string" as in Python.
     */
    static String toJava(Node node) {
        StringBuilder sb = new StringBuilder();
        print(node, sb);
        return sb.toString();
    }

    private static void print(Node node, StringBuilder sb) {
        if (node instanceof Alt a) {
            for (int i = 0; i < a.branches().size(); i++) {
                if (i > 0) {
                    sb.append('|');
                }
                print(a.branches().get(i), sb);
            }
        } else if (node instanceof Seq s) {
            for (Node item : s.items()) {
                print(item, sb);
            }
        } else if (node instanceof Chars c) {
            sb.append(c.java());
        } else if (node instanceof Group g) {
            sb.append(g.kind().java);
            print(g.body(), sb);
            sb.append(')');
        } else if (node instanceof Repeat r) {
            boolean atomic = r.body() instanceof Chars || r.body() instanceof Group;
            if (!atomic) {
                sb.append("(?:");
            }
            print(r.body(), sb);
            if (!atomic) {
                sb.append(')');
            }
            if (r.min() == 0 && r.max() == -1) {
                sb.append('*');
            } else if (r.min() == 1 && r.max() == -1) {
                sb.append('+');
            } else if (r.min() == 0 && r.max() == 1) {
                sb.append('?');
            } else if (r.max() == -1) {
                sb.append('{').append(r.min()).append(",}");
            } else if (r.min() == r.max()) {
                sb.append('{').append(r.min()).append('}');
            } else {
                sb.append('{').append(r.min()).append(',').append(r.max()).append('}');
            }
            sb.append(r.mode().java);
        } else {
            AnchorKind kind = ((Anchor) node).kind();
            sb.append(kind == AnchorKind.START ? "^" : kind == AnchorKind.END ? "(?=\\n?\\z)" : "\\z");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Analysis

    /** The top-level branches of an alternation (or the node itself). */
    static List<Node> branches(Node node) {
        if (node instanceof Alt a) {
            return a.branches();
        }
        if (node instanceof Group g && g.kind() == GroupKind.NON_CAPTURE && g.body() instanceof Alt a) {
            return a.branches();
        }
        return List.of(node);
    }

    /** Whether the node can match the empty string (lookarounds and anchors count as empty). */
    static boolean nullable(Node node) {
        if (node instanceof Alt a) {
            return a.branches().stream().anyMatch(PyRegex::nullable);
        } else if (node instanceof Seq s) {
            return s.items().stream().allMatch(PyRegex::nullable);
        } else if (node instanceof Chars) {
            return false;
        } else if (node instanceof Group g) {
            return g.kind().zeroWidth() || nullable(g.body());
        } else if (node instanceof Repeat r) {
            return r.min() == 0 || nullable(r.body());
        }
        return true; // Anchor
    }

    /**
     * A superset of the code points that can be the first one a match consumes. Lookarounds and
     * anchors consume nothing and only narrow a match down, so ignoring them keeps this a superset.
     */
    static CodePointSet first(Node node) {
        return edge(node, true);
    }

    /** A superset of the code points that can be the last one a match consumes. */
    static CodePointSet last(Node node) {
        return edge(node, false);
    }

    private static CodePointSet edge(Node node, boolean first) {
        if (node instanceof Alt a) {
            CodePointSet out = CodePointSet.EMPTY;
            for (Node b : a.branches()) {
                out = out.union(edge(b, first));
            }
            return out;
        } else if (node instanceof Seq s) {
            CodePointSet out = CodePointSet.EMPTY;
            List<Node> items = s.items();
            for (int k = 0; k < items.size(); k++) {
                Node item = items.get(first ? k : items.size() - 1 - k);
                out = out.union(edge(item, first));
                if (!nullable(item)) {
                    break;
                }
            }
            return out;
        } else if (node instanceof Chars c) {
            return c.set();
        } else if (node instanceof Group g) {
            return g.kind().zeroWidth() ? CodePointSet.EMPTY : edge(g.body(), first);
        } else if (node instanceof Repeat r) {
            return r.max() == 0 ? CodePointSet.EMPTY : edge(r.body(), first);
        }
        return CodePointSet.EMPTY; // Anchor
    }

    /**
     * Whether the node could take part in a match inside a string made only of characters of
     * {@code alphabet} (lookaround contexts included, since they read the same string). "No" is a
     * proof that the pattern never matches such a string; "yes" may be an over-estimate.
     */
    static boolean canMatchWithin(Node node, CodePointSet alphabet) {
        if (node instanceof Alt a) {
            return a.branches().stream().anyMatch(b -> canMatchWithin(b, alphabet));
        } else if (node instanceof Seq s) {
            return s.items().stream().allMatch(i -> canMatchWithin(i, alphabet));
        } else if (node instanceof Chars c) {
            return c.set().intersects(alphabet);
        } else if (node instanceof Group g) {
            if (g.kind() == GroupKind.NEGATIVE_LOOKAHEAD || g.kind() == GroupKind.NEGATIVE_LOOKBEHIND) {
                return true;
            }
            return canMatchWithin(g.body(), alphabet);
        } else if (node instanceof Repeat r) {
            return r.min() == 0 || canMatchWithin(r.body(), alphabet);
        }
        return true; // Anchor
    }

    /** A superset of every code point a match can consume (lookaround contents excluded: they consume nothing). */
    static CodePointSet consumed(Node node) {
        if (node instanceof Alt a) {
            CodePointSet out = CodePointSet.EMPTY;
            for (Node b : a.branches()) {
                out = out.union(consumed(b));
            }
            return out;
        } else if (node instanceof Seq s) {
            CodePointSet out = CodePointSet.EMPTY;
            for (Node i : s.items()) {
                out = out.union(consumed(i));
            }
            return out;
        } else if (node instanceof Chars c) {
            return c.set();
        } else if (node instanceof Group g) {
            return g.kind().zeroWidth() ? CodePointSet.EMPTY : consumed(g.body());
        } else if (node instanceof Repeat r) {
            return r.max() == 0 ? CodePointSet.EMPTY : consumed(r.body());
        }
        return CodePointSet.EMPTY; // Anchor
    }

    /** The fewest code points a match consumes. */
    static int minLength(Node node) {
        if (node instanceof Alt a) {
            return a.branches().stream().mapToInt(PyRegex::minLength).min().orElse(0);
        } else if (node instanceof Seq s) {
            return s.items().stream().mapToInt(PyRegex::minLength).sum();
        } else if (node instanceof Chars) {
            return 1;
        } else if (node instanceof Group g) {
            return g.kind().zeroWidth() ? 0 : minLength(g.body());
        } else if (node instanceof Repeat r) {
            return r.min() * minLength(r.body());
        }
        return 0; // Anchor
    }

    /** The most code points a match consumes, or -1 when unbounded. */
    static int maxLength(Node node) {
        if (node instanceof Alt a) {
            int max = 0;
            for (Node b : a.branches()) {
                int m = maxLength(b);
                if (m < 0) {
                    return -1;
                }
                max = Math.max(max, m);
            }
            return max;
        } else if (node instanceof Seq s) {
            int sum = 0;
            for (Node item : s.items()) {
                int m = maxLength(item);
                if (m < 0) {
                    return -1;
                }
                sum += m;
            }
            return sum;
        } else if (node instanceof Chars) {
            return 1;
        } else if (node instanceof Group g) {
            return g.kind().zeroWidth() ? 0 : maxLength(g.body());
        } else if (node instanceof Repeat r) {
            int body = maxLength(r.body());
            if (body == 0) {
                return 0;
            }
            return r.max() < 0 || body < 0 ? -1 : r.max() * body;
        }
        return 0; // Anchor
    }
}
