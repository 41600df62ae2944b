package org.loupe.engine.pipeline.steps;

import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.pipeline.StepResources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;

/**
 * The whole engine path, measure then decide, against datatrove on the golden documents: each filter
 * on the original text ({@code --independent}), and the FineWeb chain (C4 rewrites the text later
 * steps see).
 */
class PipelineGoldenTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static List<JsonNode> docs;
    private static Map<String, JsonNode> ref;

    @BeforeAll
    static void load() throws Exception {
        docs = Golden.read(Golden.FIXTURES);
        ref = new HashMap<>();
        for (JsonNode n : Golden.read(Golden.DATATROVE)) {
            ref.put(n.get("id").asText(), n);
        }
    }

    private static Decisions run(PipelineConfig config, boolean independent) {
        StepResources measures = new StepResources(EnglishTokenizer.shared(), () -> {
            throw new IllegalStateException("no language step here");
        });
        List<Measurer.Step> steps = new ArrayList<>();
        for (StepConfig s : config.steps()) {
            if (s.enabled()) {
                StepType type = CATALOG.type(s.type()).orElseThrow();
                steps.add(new Measurer.Step(s.stepName(), measures.create(type, s)));
            }
        }
        int n = docs.size();
        MetricTable table = new MetricTable(n);
        new Measurer(2, measures::words).measure(n, row -> docs.get(row).get("text").asText(), steps, independent, table,
                TaskContext.NONE);
        return Decisions.decide(config, CATALOG, table, new RowKeys(new long[n], new String[n], new long[n]));
    }

    @Test
    void everyFilterOnTheOriginalTextGivesDatatrovesVerdict() {
        PipelineConfig defaults = Presets.require(Presets.DATATROVE_DEFAULTS);
        List<StepConfig> steps = new ArrayList<>();
        for (StepConfig s : defaults.steps()) {
            steps.add(s.type().equals("language") ? s.withEnabled(false) : s);
        }
        PipelineConfig config = defaults.withSteps(steps);
        Decisions d = run(config, true);
        List<String> mismatches = new ArrayList<>();
        for (int k = 0; k < config.steps().size(); k++) {
            String step = config.steps().get(k).stepName();
            if (step.equals("language")) {
                continue;
            }
            for (int i = 0; i < docs.size(); i++) {
                JsonNode r = ref.get(docs.get(i).get("id").asText()).get(step);
                String expected = r.get("keep").asBoolean() ? null : r.get("reason").asText();
                if (!Objects.equals(expected, d.stepReason(k, i)) && mismatches.size() < 20) {
                    mismatches.add(step + " " + docs.get(i).get("id").asText() + ": " + expected + " vs " + d.stepReason(k, i));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theFineWebChainGivesDatatrovesFailedStepAndReason() {
        PipelineConfig fineweb = Presets.require(Presets.FINEWEB);
        List<StepConfig> steps = new ArrayList<>();
        for (StepConfig s : fineweb.steps()) {
            steps.add(s.type().equals("language") ? s.withEnabled(false) : s);
        }
        PipelineConfig config = fineweb.withSteps(steps);
        Decisions d = run(config, false);
        int kept = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode chain = ref.get(docs.get(i).get("id").asText()).get("fineweb_chain");
            boolean keep = chain.get("keep").asBoolean();
            String failed = keep ? null : chain.get("failed_step").asText();
            String reason = keep ? null : chain.get("reason").asText();
            String ourStep = d.kept(i) ? null : d.steps().get(d.removedBy(i));
            if (d.kept(i) != keep || !Objects.equals(reason, d.reason(i)) || !Objects.equals(failed, ourStep)) {
                if (mismatches.size() < 20) {
                    mismatches.add(docs.get(i).get("id").asText() + ": " + failed + "/" + reason + " vs " + ourStep + "/" + d.reason(i));
                }
            }
            kept += d.kept(i) ? 1 : 0;
        }
        assertThat(mismatches).isEmpty();
        assertThat(kept).isEqualTo(737);
    }
}
