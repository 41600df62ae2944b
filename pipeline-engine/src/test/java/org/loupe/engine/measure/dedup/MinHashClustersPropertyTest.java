package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Clustering a subset through the mask equals clustering that subset materialized as its own list, and
 * clustering it from signatures sorted once ({@link MinHashClusters#prepare}), as outcome objects and as flat
 * arrays ({@link MinHashClusters.Prepared#clusterBits}), for the default and for other bucket layouts.
 */
class MinHashClustersPropertyTest {
    @Property(tries = 40)
    void subsetOfTheGoldenInputEqualsFromScratch(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 1.0) double density) {
        checkSubset(MinHashClustersGoldenTest.XXHASH, MinHasher.HASHES_PER_BUCKET, seed, density);
    }

    @Property(tries = 200)
    void subsetOfCollidingSignaturesInAnyBucketLayoutEqualsFromScratch(@ForAll long seed,
            @ForAll @DoubleRange(min = 0.05, max = 1.0) double density) {
        SplittableRandom r = new SplittableRandom(seed);
        int hashesPerBucket = 1 + r.nextInt(6);
        int numBuckets = 1 + r.nextInt(20);
        checkSubset(colliding(r, numBuckets, hashesPerBucket), hashesPerBucket, seed ^ 0x5DEECE66DL, density);
    }

    @Property(tries = 10)
    void subsetOfNonDefaultGoldenSignaturesEqualsFromScratch(@ForAll long seed,
            @ForAll @DoubleRange(min = 0.05, max = 1.0) double density) {
        checkSubset(THREE_GRAMS, 5, seed, density);
    }

    /** The golden dedup input with 3-grams, 20 buckets of 5 hashes, seed 7: other collisions than the default. */
    private static final List<long[]> THREE_GRAMS = new MinHasher(new MinHashConfig(3, 20, 5, 7,
            MinHasher.HashFunction.XXHASH)).signatures(DedupGolden.texts(), 2);

    @Property(tries = 200)
    void subsetOfCollidingSignaturesEqualsFromScratch(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 1.0) double density) {
        checkSubset(colliding(new SplittableRandom(seed), MinHasher.NUM_BUCKETS, MinHasher.HASHES_PER_BUCKET),
                MinHasher.HASHES_PER_BUCKET, seed ^ 0x5DEECE66DL, density);
    }

    /** Few documents, values from a tiny alphabet: many collisions, chains and ties in the union-find. */
    private static List<long[]> colliding(SplittableRandom r, int numBuckets, int hashesPerBucket) {
        int n = 2 + r.nextInt(150);
        int alphabet = 1 + r.nextInt(4);
        List<long[]> sigs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                sigs.add(null);
                continue;
            }
            long[] s = new long[numBuckets * hashesPerBucket];
            for (int b = 0; b < numBuckets; b++) {
                long v = r.nextInt(alphabet + 6) < 6 ? r.nextLong(1L << 40) : r.nextInt(alphabet);
                for (int j = 0; j < hashesPerBucket; j++) {
                    s[b * hashesPerBucket + j] = v + j;
                }
            }
            sigs.add(s);
        }
        return sigs;
    }

    private static void checkSubset(List<long[]> sigs, int hashesPerBucket, long seed, double density) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] mask = new boolean[sigs.size()];
        // one spare word with stray bits set: bits past the last document are ignored
        long[] bits = new long[(sigs.size() + 63) / 64 + 1];
        Arrays.fill(bits, r.nextLong() | 1L << 63);
        List<long[]> materialized = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextDouble() < density;
            if (mask[i]) {
                materialized.add(sigs.get(i));
                positions.add(i);
                bits[i >>> 6] |= 1L << i;
            } else {
                bits[i >>> 6] &= ~(1L << i);
            }
        }
        List<MinHashClusters.Outcome> viaMask = MinHashClusters.cluster(sigs, hashesPerBucket, mask);
        List<MinHashClusters.Outcome> fromScratch = MinHashClusters.cluster(materialized, hashesPerBucket);
        // sorted once, clustered per mask (the live step's path): the same outcomes
        MinHashClusters.Prepared prepared = MinHashClusters.prepare(sigs, hashesPerBucket);
        assertThat(prepared.cluster(mask)).isEqualTo(viaMask);
        for (int k = 0; k < positions.size(); k++) {
            assertThat(viaMask.get(positions.get(k))).isEqualTo(fromScratch.get(k));
        }
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                assertThat(viaMask.get(i)).isEqualTo(new MinHashClusters.Outcome(false, false, -1, 0));
            }
        }
        // the flat variant: the same per document, and the counts
        MinHashClusters.Clusters flat = prepared.clusterBits(bits);
        assertThat(flat.size()).isEqualTo(sigs.size());
        int removed = 0;
        int maxId = -1;
        for (int i = 0; i < mask.length; i++) {
            MinHashClusters.Outcome o = viaMask.get(i);
            assertThat(new MinHashClusters.Outcome(flat.included(i), flat.keep(i), flat.clusterId(i), flat.clusterSize(i)))
                    .as("document %d", i).isEqualTo(o);
            removed += o.included() && !o.keep() ? 1 : 0;
            maxId = Math.max(maxId, o.clusterId());
        }
        assertThat(flat.removedCount()).isEqualTo(removed);
        assertThat(flat.clusterCount()).isEqualTo(maxId + 1);
    }
}
