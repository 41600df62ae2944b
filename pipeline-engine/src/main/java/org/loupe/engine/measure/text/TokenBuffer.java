package org.loupe.engine.measure.text;

import java.util.Arrays;

/**
 * Growable parallel arrays of token offsets, flags and text hashes ({@link String#hashCode()} of the
 * token's text, so that special-case lookups never rehash), filled while tokenizing one text (no
 * objects per token).
 */
final class TokenBuffer {
    static final byte WHITESPACE = 1;
    static final byte SPACE_AFTER = 2;

    int[] starts;
    int[] ends;
    byte[] flags;
    int[] hashes;
    int size;

    TokenBuffer(int capacity) {
        int cap = Math.max(4, capacity);
        starts = new int[cap];
        ends = new int[cap];
        flags = new byte[cap];
        hashes = new int[cap];
    }

    void add(int start, int end, byte flag, int hash) {
        if (size == starts.length) {
            int cap = size * 2;
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            flags = Arrays.copyOf(flags, cap);
            hashes = Arrays.copyOf(hashes, cap);
        }
        starts[size] = start;
        ends[size] = end;
        flags[size] = flag;
        hashes[size] = hash;
        size++;
    }

    void markSpaceAfterLast() {
        flags[size - 1] |= SPACE_AFTER;
    }

    void replaceWith(TokenBuffer other) {
        starts = other.starts;
        ends = other.ends;
        flags = other.flags;
        hashes = other.hashes;
        size = other.size;
    }
}
