package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sentence dedup equals datatrove's {@code SentenceDedup*} stages on the golden dedup input. */
class SentenceDedupGoldenTest {
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void outcomesEqualTheReferenceForAllDocuments(int threads) {
        List<String> texts = DedupGolden.texts();
        boolean[] all = new boolean[texts.size()];
        java.util.Arrays.fill(all, true);
        List<SentenceDedup.Outcome> outcomes = new SentenceDedup().dedup(texts, all, threads);
        assertThat(outcomes).hasSize(1747);
        List<String> mismatches = new ArrayList<>();
        int kept = 0;
        int withDups = 0;
        int shortened = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            JsonNode ref = DedupGolden.REF.get(i).get("sentence");
            SentenceDedup.Outcome o = outcomes.get(i);
            List<Integer> expectedWindows = new ArrayList<>();
            ref.get("dup_windows").forEach(w -> expectedWindows.add(w.asInt()));
            List<Integer> windows = new ArrayList<>();
            for (int w : o.dupWindows()) {
                windows.add(w);
            }
            String expectedText = ref.get("text_after").isNull() ? null : ref.get("text_after").asText();
            if (o.keep() != ref.get("keep").asBoolean() || !windows.equals(expectedWindows)
                    || !java.util.Objects.equals(o.textAfter(), expectedText)) {
                mismatches.add(i + " " + DedupGolden.INPUT.get(i).get("id").asText() + ": keep " + o.keep()
                        + " windows " + windows + " vs " + ref.get("keep") + " " + expectedWindows
                        + (java.util.Objects.equals(o.textAfter(), expectedText) ? "" : " (text differs)"));
            }
            kept += o.keep() ? 1 : 0;
            withDups += o.dupWindows().length > 0 ? 1 : 0;
            shortened += o.changed(texts.get(i)) ? 1 : 0;
        }
        assertThat(mismatches).isEmpty();
        assertThat(kept).isEqualTo(1610);
        assertThat(withDups).isEqualTo(426);
        assertThat(shortened).isEqualTo(289);
    }

    @Test
    void aMaskGivesTheResultOfTheSubsetAlone() {
        List<String> texts = DedupGolden.texts().subList(0, 600);
        boolean[] mask = new boolean[texts.size()];
        List<String> subset = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 4 != 2;
            if (mask[i]) {
                subset.add(texts.get(i));
            }
        }
        SentenceDedup dedup = new SentenceDedup();
        List<SentenceDedup.Outcome> viaMask = dedup.dedup(texts, mask, 2);
        List<SentenceDedup.Outcome> alone = dedup.dedup(subset);
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                SentenceDedup.Outcome a = viaMask.get(i);
                SentenceDedup.Outcome b = alone.get(k++);
                assertThat(a.keep()).isEqualTo(b.keep());
                assertThat(a.textAfter()).isEqualTo(b.textAfter());
                assertThat(a.dupWindows()).isEqualTo(b.dupWindows());
            } else {
                assertThat(viaMask.get(i).included()).isFalse();
            }
        }
    }

    @Test
    void removesTheThreeSpansOfEachDuplicateWindow() {
        String text = "  Cats run. Dogs bark. Cows moo. Birds sing. Fish swim.  ";
        List<org.loupe.engine.measure.text.TextSpan> spans = org.loupe.engine.measure.text.EnglishTokenizer.shared()
                .sentenceSpans(text);
        // the second trailing space is a whitespace token, and so a sixth, whitespace-only span (as spaCy does)
        assertThat(spans).hasSize(6);
        assertThat(SentenceDedup.removeDuplicateSpans(text, spans, new int[] {0})).isEqualTo("Birds sing. Fish swim.  ");
        assertThat(SentenceDedup.removeDuplicateSpans(text, spans, new int[] {1, 2})).isEqualTo("Cats run.  ");
        assertThat(SentenceDedup.removeDuplicateSpans(text, spans, new int[] {7})).isEqualTo("Cats run. Dogs bark. Cows moo. Birds sing. Fish swim.  ");
    }
}
