package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Clustering a subset through the mask equals clustering that subset materialized as its own list, and
 * clustering it from signatures sorted once ({@link MinHashClusters#prepare}).
 */
class MinHashClustersPropertyTest {
    @Property(tries = 40)
    void subsetOfTheGoldenInputEqualsFromScratch(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 1.0) double density) {
        checkSubset(MinHashClustersGoldenTest.XXHASH, seed, density);
    }

    @Property(tries = 200)
    void subsetOfCollidingSignaturesEqualsFromScratch(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 1.0) double density) {
        // few documents, values from a tiny alphabet: many collisions, chains and ties in the union-find
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(60);
        int alphabet = 1 + r.nextInt(4);
        List<long[]> sigs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                sigs.add(null);
                continue;
            }
            long[] s = new long[MinHasher.NUM_HASHES];
            for (int b = 0; b < MinHasher.NUM_BUCKETS; b++) {
                long v = r.nextInt(alphabet + 6) < 6 ? r.nextLong(1L << 40) : r.nextInt(alphabet);
                for (int j = 0; j < MinHasher.HASHES_PER_BUCKET; j++) {
                    s[b * MinHasher.HASHES_PER_BUCKET + j] = v + j;
                }
            }
            sigs.add(s);
        }
        checkSubset(sigs, seed ^ 0x5DEECE66DL, density);
    }

    private static void checkSubset(List<long[]> sigs, long seed, double density) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] mask = new boolean[sigs.size()];
        List<long[]> materialized = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextDouble() < density;
            if (mask[i]) {
                materialized.add(sigs.get(i));
                positions.add(i);
            }
        }
        List<MinHashClusters.Outcome> viaMask = MinHashClusters.cluster(sigs, mask);
        List<MinHashClusters.Outcome> fromScratch = MinHashClusters.cluster(materialized);
        // sorted once, clustered per mask (the live step's path): the same outcomes
        assertThat(MinHashClusters.prepare(sigs).cluster(mask)).isEqualTo(viaMask);
        for (int k = 0; k < positions.size(); k++) {
            assertThat(viaMask.get(positions.get(k))).isEqualTo(fromScratch.get(k));
        }
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                assertThat(viaMask.get(i)).isEqualTo(new MinHashClusters.Outcome(false, false, -1, 0));
            }
        }
    }
}
