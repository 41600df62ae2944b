package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loupe.engine.filter.Check;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

class RowExplanationTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final int FAILS_TWO_GOPHER_CHECKS = 0;
    private static final int KEPT = 1;
    private static final int SHORT_BUT_OVERRIDDEN = 2;
    private static final int RESCUED_BY_KEEP_FRACTION = 3;

    /** Four rows: good values everywhere except where each row's story needs otherwise. */
    private static MetricTable table() {
        MetricTable t = new MetricTable(4);
        t.put("language.language", new double[] {0, 0, 0, 1});
        t.putLabels("language.language", List.of("en", "de"));
        t.put("language.language_score", new double[] {0.9, 0.95, 0.8, 0.5});
        for (int k = 1; k <= 5; k++) {
            t.put("language.top_label_" + k, k == 1 ? new double[] {0, 0, 0, 1} : new double[] {1, 1, 1, 0});
            t.put("language.top_score_" + k, k == 1 ? new double[] {0.9, 0.95, 0.8, 0.5} : new double[4]);
        }
        g(t, "n_words", 12, 200, 11, 200);
        g(t, "n_non_symbol_words", 10, 200, 10, 200);
        g(t, "avg_word_length", 2.0, 5, 5, 5);
        g(t, "hash_ratio", 0, Double.NaN, 0, 0);
        g(t, "ellipsis_ratio", 0, 0, 0, 0);
        g(t, "n_lines", 3, 10, 2, 10);
        g(t, "bullet_lines_ratio", 0, 0.2, 0, 0);
        g(t, "end_ellipsis_lines_ratio", 0, 0, 0, 0);
        g(t, "alpha_words_ratio", 1, 0.95, 1, 1);
        g(t, "n_stop_words_present", 4, 5, 3, 5);
        f(t, "n_lines", 3, 10, 2, 10);
        f(t, "line_punct_ratio", 1, 0.8, 1, 1);
        f(t, "short_line_ratio", 0.9, 0.1, 0.5, 0.1);
        f(t, "char_dup_ratio", 0, 0, 0, 0);
        f(t, "n_words", 12, 200, 11, 200);
        f(t, "list_ratio", 0.05, 0.05, 0.05, 0.05);
        return t;
    }

    private static void g(MetricTable t, String metric, double... v) {
        t.put(MetricTable.name("gopher_quality", metric), v);
    }

    private static void f(MetricTable t, String metric, double... v) {
        t.put(MetricTable.name("fineweb_quality", metric), v);
    }

    private static final PipelineConfig CONFIG = PipelineConfig.of("p", List.of(
            StepConfig.of("language").withKeepFraction(1.0),
            new StepConfig("gopher_quality", null, true, 0, Map.of(),
                    List.of(new StepConfig.DomainOverride(List.of("example.org"), Map.of("min_doc_words", 5)))),
            StepConfig.of("fineweb_quality")));

    private static final RowKeys KEYS = new RowKeys(new long[] {1, 2, 3, 4},
            new String[] {null, "other.org", "www.example.org", null}, new long[] {10, 20, 30, 40});

    private static RowExplanation explain(int row) {
        MetricTable t = table();
        Decisions d = Decisions.decide(CONFIG, CATALOG, t, KEYS);
        return RowExplanation.of(d, t, CONFIG, CATALOG, KEYS, row);
    }

    private static RowExplanation.CheckRow check(RowExplanation.StepVerdict v, String metric, String param) {
        return v.checks().stream().filter(c -> c.metric().equals(metric) && c.param().equals(param)).findFirst().orElseThrow();
    }

    @Test
    void aRowFailingTwoGopherChecksShowsBothWithTheirMargins() {
        RowExplanation e = explain(FAILS_TWO_GOPHER_CHECKS);
        assertThat(e.kept()).isFalse();
        assertThat(e.removedBy()).isEqualTo("gopher_quality");
        assertThat(e.reason()).isEqualTo("gopher_short_doc");
        RowExplanation.StepVerdict gopher = e.steps().get(1);
        assertThat(gopher.step()).isEqualTo("gopher_quality");
        assertThat(gopher.reason()).isEqualTo("gopher_short_doc");
        assertThat(gopher.drops()).isTrue();

        RowExplanation.CheckRow words = check(gopher, "n_non_symbol_words", "min_doc_words");
        assertThat(words.fails()).isTrue();
        assertThat(words.op()).isEqualTo(Check.Op.LT);
        assertThat(words.value()).isEqualTo(10);
        assertThat(words.threshold()).isEqualTo(50);
        assertThat(words.margin()).isEqualTo(-40);
        RowExplanation.CheckRow avg = check(gopher, "avg_word_length", "min_avg_word_length");
        assertThat(avg.fails()).isTrue();
        assertThat(avg.margin()).isCloseTo(-1.0, within(1e-12));
        RowExplanation.CheckRow maxWords = check(gopher, "n_non_symbol_words", "max_doc_words");
        assertThat(maxWords.fails()).isFalse();
        assertThat(maxWords.margin()).isEqualTo(100_000 - 10);
        assertThat(gopher.checks()).filteredOn(RowExplanation.CheckRow::fails).hasSize(2);

        RowExplanation.CheckRow shortLines = check(e.steps().get(2), "short_line_ratio", "short_line_thr");
        assertThat(shortLines.op()).isEqualTo(Check.Op.GT);
        assertThat(shortLines.fails()).isTrue();
        assertThat(shortLines.margin()).isCloseTo(0.67 - 0.9, within(1e-12));
    }

    @Test
    void withoutTheRemovingStepTheNextDroppingStepRemovesTheRow() {
        RowExplanation e = explain(FAILS_TWO_GOPHER_CHECKS);
        assertThat(e.withoutStep(1)).isEqualTo("fineweb_quality");
        assertThat(e.withoutStep("gopher_quality")).isEqualTo("fineweb_quality");
        assertThat(e.withoutStep("fineweb_quality")).isEqualTo("gopher_quality");
        assertThat(e.withoutStep("language")).isEqualTo("gopher_quality");
        assertThatThrownBy(() -> e.withoutStep("url")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeptRowPassesEveryCheckByANonNegativeMargin() {
        RowExplanation e = explain(KEPT);
        assertThat(e.kept()).isTrue();
        assertThat(e.removedBy()).isNull();
        assertThat(e.reason()).isNull();
        assertThat(e.steps()).extracting(RowExplanation.StepVerdict::step)
                .containsExactly("language", "gopher_quality", "fineweb_quality");
        assertThat(e.steps()).allSatisfy(v -> {
            assertThat(v.reason()).isNull();
            assertThat(v.checks()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.fails()).isFalse();
                assertThat(Double.isNaN(c.margin()) || c.margin() >= 0).as("%s margin %s", c.metric(), c.margin()).isTrue();
            });
        });
        RowExplanation.CheckRow hashes = check(e.steps().get(1), "hash_ratio", "max_symbol_word_ratio");
        assertThat(hashes.value()).isNaN();
        assertThat(hashes.margin()).isNaN();
        for (int k = 0; k < 3; k++) {
            assertThat(e.withoutStep(k)).isNull();
        }
    }

    @Test
    void aDomainOverrideGivesTheThresholdThatAppliesToTheRowsHost() {
        RowExplanation e = explain(SHORT_BUT_OVERRIDDEN);
        assertThat(e.kept()).isTrue();
        RowExplanation.CheckRow words = check(e.steps().get(1), "n_non_symbol_words", "min_doc_words");
        assertThat(words.threshold()).isEqualTo(5);
        assertThat(words.margin()).isEqualTo(5);
        assertThat(words.fails()).isFalse();

        // Without the host the step's own threshold applies.
        MetricTable t = table();
        Decisions d = Decisions.decide(CONFIG, CATALOG, t, KEYS);
        RowExplanation noHost = RowExplanation.of(d, t, CONFIG, CATALOG, SHORT_BUT_OVERRIDDEN, null);
        assertThat(check(noHost.steps().get(1), "n_non_symbol_words", "min_doc_words").threshold()).isEqualTo(50);
    }

    @Test
    void aStepWhoseKeepFractionKeepsTheRowShowsItsReasonAsRescued() {
        RowExplanation e = explain(RESCUED_BY_KEEP_FRACTION);
        assertThat(e.kept()).isTrue();
        RowExplanation.StepVerdict language = e.steps().get(0);
        assertThat(language.reason()).isEqualTo("language");
        assertThat(language.rescued()).isTrue();
        assertThat(language.drops()).isFalse();
        RowExplanation.CheckRow score = check(language, "language_score", "language_threshold");
        assertThat(score.op()).isEqualTo(Check.Op.NOT_GT);
        assertThat(score.margin()).isCloseTo(0.5 - 0.65, within(1e-12));
        assertThat(e.withoutStep(0)).isNull();
    }

    @Test
    void measuredValuesNoCheckCoversAreListedWithTheirLabels() {
        RowExplanation e = explain(FAILS_TWO_GOPHER_CHECKS);
        assertThat(e.steps().get(0).otherMetrics()).extracting(RowExplanation.MetricValue::metric)
                .contains("language", "top_label_1", "top_score_1").doesNotContain("language_score");
        RowExplanation.MetricValue label = e.steps().get(0).otherMetrics().get(0);
        assertThat(label).isEqualTo(new RowExplanation.MetricValue("language", 0, "en"));
        assertThat(e.steps().get(0).otherMetrics()).contains(new RowExplanation.MetricValue("top_label_2", 1, "de"));
        assertThat(e.steps().get(1).otherMetrics()).extracting(RowExplanation.MetricValue::metric)
                .containsExactly("n_words", "n_lines");
        assertThat(e.steps().get(2).otherMetrics()).containsExactly(new RowExplanation.MetricValue("n_words", 12, null));
    }

    @Test
    void aDisabledStepWhoseMetricsWereNeverMeasuredHasNoChecksAndNoReason() {
        MetricTable t = table();
        PipelineConfig config = CONFIG.withSteps(List.of(CONFIG.steps().get(1), StepConfig.of("c4_quality").withEnabled(false)));
        Decisions d = Decisions.decide(config, CATALOG, t, KEYS);
        RowExplanation e = RowExplanation.of(d, t, config, CATALOG, KEYS, FAILS_TWO_GOPHER_CHECKS);
        RowExplanation.StepVerdict c4 = e.steps().get(1);
        assertThat(c4.reason()).isNull();
        assertThat(c4.checks()).isEmpty();
        assertThat(c4.otherMetrics()).isEmpty();
        assertThat(e.withoutStep("gopher_quality")).isNull();
    }

    @Test
    void aConfigWithoutTheDecisionsStepsIsRejected() {
        MetricTable t = table();
        Decisions d = Decisions.decide(CONFIG, CATALOG, t, KEYS);
        PipelineConfig other = PipelineConfig.of("q", List.of(StepConfig.of("gopher_quality")));
        assertThatThrownBy(() -> RowExplanation.of(d, t, other, CATALOG, KEYS, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowExplanation.of(d, t, CONFIG, CATALOG, 4, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
