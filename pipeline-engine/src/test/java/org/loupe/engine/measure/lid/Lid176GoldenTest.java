package org.loupe.engine.measure.lid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.Golden;

/**
 * The pure-Java predictor against fastText itself: {@code golden/reference/lid176_ref.jsonl.gz} (test resources)
 * holds, for each of the 1,107 fixture texts, the top 5 labels and probabilities that fastText's Python binding
 * gives for the text with {@code "\n"} replaced by a space. Every label must be the same, in the same order, and
 * every probability within 1e-4 (in practice they agree to the last float bit or nearly).
 */
class Lid176GoldenTest {
    private static final double TOLERANCE = 1e-4;

    private static Map<String, String> texts;
    private static Map<String, JsonNode> refs;

    @BeforeAll
    static void readGolden() {
        texts = new LinkedHashMap<>();
        for (JsonNode n : Golden.read(Golden.FIXTURES)) {
            texts.put(n.get("id").asText(), n.get("text").asText());
        }
        refs = new LinkedHashMap<>();
        for (JsonNode n : Golden.read(Golden.LID176)) {
            refs.put(n.get("id").asText(), n.get("top5"));
        }
    }

    @Test
    void everyGoldenTextGetsFastTextsTop5LabelsAndProbabilities() {
        FastTextModel model = Lid176.model();
        assertThat(refs).hasSize(1107);
        int sameLabels = 0;
        int bitExact = 0;
        int compared = 0;
        double maxDelta = 0;
        String worst = null;
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : refs.entrySet()) {
            String id = e.getKey();
            assertThat(texts).as("fixture text for %s", id).containsKey(id);
            List<ScoredLabel> got = model.predict(texts.get(id).replace("\n", " "), 5);
            JsonNode want = e.getValue();
            List<String> wantLabels = new ArrayList<>();
            want.forEach(p -> wantLabels.add(p.get(0).asText()));
            List<String> gotLabels = got.stream().map(ScoredLabel::label).toList();
            if (gotLabels.equals(wantLabels)) {
                sameLabels++;
            } else {
                mismatches.add(id + ": " + gotLabels + " != " + wantLabels);
            }
            for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
                double w = want.get(i).get(1).asDouble();
                double g = got.get(i).probability();
                double d = Math.abs(g - w);
                compared++;
                if (g == w) {
                    bitExact++;
                }
                if (d > maxDelta) {
                    maxDelta = d;
                    worst = id + " #" + i + " " + got.get(i).label() + ": " + g + " vs " + w;
                }
            }
        }
        System.out.printf("lid176 golden: %d/%d texts with identical top-5 labels; %d/%d probabilities bit-identical;"
                + " max |Δprob| = %.3g (%s)%n", sameLabels, refs.size(), bitExact, compared, maxDelta, worst);
        assertThat(mismatches).as("texts whose top-5 labels differ from fastText's").isEmpty();
        assertThat(maxDelta).as("largest probability difference (%s)", worst).isLessThan(TOLERANCE);
    }

    @Test
    void languageIdentifierGivesTheGoldenTopLanguageAndScore() {
        LanguageIdentifier lid = new LanguageIdentifier(Lid176.model());
        for (Map.Entry<String, JsonNode> e : refs.entrySet()) {
            JsonNode best = e.getValue().get(0);
            LanguageIdentifier.Prediction p = lid.identify(texts.get(e.getKey()));
            assertThat(p.language()).as(e.getKey()).isEqualTo(best.get(0).asText().substring("__label__".length()));
            assertThat(p.score()).as(e.getKey()).isCloseTo(best.get(1).asDouble(), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }
}
