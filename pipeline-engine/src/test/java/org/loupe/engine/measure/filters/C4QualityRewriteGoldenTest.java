package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * C4 quality against datatrove's outputs on all 1,107 fixtures, for everything that does not need the
 * sentence count: the rewritten text of every document the reference keeps, and the document-level
 * {@code lorem_ipsum} / {@code curly_bracket} decisions. Neither depends on spaCy (the count only decides
 * {@code too_few_sentences}), so the sentence splitter here is a stand-in that must never matter; the full
 * decision, sentence count included, is checked with the real tokenizer in {@code C4QualityGoldenTest}.
 */
class C4QualityRewriteGoldenTest {
    /** Counts one sentence per line: enough to run the loop, and irrelevant to what is checked here. */
    private static final C4Quality.SentenceSplitter ONE_PER_LINE = List::of;

    @Test
    void keptDocumentsAreRewrittenExactlyAsDatatroveRewritesThem() {
        List<String> mismatches = new ArrayList<>();
        int kept = 0;
        double[] m = new double[C4Quality.METRICS.size()];
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            C4Quality.Lines lines = C4Quality.measure(doc.text(), ONE_PER_LINE, C4Quality.Params.DEFAULTS, m);
            if (doc.c4Quality().keep()) {
                kept++;
                if (!lines.textAfter().equals(doc.c4Quality().textAfter())) {
                    mismatches.add(doc.id());
                }
            }
        }
        System.out.printf("c4_quality: text_after identical for %d/%d kept documents%n", kept - mismatches.size(), kept);
        assertThat(mismatches).isEmpty();
        assertThat(kept).isEqualTo(883);
    }

    @Test
    void documentLevelLoremAndCurlyDecisionsMatchDatatrove() {
        C4Quality.Params noSentenceMinimum = C4Quality.Params.DEFAULTS.withDocumentChecks(true, true, -1);
        double[] m = new double[C4Quality.METRICS.size()];
        int curly = 0;
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            C4Quality.measure(doc.text(), ONE_PER_LINE, C4Quality.Params.DEFAULTS, m);
            String reference = doc.c4Quality().reason();
            String expected = "lorem_ipsum".equals(reference) || "curly_bracket".equals(reference) ? reference : null;
            assertThat(ReferenceDecisions.c4Quality(m, noSentenceMinimum)).as(doc.id()).isEqualTo(expected);
            if (expected != null) {
                curly++;
            }
        }
        assertThat(curly).isEqualTo(1);
    }
}
