package org.loupe.engine.measure.filters;

import java.util.Arrays;
import java.util.List;

/**
 * The n-gram statistics of Gopher repetition (spec {@code filters.md} §4) over one word list, computed from
 * per-word hashes instead of joined strings.
 *
 * <p>The hash of a window is the polynomial (Horner) hash of the very string the reference builds —
 * {@code " ".join(words[i:i+n])} for {@code get_n_grams}, {@code "".join(words[i:i+n])} for
 * {@code find_all_duplicate} — composed from the words' own hashes, so {@code ["ab","c"]} and
 * {@code ["a","bc"]} hash alike without a separator and differently with one, exactly as their joined
 * strings compare in Python. The hashes of all windows of size n are derived from those of size n-1 in
 * one pass. Windows with equal hashes are compared before they count as equal (word by word when that
 * decides it, character by character otherwise), so the result is exact, not probabilistic.
 */
final class WordWindows {
    /** Odd multiplier: invertible modulo 2^64, so the running hash loses no information. */
    private static final long P = 0x9E3779B97F4A7C15L;

    private final String[] words;
    private final int count;
    private final long[] wordHash;
    private final long[] wordPow;
    /** {@code cpPrefix[i]}: code points of words[0..i). */
    private final long[] cpPrefix;
    /** {@code charPrefix[i]}: UTF-16 units of words[0..i), for a cheap length check before comparing. */
    private final long[] charPrefix;
    /** Whether some word contains a space: only then can two different word sequences join to equal strings. */
    private final boolean spaceInWords;
    /** Equal words share an id, so comparing windows word by word is comparing ints. */
    private final int[] ids;

    /** Unmixed hashes of the space-joined windows of size {@link #spacedN}, and of the plain-joined ones. */
    private final long[] spaced;
    private int spacedN;
    private final long[] plain;
    private int plainN;

    /**
     * Open addressing, two ints per slot: the high half of the mixed hash (the low bits chose the slot) and
     * the first window start + 1 (0 = empty); {@link #counts} holds the occurrences for top n-grams.
     */
    private int[] table = new int[0];
    private int[] counts = new int[0];
    private int mask;

    private final Cursor left = new Cursor();
    private final Cursor right = new Cursor();

