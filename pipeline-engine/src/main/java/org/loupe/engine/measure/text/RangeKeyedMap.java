package org.loupe.engine.measure.text;

import java.util.Arrays;
import java.util.Map;

/**
 * An immutable string-keyed map that can be queried with a slice of a larger text
 * ({@code text[from, to)}) without cutting the slice out as a {@code String}.
 *
 * <p>The tokenizer asks "is this token / chunk a special case?" once per token of every document;
 * allocating a substring just to ask a {@code HashMap} would be most of the cost. Open addressing with
 * {@link String#hashCode()}'s formula computed over the slice.
 */
final class RangeKeyedMap<V> {
    private final String[] keys;
    private final Object[] values;
    private final int mask;
    /** A one-hash Bloom filter over the keys (8,192 bits, fits in L1): most absent slices stop here. */
    private final long[] filter = new long[128];
    private final int maxKeyLength;

    RangeKeyedMap(Map<String, V> entries) {
        int cap = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
        keys = new String[cap];
        values = new Object[cap];
        mask = cap - 1;
        int longest = 0;
        for (Map.Entry<String, V> e : entries.entrySet()) {
            int i = spread(e.getKey().hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = e.getKey();
            values[i] = e.getValue();
            int f = filterBit(e.getKey().hashCode());
            filter[f >>> 6] |= 1L << f;
            longest = Math.max(longest, e.getKey().length());
        }
        maxKeyLength = longest;
    }

    private static int filterBit(int hash) {
        return (hash * 0x9E3779B9) >>> 19;
    }

    /** False when no key has this hash (a cheap pre-check: no key is read). */
    boolean mightContain(int hash) {
        int f = filterBit(hash);
        return (filter[f >>> 6] & (1L << f)) != 0;
    }

    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** {@link String#hashCode()} of {@code text[from, to)}. */
    static int hash(CharSequence text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** The value for {@code text[from, to)}, or null. Costs nothing for a slice longer than every key. */
    V get(String text, int from, int to) {
        if (to - from > maxKeyLength) {
            return null;
        }
        return get(text, from, to, hash(text, from, to));
    }

    /** The value for {@code text[from, to)} whose {@link #hash} is already known, or null. */
    @SuppressWarnings("unchecked")
    V get(String text, int from, int to, int hash) {
        if (!mightContain(hash)) {
            return null;
        }
        int len = to - from;
        int i = spread(hash) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (k.length() == len && k.regionMatches(0, text, from, len)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    V get(String key) {
        return get(key, 0, key.length(), key.hashCode());
    }

    boolean containsKey(String text, int from, int to) {
        return get(text, from, to) != null;
    }

    int size() {
        return (int) Arrays.stream(keys).filter(k -> k != null).count();
    }
}
