package org.loupe.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.dedup.SentenceDedup;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;
import org.loupe.engine.workspace.Workspace;

/**
 * The sentence dedup step in {@code explain} (keep, reason, the cut text and the reference's annotated text)
 * and through a sample's cached measurements, where the step decides over the text the editing steps before
 * it hand on.
 */
class SentenceDedupExplainTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final StepResources RESOURCES = new StepResources(EnglishTokenizer.shared(), () -> null);

    @TempDir
    Path tmp;

    @Test
    void explainShowsKeepAndTheTextAfterExactlyAsDatatrove() {
        List<JsonNode> input = Golden.read("dedup/dedup_in.jsonl.gz");
        List<JsonNode> ref = Golden.read("dedup/dedup_ref.jsonl.gz");
        List<Document> docs = new ArrayList<>();
        for (JsonNode d : input) {
            docs.add(new Document(d.get("id").asText(), d.get("text").asText(), null,
                    new org.loupe.engine.model.ShardRef(Path.of("dedup_in.jsonl"), docs.size() + 1,
                            org.loupe.engine.model.PositionKind.LINE), Map.of()));
        }
        PipelineConfig config = PipelineConfig.of("t", List.of(StepConfig.of("sentence_dedup")));
        List<ObjectNode> out = new Explainer(config, CATALOG, RESOURCES, 2).explain(docs, false, TaskContext.NONE);
        List<String> bad = new ArrayList<>();
        int annotated = 0;
        for (int row = 0; row < docs.size(); row++) {
            JsonNode r = ref.get(row).get("sentence");
            JsonNode step = out.get(row).get("steps").get("sentence_dedup");
            String expected = r.get("text_after").isNull() ? null : r.get("text_after").asText();
            String got = step.get("text_after").isNull() ? null : step.get("text_after").asText();
            if (step.get("keep").asBoolean() != r.get("keep").asBoolean() || !Objects.equals(got, expected)
                    || out.get(row).get("keep").asBoolean() != r.get("keep").asBoolean()
                    || (expected != null && !out.get(row).get("text_after").asText().equals(expected))) {
                bad.add(row + " " + docs.get(row).id());
            }
            if (!step.get("keep").asBoolean()) {
                assertThat(step.get("reason").asText()).isEqualTo("too_short_after_dedup");
            }
            if (!step.get("annotated").isNull()) {
                annotated++;
                assertThat(step.get("annotated").asText()).contains(">>>");
            }
        }
        assertThat(bad).isEmpty();
        assertThat(annotated).as("documents with cut windows, kept or not").isGreaterThanOrEqualTo(289);
    }

    @Test
    void sampleMeasurementsAttachTheTextTheEditingStepsHandOn() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String shared = "The harbour was quiet that morning. Gulls circled over the boats. A fisherman mended his nets."
                + " The cafe opened late. Tourists had not yet arrived.";
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String own = ("Document " + i + " talks about its own topic at some length with many words. ").repeat(6);
            String text = (i % 3 == 0 ? shared + "\\n" : "") + own + "\\nx\\n" + own;
            jsonl.append("{\"id\":\"d").append(i).append("\",\"text\":\"").append(text).append("\"}\n");
        }
        Files.writeString(in.resolve("a.jsonl"), jsonl);
        try (Sample sample = new Workspace(tmp.resolve("ws")).openOrDraw(new ShardScanner().scan(in), SampleSpec.ofSize(40, 1),
                ReaderOptions.defaults(), 2, TaskContext.NONE)) {
            PipelineConfig config = PipelineConfig.of("t", List.of(StepConfig.of("c4_quality"), StepConfig.of("sentence_dedup")));
            SampleMeasurements m = new SampleMeasurements(sample, CATALOG, RESOURCES, 2);
            MetricTable first = m.measure(config, TaskContext.NONE);
            MetricTable cached = m.measure(config, TaskContext.NONE);
            assertThat(cached).isEqualTo(first);
            assertThat(cached.listNames()).contains("sentence_dedup._wh");
            int n = sample.size();
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = RowKeys.hashId(sample.id(i));
            }
            Decisions d = Decisions.decide(config, CATALOG, cached, new RowKeys(ids, new String[n], new long[n]));
            // the reference: C4 quality's output text, then sentence dedup over the documents C4 keeps
            List<String> c4 = new ArrayList<>();
            boolean[] included = new boolean[n];
            var c4Measure = RESOURCES.create(BuiltinSteps.C4_QUALITY, StepConfig.of("c4_quality"));
            for (int row = 0; row < n; row++) {
                double[] outs = new double[c4Measure.metrics().size()];
                c4.add(c4Measure.measure(new org.loupe.engine.measure.DocumentText(sample.document(row).text(), RESOURCES::words), outs));
                included[row] = !d.fails(0, row);
            }
            List<SentenceDedup.Outcome> expected = new SentenceDedup().dedup(c4, included, 1);
            int cut = 0;
            for (int row = 0; row < n; row++) {
                assertThat(d.kept(row)).as("row %d", row).isEqualTo(included[row] && expected.get(row).keep());
                if (included[row]) {
                    var decided = d.decidedText(1, row).orElseThrow();
                    assertThat(decided.input()).isEqualTo(c4.get(row));
                    assertThat(decided.textAfter()).isEqualTo(expected.get(row).textAfter());
                    cut += decided.annotated() != null ? 1 : 0;
                }
            }
            assertThat(cut).isPositive();
        }
    }
}
