package org.loupe.analysis.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loupe.engine.task.TaskContext;

class VocabReportTest {

    private static BpeModel train(List<String> texts, int vocab) {
        return new BpeTrainer(new BpeTrainer.Options(vocab, PreTokenizer.GPT2), 2).train(texts.size(), texts::get, TaskContext.NONE);
    }

    @Test
    void flagsMarkupCodeUrlsDigitRunsMixedScriptsAndRepeats() {
        assertThat(TokenFlag.of("</div")).contains(TokenFlag.MARKUP);
        assertThat(TokenFlag.of("&nbsp;")).contains(TokenFlag.MARKUP);
        assertThat(TokenFlag.of(" class=\"")).contains(TokenFlag.MARKUP);
        assertThat(TokenFlag.of("();")).contains(TokenFlag.CODE);
        assertThat(TokenFlag.of("getElementById")).contains(TokenFlag.CODE);
        assertThat(TokenFlag.of(" iPhone")).doesNotContain(TokenFlag.CODE);
        assertThat(TokenFlag.of(" McCluskey")).doesNotContain(TokenFlag.CODE);
        assertThat(TokenFlag.of("user_id")).contains(TokenFlag.CODE);
        assertThat(TokenFlag.of("        ")).contains(TokenFlag.CODE);
        assertThat(TokenFlag.of("https")).contains(TokenFlag.URL);
        assertThat(TokenFlag.of(".com/")).contains(TokenFlag.URL);
        assertThat(TokenFlag.of("%20")).contains(TokenFlag.URL);
        assertThat(TokenFlag.of(" 555123")).containsExactly(TokenFlag.DIGITS);
        assertThat(TokenFlag.of("pаypal")).containsExactly(TokenFlag.MIXED_SCRIPTS); // Cyrillic а
        assertThat(TokenFlag.of("=====")).contains(TokenFlag.REPEATED);
        assertThat(TokenFlag.of("ひらがなカタカナ漢字")).isEmpty();
        for (String clean : List.of(" the", "ing", " 2019", " Über", "Москва", " don't", "    ".substring(0, 1))) {
            assertThat(TokenFlag.of(clean)).as(clean).isEmpty();
        }
        assertThat(TokenFlag.of(null)).isEmpty();
    }

    @Test
    void longestAndRarestAreSortedAndRarestTiesGoToTheLaterMerge() throws Exception {
        List<String> texts = FixtureTexts.all();
        BpeModel m = train(texts, 3000);
        VocabReport r = new VocabReport(m);
        assertThat(r.tokens()).hasSize(m.size() - 256);
        List<VocabReport.Token> longest = r.longestByBytes(50);
        assertThat(longest).isSortedAccordingTo(Comparator.comparingInt(VocabReport.Token::bytes).reversed()
                .thenComparing(Comparator.comparingLong(VocabReport.Token::count).reversed()).thenComparingInt(VocabReport.Token::id));
        int maxBytes = r.tokens().stream().mapToInt(VocabReport.Token::bytes).max().orElseThrow();
        assertThat(longest.get(0).bytes()).isEqualTo(maxBytes);
        assertThat(r.longestByChars(20)).allMatch(t -> t.chars() >= 0).isSortedAccordingTo(
                Comparator.comparingInt(VocabReport.Token::chars).reversed()
                        .thenComparing(Comparator.comparingLong(VocabReport.Token::count).reversed()).thenComparingInt(VocabReport.Token::id));
        List<VocabReport.Token> rarest = r.rarest(100);
        long minCount = r.tokens().stream().mapToLong(VocabReport.Token::count).min().orElseThrow();
        assertThat(rarest.get(0).count()).isEqualTo(minCount);
        for (int i = 1; i < rarest.size(); i++) {
            VocabReport.Token a = rarest.get(i - 1);
            VocabReport.Token b = rarest.get(i);
            assertThat(a.count() < b.count() || (a.count() == b.count() && a.rank() > b.rank())).isTrue();
        }
        assertThat(r.flagged()).allMatch(t -> !t.flags().isEmpty());
        assertThat(r.flagged()).isNotEmpty().allMatch(t -> t.flags().equals(TokenFlag.of(m.text(t.id()))));
        assertThat(r.flagged().size()).isEqualTo((int) r.tokens().stream().filter(t -> !t.flags().isEmpty()).count());
    }

    @Test
    void comparingTwoVocabulariesListsTheTokensOnlyOneHas() {
        List<String> left = new ArrayList<>(Collections.nCopies(50, "the quick brown fox jumps"));
        List<String> right = new ArrayList<>(Collections.nCopies(50, "the lazy dog sleeps"));
        BpeModel a = train(left, 300);
        BpeModel b = train(right, 300);
        VocabReport.Comparison c = VocabReport.compare(a, b);
        assertThat(c.onlyLeft()).extracting(VocabReport.Token::display).contains("␣quick", "␣fox").doesNotContain("␣lazy");
        assertThat(c.onlyRight()).extracting(VocabReport.Token::display).contains("␣lazy", "␣dog").doesNotContain("␣fox");
        assertThat(c.shared()).isPositive();
        assertThat(c.onlyLeft().size() + c.shared()).isEqualTo(a.size() - 256);
        assertThat(c.onlyRight().size() + c.shared()).isEqualTo(b.size() - 256);
    }

    @Test
    void aTokensDocumentsAreThoseWhoseEncodingHoldsIt() throws Exception {
        List<String> texts = FixtureTexts.all();
        BpeModel m = train(texts.subList(0, 500), 2000);
        VocabReport r = new VocabReport(m);
        List<Integer> probes = new ArrayList<>();
        probes.add(r.longestByBytes(1).get(0).id());
        probes.add(r.rarest(1).get(0).id());
        probes.add(m.idOf("Ġthe"));
        probes.add(r.flagged().get(0).id());
        for (int id : probes) {
            TokenDocuments.Hits hits = TokenDocuments.find(m, id, texts.size(), texts::get, 2, TaskContext.NONE);
            List<Integer> rows = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (int d = 0; d < texts.size(); d++) {
                int n = 0;
                for (int t : m.encode(texts.get(d))) {
                    if (t == id) {
                        n++;
                    }
                }
                if (n > 0) {
                    rows.add(d);
                    counts.add(n);
                }
            }
            assertThat(hits.rows()).as(m.display(id)).containsExactly(rows.stream().mapToInt(Integer::intValue).toArray());
            assertThat(hits.counts()).containsExactly(counts.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