    WordWindows(List<String> list) {
        count = list.size();
        words = list.toArray(new String[0]);
        wordHash = new long[count];
        wordPow = new long[count];
        cpPrefix = new long[count + 1];
        charPrefix = new long[count + 1];
        boolean space = false;
        for (int w = 0; w < count; w++) {
            String s = words[w];
            long h = 0;
            long pow = 1;
            int pairs = 0;
            int len = s.length();
            char prev = 0;
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                h = h * P + c;
                pow *= P;
                if (c >= Character.MIN_SURROGATE) {
                    if (Character.isLowSurrogate(c) && Character.isHighSurrogate(prev)) {
                        pairs++;
                    }
                } else if (c == ' ') {
                    space = true;
                }
                prev = c;
            }
            wordHash[w] = h;
            wordPow[w] = pow;
            cpPrefix[w + 1] = cpPrefix[w] + len - pairs;
            charPrefix[w + 1] = charPrefix[w] + len;
        }
        spaceInWords = space;
        ids = assignIds();
        spaced = wordHash.clone();
        spacedN = 1;
        plain = wordHash.clone();
        plainN = 1;
    }

    /** Numbers the distinct words (first occurrence order), confirming equal hashes with {@code equals}. */
    private int[] assignIds() {
        int[] id = new int[count];
        int cap = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
        int m = cap - 1;
        int[] slotWord = new int[cap];
        Arrays.fill(slotWord, -1);
        int next = 0;
        for (int w = 0; w < count; w++) {
            long h = mix(wordHash[w]);
            for (int slot = (int) h & m; ; slot = (slot + 1) & m) {
                int other = slotWord[slot];
                if (other < 0) {
                    slotWord[slot] = w;
                    id[w] = next++;
                    break;
                }
                if (wordHash[other] == wordHash[w] && words[other].equals(words[w])) {
                    id[w] = id[other];
                    break;
                }
            }
        }
        return id;
    }

    /** Final avalanche (MurmurHash3 fmix64), so that table slots use well-mixed low bits. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE53B86BDL;
        h ^= h >>> 33;
        return h;
    }

    /** Brings {@code hashes} (currently for windows of {@code from} words) to windows of {@code to} words. */
    private void grow(long[] hashes, int from, int to, boolean withSpace) {
        if (to < from) {
            System.arraycopy(wordHash, 0, hashes, 0, count);
            from = 1;
        }
        for (int n = from + 1; n <= to; n++) {
            int last = n - 1;
            for (int i = 0, windows = count - n + 1; i < windows; i++) {
                long h = withSpace ? hashes[i] * P + ' ' : hashes[i];
                hashes[i] = h * wordPow[i + last] + wordHash[i + last];
            }
        }
    }

    /** Python {@code len()} of the joined window. */
    private long windowLength(int i, int n, boolean withSpace) {
        return cpPrefix[i + n] - cpPrefix[i] + (withSpace ? n - 1 : 0);
    }

    /** Whether the joined strings of two windows are equal. */
    private boolean windowEquals(int i, int j, int n, boolean withSpace) {
        if (charPrefix[i + n] - charPrefix[i] != charPrefix[j + n] - charPrefix[j]) {
            return false;
        }
        boolean sameWords = true;
        for (int k = 0; k < n; k++) {
            if (ids[i + k] != ids[j + k]) {
                sameWords = false;
                break;
            }
        }
        if (sameWords) {
            return true;
        }
        if (withSpace && !spaceInWords) {
            // Without spaces inside words, the space-joined string determines the word sequence.
            return false;
        }
        long total = charPrefix[i + n] - charPrefix[i] + (withSpace ? n - 1 : 0);
        left.start(i, withSpace);
        right.start(j, withSpace);
        for (long k = 0; k < total; k++) {
            if (left.next() != right.next()) {
                return false;
            }
        }
        return true;
    }

    /** Reads the characters of a joined window one by one; the caller bounds the number of reads. */
    private final class Cursor {
        private int word;
        private int offset;
        private boolean withSpace;
        private boolean separatorDone;

        void start(int firstWord, boolean space) {
            word = firstWord;
            offset = 0;
            withSpace = space;
            separatorDone = false;
        }

        char next() {
            while (true) {
                String s = words[word];
                if (offset < s.length()) {
                    return s.charAt(offset++);
                }
                if (withSpace && !separatorDone) {
                    separatorDone = true;
                    return ' ';
                }
                word++;
                offset = 0;
                separatorDone = false;
            }
        }
    }

    private void resetTable(int expected, boolean withCounts) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        if (table.length < 2 * cap) {
            table = new int[2 * cap];
        } else {
            Arrays.fill(table, 0, 2 * cap, 0);
        }
        if (withCounts && counts.length < cap) {
            counts = new int[cap];
        }
        mask = cap - 1;
    }

    /**
     * {@code find_top_duplicate(get_n_grams(words, n))}: {@code len(top) * count} of the most frequent
     * space-joined n-gram, ties going to the n-gram that occurred first ({@code Counter.most_common(1)});
     * -1 when there is no n-gram ({@code len(words) < n}: the reference skips the check).
     */
    long topDuplicate(int n) {
        int windows = count - n + 1;
        if (windows <= 0) {
            return -1;
        }
        grow(spaced, spacedN, n, true);
        spacedN = n;
        resetTable(windows, true);
        int[] t = table;
        int[] c = counts;
        int bestCount = 0;
        int bestFirst = -1;
        for (int i = 0; i < windows; i++) {
            long h = mix(spaced[i]);
            int tag = (int) (h >>> 32);
            int slot = (int) h & mask;
            int first;
            while (true) {
                int start = t[2 * slot + 1];
                if (start == 0) {
                    t[2 * slot] = tag;
                    t[2 * slot + 1] = i + 1;
                    c[slot] = 0;
                    first = i;
                    break;
                }
                if (t[2 * slot] == tag && windowEquals(start - 1, i, n, true)) {
                    first = start - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            int k = ++c[slot];
            if (k > bestCount || (k == bestCount && first < bestFirst)) {
                bestCount = k;
                bestFirst = first;
            }
        }
        return windowLength(bestFirst, n, true) * bestCount;
    }

    /**
     * {@code find_all_duplicate(words, n)}: code points of the separator-less n-grams already seen,
     * jumping {@code n} words past each repeat so repeats never overlap (and the windows starting inside a
     * repeat are never added to the seen set).
     */
    long allDuplicateChars(int n) {
        int windows = count - n + 1;
        if (windows <= 0) {
            return 0;
        }
        grow(plain, plainN, n, false);
        plainN = n;
        resetTable(windows, false);
        int[] t = table;
        long repeated = 0;
        int i = 0;
        while (i < windows) {
            long h = mix(plain[i]);
            int tag = (int) (h >>> 32);
            int slot = (int) h & mask;
            boolean seen = false;
            while (true) {
                int start = t[2 * slot + 1];
                if (start == 0) {
                    t[2 * slot] = tag;
                    t[2 * slot + 1] = i + 1;
                    break;
                }
                if (t[2 * slot] == tag && windowEquals(start - 1, i, n, false)) {
                    seen = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (seen) {
                repeated += windowLength(i, n, false);
                i += n;
            } else {
                i++;
            }
        }
        return repeated;
    }
}
