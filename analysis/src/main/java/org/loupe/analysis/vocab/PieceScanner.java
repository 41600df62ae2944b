package org.loupe.analysis.vocab;

import java.util.function.Consumer;

/**
 * The pre-tokenizer's expressions written out by hand: the same pieces as {@link PreTokenizer#regex()} run by
 * {@code java.util.regex} with Unicode classes (and by Oniguruma in Hugging Face), several times faster. Each
 * branch below is one alternative of the expression, tried in the expression's order; a test checks the two
 * agree on the reference documents and on generated text.
 */
final class PieceScanner {
    private final PreTokenizer.Style style;
    private final boolean splitDigits;
    private final boolean whitespaceRuns;

    PieceScanner(PreTokenizer pre) {
        this.style = pre.style();
        this.splitDigits = pre.splitDigits();
        this.whitespaceRuns = pre.whitespaceRuns();
    }

    void split(CharSequence text, Consumer<String> piece) {
        String s = text.toString();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int end = style == PreTokenizer.Style.GPT2 ? gpt2(s, i, n) : llama3(s, i, n);
            piece.accept(s.substring(i, end));
            i = end;
        }
    }

    // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    private int gpt2(String s, int i, int n) {
        int c = s.codePointAt(i);
        if (c == '\'') {
            int e = contraction(s, i, n, false);
            if (e > 0) {
                return e;
            }
        }
        int j = c == ' ' && i + 1 < n ? i + 1 : i;
        int d = s.codePointAt(j);
        if (isLetter(d)) {
            return letters(s, j, n);
        }
        if (isNumber(d)) {
            return splitDigits ? j + Character.charCount(d) : numbers(s, j, n, Integer.MAX_VALUE);
        }
        if (!isSpace(d)) {
            return others(s, j, n);
        }
        return whitespace(s, i, n);
    }

    // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
    private int llama3(String s, int i, int n) {
        int c = s.codePointAt(i);
        if (c == '\'') {
            int e = contraction(s, i, n, true);
            if (e > 0) {
                return e;
            }
        }
        int cl = Character.charCount(c);
        if (isLetter(c)) {
            return letters(s, i, n);
        }
        if (c != '\r' && c != '\n' && !isNumber(c) && i + cl < n && isLetter(s.codePointAt(i + cl))) {
            return letters(s, i + cl, n);
        }
        if (isNumber(c)) {
            return numbers(s, i, n, splitDigits ? 1 : 3);
        }
        int j = c == ' ' && i + 1 < n ? i + 1 : i;
        int d = s.codePointAt(j);
        if (!isSpace(d) && !isLetter(d) && !isNumber(d)) {
            int e = others(s, j, n);
            while (e < n && (s.charAt(e) == '\r' || s.charAt(e) == '\n')) {
                e++;
            }
            return e;
        }
        // c is whitespace here: \s*[\r\n]+ ends after the last \r or \n of the whitespace run
        int run = spaces(s, i, n);
        for (int k = run - 1; k >= i; k--) {
            char ch = s.charAt(k);
            if (ch == '\r' || ch == '\n') {
                return k + 1;
            }
        }
        return whitespace(s, i, n);
    }

    /** \s+(?!\S)|\s+ (or \s one by one): the run, less its last character when a non-space follows. */
    private int whitespace(String s, int i, int n) {
        int first = Character.charCount(s.codePointAt(i));
        if (!whitespaceRuns) {
            return i + first;
        }
        int run = spaces(s, i, n);
        if (run == n) {
            return run;
        }
        int last = Character.offsetByCodePoints(s, run, -1);
        return last > i ? last : run;
    }

    private static int contraction(String s, int i, int n, boolean ignoreCase) {
        if (i + 1 >= n) {
            return -1;
        }
        char a = fold(s.charAt(i + 1), ignoreCase);
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return i + 2;
        }
        if (i + 2 < n) {
            char b = fold(s.charAt(i + 2), ignoreCase);
            if ((a == 'r' || a == 'v') && b == 'e' || a == 'l' && b == 'l') {
                return i + 3;
            }
        }
        return -1;
    }

    /** Case folding as the expression's {@code (?i)} does it (so U+017F long s matches s). */
    private static char fold(char c, boolean ignoreCase) {
        if (!ignoreCase || c < 'A') {
            return c;
        }
        if (c <= 'Z') {
            return (char) (c + 32);
        }
        if (c <= 'z') {
            return c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static int letters(String s, int i, int n) {
        while (i < n) {
            int c = s.codePointAt(i);
            if (!isLetter(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    private static int numbers(String s, int i, int n, int max) {
        int count = 0;
        while (i < n && count < max) {
            int c = s.codePointAt(i);
            if (!isNumber(c)) {
                break;
            }
            i += Character.charCount(c);
            count++;
        }
        return i;
    }

    private static int others(String s, int i, int n) {
        while (i < n) {
            int c = s.codePointAt(i);
            if (isSpace(c) || isLetter(c) || isNumber(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    private static int spaces(String s, int i, int n) {
        while (i < n) {
            int c = s.codePointAt(i);
            if (!isSpace(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    static boolean isLetter(int c) {
        if (c < 128) {
            return (c | 32) >= 'a' && (c | 32) <= 'z';
        }
        return Character.isLetter(c);
    }

    static boolean isNumber(int c) {
        if (c < 128) {
            return c >= '0' && c <= '9';
        }
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** Unicode White_Space, which is what {@code \s} means with Unicode classes (and in Oniguruma). */
    static boolean isSpace(int c) {
        if (c < 128) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }
}
