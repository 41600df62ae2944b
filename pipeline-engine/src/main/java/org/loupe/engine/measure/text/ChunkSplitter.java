package org.loupe.engine.measure.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spaCy's per-chunk tokenization ({@code Tokenizer._split_affixes} + {@code _attach_tokens}): splits one
 * whitespace-free chunk into tokens with the special-case table, the prefix / suffix / infix regexes
 * and the URL regex, in exactly spaCy's order. The result is the list of token end offsets inside the
 * chunk (tokens are contiguous and cover it, because every special case is spelled by its pieces).
 *
 * <p>The regexes are Python's, parsed by {@link PyRegex}, split into their top-level alternatives and
 * run on {@link PyMatcher}. Python's {@code search} tries start positions left to right and, at each,
 * the alternatives in order; this class does the same but skips every (position, alternative) pair
 * that cannot match: an alternative whose first consumed character cannot be the one at that
 * position, a suffix alternative whose last character cannot be the string's last one or whose length
 * cannot reach the end. Skipping a pair that cannot match never changes which match comes first, so
 * the answer is Python's. The remaining string is tracked as a range of the chunk, so peeling ten
 * thousand {@code (} costs ten thousand small steps, not ten thousand copies.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class ChunkSplitter {

    /**
     * One top-level alternative of a spaCy regex, with what the analysis knows about its matches. It
     * runs on {@link PyMatcher}; {@code java.util.regex} (through {@link PyRegex#toJava}) is the
     * fallback for anything PyMatcher does not support, and the second opinion the tests compare it with.
     */
    record Alternative(PyRegex.Node node, Pattern pattern, PyMatcher matcher, CodePointSet first, CodePointSet last,
                       CodePointSet consumed, int minLength, int maxLength) {
        static Alternative of(PyRegex.Node node, boolean javaRegexOnly) {
            if (PyRegex.nullable(node)) {
                throw new IllegalStateException("an affix alternative can match the empty string: " + PyRegex.toJava(node));
            }
            PyMatcher matcher = null;
            if (!javaRegexOnly) {
                try {
                    matcher = PyMatcher.compile(node);
                } catch (PyMatcher.UnsupportedPatternException e) {
                    matcher = null;
                }
            }
            return new Alternative(node, Pattern.compile(PyRegex.toJava(node)), matcher, PyRegex.first(node),
                    PyRegex.last(node), PyRegex.consumed(node), PyRegex.minLength(node), PyRegex.maxLength(node));
        }

        /**
         * Where a match starting at {@code from} ends, or -1, Python's string being {@code s[lo, hi)}
         * (lookbehind reads back to {@code lo}, {@code ^} is {@code lo}, {@code $} is {@code hi}).
         */
        int matchEnd(String s, int lo, int hi, int from) {
            if (matcher != null) {
                return matcher.matchEnd(s, lo, hi, from);
            }
            String string = s.substring(lo, hi);
            Matcher m = pattern.matcher(string);
            // Transparent: lookbehind sees the text before `from`, as in Python where the search runs
            // over the whole string. No anchoring bounds: '^' stays the string start.
            m.useTransparentBounds(true).useAnchoringBounds(false).region(from - lo, string.length());
            return m.lookingAt() ? lo + m.end() : -1;
        }
    }

    private static final int[] NO_MATCHES = new int[0];
    /** Below this many dots java.util.regex checks URLs; above, its recursion could overflow the stack. */
    private static final int URL_DOTS_FOR_JAVA_REGEX = 64;

    /** {@link #charClass} bit: a letter that no rule can touch. */
    static final byte PLAIN_LETTER = 1;
    /** {@link #charClass} bit: a digit that no rule can touch. */
    static final byte PLAIN_DIGIT = 2;
    /** {@link #charClass} bit: Python whitespace ({@code str.isspace()}). */
    static final byte SPACE = 4;

    private final Alternative[] prefixes;
    private final Alternative[] suffixes;
    private final Alternative[] infixes;
    private final int[] allSuffixes;
    private final CandidateIndex prefixByFirst;
    private final CandidateIndex suffixByLast;
    private final CandidateIndex infixByFirst;
    private final PyRegex.Node urlNode;
    private final Pattern url;
    private final RangeKeyedMap<int[]> specials;
    private final Map<String, List<String>> specialPieces;
    private final byte[] charClass = new byte[0x10000];

    ChunkSplitter(SpacyEnglishRules rules) {
        this(rules, false);
    }

    /** {@code javaRegexOnly}: run every affix rule on java.util.regex instead of {@link PyMatcher} (for tests). */
    ChunkSplitter(SpacyEnglishRules rules, boolean javaRegexOnly) {
        prefixes = alternatives(rules.prefixPattern(), javaRegexOnly);
        suffixes = alternatives(rules.suffixPattern(), javaRegexOnly);
        infixes = alternatives(rules.infixPattern(), javaRegexOnly);
        allSuffixes = new int[suffixes.length];
        Arrays.setAll(allSuffixes, i -> i);
        prefixByFirst = new CandidateIndex(Arrays.stream(prefixes).map(Alternative::first).toList());
        suffixByLast = new CandidateIndex(Arrays.stream(suffixes).map(Alternative::last).toList());
        infixByFirst = new CandidateIndex(Arrays.stream(infixes).map(Alternative::first).toList());
        urlNode = PyRegex.parse(rules.urlPattern());
        url = Pattern.compile(PyRegex.toJava(urlNode));
        Map<String, int[]> ends = new HashMap<>();
        rules.specialCases().forEach((key, pieces) -> ends.put(key, endsOf(pieces)));
        specials = new RangeKeyedMap<>(ends);
        specialPieces = rules.specialCases();
        checkWhitespaceIsInert();
        // Only BMP characters get bits, so BMP alphabets suffice for the proof.
        markPlain(CodePointSet.matching(PyUnicode::isLetter, 0xFFFF), PLAIN_LETTER);
        markPlain(CodePointSet.matching(PyUnicode::isDecimal, 0xFFFF), PLAIN_DIGIT);
        for (int c = 0; c < 0x10000; c++) {
            if (PyUnicode.isSpace(c)) {
                charClass[c] |= SPACE;
            }
        }
    }

    private static Alternative[] alternatives(String python, boolean javaRegexOnly) {
        return PyRegex.branches(PyRegex.parse(python)).stream().map(n -> Alternative.of(n, javaRegexOnly))
                .toArray(Alternative[]::new);
    }

    private static int[] endsOf(List<String> pieces) {
        int[] out = new int[pieces.size()];
        int end = 0;
        for (int i = 0; i < out.length; i++) {
            end += pieces.get(i).length();
            out[i] = end;
        }
        return out;
    }

    /**
     * A whitespace-only chunk is always one token (see {@link #split}); that shortcut is exact only if
     * no prefix or infix can start with, and no suffix end with, a whitespace character (the URL
     * regex needs a '.'). Checked here against the loaded rules rather than assumed.
     */
    private void checkWhitespaceIsInert() {
        for (Alternative a : prefixes) {
            requireNoSpace(a.first(), "prefix");
        }
        for (Alternative a : infixes) {
            requireNoSpace(a.first(), "infix");
        }
        for (Alternative a : suffixes) {
            requireNoSpace(a.last(), "suffix");
        }
    }

    private static void requireNoSpace(CodePointSet set, String what) {
        if (set.anyMatch(cp -> cp < 0x3001 && PyUnicode.isSpace(cp))) {
            throw new IllegalStateException("a " + what + " rule can touch whitespace; the whitespace shortcut would be wrong");
        }
    }

    /**
     * Marks the BMP characters of {@code alphabet} with {@code bit} if no prefix, suffix or infix
     * alternative can match inside a string made only of them (proved on the syntax trees by
     * {@link PyRegex#canMatchWithin}) and the URL regex cannot either (it needs a '.'). A chunk made
     * only of such characters is then one token unless it is a special case, with no regex run: the
     * tokenizer's fast path, exact by construction. If the rules ever stopped allowing it, no
     * character gets the bit and everything goes through the rules.
     */
    private void markPlain(CodePointSet alphabet, byte bit) {
        if (alphabet.contains('.')) {
            return;
        }
        for (Alternative[] rules : List.of(prefixes, suffixes, infixes)) {
            for (Alternative a : rules) {
                if (PyRegex.canMatchWithin(a.node(), alphabet)) {
                    return;
                }
            }
        }
        for (int c = 0; c < 0x10000; c++) {
            if (alphabet.contains(c) && !Character.isSurrogate((char) c)) {
                charClass[c] |= bit;
            }
        }
    }

    /**
     * For each BMP character, the bits {@link #SPACE}, {@link #PLAIN_LETTER} and {@link #PLAIN_DIGIT}: a
     * chunk whose characters all share a plain bit is a single token unless it is a special case.
     * Do not modify.
     */
    byte[] charClass() {
        return charClass;
    }

    /** The piece ends of the special case {@code text[from, to)}, or null. */
    int[] special(String text, int from, int to) {
        return specials.get(text, from, to);
    }

    /** The same, with {@code hash} = {@link String#hashCode()} of {@code text[from, to)}. */
    int[] special(String text, int from, int to, int hash) {
        return specials.get(text, from, to, hash);
    }

    Map<String, List<String>> specialCases() {
        return specialPieces;
    }

    /** Whether every affix rule runs on {@link PyMatcher} (no java.util.regex fallback was needed). */
    boolean allOnPyMatcher() {
        for (Alternative[] rules : List.of(prefixes, suffixes, infixes)) {
            for (Alternative a : rules) {
                if (a.matcher() == null) {
                    return false;
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // The four regex questions, each answered as Python's re would on the string s[lo, hi).

    /** {@code len(prefix_search(s[lo:hi]).group())} in UTF-16 units, 0 when no prefix matches. */
    int prefixLength(String s, int lo, int hi) {
        if (lo >= hi) {
            return 0;
        }
        for (int a : prefixByFirst.candidates(s.codePointAt(lo))) {
            int end = prefixes[a].matchEnd(s, lo, hi, lo);
            if (end >= 0) {
                return end - lo;
            }
        }
        return 0;
    }

    int prefixLength(String s) {
        return prefixLength(s, 0, s.length());
    }

    /**
     * The length of {@code suffix_search(s[lo:hi])}'s match in UTF-16 units, 0 when none: the leftmost
     * start position where some alternative matches, and at that position the first alternative.
     */
    int suffixLength(String s, int lo, int hi) {
        if (lo >= hi) {
            return 0;
        }
        // Every alternative ends with Python's '$', which may also match before a final "\n": then
        // the last character says nothing, so try everything (never happens for a whitespace-free
        // chunk, only for the special-case key "\n").
        boolean finalNewline = s.charAt(hi - 1) == '\n';
        int[] candidates = finalNewline ? allSuffixes : suffixByLast.candidates(s.codePointBefore(hi));
        if (candidates.length == 0) {
            return 0;
        }
        // The leftmost position a candidate could start at: its longest match back from the end, or
        // for an unbounded one (like \.\.+) the start of the run of characters it can consume.
        int p = hi;
        for (int a : candidates) {
            Alternative alt = suffixes[a];
            int from;
            if (finalNewline) {
                from = lo;
            } else if (alt.maxLength() >= 0) {
                from = back(s, lo, hi, alt.maxLength());
            } else {
                from = hi;
                while (from > lo) {
                    int prev = PyMatcher.back(s, lo, from);
                    if (!alt.consumed().contains(s.codePointAt(prev))) {
                        break;
                    }
                    from = prev;
                }
            }
            p = Math.min(p, from);
        }
        int remaining = Character.codePointCount(s, p, hi);
        while (p < hi) {
            int cp = s.codePointAt(p);
            for (int a : candidates) {
                Alternative alt = suffixes[a];
                if (!finalNewline && (remaining < alt.minLength() || (alt.maxLength() >= 0 && remaining > alt.maxLength()))) {
                    continue;
                }
                if (!alt.first().contains(cp)) {
                    continue;
                }
                int end = alt.matchEnd(s, lo, hi, p);
                if (end >= 0) {
                    return end - p;
                }
            }
            p += Character.charCount(cp);
            remaining--;
        }
        return 0;
    }

    int suffixLength(String s) {
        return suffixLength(s, 0, s.length());
    }

    /** {@code count} code points back from {@code hi}, not before {@code lo}. */
    private static int back(String s, int lo, int hi, int count) {
        int p = hi;
        for (int k = 0; k < count && p > lo; k++) {
            p = PyMatcher.back(s, lo, p);
        }
        return p;
    }

    /**
     * The spans of {@code infix_finditer(s[lo:hi])} as pairs {@code [start0, end0, start1, end1, ...]}
     * of offsets in {@code s}.
     */
    int[] infixMatches(String s, int lo, int hi) {
        int[] out = null;
        int m = 0;
        int p = lo;
        while (p < hi) {
            int cp = s.codePointAt(p);
            int end = -1;
            for (int a : infixByFirst.candidates(cp)) {
                end = infixes[a].matchEnd(s, lo, hi, p);
                if (end >= 0) {
                    break;
                }
            }
            if (end >= 0) {
                if (out == null) {
                    out = new int[8];
                } else if (m + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[m++] = p;
                out[m++] = end;
                p = end; // infixes are never empty, so the scan always moves on
            } else {
                p += Character.charCount(cp);
            }
        }
        return out == null ? NO_MATCHES : Arrays.copyOf(out, m);
    }

    int[] infixMatches(String s) {
        return infixMatches(s, 0, s.length());
    }

    /**
     * {@code url_match(s[lo:hi])}. Both branches of the URL regex (IP address, host name) need a
     * '.', so no '.' means no URL. java.util.regex answers when the string has few dots; with many,
     * its per-iteration recursion on the host labels could overflow the stack, and
     * {@link PyMembership} (no recursion) answers instead; both give Python's yes/no.
     */
    boolean urlMatch(String s, int lo, int hi) {
        int dots = 0;
        for (int i = lo; i < hi; i++) {
            if (s.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots == 0) {
            return false;
        }
        if (dots <= URL_DOTS_FOR_JAVA_REGEX) {
            return url.matcher(s).region(lo, hi).lookingAt();
        }
        return PyMembership.matches(urlNode, s, lo, hi);
    }

    boolean urlMatch(String s) {
        return urlMatch(s, 0, s.length());
    }

    PyRegex.Node urlNode() {
        return urlNode;
    }

    // ------------------------------------------------------------------------------------------

    /**
     * The token end offsets of one chunk (a maximal run of whitespace or of non-whitespace), as
     * spaCy's tokenizer splits it. {@code withSpecials=false} is spaCy's
     * {@code _tokenize_affixes(string, False)}, used only to build the special-case phrase patterns.
     */
    int[] split(String chunk, boolean withSpecials) {
        int n = chunk.length();
        if (withSpecials) {
            int[] sp = specials.get(chunk, 0, n);
            if (sp != null) {
                return sp;
            }
        }
        if (PyUnicode.isSpace(chunk.charAt(0))) {
            return new int[] {n}; // whitespace chunk: no rule can split it (checked at construction)
        }
        IntList prefixEnds = new IntList();
        IntList suffixStarts = new IntList();
        int lo = 0;
        int hi = n;
        int lastSize = -1;
        // spaCy's loop: peel one prefix and/or one suffix per round until nothing changes or a special case appears.
        while (hi > lo && hi - lo != lastSize) {
            if (withSpecials && specials.get(chunk, lo, hi) != null) {
                break;
            }
            lastSize = hi - lo;
            int pre = prefixLength(chunk, lo, hi);
            if (pre != 0 && withSpecials && lo + pre < hi && specials.get(chunk, lo + pre, hi) != null) {
                prefixEnds.add(lo + pre);
                lo += pre;
                break;
            }
            // The suffix is searched after the prefix, but "minus_suf" keeps the prefix: spaCy's own quirk.
            int suf = suffixLength(chunk, lo + pre, hi);
            if (suf != 0 && withSpecials && hi - suf > lo && specials.get(chunk, lo, hi - suf) != null) {
                suffixStarts.add(hi - suf);
                hi -= suf;
                break;
            }
            if (pre != 0 && suf != 0 && pre + suf <= hi - lo) {
                prefixEnds.add(lo + pre);
                suffixStarts.add(hi - suf);
                lo += pre;
                hi -= suf;
            } else if (pre != 0) {
                prefixEnds.add(lo + pre);
                lo += pre;
            } else if (suf != 0) {
                suffixStarts.add(hi - suf);
                hi -= suf;
            }
        }

        IntList ends = new IntList();
        for (int i = 0; i < prefixEnds.size(); i++) {
            ends.add(prefixEnds.get(i));
        }
        if (hi > lo) {
            int[] sp = withSpecials ? specials.get(chunk, lo, hi) : null;
            if (sp != null) {
                for (int e : sp) {
                    ends.add(lo + e);
                }
            } else if (urlMatch(chunk, lo, hi)) {
                ends.add(hi);
            } else {
                attachInfixes(chunk, lo, hi, ends);
            }
        }
        // Suffixes were peeled right to left; emit them left to right.
        for (int i = suffixStarts.size() - 1; i >= 0; i--) {
            ends.add(i == 0 ? n : suffixStarts.get(i - 1));
        }
        return ends.toArray();
    }

    private void attachInfixes(String chunk, int lo, int hi, IntList ends) {
        int[] matches = infixMatches(chunk, lo, hi);
        int start = lo;
        for (int k = 0; k < matches.length; k += 2) {
            int infixStart = matches[k];
            int infixEnd = matches[k + 1];
            if (infixStart == lo) {
                continue; // spaCy skips an infix at the very start (it stays glued to what follows)
            }
            if (infixStart != start) {
                ends.add(infixStart);
            }
            if (infixStart != infixEnd) {
                ends.add(infixEnd);
            }
            start = infixEnd;
        }
        if (start < hi) {
            ends.add(hi);
        }
    }

    /** Token texts of {@code _tokenize_affixes(text, False)} over a whole (short) text: the phrase patterns. */
    List<String> tokenTextsWithoutSpecials(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        if (n == 0) {
            return out;
        }
        boolean inWs = PyUnicode.isSpace(text.charAt(0));
        int start = 0;
        for (int i = 0; i <= n; i++) {
            boolean end = i == n;
            if (end || PyUnicode.isSpace(text.charAt(i)) != inWs) {
                if (start < i) {
                    String chunk = text.substring(start, i);
                    int prev = 0;
                    for (int e : split(chunk, false)) {
                        out.add(chunk.substring(prev, e));
                        prev = e;
                    }
                }
                if (end) {
                    break;
                }
                start = text.charAt(i) == ' ' ? i + 1 : i;
                inWs = !inWs;
            }
        }
        return out;
    }

    /** A growable int array (no boxing). */
    static final class IntList {
        private int[] a = new int[8];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
