package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** URL and exact-text dedup equal datatrove's {@code ExactDedup*} stages on the golden dedup input. */
class ExactDedupGoldenTest {
    @Test
    void urlDedupEqualsTheReference() {
        check(ExactDedup.dedup(DedupGolden.urls()), "url", 1707);
    }

    @Test
    void exactTextDedupEqualsTheReference() {
        check(ExactDedup.dedup(DedupGolden.texts()), "exact", 1687);
    }

    @Test
    void aMaskGivesTheResultOfTheSubsetAlone() {
        List<String> texts = DedupGolden.texts();
        boolean[] mask = new boolean[texts.size()];
        List<String> subset = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 != 1;
            if (mask[i]) {
                subset.add(texts.get(i));
            }
        }
        List<ExactDedup.Outcome> viaMask = ExactDedup.dedup(texts, mask);
        List<ExactDedup.Outcome> alone = ExactDedup.dedup(subset);
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                assertThat(viaMask.get(i)).isEqualTo(alone.get(k++));
            } else {
                assertThat(viaMask.get(i).included()).isFalse();
            }
        }
    }

    private static void check(List<ExactDedup.Outcome> outcomes, String key, int expectedKept) {
        assertThat(outcomes).hasSize(1747);
        List<String> mismatches = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            JsonNode ref = DedupGolden.REF.get(i).get(key);
            ExactDedup.Outcome o = outcomes.get(i);
            int expectedCount = ref.get("duplicate_count").isNull() ? -1 : ref.get("duplicate_count").asInt();
            if (o.keep() != ref.get("keep").asBoolean() || o.duplicateCount() != expectedCount) {
                mismatches.add(i + ": " + o + " vs " + ref);
            }
            kept += o.keep() ? 1 : 0;
        }
        assertThat(mismatches).as(key).isEmpty();
        assertThat(kept).isEqualTo(expectedKept);
    }
}
