package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.text.EnglishTokenizer;

/**
 * The FineWeb recipe's filter chain (spec §2): Gopher repetition → Gopher quality → C4 quality with
 * {@code filter_no_terminal_punct=False}, which rewrites the text → FineWeb quality on the rewritten text,
 * each with default parameters, against datatrove's {@code fineweb_chain} outcome for all 1,107 fixtures:
 * the step that drops the document, its reason, and the final text. Gopher steps use the golden word
 * list of the original text; FineWeb quality needs the words of C4's rewritten text, from the tokenizer.
 */
class FineWebChainGoldenTest {
    private static final EnglishTokenizer SPACY = EnglishTokenizer.shared();

    /** The chain's outcome: the failed step and its reason, or null for both, and the final text. */
    private record Outcome(String failedStep, String reason, String text) {
    }

    private static Outcome chain(String text, List<String> words) {
        double[] rep = new double[GopherRepetition.METRICS.size()];
        GopherRepetition.measure(text, words, GopherRepetition.Params.DEFAULTS, rep);
        String why = ReferenceDecisions.gopherRepetition(rep, GopherRepetition.Params.DEFAULTS);
        if (why != null) {
            return new Outcome("gopher_repetition", why, text);
        }
        double[] qual = new double[GopherQuality.METRICS.size()];
        GopherQuality.measure(text, words, GopherQuality.Params.DEFAULTS, qual);
        why = ReferenceDecisions.gopherQuality(qual, GopherQuality.Params.DEFAULTS);
        if (why != null) {
            return new Outcome("gopher_quality", why, text);
        }
        double[] c4 = new double[C4Quality.METRICS.size()];
        C4Quality.Lines lines = C4Quality.measure(text, SPACY::splitIntoSentences, C4Quality.Params.FINEWEB, c4);
        why = ReferenceDecisions.c4Quality(c4, C4Quality.Params.FINEWEB);
        if (why != null) {
            return new Outcome("c4_quality", why, text);
        }
        String rewritten = lines.textAfter();
        double[] fw = new double[FineWebQuality.METRICS.size()];
        FineWebQuality.measure(rewritten, SPACY.words(rewritten), FineWebQuality.Params.DEFAULTS, fw);
        why = ReferenceDecisions.fineWebQuality(fw, FineWebQuality.Params.DEFAULTS);
        return new Outcome(why == null ? null : "fineweb_quality", why, rewritten);
    }

    @Test
    void theChainDropsAtTheSameStepForTheSameReasonAndKeepsTheSameText() {
        List<String> mismatches = new ArrayList<>();
        int kept = 0;
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            Outcome got = chain(doc.text(), doc.words());
            ReferenceGolden.Chain ref = doc.chain();
            if (!java.util.Objects.equals(got.failedStep(), ref.failedStep()) || !java.util.Objects.equals(got.reason(), ref.reason())) {
                mismatches.add(doc.id() + ": expected " + ref.failedStep() + "/" + ref.reason() + ", got " + got.failedStep()
                        + "/" + got.reason());
            } else if (ref.keep()) {
                kept++;
                if (!got.text().equals(ref.textAfter())) {
                    mismatches.add(doc.id() + ": final text differs");
                }
            }
        }
        System.out.printf("fineweb_chain: %d/1107 outcomes agree, %d kept%n", 1107 - mismatches.size(), kept);
        assertThat(mismatches).isEmpty();
        assertThat(kept).isEqualTo(737);
    }
}
