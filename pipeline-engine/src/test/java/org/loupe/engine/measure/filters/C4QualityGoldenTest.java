package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.text.EnglishTokenizer;

/**
 * C4 quality against datatrove's outputs on all 1,107 fixtures with the real sentence splitter (the port
 * of spaCy's, {@link EnglishTokenizer}): keep/reason with the default parameters, and the rewritten text
 * of every kept document.
 */
class C4QualityGoldenTest {
    private static final C4Quality.SentenceSplitter SPACY = EnglishTokenizer.shared()::splitIntoSentences;

    @Test
    void decisionsAndRewrittenTextsMatchDatatroveOnEveryFixture() {
        List<String> mismatches = new ArrayList<>();
        int agree = 0;
        int rewritten = 0;
        double[] m = new double[C4Quality.METRICS.size()];
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            C4Quality.Lines lines = C4Quality.measure(doc.text(), SPACY, C4Quality.Params.DEFAULTS, m);
            String reason = ReferenceDecisions.c4Quality(m, C4Quality.Params.DEFAULTS);
            ReferenceGolden.Outcome ref = doc.c4Quality();
            if (ref.keep() ? reason == null : ref.reason().equals(reason)) {
                agree++;
            } else {
                mismatches.add(doc.id() + ": expected " + (ref.keep() ? "keep" : ref.reason()) + ", got " + reason
                        + " (num_sentences " + m[C4Quality.NUM_SENTENCES] + ")");
            }
            if (ref.keep()) {
                if (lines.textAfter().equals(ref.textAfter())) {
                    rewritten++;
                } else {
                    mismatches.add(doc.id() + ": text_after differs");
                }
            }
        }
        System.out.printf("c4_quality: %d/1107 decisions agree, text_after identical for %d kept documents%n", agree,
                rewritten);
        assertThat(mismatches).isEmpty();
        assertThat(agree).isEqualTo(1107);
        assertThat(rewritten).isEqualTo(883);
    }
}
