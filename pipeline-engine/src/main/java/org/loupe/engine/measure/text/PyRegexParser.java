package org.loupe.engine.measure.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.loupe.engine.measure.text.PyRegex.Alt;
import org.loupe.engine.measure.text.PyRegex.Anchor;
import org.loupe.engine.measure.text.PyRegex.AnchorKind;
import org.loupe.engine.measure.text.PyRegex.Chars;
import org.loupe.engine.measure.text.PyRegex.Escapes;
import org.loupe.engine.measure.text.PyRegex.Group;
import org.loupe.engine.measure.text.PyRegex.GroupKind;
import org.loupe.engine.measure.text.PyRegex.Node;
import org.loupe.engine.measure.text.PyRegex.Repeat;
import org.loupe.engine.measure.text.PyRegex.RepeatMode;
import org.loupe.engine.measure.text.PyRegex.Seq;

/** The recursive-descent parser of Python {@code re} patterns into {@link PyRegex}'s syntax tree. */
final class PyRegexParser {
    private final String src;
    private int pos;

    PyRegexParser(String src) {
        this.src = src;
    }

    IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + pos + " of Python regex: "
                + (src.length() > 120 ? src.substring(0, 120) + "…" : src));
    }

    boolean more() {
        return pos < src.length();
    }

    int peek() {
        return src.codePointAt(pos);
    }

    int next() {
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    boolean eat(String s) {
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    /** The whole pattern; an error when it does not end where the pattern does. */
    Node pattern() {
        Node node = alternation();
        if (pos != src.length()) {
            throw error("unbalanced parenthesis");
        }
        return node;
    }

    private Node alternation() {
        List<Node> branches = new ArrayList<>();
        branches.add(sequence());
        while (more() && peek() == '|') {
            pos++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : new Alt(List.copyOf(branches));
    }

    Node sequence() {
        List<Node> items = new ArrayList<>();
        while (more() && peek() != '|' && peek() != ')') {
            Node atom = atom();
            if (atom == null) {
                continue; // a global flag group such as (?u)
            }
            items.add(quantified(atom));
        }
        return items.size() == 1 ? items.get(0) : new Seq(List.copyOf(items));
    }

    Node quantified(Node atom) {
        while (more()) {
            int min;
            int max;
            int c = peek();
            int save = pos;
            if (c == '*') {
                pos++;
                min = 0;
                max = -1;
            } else if (c == '+') {
                pos++;
                min = 1;
                max = -1;
            } else if (c == '?') {
                pos++;
                min = 0;
                max = 1;
            } else if (c == '{') {
                int[] range = braceRepeat();
                if (range == null) {
                    pos = save;
                    return atom; // a literal '{' follows; the sequence loop reads it
                }
                min = range[0];
                max = range[1];
            } else {
                return atom;
            }
            if (atom instanceof Repeat || atom instanceof Anchor
                    || (atom instanceof Group g && g.kind().zeroWidth())) {
                // Python: "multiple repeat" / "nothing to repeat"; Python 3.11 does allow a
                // repeated lookaround, but spaCy's patterns never do it, so refuse rather than guess.
                throw error("unsupported repeat of " + atom.getClass().getSimpleName());
            }
            RepeatMode mode = RepeatMode.GREEDY;
            if (more() && peek() == '?') {
                pos++;
                mode = RepeatMode.LAZY;
            } else if (more() && peek() == '+') {
                pos++;
                mode = RepeatMode.POSSESSIVE; // Python 3.11+, same meaning as Java
            }
            atom = new Repeat(atom, min, max, mode);
        }
        return atom;
    }

    /** Python's {@code {m}}, {@code {m,}}, {@code {,n}}, {@code {m,n}}, {@code {,}}; null when it is a literal brace. */
    int[] braceRepeat() {
        int p = pos + 1;
        int loStart = p;
        while (p < src.length() && isAsciiDigit(src.charAt(p))) {
            p++;
        }
        String lo = src.substring(loStart, p);
        String hi;
        if (p < src.length() && src.charAt(p) == ',') {
            p++;
            int hiStart = p;
            while (p < src.length() && isAsciiDigit(src.charAt(p))) {
                p++;
            }
            hi = src.substring(hiStart, p);
        } else {
            if (lo.isEmpty()) {
                return null; // "{}" or "{x": literal
            }
            hi = lo;
        }
        if (p >= src.length() || src.charAt(p) != '}') {
            return null;
        }
        pos = p + 1;
        int min = lo.isEmpty() ? 0 : Integer.parseInt(lo);
        int max = hi.isEmpty() ? -1 : Integer.parseInt(hi);
        if (max >= 0 && max < min) {
            throw error("min repeat greater than max repeat");
        }
        return new int[] {min, max};
    }

    Node atom() {
        int c = next();
        switch (c) {
            case '(':
                return group();
            case '[':
                return charClass();
            case '.':
                return new Chars(Escapes.NOT_NEWLINE, "[^\\n]");
            case '^':
                return new Anchor(AnchorKind.START);
            case '$':
                return new Anchor(AnchorKind.END);
            case '\\':
                return escape();
            case '*', '+', '?':
                throw error("nothing to repeat");
            default:
                return literal(c);
        }
    }

    Node group() {
        GroupKind kind;
        if (eat("?:")) {
            kind = GroupKind.NON_CAPTURE;
        } else if (eat("?=")) {
            kind = GroupKind.LOOKAHEAD;
        } else if (eat("?!")) {
            kind = GroupKind.NEGATIVE_LOOKAHEAD;
        } else if (eat("?<=")) {
            kind = GroupKind.LOOKBEHIND;
        } else if (eat("?<!")) {
            kind = GroupKind.NEGATIVE_LOOKBEHIND;
        } else if (more() && peek() == '?') {
            // Inline flags. Only (?u) is accepted: it is the default for str patterns anyway.
            int start = pos;
            pos++;
            while (more() && Character.isLetter(peek())) {
                pos++;
            }
            String flags = src.substring(start + 1, pos);
            if (!flags.chars().allMatch(f -> f == 'u') || !eat(")")) {
                pos = start;
                throw error("unsupported group or flags");
            }
            return null;
        } else {
            kind = GroupKind.CAPTURE;
        }
        Node body = alternation();
        if (!eat(")")) {
            throw error("missing )");
        }
        return new Group(kind, body);
    }

    Node escape() {
        if (!more()) {
            throw error("bad escape (end of pattern)");
        }
        int c = next();
        switch (c) {
            case 'd', 'D', 'w', 'W', 's', 'S': {
                char letter = (char) c;
                String content = Escapes.javaContent(letter);
                String java = content.startsWith("[^") ? content : "[" + content + "]";
                return new Chars(Escapes.set(letter), java);
            }
            case 'A':
                return new Anchor(AnchorKind.START);
            case 'Z':
                return new Anchor(AnchorKind.VERY_END);
            default:
                return literal(escapedCodePoint(c, false));
        }
    }

    /** The code point of a literal escape (after the backslash), inside or outside a class. */
    int escapedCodePoint(int c, boolean inClass) {
        switch (c) {
            case 'x':
                return hex(2);
            case 'u':
                return hex(4);
            case 'U': {
                int cp = hex(8);
                if (cp > CodePointSet.MAX) {
                    throw error("bad escape \\U");
                }
                return cp;
            }
            case 'a':
                return 0x07;
            case 'f':
                return 0x0C;
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 0x0B;
            case 'b':
                if (inClass) {
                    return 0x08;
                }
                throw error("word boundaries are not supported");
            default:
                if (c < 128 && (Character.isLetterOrDigit(c))) {
                    // Python: bad escape, back-reference, octal or \N{...}: none is used by spaCy.
                    throw error("unsupported escape \\" + (char) c);
                }
                return c; // an escaped punctuation or non-ASCII character stands for itself
        }
    }

    int hex(int digits) {
        if (pos + digits > src.length()) {
            throw error("incomplete escape");
        }
        String h = src.substring(pos, pos + digits);
        for (int i = 0; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                throw error("bad hex escape");
            }
        }
        pos += digits;
        return Integer.parseInt(h, 16);
    }

    Node charClass() {
        boolean negate = false;
        if (more() && peek() == '^') {
            pos++;
            negate = true;
        }
        CodePointSet set = CodePointSet.EMPTY; // the escapes' sets
        int[] pairs = new int[16]; // the literal ranges, merged once at the end
        int pairCount = 0;
        StringBuilder java = new StringBuilder();
        boolean first = true;
        while (true) {
            if (!more()) {
                throw error("unterminated character set");
            }
            int c = next();
            if (c == ']' && !first) {
                break;
            }
            first = false;
            int lo;
            if (c == '\\') {
                if (!more()) {
                    throw error("bad escape (end of pattern)");
                }
                int e = next();
                if ("dDwWsS".indexOf(e) >= 0) {
                    char letter = (char) e;
                    set = set.union(Escapes.set(letter));
                    String content = Escapes.javaContent(letter);
                    if (content.startsWith("[^") && negate) {
                        throw error("a negated escape inside a negated class is not supported");
                    }
                    java.append(content);
                    if (more() && peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                        throw error("bad character range");
                    }
                    continue;
                }
                lo = escapedCodePoint(e, true);
            } else {
                lo = c;
            }
            int hi = lo;
            if (more() && peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                pos++; // the '-'
                int h = next();
                if (h == '\\') {
                    if (!more()) {
                        throw error("bad escape (end of pattern)");
                    }
                    int e = next();
                    if ("dDwWsS".indexOf(e) >= 0) {
                        throw error("bad character range");
                    }
                    hi = escapedCodePoint(e, true);
                } else {
                    hi = h;
                }
                if (hi < lo) {
                    throw error("bad character range");
                }
            }
            if (pairCount + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[pairCount++] = lo;
            pairs[pairCount++] = hi;
            CodePointSet.appendHex(java, lo);
            if (hi != lo) {
                CodePointSet.appendHex(java.append('-'), hi);
            }
        }
        set = set.union(CodePointSet.ofRanges(Arrays.copyOf(pairs, pairCount)));
        if (negate) {
            return new Chars(set.complement(), "[^" + java + "]");
        }
        return new Chars(set, "[" + java + "]");
    }

    Node literal(int cp) {
        return new Chars(CodePointSet.of(cp), CodePointSet.appendHex(new StringBuilder(), cp).toString());
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
