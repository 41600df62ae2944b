package org.loupe.engine.measure.lid;

import java.nio.charset.StandardCharsets;

/**
 * The vocabulary part of a fastText model, and the mapping from a token to the input-matrix rows that represent
 * it.
 *
 * <p>Everything works on UTF-8 bytes, not on Java chars, because fastText does: tokens are byte runs between
 * ASCII whitespace bytes, words are looked up by the bytes, character n-grams are cut on UTF-8 code point
 * boundaries, and the hash is FNV-1a over the bytes with fastText's quirk (each byte is sign-extended before the
 * xor, as C++ {@code char} is signed on the platforms the released models were trained on). Immutable after
 * construction.
 */
final class FastTextDictionary {
    static final int FNV_OFFSET = 0x811C9DC5; // 2166136261
    static final int FNV_PRIME = 16777619;
    static final String EOS = "</s>";
    static final byte[] EOS_BYTES = EOS.getBytes(StandardCharsets.US_ASCII);
    /** fastText's default {@code -label}; the model file does not store it. */
    static final byte[] LABEL_PREFIX = "__label__".getBytes(StandardCharsets.US_ASCII);
    static final byte TYPE_WORD = 0;
    static final byte TYPE_LABEL = 1;

    private final byte[][] words;
    private final int[] wordHashes;
    private final byte[] types;
    private final long[] counts;
    private final int nwords;
    private final int nlabels;
    private final int minn;
    private final int maxn;
    private final int bucket;
    /** -1: not pruned (every bucket has a row); 0: no n-gram rows at all; &gt; 0: only the buckets in the map. */
    private final long pruneIdxSize;
    private final IntIntMap pruneIdx;
    private final int[] vocabSlots;
    private final int vocabMask;
    private final int[][] subwords;
    private final int eosId;

    FastTextDictionary(byte[][] words, long[] counts, byte[] types, int nwords, int nlabels, int minn, int maxn,
            int bucket, long pruneIdxSize, IntIntMap pruneIdx) {
        this.words = words;
        this.counts = counts;
        this.types = types;
        this.nwords = nwords;
        this.nlabels = nlabels;
        this.minn = minn;
        this.maxn = maxn;
        this.bucket = bucket;
        this.pruneIdxSize = pruneIdxSize;
        this.pruneIdx = pruneIdx;
        int size = words.length;
        wordHashes = new int[size];
        int cap = Integer.highestOneBit(Math.max(4, size * 2 + 1) - 1) << 1;
        vocabSlots = new int[cap];
        vocabMask = cap - 1;
        for (int i = 0; i < size; i++) {
            int h = hash(words[i], 0, words[i].length);
            wordHashes[i] = h;
            int slot = mix(h) & vocabMask;
            while (vocabSlots[slot] != 0 && !java.util.Arrays.equals(words[vocabSlots[slot] - 1], words[i])) {
                slot = (slot + 1) & vocabMask;
            }
            // A repeated word maps to its last entry, as fastText's word2int does when it loads such a file.
            vocabSlots[slot] = i + 1;
        }
        eosId = find(EOS_BYTES, 0, EOS_BYTES.length, hash(EOS_BYTES, 0, EOS_BYTES.length));
        subwords = new int[size][];
        IntList scratch = new IntList(16);
        for (int i = 0; i < size; i++) {
            scratch.clear();
            scratch.add(i);
            if (i != eosId) {
                byte[] w = words[i];
                byte[] bracketed = new byte[w.length + 2];
                bracketed[0] = '<';
                System.arraycopy(w, 0, bracketed, 1, w.length);
                bracketed[w.length + 1] = '>';
                computeSubwords(bracketed, bracketed.length, scratch);
            }
            subwords[i] = scratch.toArray();
        }
    }

