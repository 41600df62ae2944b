package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

class SpecialDecidersTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());

    private static Decisions one(StepConfig step, MetricTable t) {
        int n = t.rows();
        return Decisions.decide(PipelineConfig.of("p", List.of(step)), CATALOG, t,
                new RowKeys(new long[n], new String[n], new long[n]));
    }

    @ParameterizedTest(name = "lorem line {0}, curly line {1}, sentences {2}, lorem on {3}, curly on {4} → {5}")
    @CsvSource(nullValues = "NaN", textBlock = """
            NaN, NaN, 5, true,  true,  keep
            NaN, NaN, 4, true,  true,  too_few_sentences
            2,   NaN, 9, true,  true,  lorem_ipsum
            2,   NaN, 9, false, true,  keep
            NaN, 3,   9, true,  true,  curly_bracket
            NaN, 3,   9, true,  false, keep
            4,   1,   9, true,  true,  curly_bracket
            1,   4,   9, true,  true,  lorem_ipsum
            3,   3,   9, true,  true,  lorem_ipsum
            3,   3,   9, false, true,  curly_bracket
            1,   4,   2, false, false, too_few_sentences
            """)
    void c4DropsAtTheFirstLoremOrCurlyLineThenCountsSentences(Double lorem, Double curly, double sentences,
                                                              boolean loremOn, boolean curlyOn, String expected) {
        MetricTable t = new MetricTable(1);
        t.put("c4_quality.lorem_ipsum_line", new double[] {lorem == null ? Double.NaN : lorem});
        t.put("c4_quality.curly_bracket_line", new double[] {curly == null ? Double.NaN : curly});
        t.put("c4_quality.num_sentences", new double[] {sentences});
        Decisions d = one(StepConfig.of("c4_quality").withParam("filter_lorem_ipsum", loremOn)
                .withParam("filter_curly_bracket", curlyOn), t);
        assertThat(d.reason(0)).isEqualTo("keep".equals(expected) ? null : expected);
    }

    @Test
    void c4MinusOneSentencesNeverDrops() {
        MetricTable t = new MetricTable(1);
        t.put("c4_quality.lorem_ipsum_line", new double[] {Double.NaN});
        t.put("c4_quality.curly_bracket_line", new double[] {Double.NaN});
        t.put("c4_quality.num_sentences", new double[] {0});
        assertThat(one(StepConfig.of("c4_quality").withParam("min_num_sentences", -1), t).kept(0)).isTrue();
    }

    private static MetricTable languages(double[] label, double[] score) {
        MetricTable t = new MetricTable(label.length);
        t.put("language.language", label);
        t.putLabels("language.language", List.of("en", "de", "fr"));
        t.put("language.language_score", score);
        for (int k = 1; k <= 5; k++) {
            t.put("language.top_label_" + k, k == 1 ? label : new double[label.length]);
            t.put("language.top_score_" + k, k == 1 ? score : new double[label.length]);
        }
        return t;
    }

    @Test
    void languageKeepsStrictlyAboveTheThresholdAndOnlyRequestedLanguages() {
        MetricTable t = languages(new double[] {0, 0, 1, 2, 0}, new double[] {0.9, 0.65, 0.99, Double.NaN, 0.66});
        Decisions any = one(StepConfig.of("language"), t);
        assertThat(List.of(any.kept(0), any.kept(1), any.kept(2), any.kept(3), any.kept(4)))
                .containsExactly(true, false, true, false, true);
        Decisions en = one(StepConfig.of("language").withParam("languages", List.of("en")), t);
        assertThat(List.of(en.kept(0), en.kept(1), en.kept(2), en.kept(3), en.kept(4)))
                .containsExactly(true, false, false, false, true);
        assertThat(en.reason(2)).isEqualTo("language");
        Decisions labelOnly = one(StepConfig.of("language").withParam("label_only", true), t);
        assertThat(labelOnly.keptDocuments()).isEqualTo(5);
    }

    @Test
    void lowThresholdsConsultTheRunnersUp() {
        MetricTable t = languages(new double[] {1}, new double[] {0.5});
        t.put("language.top_label_2", new double[] {0});
        t.put("language.top_score_2", new double[] {0.45});
        Decisions d = one(StepConfig.of("language").withParam("languages", List.of("en")).withParam("language_threshold", 0.4), t);
        assertThat(d.kept(0)).isTrue();
    }

    @Test
    void domainOverridesApplyToMatchingHostsOnly() {
        MetricTable t = new MetricTable(3);
        for (String m : BuiltinSteps.GOPHER_QUALITY.metrics()) {
            t.put("gopher_quality." + m, new double[] {30, 30, 30});
        }
        t.put("gopher_quality.avg_word_length", new double[] {5, 5, 5});
        t.put("gopher_quality.hash_ratio", new double[] {0, 0, 0});
        t.put("gopher_quality.ellipsis_ratio", new double[] {0, 0, 0});
        t.put("gopher_quality.bullet_lines_ratio", new double[] {0, 0, 0});
        t.put("gopher_quality.end_ellipsis_lines_ratio", new double[] {0, 0, 0});
        t.put("gopher_quality.alpha_words_ratio", new double[] {1, 1, 1});
        StepConfig step = new StepConfig("gopher_quality", null, true, 0, Map.of(),
                List.of(new StepConfig.DomainOverride(List.of("wiki.org"), Map.of("min_doc_words", 20))));
        Decisions d = Decisions.decide(PipelineConfig.of("p", List.of(step)), CATALOG, t,
                new RowKeys(new long[3], new String[] {"en.wiki.org", "example.com", null}, new long[3]));
        assertThat(List.of(d.kept(0), d.kept(1), d.kept(2))).containsExactly(true, false, false);
        assertThat(d.reason(1)).isEqualTo("gopher_short_doc");
    }
}
