package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.Golden;

/** Signatures equal datatrove's {@code MinhashDedupSignature} output on every golden document. */
class MinHasherGoldenTest {
    @Test
    void xxhashSignaturesEqualTheReferenceForAllFixtureDocuments() {
        Map<String, JsonNode> ref = Golden.byId(Golden.DATATROVE);
        List<JsonNode> fixtures = Golden.read(Golden.FIXTURES);
        MinHasher hasher = new MinHasher(MinHasher.HashFunction.XXHASH);
        List<String> mismatches = new ArrayList<>();
        int withSignature = 0;
        for (JsonNode doc : fixtures) {
            String id = doc.get("id").asText();
            JsonNode expected = ref.get(id).get("minhash");
            long[] sig = hasher.signature(doc.get("text").asText());
            if (expected == null || expected.isNull() || expected.isEmpty()) {
                if (sig != null) {
                    mismatches.add(id + ": unexpected signature");
                }
                continue;
            }
            withSignature++;
            if (sig == null) {
                mismatches.add(id + ": no signature");
                continue;
            }
            for (int bucket = 0; bucket < MinHasher.NUM_BUCKETS; bucket++) {
                for (int j = 0; j < MinHasher.HASHES_PER_BUCKET; j++) {
                    long want = expected.get(bucket).get(j).asLong();
                    if (sig[bucket * MinHasher.HASHES_PER_BUCKET + j] != want) {
                        mismatches.add(id + ": bucket " + bucket + " hash " + j);
                        bucket = MinHasher.NUM_BUCKETS;
                        break;
                    }
                }
            }
        }
        assertThat(fixtures).hasSize(1107);
        assertThat(withSignature).isGreaterThan(1000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void hasSignatureMatchesTheDedupReference() {
        List<String> texts = DedupGolden.texts();
        assertThat(texts).hasSize(1747);
        for (MinHasher.HashFunction f : MinHasher.HashFunction.values()) {
            MinHasher hasher = new MinHasher(f);
            String key = f == MinHasher.HashFunction.XXHASH ? "minhash" : "minhash_sha1";
            for (int i = 0; i < texts.size(); i++) {
                boolean expected = DedupGolden.REF.get(i).get(key).get("has_signature").asBoolean();
                assertThat(hasher.signature(texts.get(i)) != null).as("doc %d %s", i, key).isEqualTo(expected);
            }
        }
    }

    @Test
    void mersenneModEqualsRemainderUnsigned() {
        long[] samples = {0, 1, MinHasher.MERSENNE - 1, MinHasher.MERSENNE, MinHasher.MERSENNE + 1, -1L, Long.MIN_VALUE,
            Long.MAX_VALUE, 0x123456789ABCDEF0L, 0xFFFFFFFFFFFFFFF8L, 2 * MinHasher.MERSENNE, 3 * MinHasher.MERSENNE + 5};
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (long x : samples) {
            assertThat(MinHasher.mersenneMod(x)).isEqualTo(Long.remainderUnsigned(x, MinHasher.MERSENNE));
        }
        for (int i = 0; i < 100_000; i++) {
            long x = r.nextLong();
            assertThat(MinHasher.mersenneMod(x)).isEqualTo(Long.remainderUnsigned(x, MinHasher.MERSENNE));
        }
    }
}
