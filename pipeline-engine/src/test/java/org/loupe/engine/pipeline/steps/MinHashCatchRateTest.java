package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.dedup.MinHashConfig;
import org.loupe.engine.measure.dedup.MinHasher;
import org.loupe.engine.testing.Golden;

/**
 * The share of near-duplicate pairs MinHash catches at each similarity level follows the S-curve the
 * Duplicates view draws, {@code 1 - (1 - s^r)^b}: the golden dedup input holds 60 near-copies per target
 * Jaccard (0.3 … 0.95), each with its exact shingle Jaccard to its source; a pair is caught when the two
 * signatures agree on every hash of at least one bucket.
 */
class MinHashCatchRateTest {
    private static final List<JsonNode> INPUT = Golden.read("dedup/dedup_in.jsonl.gz");

    @Test
    void caughtPairsPerSimilarityLevelFollowTheSCurveForTwoBandings() {
        check(new MinHashConfig(5, 14, 8, 1, MinHasher.HashFunction.XXHASH));
        check(new MinHashConfig(5, 20, 5, 7, MinHasher.HashFunction.SHA1));
    }

    private static void check(MinHashConfig config) {
        MinHasher hasher = new MinHasher(config);
        Map<String, Integer> rowOfId = new HashMap<>();
        for (int i = 0; i < INPUT.size(); i++) {
            rowOfId.put(INPUT.get(i).get("id").asText(), i);
        }
        List<long[]> sigs = hasher.signatures(INPUT.stream().map(n -> n.get("text").asText()).toList(), 2);
        Map<Double, double[]> byLevel = new TreeMap<>(); // level -> {pairs, caught, expected, variance}
        for (int i = 0; i < INPUT.size(); i++) {
            JsonNode m = INPUT.get(i).get("metadata");
            if (m == null || !"near_duplicate".equals(m.path("kind").asText())) {
                continue;
            }
            long[] a = sigs.get(i);
            long[] b = sigs.get(rowOfId.get(m.get("source_id").asText()));
            double s = m.get("jaccard_to_source").asDouble();
            double p = MinHashDedupStep.catchProbability(s, config.numBuckets(), config.hashesPerBucket());
            double[] acc = byLevel.computeIfAbsent(m.get("target_jaccard").asDouble(), k -> new double[4]);
            acc[0]++;
            acc[1] += shareABucket(a, b, config.hashesPerBucket()) ? 1 : 0;
            acc[2] += p;
            acc[3] += p * (1 - p);
        }
        assertThat(byLevel).hasSize(7);
        byLevel.forEach((level, acc) -> {
            assertThat(acc[0]).as("pairs at %s", level).isEqualTo(60);
            // caught ~ sum of Bernoulli(p_i): within 4 standard deviations (+1 for the discreteness)
            assertThat(Math.abs(acc[1] - acc[2])).as("%s at s=%s: caught %s, S-curve expects %.1f", config, level, acc[1],
                    acc[2]).isLessThanOrEqualTo(4 * Math.sqrt(acc[3]) + 1);
        });
        // the curve's shape shows: almost all caught at 0.95, almost none at 0.3 with 14 x 8
        if (config.hashesPerBucket() == 8) {
            assertThat(byLevel.get(0.95)[1]).isGreaterThanOrEqualTo(58);
            assertThat(byLevel.get(0.3)[1]).isLessThanOrEqualTo(2);
        }
    }

    private static boolean shareABucket(long[] a, long[] b, int perBucket) {
        if (a == null || b == null) {
            return false;
        }
        for (int from = 0; from < a.length; from += perBucket) {
            boolean equal = true;
            for (int j = from; j < from + perBucket && equal; j++) {
                equal = a[j] == b[j];
            }
            if (equal) {
                return true;
            }
        }
        return false;
    }
}
