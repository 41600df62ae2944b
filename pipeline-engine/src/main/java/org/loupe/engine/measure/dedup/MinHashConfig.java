package org.loupe.engine.measure.dedup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loupe.engine.measure.dedup.MinHasher.HashFunction;

/**
 * datatrove's {@code MinhashConfig} with 64-bit hash precision (spec §11): shingles of {@code nGrams} words,
 * {@code numBuckets} buckets of {@code hashesPerBucket} hashes, the permutation seed and the shingle hash.
 *
 * <p>The permutations are what {@code MinhashDedupSignature.parameters} draws:
 * {@code gen = numpy.random.RandomState(seed)}, then {@code a = gen.randint(1, 2**61-1, size=numHashes,
 * dtype=uint64)}, then {@code b = gen.randint(0, 2**61-1, size=numHashes, dtype=uint64)}, reproduced by
 * {@link NumpyRandomState} and computed once per {@code (seed, numHashes)}.
 *
 * @param nGrams words per shingle ({@code n_grams}), at least 1
 * @param numBuckets number of buckets ({@code num_buckets}), at least 1
 * @param hashesPerBucket hashes per bucket ({@code hashes_per_bucket}), at least 1
 * @param seed the permutation seed, {@code 0 .. 2^32 - 1} as numpy accepts for a scalar seed
 * @param hashFunction the 64-bit shingle hash ({@code hash_config.hash_fc})
 */
public record MinHashConfig(int nGrams, int numBuckets, int hashesPerBucket, long seed, HashFunction hashFunction) {
    /** datatrove's default: 5-grams, 14 buckets of 8 hashes, seed 1, xxhash64. */
    public static final MinHashConfig DEFAULT = new MinHashConfig(5, 14, 8, 1, HashFunction.XXHASH);
    /** The most hashes a signature may have (numBuckets × hashesPerBucket). */
    public static final int MAX_HASHES = 1 << 16;

    private static final long MERSENNE = (1L << 61) - 1;
    private static final Map<Long, long[][]> PERMUTATIONS = new ConcurrentHashMap<>();

    public MinHashConfig {
        if (nGrams < 1) {
            throw new IllegalArgumentException("nGrams must be at least 1, got " + nGrams);
        }
        if (numBuckets < 1) {
            throw new IllegalArgumentException("numBuckets must be at least 1, got " + numBuckets);
        }
        if (hashesPerBucket < 1) {
            throw new IllegalArgumentException("hashesPerBucket must be at least 1, got " + hashesPerBucket);
        }
        if ((long) numBuckets * hashesPerBucket > MAX_HASHES) {
            throw new IllegalArgumentException("numBuckets × hashesPerBucket must be at most " + MAX_HASHES + ", got "
                    + numBuckets + " × " + hashesPerBucket);
        }
        if (seed < 0 || seed > NumpyRandomState.MAX_SEED) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
        }
        if (hashFunction == null) {
            throw new IllegalArgumentException("hashFunction must not be null");
        }
    }

    /** The default configuration with another shingle hash. */
    public static MinHashConfig withHash(HashFunction hashFunction) {
        return new MinHashConfig(DEFAULT.nGrams, DEFAULT.numBuckets, DEFAULT.hashesPerBucket, DEFAULT.seed, hashFunction);
    }

    /** The signature length: {@code numBuckets × hashesPerBucket}. */
    public int numHashes() {
        return numBuckets * hashesPerBucket;
    }

    /** The permutation multipliers {@code a} (a copy). */
    public long[] permutationA() {
        return permutations()[0].clone();
    }

    /** The permutation offsets {@code b} (a copy). */
    public long[] permutationB() {
        return permutations()[1].clone();
    }

    /** {@code {a, b}}, shared between all configurations with this seed and length: never modify them. */
    long[][] permutations() {
        return permutations(seed, numHashes());
    }

    static long[][] permutations(long seed, int size) {
        return PERMUTATIONS.computeIfAbsent(seed << 20 | size, k -> {
            NumpyRandomState gen = new NumpyRandomState(seed);
            long[] a = gen.randintUint64(1, MERSENNE, size);
            long[] b = gen.randintUint64(0, MERSENNE, size);
            return new long[][] {a, b};
        });
    }
}