    /** fastText's hash: 32-bit FNV-1a where each byte is sign-extended first (bytes ≥ 0x80 xor as 0xFFFFFFxx). */
    static int hash(byte[] b, int from, int to) {
        int h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * FNV_PRIME;
        }
        return h;
    }

    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** The id of the word with these bytes and this {@link #hash}, or -1. */
    int find(byte[] b, int from, int to, int h) {
        int slot = mix(h) & vocabMask;
        int len = to - from;
        while (true) {
            int e = vocabSlots[slot];
            if (e == 0) {
                return -1;
            }
            int id = e - 1;
            if (wordHashes[id] == h) {
                byte[] w = words[id];
                if (w.length == len && java.util.Arrays.equals(w, 0, len, b, from, to)) {
                    return id;
                }
            }
            slot = (slot + 1) & vocabMask;
        }
    }

    /**
     * Appends the rows of the character n-grams of {@code word[0..len)} (already wrapped in {@code <} and
     * {@code >}): every run of minn..maxn code points, except single code points at either end, hashed into a
     * bucket and, for a pruned model, mapped to its kept row (buckets that were pruned away are skipped).
     */
    void computeSubwords(byte[] word, int len, IntList out) {
        if (bucket <= 0 || maxn <= 0) {
            return;
        }
        for (int i = 0; i < len; i++) {
            if ((word[i] & 0xC0) == 0x80) {
                continue;
            }
            int h = FNV_OFFSET;
            int j = i;
            for (int n = 1; j < len && n <= maxn; n++) {
                h = (h ^ word[j++]) * FNV_PRIME;
                while (j < len && (word[j] & 0xC0) == 0x80) {
                    h = (h ^ word[j++]) * FNV_PRIME;
                }
                if (n >= minn && !(n == 1 && (i == 0 || j == len))) {
                    int row = bucketRow(Integer.remainderUnsigned(h, bucket));
                    if (row >= 0) {
                        out.add(row);
                    }
                }
            }
        }
    }

    /** The input row of n-gram bucket {@code id}, or -1 when the model has no row for it (fastText's pushHash). */
    int bucketRow(int id) {
        if (pruneIdxSize == 0 || id < 0) {
            return -1;
        }
        if (pruneIdxSize > 0) {
            int mapped = pruneIdx.get(id);
            if (mapped < 0) {
                return -1;
            }
            id = mapped;
        }
        return nwords + id;
    }

    static boolean startsWithLabelPrefix(byte[] b, int from, int to) {
        if (to - from < LABEL_PREFIX.length) {
            return false;
        }
        return java.util.Arrays.equals(b, from, from + LABEL_PREFIX.length, LABEL_PREFIX, 0, LABEL_PREFIX.length);
    }

    static boolean isEos(byte[] b, int from, int to) {
        return java.util.Arrays.equals(b, from, to, EOS_BYTES, 0, EOS_BYTES.length);
    }

    boolean isLabel(int id) {
        return types[id] == TYPE_LABEL;
    }

    /** The rows of an in-vocabulary word: its own row, then its n-grams' rows. */
    int[] subwords(int id) {
        return subwords[id];
    }

    int nwords() {
        return nwords;
    }

    int nlabels() {
        return nlabels;
    }

    int size() {
        return words.length;
    }

    int minn() {
        return minn;
    }

    int maxn() {
        return maxn;
    }

    int bucket() {
        return bucket;
    }

    long pruneIdxSize() {
        return pruneIdxSize;
    }

    int eosId() {
        return eosId;
    }

    String word(int id) {
        return new String(words[id], StandardCharsets.UTF_8);
    }

    /** The label with label index {@code lid} (0-based among labels). */
    String label(int lid) {
        return word(nwords + lid);
    }

    /** The training counts of the labels, in label order: the hierarchical softmax builds its tree from them. */
    long[] labelCounts() {
        long[] c = new long[nlabels];
        for (int i = 0; i < nlabels; i++) {
            c[i] = counts[nwords + i];
        }
        return c;
    }

    /** A growable int array: the row lists are built per token and must not box. */
    static final class IntList {
        int[] a;
        int size;

        IntList(int capacity) {
            a = new int[Math.max(1, capacity)];
        }

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        void clear() {
            size = 0;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    /** An open-addressing int → int map for the pruned-bucket index (tens of thousands of entries, read-only). */
    static final class IntIntMap {
        private final int[] keys;
        private final int[] values;
        private final int mask;

        IntIntMap(int[] k, int[] v) {
            int cap = Integer.highestOneBit(Math.max(4, k.length * 3) - 1) << 1;
            keys = new int[cap];
            values = new int[cap];
            java.util.Arrays.fill(keys, -1);
            mask = cap - 1;
            for (int i = 0; i < k.length; i++) {
                if (k[i] < 0) {
                    throw new IllegalArgumentException("negative bucket id in prune index: " + k[i]);
                }
                int slot = mix(k[i]) & mask;
                while (keys[slot] != -1 && keys[slot] != k[i]) {
                    slot = (slot + 1) & mask;
                }
                // A later pair for the same key wins, as with fastText's pruneidx_[first] = second.
                keys[slot] = k[i];
                values[slot] = v[i];
            }
        }

        /** The value, or -1 when absent. */
        int get(int key) {
            int slot = mix(key) & mask;
            while (true) {
                int k = keys[slot];
                if (k == key) {
                    return values[slot];
                }
                if (k == -1) {
                    return -1;
                }
                slot = (slot + 1) & mask;
            }
        }
    }
}
