package org.loupe.engine.measure.filters;

import org.loupe.engine.measure.text.PyText;

/**
 * The pieces of Python 3.11 string semantics (spec {@code filters.md} §0) that the four reference filters
 * need over index RANGES of a {@code String}, so that measuring never builds substrings it does not keep;
 * whole-string semantics ({@code isspace}, {@code isalpha}, {@code count}) come from the shared
 * {@link PyText}. Lengths are code points (§0.1); whitespace is {@code str.isspace()} (§0.5); line breaks
 * are those of {@code str.splitlines()} (§0.2). Package-private: a candidate to fold into {@link PyText}.
 */
final class PyStrings {
    private PyStrings() {
    }

    /** Python {@code re}'s {@code \d} for a str pattern: Unicode 14 category Nd (Java 17 lacks the Tangsa digits). */
    static boolean isDecimal(int cp) {
        if (cp < 0x80) {
            return cp >= '0' && cp <= '9';
        }
        return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER || (cp >= 0x16AC0 && cp <= 0x16AC9);
    }

    /** Whether the chars hold any UTF-16 surrogate; without one, code-point lengths are char counts. */
    static boolean hasSurrogates(char[] s) {
        for (char c : s) {
            if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code lstrip()} of {@code s[from:to]}: the start index (Python whitespace is all in the BMP). */
    static int stripStart(char[] s, int from, int to) {
        int i = from;
        while (i < to && PyText.isSpace(s[i])) {
            i++;
        }
        return i;
    }

    /** {@code rstrip()} of {@code s[from:to]}: the end index. */
    static int stripEnd(char[] s, int from, int to) {
        int i = to;
        while (i > from && PyText.isSpace(s[i - 1])) {
            i--;
        }
        return i;
    }

    /** Whether {@code s[from:to]} is blank ({@code strip() == ""}). */
    static boolean isBlank(char[] s, int from, int to) {
        return stripEnd(s, from, to) == from;
    }

    /**
     * Start index after {@code lstrip()} of {@code s[from:to]}. Every Python whitespace character is in the
     * BMP, so a char-by-char scan is exact (a surrogate is never whitespace).
     */
    static int stripStart(String s, int from, int to) {
        int i = from;
        while (i < to && PyText.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End index after {@code rstrip()} of {@code s[from:to]}. */
    static int stripEnd(String s, int from, int to) {
        int i = to;
        while (i > from && PyText.isSpace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** {@code s[from:to].startswith(prefix)}. */
    static boolean startsWith(String s, int from, int to, String prefix) {
        return to - from >= prefix.length() && s.startsWith(prefix, from);
    }

    /** {@code s[from:to].endswith(suffix)}. */
    static boolean endsWith(String s, int from, int to, String suffix) {
        return to - from >= suffix.length() && s.startsWith(suffix, to - suffix.length());
    }

    /**
     * One character of {@code s.lower()} as far as an ASCII-only needle can see it: ASCII letters lower-cased,
     * U+212A KELVIN SIGN as {@code k}, anything else non-ASCII as U+FFFF, which matches no needle. This is
     * exact for finding lower-case ASCII needles in {@code s.lower()} (C4's "lorem ipsum", "javascript" and
     * policy phrases, §5): checked over all code points, the only non-ASCII characters whose Python (and
     * Java) lower case contains an ASCII character are U+212A ({@code k}) and U+0130 ({@code i} + U+0307);
     * the latter can never be part of a match because no needle has a character after an {@code i} that
     * could equal U+0307, and none ends with {@code i}.
     */
    static char lowerForAsciiNeedle(char c) {
        if (c < 0x80) {
            return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        return c == '\u212A' ? 'k' : '\uFFFF';
    }

    /** Whether {@code needle} (lower-case ASCII) occurs in {@code s.lower()} at {@code s[at:]}, within {@code s[:to]}. */
    static boolean lowerRegionMatches(String s, int at, int to, String needle) {
        int m = needle.length();
        if (to - at < m) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            if (lowerForAsciiNeedle(s.charAt(at + k)) != needle.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
