package org.loupe.engine.measure.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.Golden;

/**
 * Counting piece by piece with remembered pieces gives exactly JTokkit's count of the whole text, for every
 * encoding, on real documents and on strings built from the characters the pattern treats specially.
 */
class TokenCounterCacheTest {
    private static final List<String> ENCODINGS = List.of("r50k_base", "p50k_base", "cl100k_base");

    @Test
    void equalsTheWholeTextCountOnEveryGoldenDocument() {
        List<String> mismatches = new ArrayList<>();
        for (String name : ENCODINGS) {
            TokenCounter counter = TokenCounter.named(name);
            for (String file : List.of("fixtures_in.jsonl.gz", "dedup/dedup_in.jsonl.gz")) {
                for (JsonNode d : Golden.read(file)) {
                    String text = d.get("text").asText();
                    // twice: the second count comes from remembered pieces
                    for (int pass = 0; pass < 2; pass++) {
                        if (counter.count(text) != counter.countUncached(text)) {
                            mismatches.add(name + " " + d.get("id").asText());
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Property(tries = 400)
    void equalsTheWholeTextCountOnTrickyStrings(@ForAll("tricky") String text) {
        for (String name : ENCODINGS) {
            TokenCounter counter = TokenCounter.named(name);
            assertThat(counter.count(text)).as("%s: %s", name, text).isEqualTo(counter.countUncached(text));
            assertThat(counter.count(text)).isEqualTo(counter.countUncached(text));
        }
    }

    @Provide
    Arbitrary<String> tricky() {
        return Arbitraries.of(" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "'s", "'ll", "'", "a", "Zz", "é", "e\u0301",
                        "42", "7", "٣", "!", "...", "-", "😀", "中文", "\u200b", "\u2028", "x'", "'re")
                .list().ofMaxSize(30).map(parts -> String.join("", parts));
    }
}
