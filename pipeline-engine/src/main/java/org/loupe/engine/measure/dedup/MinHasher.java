package org.loupe.engine.measure.dedup;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.loupe.engine.measure.text.EnglishTokenizer;

/**
 * datatrove's MinHash stage 1, {@code MinhashDedupSignature.get_signature} (spec §11), for a {@link MinHashConfig}
 * with 64-bit precision: {@code nGrams}-word shingles of the English words of {@code simplify_text(text)},
 * {@code numBuckets} buckets of {@code hashesPerBucket} hashes, permutations drawn from numpy's
 * {@code RandomState(seed)}, and a 64-bit shingle hash that is either xxhash64 (the default) or the first 8 bytes
 * of SHA-1, little-endian (FineWeb's configuration). The default configuration is 5-grams, 14 buckets of 8 and
 * seed 1.
 *
 * <p>The signature has {@code numHashes} values: {@code h_i = min over shingles s of ((s * a_i + b_i) mod 2^64)
 * mod (2^61 - 1)}, the multiply-add wrapping at 64 bits like numpy's uint64. Bucket {@code k} is values
 * {@code [k * hashesPerBucket, (k + 1) * hashesPerBucket)}. A document with fewer than {@code nGrams} words has no
 * shingle and so no signature ({@code null}): datatrove never clusters it.
 *
 * <p>Speed: the words are encoded once into one reusable UTF-8 buffer, joined by single spaces, so each
 * shingle is a byte range of that buffer and is hashed in place, without building a string. Thread-safe
 * (each thread has its own buffers).
 */
public final class MinHasher {
    /** The shingle hash, datatrove's {@code HashConfig.hash_fc} with 64-bit precision. */
    public enum HashFunction { XXHASH, SHA1 }

    /** The default configuration's shingle length, buckets and hashes ({@link MinHashConfig#DEFAULT}). */
    public static final int N_GRAMS = 5;
    public static final int NUM_BUCKETS = 14;
    public static final int HASHES_PER_BUCKET = 8;
    public static final int NUM_HASHES = NUM_BUCKETS * HASHES_PER_BUCKET;
    /** 2^61 - 1, datatrove's {@code _mersenne_prime}. */
    static final long MERSENNE = (1L << 61) - 1;

    private final MinHashConfig config;
    private final HashFunction hashFunction;
    private final EnglishTokenizer tokenizer;
    private final int nGrams;
    private final int numHashes;
    private final long[] a;
    private final long[] b;
    private final ThreadLocal<Scratch> scratch;

    /** A hasher with the default configuration and the given shingle hash, using the shared tokenizer. */
    public MinHasher(HashFunction hashFunction) {
        this(MinHashConfig.withHash(hashFunction));
    }

    /** A hasher with the default configuration and the given shingle hash. */
    public MinHasher(HashFunction hashFunction, EnglishTokenizer tokenizer) {
        this(MinHashConfig.withHash(hashFunction), tokenizer);
    }

    /** A hasher for {@code config}, using the shared tokenizer. */
    public MinHasher(MinHashConfig config) {
        this(config, EnglishTokenizer.shared());
    }

