package org.loupe.engine.pipeline.steps;

import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.pipeline.StepResources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;

/** Measure then decide, end to end, for the language step: the reference's fastText verdicts on every golden text. */
class LanguageStepGoldenTest {
    private static final Path MODEL = Path.of("..", "assets", "src", "main", "resources", "org", "loupe", "assets", "models", "lid.176.ftz");

    @Test
    void languageStepKeepsExactlyWhatFastTextScoresAboveTheThreshold() throws Exception {
        List<JsonNode> docs = Golden.read(Golden.FIXTURES);
        Map<String, JsonNode> ref = Golden.byId(Golden.LID176);
        LanguageMeasure measure = new LanguageMeasure(LanguageIdentifier.load(MODEL));
        int n = docs.size();
        MetricTable table = new MetricTable(n);
        new Measurer(2, text -> List.of()).measure(n, row -> docs.get(row).get("text").asText(),
                List.of(new Measurer.Step("language", measure)), false, table, TaskContext.NONE);

        var catalog = BuiltinSteps.catalog(new HashSet<>(measure.codes()));
        RowKeys keys = new RowKeys(new long[n], new String[n], new long[n]);
        Decisions any = Decisions.decide(PipelineConfig.of("t", List.of(StepConfig.of("language"))), catalog, table, keys);
        Decisions english = Decisions.decide(PipelineConfig.of("t", List.of(StepConfig.of("language")
                .withParam("languages", List.of("en")))), catalog, table, keys);

        for (int i = 0; i < n; i++) {
            JsonNode top = ref.get(docs.get(i).get("id").asText()).get("top5").get(0);
            String lang = top.get(0).asText().replace("__label__", "");
            double score = top.get(1).asDouble();
            assertThat(table.labels("language.language").get((int) table.column("language.language")[i])).isEqualTo(lang);
            assertThat(table.column("language.language_score")[i]).isCloseTo(score, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(any.kept(i)).as(docs.get(i).get("id").asText()).isEqualTo(score > 0.65);
            assertThat(english.kept(i)).isEqualTo(lang.equals("en") && score > 0.65);
        }
    }
}
