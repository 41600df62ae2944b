package org.loupe.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.ListSteps;

class C4BadWordsDeciderTest {

    @ParameterizedTest(name = "badword={0} unknown={1} fail={2} -> {3}")
    @CsvSource(textBlock = """
            0, 0, true,  keep
            1, 0, true,  document_removed_with_badwords
            1, 0, false, document_removed_with_badwords
            0, 1, true,  missing_language
            0, 1, false, keep
            """)
    void dropsDocumentsWithBadWordsAndChoosesForUnknownLanguages(int badword, int unknown, boolean fail, String expected) {
        MetricTable t = new MetricTable(1);
        t.put("c4_badwords.has_badword", new double[] {badword});
        t.put("c4_badwords.badword_offset", new double[] {badword == 1 ? 3 : Double.NaN});
        t.put("c4_badwords.unknown_language", new double[] {unknown});
        Map<String, Object> p = ConfigLoader.effectiveParams(ListSteps.C4_BADWORDS,
                StepConfig.of("c4_badwords").withParam("fail_on_missing_language", fail), null);
        int r = new C4BadWordsDecider(ListSteps.C4_BADWORDS, "c4_badwords", t, p).decide(0);
        assertThat(r < 0 ? "keep" : ListSteps.C4_BADWORDS.reasons().get(r)).isEqualTo(expected);
    }
}
