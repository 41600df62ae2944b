package org.loupe.app.duplicates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-level diff of two texts: the shortest edit script of deleted and inserted words that turns one
 * into the other (a longest common subsequence of words, found by dynamic programming over what is left
 * once the common prefix and suffix are taken off). Words are runs of non-whitespace; each keeps the
 * whitespace after it for display, but only the word itself is compared.
 *
 * <p>Only the first {@code maxWords} words of each text are compared, so that two long documents cost a
 * bounded time and memory (at most {@code maxWords²} cells); {@link Result#truncated()} says when words
 * were left out.
 */
public final class WordDiff {
    /** Words compared per text by default: two copies of 2,000 words diff in a few milliseconds. */
    public static final int DEFAULT_MAX_WORDS = 2_000;

    /** What an operation does to a word. */
    public enum Kind { EQUAL, DELETE, INSERT }

    /**
     * One step of the edit script.
     *
     * @param a the word's index in the first text ({@code -1} for an insertion)
     * @param b the word's index in the second text ({@code -1} for a deletion)
     */
    public record Op(Kind kind, int a, int b) { }

    /** A word of a text and the whitespace after it. */
    public record Token(String word, String space) {
        public String text() {
            return word + space;
        }
    }

    /**
     * A diff.
     *
     * @param left      the first text's compared words
     * @param right     the second text's compared words
     * @param ops       the edit script, in text order: every index of both sides once, ascending
     * @param truncated whether either text had more words than were compared
     * @param leftWords  the first text's word count
     * @param rightWords the second text's word count
     */
    public record Result(List<Token> left, List<Token> right, List<Op> ops, boolean truncated, int leftWords,
                         int rightWords) {
        /** Words deleted from the first text, then words inserted into the second. */
        public int deleted() {
            return (int) ops.stream().filter(o -> o.kind() == Kind.DELETE).count();
        }

        public int inserted() {
            return (int) ops.stream().filter(o -> o.kind() == Kind.INSERT).count();
        }

        public int equal() {
            return (int) ops.stream().filter(o -> o.kind() == Kind.EQUAL).count();
        }
    }

    private WordDiff() {
    }

    /** The words of a text with the whitespace after each (leading whitespace is dropped), at most {@code max}. */
    public static List<Token> tokens(String text, int max) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (i < n && out.size() < max) {
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(new Token(text.substring(start, end), text.substring(end, i)));
        }
        return out;
    }

    /** The number of words of a text. */
    public static int countWords(String text) {
        int count = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !in) {
                count++;
            }
            in = !space;
        }
        return count;
    }

    /** Diffs the first {@code maxWords} words of two texts. */
    public static Result diff(String left, String right, int maxWords) {
        List<Token> a = tokens(left, maxWords);
        List<Token> b = tokens(right, maxWords);
        int la = countWords(left);
        int lb = countWords(right);
        return new Result(a, b, ops(words(a), words(b)), la > a.size() || lb > b.size(), la, lb);
    }

    private static List<String> words(List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(t.word());
        }
        return out;
    }

    /** The shortest edit script from {@code a} to {@code b}: deletions before insertions where both are possible. */
    public static List<Op> ops(List<String> a, List<String> b) {
        // Words as small integers: comparisons in the table are int compares.
        Map<String, Integer> ids = new HashMap<>();
        int[] x = new int[a.size()];
        int[] y = new int[b.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ids.computeIfAbsent(a.get(i), w -> ids.size());
        }
        for (int j = 0; j < y.length; j++) {
            y[j] = ids.computeIfAbsent(b.get(j), w -> ids.size());
        }
        int n = x.length;
        int m = y.length;
        int pre = 0;
        while (pre < n && pre < m && x[pre] == y[pre]) {
            pre++;
        }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && x[n - 1 - suf] == y[m - 1 - suf]) {
            suf++;
        }
        List<Op> out = new ArrayList<>(n + m);
        for (int i = 0; i < pre; i++) {
            out.add(new Op(Kind.EQUAL, i, i));
        }
        middle(x, y, pre, n - suf, pre, m - suf, out);
        for (int k = suf; k > 0; k--) {
            out.add(new Op(Kind.EQUAL, n - k, m - k));
        }
        return Collections.unmodifiableList(out);
    }

    /** The edit script of x[a0, a1) against y[b0, b1) by the LCS table, appended to {@code out}. */
    private static void middle(int[] x, int[] y, int a0, int a1, int b0, int b1, List<Op> out) {
        int n = a1 - a0;
        int m = b1 - b0;
        // lcs[i][j]: the LCS length of x[a0 + i, a1) and y[b0 + j, b1), one row of m + 1 per i.
        int w = m + 1;
        int[] lcs = new int[(n + 1) * w];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i * w + j] = x[a0 + i] == y[b0 + j] ? lcs[(i + 1) * w + j + 1] + 1
                        : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x[a0 + i] == y[b0 + j]) {
                out.add(new Op(Kind.EQUAL, a0 + i, b0 + j));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
                out.add(new Op(Kind.DELETE, a0 + i, -1));
                i++;
            } else {
                out.add(new Op(Kind.INSERT, -1, b0 + j));
                j++;
            }
        }
    }
}
