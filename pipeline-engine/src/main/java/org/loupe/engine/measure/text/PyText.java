package org.loupe.engine.measure.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3.11 {@code str} semantics that the quality filters depend on, for Java strings.
 *
 * <p>datatrove's filters are written in Python, and their thresholds compare numbers that Python
 * computes: lengths in code points, lines as {@code str.splitlines()} cuts them, words as
 * {@code str.split()} cuts them, whitespace as {@code str.isspace()} defines it. Java's look-alikes
 * differ in ways that change filter decisions ({@code String.length()} counts UTF-16 units,
 * {@code String.strip()} ignores U+0085/U+00A0/U+2007/U+202F, {@code String.lines()} knows only three
 * line breaks, {@code String.split} drops trailing empty strings), so every filter goes through these
 * helpers instead. They are static, avoid allocating where Python would return the same string, and
 * never box characters.
 */
public final class PyText {
    private PyText() {
    }

    /** {@code str.isspace()} for one code point (U+0009..U+000D, U+001C..U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). */
    public static boolean isSpace(int cp) {
        return PyUnicode.isSpace(cp);
    }

    /** {@code str.isalpha()} for one code point: general category Lu, Ll, Lt, Lm or Lo, as of Unicode 14 (Python 3.11). */
    public static boolean isAlpha(int cp) {
        return PyUnicode.isLetter(cp);
    }

    /** {@code any(c.isalpha() for c in s)}. */
    public static boolean anyAlpha(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; ) {
            int cp = Character.codePointAt(s, i);
            if (PyUnicode.isLetter(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** {@code len(s)}: the number of code points (a surrogate pair counts once). */
    public static int len(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    /** {@code s.strip()}: removes leading and trailing {@link #isSpace} characters; returns {@code s} itself when there are none. */
    public static String strip(String s) {
        int start = firstNonSpace(s);
        if (start == s.length()) {
            return "";
        }
        int end = lastNonSpace(s);
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** {@code s.lstrip()}. */
    public static String lstrip(String s) {
        int start = firstNonSpace(s);
        return start == 0 ? s : s.substring(start);
    }

    /** {@code s.rstrip()}. */
    public static String rstrip(String s) {
        int end = lastNonSpace(s);
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Whether {@code s.strip()} would be empty (no allocation). */
    public static boolean isBlank(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            // Every Python whitespace character is in the BMP, so a surrogate is never whitespace.
            if (!PyUnicode.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int firstNonSpace(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && PyUnicode.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lastNonSpace(String s) {
        int end = s.length();
        while (end > 0 && PyUnicode.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * {@code s.split()} with no argument: the maximal runs of non-whitespace, so never an empty string
     * (and an empty list for a blank text).
     */
    public static List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && PyUnicode.isSpace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !PyUnicode.isSpace(s.charAt(i))) {
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /** Whether {@code c} is one of the line boundaries of {@code str.splitlines()}. */
    public static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E
                || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /**
     * {@code s.splitlines()}: cuts at {@code \n}, {@code \r}, {@code \r\n} (one boundary), U+000B,
     * U+000C, U+001C, U+001D, U+001E, U+0085, U+2028 and U+2029, drops the boundaries, and does not
     * produce an empty last line after a final boundary ({@code "".splitlines() == []},
     * {@code "a\n".splitlines() == ["a"]}, {@code "a\n\n".splitlines() == ["a", ""]}).
     */
    public static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                out.add(s.substring(start, i));
                i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            out.add(s.substring(start));
        }
        return out;
    }

    /**
     * {@code s.split(sep)} for a one-character separator: keeps every empty string, including a
     * leading and a trailing one ({@code "a\n".split("\n") == ["a", ""]}), and keeps {@code \r}.
     */
    public static List<String> splitOn(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i;
        while ((i = s.indexOf(sep, start)) >= 0) {
            out.add(s.substring(start, i));
            start = i + 1;
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * {@code text.count(sub)}: non-overlapping occurrences scanned from the left
     * ({@code "....".count("...") == 1}); an empty {@code sub} occurs {@code len(text) + 1} times.
     */
    public static int count(String text, String sub) {
        if (sub.isEmpty()) {
            return len(text) + 1;
        }
        int count = 0;
        int i = 0;
        while ((i = text.indexOf(sub, i)) >= 0) {
            count++;
            i += sub.length();
        }
        return count;
    }

    /** {@code text.count(c)} for one BMP character. */
    public static int count(String text, char c) {
        int count = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@code s.lower()}: full Unicode lower-casing ({@code "İ"} becomes two code points, a final sigma
     * becomes {@code ς}), which is {@link String#toLowerCase(Locale)} with {@link Locale#ROOT}, plus the
     * 40 mappings that Unicode 14 added (see {@link PyUnicode#extraLowerCase}).
     */
    public static String lower(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (int i = 0, n = lower.length(); i < n; i++) {
            char c = lower.charAt(i);
            if (c == 0x2C2F || (c >= 0xA7C0 && c <= 0xA7D8) || c == 0xD801) {
                return patchLower(lower);
            }
        }
        return lower;
    }

    private static String patchLower(String lower) {
        StringBuilder sb = new StringBuilder(lower.length());
        for (int i = 0, n = lower.length(); i < n; ) {
            int cp = lower.codePointAt(i);
            sb.appendCodePoint(PyUnicode.extraLowerCase(cp));
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Unicode general category Nd (as Python's {@code regex} module's {@code \p{Nd}} and {@code str.isdecimal()}). */
    public static boolean isDecimal(int cp) {
        return PyUnicode.isDecimal(cp);
    }
}
