package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepConfig;

class C4BadWordsStepTest {

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
        Map<String, Object> p = StepParams.of(BuiltinSteps.C4_BADWORDS, StepConfig.of("c4_badwords").withParam("fail_on_missing_language", fail)).asMap();
        int r = BuiltinSteps.C4_BADWORDS.decider("c4_badwords", StepParams.defaults(BuiltinSteps.C4_BADWORDS).with(p), t).decide(0);
        assertThat(r < 0 ? "keep" : BuiltinSteps.C4_BADWORDS.reasons().get(r)).isEqualTo(expected);
    }
}
