package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.testing.Golden;

/**
 * The decision half alone, against the reference: fed the reference's own metric values, every
 * threshold step with default parameters gives datatrove's keep/reason on all golden documents.
 */
class DecisionsGoldenTest {
    private static List<JsonNode> golden;

    @BeforeAll
    static void load() {
        golden = Golden.read(Golden.DATATROVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gopher_quality", "gopher_repetition", "fineweb_quality"})
    void defaultThresholdsOnReferenceMetricsGiveTheReferenceVerdicts(String stepName) {
        StepType type = BuiltinSteps.catalog(Set.of()).type(stepName).orElseThrow();
        int n = golden.size();
        MetricTable table = new MetricTable(n);
        for (String metric : type.metrics()) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                JsonNode v = golden.get(i).get(stepName).get("metrics").get(metric);
                col[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
            }
            table.put(MetricTable.name(stepName, metric), col);
        }
        RowKeys keys = new RowKeys(new long[n], new String[n], new long[n]);
        Decisions d = Decisions.decide(PipelineConfig.of("t", List.of(StepConfig.of(stepName))),
                BuiltinSteps.catalog(Set.of()), table, keys);

        int agree = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode ref = golden.get(i).get(stepName);
            String expected = ref.get("keep").asBoolean() ? null : ref.get("reason").asText();
            if (java.util.Objects.equals(expected, d.reason(i))) {
                agree++;
            } else if (mismatches.size() < 10) {
                mismatches.add(golden.get(i).get("id").asText() + ": expected " + expected + ", got " + d.reason(i));
            }
        }
        assertThat(mismatches).as("documents whose verdict differs").isEmpty();
        assertThat(agree).isEqualTo(n);
    }
}
