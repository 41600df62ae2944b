package org.loupe.engine.measure.filters;

import java.util.Arrays;

/**
 * datatrove's {@code find_duplicates} (spec {@code filters.md} §4) over pieces of one text given as index
 * ranges, without building a substring per piece: an open-addressing set of ranges keyed by a 64-bit
 * content hash, where equal hashes are confirmed by comparing the characters, so the result is exact even
 * on a hash collision. Used for Gopher repetition's paragraphs and lines and FineWeb quality's lines.
 */
final class DuplicateRanges {
    private int[] starts = new int[0];
    private int[] ends = new int[0];
    private long[] hashes = new long[0];
    private int mask;
    private char[] text;
    private boolean surrogates;

    /** Number of elements that were already seen ({@code duplicate_elements}). */
    int duplicates;
    /** Code points of those elements ({@code duplicate_chars}). */
    long duplicateChars;

    /** Starts a new {@code find_duplicates} over pieces of {@code text}, sized for {@code expected} pieces. */
    void reset(char[] text, boolean surrogates, int expected) {
        this.text = text;
        this.surrogates = surrogates;
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        if (starts.length < cap) {
            starts = new int[cap];
            ends = new int[cap];
            hashes = new long[cap];
        }
        Arrays.fill(starts, 0, cap, -1);
        mask = cap - 1;
        duplicates = 0;
        duplicateChars = 0;
    }

    /** Visits the next element {@code text[from:to]}; at most {@code expected} elements per {@link #reset}. */
    void add(int from, int to) {
        char[] t = text;
        long h = 0x2545F4914F6CDD1DL;
        for (int i = from; i < to; i++) {
            h = h * 0x100000001B3L + t[i];
        }
        int len = to - from;
        h = WordWindows.mix(h ^ len);
        for (int slot = (int) h & mask; ; slot = (slot + 1) & mask) {
            int s = starts[slot];
            if (s < 0) {
                starts[slot] = from;
                ends[slot] = to;
                hashes[slot] = h;
                return;
            }
            if (hashes[slot] == h && ends[slot] - s == len && Arrays.equals(t, s, s + len, t, from, to)) {
                duplicates++;
                duplicateChars += surrogates ? Character.codePointCount(t, from, len) : len;
                return;
            }
        }
    }
}
