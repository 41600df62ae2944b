package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clusters, kept documents and stage-2 pairs equal datatrove's on the golden dedup input. */
class MinHashClustersGoldenTest {
    static final List<long[]> XXHASH = new MinHasher(MinHasher.HashFunction.XXHASH).signatures(DedupGolden.texts(), 2);
    static final List<long[]> SHA1 = new MinHasher(MinHasher.HashFunction.SHA1).signatures(DedupGolden.texts(), 2);

    @Test
    void outcomesEqualTheReferenceForBothHashFunctions() {
        check(XXHASH, "minhash", 1353, 377);
        check(SHA1, "minhash_sha1", 1358, 373);
    }

    private static void check(List<long[]> signatures, String key, int expectedKept, int expectedClusters) {
        List<MinHashClusters.Outcome> outcomes = MinHashClusters.cluster(signatures);
        assertThat(outcomes).hasSize(1747);
        List<String> mismatches = new ArrayList<>();
        int kept = 0;
        int maxCluster = -1;
        for (int i = 0; i < outcomes.size(); i++) {
            JsonNode ref = DedupGolden.REF.get(i).get(key);
            MinHashClusters.Outcome o = outcomes.get(i);
            if (o.keep() != ref.get("keep").asBoolean() || o.clusterId() != ref.get("cluster_id").asInt()
                    || o.clusterSize() != ref.get("cluster_size").asInt()) {
                mismatches.add(i + ": " + o + " vs " + ref);
            }
            kept += o.keep() ? 1 : 0;
            maxCluster = Math.max(maxCluster, o.clusterId());
        }
        assertThat(mismatches).as(key).isEmpty();
        assertThat(kept).isEqualTo(expectedKept);
        assertThat(maxCluster + 1).isEqualTo(expectedClusters);
    }

    @Test
    void bucketPairsEqualTheReferenceDupsFiles() {
        int total = 0;
        for (JsonNode line : DedupGolden.PAIRS) {
            List<long[]> sigs = line.get("config").asText().equals("minhash") ? XXHASH : SHA1;
            List<int[]> pairs = MinHashClusters.bucketPairs(sigs, line.get("bucket").asInt());
            List<List<String>> actual = new ArrayList<>();
            for (int[] p : pairs) {
                actual.add(List.of(DedupGolden.INPUT.get(p[0]).get("id").asText(),
                        DedupGolden.INPUT.get(p[1]).get("id").asText()));
            }
            List<List<String>> expected = new ArrayList<>();
            for (JsonNode p : line.get("pairs")) {
                expected.add(List.of(p.get(0).asText(), p.get(1).asText()));
            }
            assertThat(actual).as("%s bucket %s", line.get("config"), line.get("bucket")).isEqualTo(expected);
            total += pairs.size();
        }
        assertThat(DedupGolden.PAIRS).hasSize(28);
        assertThat(total).isEqualTo(2925 + 2911);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameSignatures() {
        List<long[]> one = new MinHasher(MinHasher.HashFunction.XXHASH).signatures(DedupGolden.texts(), 1);
        assertThat(one).hasSameSizeAs(XXHASH);
        for (int i = 0; i < one.size(); i++) {
            assertThat(one.get(i)).isEqualTo(XXHASH.get(i));
        }
    }
}