    public MinHasher(MinHashConfig config, EnglishTokenizer tokenizer) {
        if (config == null || tokenizer == null) {
            throw new IllegalArgumentException("config and tokenizer must not be null");
        }
        this.config = config;
        this.hashFunction = config.hashFunction();
        this.tokenizer = tokenizer;
        this.nGrams = config.nGrams();
        this.numHashes = config.numHashes();
        long[][] params = config.permutations();
        this.a = params[0];
        this.b = params[1];
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(hashFunction));
    }

    public MinHashConfig config() {
        return config;
    }

    public HashFunction hashFunction() {
        return hashFunction;
    }

    /** The default configuration's 112 permutation multipliers {@code a} (a copy). */
    public static long[] permutationA() {
        return MinHashConfig.DEFAULT.permutationA();
    }

    /** The default configuration's 112 permutation offsets {@code b} (a copy). */
    public static long[] permutationB() {
        return MinHashConfig.DEFAULT.permutationB();
    }

    /** The {@code numHashes}-value signature of {@code text}, or {@code null} when it has fewer than {@code nGrams} words. */
    public long[] signature(String text) {
        List<String> words = tokenizer.words(TextNormalizer.simplify(text));
        return signatureOfWords(words);
    }

    /**
     * The signatures of {@code texts}, in order ({@code null} where a text has fewer than {@code nGrams} words), computed
     * on {@code threads} threads. The result does not depend on the number of threads.
     */
    public List<long[]> signatures(List<String> texts, int threads) {
        long[][] out = new long[texts.size()][];
        Parallel.forEach(out.length, threads, i -> out[i] = signature(texts.get(i)));
        return Arrays.asList(out);
    }

    /** The signature of an already normalised and tokenized text (the words of {@code simplify_text(text)}). */
    public long[] signatureOfWords(List<String> words) {
        int nGrams = this.nGrams;
        int n = words.size() - nGrams + 1;
        if (n <= 0) {
            return null;
        }
        Scratch s = scratch.get();
        s.encode(words);
        long[] shingles = s.shingleHashes(n);
        int[] starts = s.starts;
        int[] ends = s.ends;
        byte[] buf = s.buf;
        for (int i = 0; i < n; i++) {
            int from = starts[i];
            int to = ends[i + nGrams - 1];
            shingles[i] = hashFunction == HashFunction.XXHASH ? XxHash64.hash(buf, from, to - from) : s.sha1(buf, from, to - from);
        }
        // one permutation at a time over all shingles: the running minimum and a_j, b_j stay in registers
        long[] a = this.a;
        long[] b = this.b;
        long[] sig = new long[numHashes];
        for (int j = 0; j < sig.length; j++) {
            long aj = a[j];
            long bj = b[j];
            long min = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                long v = mersenneMod(shingles[i] * aj + bj);
                if (v < min) {
                    min = v;
                }
            }
            sig[j] = min;
        }
        return sig;
    }

    /**
     * {@code x mod (2^61 - 1)} for {@code x} read as unsigned 64-bit: the same as
     * {@code Long.remainderUnsigned(x, 2^61 - 1)}, without a division.
     */
    static long mersenneMod(long x) {
        long r = (x & MERSENNE) + (x >>> 61);
        return r >= MERSENNE ? r - MERSENNE : r;
    }

    /** Per-thread buffers: the UTF-8 words and each word's byte range, and a SHA-1 digest. */
    private static final class Scratch {
        byte[] buf = new byte[1 << 14];
        long[] hashes = new long[1024];
        int[] starts = new int[1024];
        int[] ends = new int[1024];
        final MessageDigest sha1;
        final byte[] digest = new byte[20];

        Scratch(HashFunction f) {
            try {
                sha1 = f == HashFunction.SHA1 ? MessageDigest.getInstance("SHA-1") : null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void encode(List<String> words) {
            int count = words.size();
            if (starts.length < count) {
                starts = new int[Math.max(count, starts.length * 2)];
                ends = new int[starts.length];
            }
            int p = 0;
            for (int w = 0; w < count; w++) {
                String word = words.get(w);
                int need = word.length() * 3 + 1;
                if (p + need > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, p + need));
                }
                if (w > 0) {
                    buf[p++] = ' ';
                }
                starts[w] = p;
                p = utf8(word, buf, p);
                ends[w] = p;
            }
        }

        long[] shingleHashes(int n) {
            if (hashes.length < n) {
                hashes = new long[Math.max(n, hashes.length * 2)];
            }
            return hashes;
        }

        long sha1(byte[] b, int off, int len) {
            sha1.update(b, off, len);
            try {
                sha1.digest(digest, 0, 20);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
            long h = 0;
            for (int i = 7; i >= 0; i--) {
                h = h << 8 | (digest[i] & 0xFFL);
            }
            return h;
        }
    }

    /**
     * Encodes {@code s} as UTF-8 into {@code buf} at {@code p} (room for 3 bytes per char assumed) and returns
     * the new end. A lone surrogate, which Python's strict encoder would refuse, becomes {@code '?'} as in
     * {@link String#getBytes}.
     */
    static int utf8(String s, byte[] buf, int p) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[p++] = (byte) c;
            } else if (c < 0x800) {
                buf[p++] = (byte) (0xC0 | c >> 6);
                buf[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[p++] = (byte) (0xF0 | cp >> 18);
                buf[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buf[p++] = '?';
            } else {
                buf[p++] = (byte) (0xE0 | c >> 12);
                buf[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }
}
