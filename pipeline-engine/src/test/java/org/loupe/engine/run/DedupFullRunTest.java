package org.loupe.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.ExactDedupStep;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.pipeline.steps.SentenceDedupStep;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;
import org.loupe.engine.workspace.Workspace;

/**
 * Full runs with dedup steps deduplicate across the whole folder: on the golden dedup input split into
 * shards they keep and cluster exactly as datatrove's stages did, keep exactly the documents the workbench
 * keeps on a sample of the whole folder, and write the same bytes on 1 or 2 threads and after a cancel and
 * resume at any point.
 */
class DedupFullRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> INPUT = Golden.read("dedup/dedup_in.jsonl.gz");
    private static final List<JsonNode> REF = Golden.read("dedup/dedup_ref.jsonl.gz");
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final StepResources RESOURCES = new StepResources(EnglishTokenizer.shared(), () -> null);

    private static final StepConfig MINHASH = StepConfig.of(MinHashDedupStep.NAME);
    private static final StepConfig MINHASH_SHA1 = StepConfig.of(MinHashDedupStep.NAME).withParam("hash_fc", "sha1");
    private static final StepConfig URL = StepConfig.of(ExactDedupStep.URL);
    private static final StepConfig EXACT = StepConfig.of(ExactDedupStep.EXACT).withParam("normalize", false);
    private static final StepConfig GOPHER = StepConfig.of(GopherQualityStep.NAME);
    private static final StepConfig SENTENCE = StepConfig.of(SentenceDedupStep.NAME);

    @TempDir
    Path tmp;

    /** The golden dedup input, in order, split into {@code shards} consecutive shards. */
    private Path golden(int shards) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        int n = INPUT.size();
        for (int s = 0; s < shards; s++) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(in.resolve("part-" + s + ".jsonl.gz")))) {
                for (int i = s * n / shards; i < (s + 1) * n / shards; i++) {
                    out.write((JSON.writeValueAsString(INPUT.get(i)) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return in;
    }

    private static FullRun.RunResult run(Path in, Path out, int threads, TaskContext ctx, StepConfig... steps)
            throws Exception {
        PipelineConfig config = PipelineConfig.of("dedup", List.of(steps));
        return new FullRun(config, CATALOG, RESOURCES, ReaderOptions.defaults(), threads)
                .run(new ShardScanner().scan(in), out, ctx);
    }

    /** Every output line by id: where it went ("kept" or the removing step) and the line. */
    private static Map<String, Map.Entry<String, JsonNode>> outputs(Path out) throws Exception {
        Map<String, Map.Entry<String, JsonNode>> m = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".jsonl.gz")).sorted().toList()) {
                Path rel = out.relativize(p);
                String where = rel.getName(0).toString().equals("kept") ? "kept" : rel.getName(1).toString();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isEmpty()) {
                            JsonNode node = JSON.readTree(line);
                            assertThat(m.put(node.get("id").asText(), Map.entry(where, node))).as("id once").isNull();
                        }
                    }
                }
            }
        }
        return m;
    }

    /** The bytes of every output file but the run result and markers (they hold timings), by relative path. */
    private static Map<String, byte[]> bytes(Path out) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString();
                if (!rel.equals("run_result.json") && !rel.startsWith("done")) {
                    m.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return m;
    }

    private static void assertSameBytes(Path a, Path b) throws Exception {
        Map<String, byte[]> x = bytes(a);
        Map<String, byte[]> y = bytes(b);
        assertThat(y.keySet()).isEqualTo(x.keySet());
        for (String k : x.keySet()) {
            assertThat(y.get(k)).as(k).isEqualTo(x.get(k));
        }
    }

    private void checkAgainstReference(StepConfig step, String key, boolean clusters) throws Exception {
        Path in = tmp.resolve("in").toFile().exists() ? tmp.resolve("in") : golden(3);
        Path out = tmp.resolve("out-" + key);
        FullRun.RunResult r = run(in, out, 2, TaskContext.NONE, step);
        Map<String, Map.Entry<String, JsonNode>> got = outputs(out);
        assertThat(got).hasSize(INPUT.size());
        List<String> mismatches = new ArrayList<>();
        long removed = 0;
        for (JsonNode ref : REF) {
            JsonNode expected = ref.get(key);
            Map.Entry<String, JsonNode> e = got.get(ref.get("id").asText());
            boolean kept = e.getKey().equals("kept");
            if (kept != expected.get("keep").asBoolean()) {
                mismatches.add(ref.get("id").asText() + ": kept " + kept + " vs " + expected);
            }
            JsonNode meta = e.getValue().get("metadata");
            if (!kept) {
                removed++;
                assertThat(e.getKey()).isEqualTo(step.stepName());
                assertThat(meta.get("filter_reason").asText()).isEqualTo(clusters ? "minhash_duplicate"
                        : step.type().equals(ExactDedupStep.URL) ? "url_duplicate" : "exact_duplicate");
            }
            if (clusters && (meta.get("minhash_cluster_id").asInt() != expected.get("cluster_id").asInt()
                    || meta.get("minhash_cluster_size").asInt() != expected.get("cluster_size").asInt())) {
                mismatches.add(ref.get("id").asText() + ": cluster " + meta + " vs " + expected);
            }
        }
        assertThat(mismatches).as(key).isEmpty();
        assertThat(removed).isPositive();
        assertThat(r.documents()).isEqualTo(INPUT.size());
        assertThat(r.kept() + r.removed().get(step.stepName())).isEqualTo(r.documents());
        assertThat(r.reasons()).containsOnlyKeys(step.stepName() + "/" + (clusters ? "minhash_duplicate"
                : step.type().equals(ExactDedupStep.URL) ? "url_duplicate" : "exact_duplicate"));
        assertThat(out.resolve("work")).doesNotExist();
    }

    @Test
    void minHashAcrossShardsKeepsAndClustersExactlyAsDatatroveWithBothHashes() throws Exception {
        checkAgainstReference(MINHASH, "minhash", true);
        checkAgainstReference(MINHASH_SHA1, "minhash_sha1", true);
    }

    @Test
    void urlAndExactDedupAcrossShardsKeepExactlyAsDatatrove() throws Exception {
        checkAgainstReference(URL, "url", false);
        checkAgainstReference(EXACT, "exact", false);
    }

    @Test
    void sentenceDedupAcrossShardsKeepsAndCutsExactlyAsDatatrove() throws Exception {
        Path in = golden(3);
        Path out = tmp.resolve("out-sentence");
        FullRun.RunResult r = run(in, out, 2, TaskContext.NONE, SENTENCE);
        Map<String, Map.Entry<String, JsonNode>> got = outputs(out);
        assertThat(got).hasSize(INPUT.size());
        List<String> mismatches = new ArrayList<>();
        long removed = 0;
        long cut = 0;
        for (int i = 0; i < REF.size(); i++) {
            JsonNode expected = REF.get(i).get("sentence");
            String id = REF.get(i).get("id").asText();
            Map.Entry<String, JsonNode> e = got.get(id);
            boolean kept = e.getKey().equals("kept");
            String text = e.getValue().get("text").asText();
            if (kept != expected.get("keep").asBoolean()) {
                mismatches.add(id + ": kept " + kept + " vs " + expected.get("keep"));
            } else if (kept && !text.equals(expected.get("text_after").asText())) {
                mismatches.add(id + ": text after differs");
            }
            if (!kept) {
                removed++;
                assertThat(e.getKey()).isEqualTo(SENTENCE.stepName());
                assertThat(e.getValue().get("metadata").get("filter_reason").asText()).isEqualTo(SentenceDedupStep.REASON);
                assertThat(text).as("a dropped document's text as it reached the step").isEqualTo(
                        INPUT.get(i).get("text").asText());
            } else if (!text.equals(INPUT.get(i).get("text").asText())) {
                cut++;
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(removed).isEqualTo(137);
        assertThat(cut).isEqualTo(289);
        assertThat(r.kept()).isEqualTo(1610);
        assertThat(r.reasons()).containsOnlyKeys(SENTENCE.stepName() + "/" + SentenceDedupStep.REASON);
        assertThat(out.resolve("work")).doesNotExist();
    }

    @Test
    void aFilterThenDedupKeepsTheIdsTheWorkbenchKeepsOnASampleOfTheWholeFolder() throws Exception {
        Path in = golden(3);
        StepConfig gopher = GOPHER.withParam(GopherQualityStep.MIN_DOC_WORDS, 120L);
        StepConfig[] steps = {gopher, URL.withKeepFraction(0.3), MINHASH, StepConfig.of("fineweb_quality")};
        run(in, tmp.resolve("out"), 2, TaskContext.NONE, steps);
        Map<String, Map.Entry<String, JsonNode>> got = outputs(tmp.resolve("out"));

        PipelineConfig config = PipelineConfig.of("dedup", List.of(steps));
        try (Sample sample = new Workspace(tmp.resolve("ws")).openOrDraw(new ShardScanner().scan(in),
                SampleSpec.ofSize(INPUT.size() + 10, 1), ReaderOptions.defaults(), 2, TaskContext.NONE)) {
            assertThat(sample.size()).isEqualTo(INPUT.size());
            MetricTable table = new SampleMeasurements(sample, CATALOG, RESOURCES, 2).measure(config, TaskContext.NONE);
            int n = sample.size();
            long[] ids = new long[n];
            for (int row = 0; row < n; row++) {
                ids[row] = RowKeys.hashId(sample.document(row).id());
            }
            Decisions d = Decisions.decide(config, CATALOG, table, new RowKeys(ids, new String[n], new long[n]));
            Map<String, String> expected = new TreeMap<>();
            Set<String> stepsUsed = new HashSet<>();
            for (int row = 0; row < n; row++) {
                int by = d.removedBy(row);
                expected.put(sample.document(row).id(), by < 0 ? "kept" : steps[by].stepName());
                stepsUsed.add(by < 0 ? "kept" : steps[by].stepName());
            }
            Map<String, String> actual = new TreeMap<>();
            got.forEach((id, e) -> actual.put(id, e.getKey()));
            assertThat(actual).isEqualTo(expected);
            assertThat(stepsUsed).as("every step removes something").contains("kept", gopher.stepName(),
                    MINHASH.stepName());
        }
    }

    /**
     * A filter, sentence dedup (rescuing a fraction of what it drops), then MinHash and URL dedup, which measure
     * the text before sentence dedup: the full run removes each document at the step the workbench does on a
     * sample of the whole folder, and every output line holds the text the workbench decides for it (the cut
     * text of a kept document, the text a document reached its removing step with).
     */
    @Test
    void aFilterThenSentenceDedupThenMinHashKeepTheIdsAndTextsTheWorkbenchDecidesOnASampleOfTheWholeFolder()
            throws Exception {
        Path in = golden(3);
        StepConfig gopher = GOPHER.withParam(GopherQualityStep.MIN_DOC_WORDS, 120L);
        StepConfig[] steps = {gopher, SENTENCE.withKeepFraction(0.2), MINHASH, URL};
        run(in, tmp.resolve("out"), 2, TaskContext.NONE, steps);
        Map<String, Map.Entry<String, JsonNode>> got = outputs(tmp.resolve("out"));

        PipelineConfig config = PipelineConfig.of("dedup", List.of(steps));
        try (Sample sample = new Workspace(tmp.resolve("ws")).openOrDraw(new ShardScanner().scan(in),
                SampleSpec.ofSize(INPUT.size() + 10, 1), ReaderOptions.defaults(), 2, TaskContext.NONE)) {
            assertThat(sample.size()).isEqualTo(INPUT.size());
            MetricTable table = new SampleMeasurements(sample, CATALOG, RESOURCES, 2).measure(config, TaskContext.NONE);
            int n = sample.size();
            long[] ids = new long[n];
            for (int row = 0; row < n; row++) {
                ids[row] = RowKeys.hashId(sample.document(row).id());
            }
            Decisions d = Decisions.decide(config, CATALOG, table, new RowKeys(ids, new String[n], new long[n]));
            Map<String, String> expected = new TreeMap<>();
            Map<String, String> expectedTexts = new TreeMap<>();
            Map<String, Integer> perStep = new TreeMap<>();
            int cut = 0;
            int rescued = 0;
            for (int row = 0; row < n; row++) {
                int by = d.removedBy(row);
                String where = by < 0 ? "kept" : steps[by].stepName();
                String id = sample.document(row).id();
                expected.put(id, where);
                perStep.merge(where, 1, Integer::sum);
                // the text the row has before its removing step (after every step when kept)
                String text = sample.document(row).text();
                var decided = d.decidedText(1, row);
                if ((by < 0 || by > 1) && decided.isPresent()) {
                    if (decided.get().textAfter() != null) {
                        text = decided.get().textAfter();
                        cut += text.equals(sample.document(row).text()) ? 0 : 1;
                    } else {
                        rescued++;
                    }
                }
                expectedTexts.put(id, text);
            }
            assertThat(got.keySet()).isEqualTo(expected.keySet());
            List<String> mismatches = new ArrayList<>();
            expected.forEach((id, where) -> {
                Map.Entry<String, JsonNode> e = got.get(id);
                if (!e.getKey().equals(where)) {
                    mismatches.add(id + ": " + e.getKey() + " vs the workbench's " + where);
                } else if (!e.getValue().get("text").asText().equals(expectedTexts.get(id))) {
                    mismatches.add(id + " (" + where + "): text differs from the workbench's");
                }
            });
            assertThat(mismatches).isEmpty();
            assertThat(perStep).as("every step removes something").containsKeys("kept", gopher.stepName(),
                    SENTENCE.stepName(), MINHASH.stepName(), URL.stepName());
            assertThat(cut).as("kept with sentences cut").isPositive();
            assertThat(rescued).as("dropped by sentence dedup, kept by its keep fraction").isPositive();
        }
    }

    @Test
    void sentenceDedupOnOneAndTwoThreadsWritesTheSameBytes() throws Exception {
        Path in = golden(3);
        run(in, tmp.resolve("one"), 1, TaskContext.NONE, GOPHER, SENTENCE, EXACT);
        run(in, tmp.resolve("two"), 2, TaskContext.NONE, GOPHER, SENTENCE, EXACT);
        assertSameBytes(tmp.resolve("one"), tmp.resolve("two"));
        assertThat(tmp.resolve("one/removed/" + SENTENCE.stepName())).isDirectory();
    }

    @Test
    void oneAndTwoThreadsWriteTheSameBytes() throws Exception {
        Path in = golden(3);
        run(in, tmp.resolve("one"), 1, TaskContext.NONE, GOPHER, MINHASH, URL);
        run(in, tmp.resolve("two"), 2, TaskContext.NONE, GOPHER, MINHASH, URL);
        assertSameBytes(tmp.resolve("one"), tmp.resolve("two"));
        assertThat(JSON.readTree(tmp.resolve("one/run_result.json").toFile()).get("removed"))
                .isEqualTo(JSON.readTree(tmp.resolve("two/run_result.json").toFile()).get("removed"));
    }

    /** Cancels once {@code after} cancellation checks have passed: a kill at a chosen point of the run. */
    private static final class CancelAfter implements TaskContext {
        final int after;
        final AtomicInteger checks = new AtomicInteger();

        CancelAfter(int after) {
            this.after = after;
        }

        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return checks.incrementAndGet() > after;
        }
    }

    @Test
    void aRunCancelledAtAnyPointAndResumedWritesExactlyWhatAnUninterruptedRunWrites() throws Exception {
        FullRun.RunResult clean = cancelAndResume(golden(3), GOPHER, MINHASH, StepConfig.of("c4_quality"), URL);
        assertThat(clean.removed()).containsKeys(GOPHER.stepName(), MINHASH.stepName(), "c4_quality", URL.stepName());
    }

    @Test
    void aSentenceDedupRunCancelledAtAnyPointAndResumedWritesExactlyWhatAnUninterruptedRunWrites() throws Exception {
        FullRun.RunResult clean = cancelAndResume(golden(3), GOPHER, SENTENCE, MINHASH);
        assertThat(clean.removed().get(SENTENCE.stepName())).isPositive();
        assertThat(clean.removed().get(MINHASH.stepName())).isPositive();
    }

    /** Runs cleanly, then cancels at five points and resumes each: the same bytes and totals every time. */
    private FullRun.RunResult cancelAndResume(Path in, StepConfig... steps) throws Exception {
        CancelAfter counting = new CancelAfter(Integer.MAX_VALUE);
        FullRun.RunResult clean = run(in, tmp.resolve("clean"), 1, counting, steps);
        int total = counting.checks.get();
        assertThat(total).isGreaterThan(10);
        for (int k = 0; k < 5; k++) {
            int at = 1 + k * (total - 2) / 4;
            Path out = tmp.resolve("resumed-" + at);
            assertThatThrownBy(() -> run(in, out, 1, new CancelAfter(at), steps)).isInstanceOf(CancellationException.class);
            FullRun.RunResult resumed = run(in, out, 1, TaskContext.NONE, steps);
            assertSameBytes(tmp.resolve("clean"), out);
            assertThat(resumed.kept()).isEqualTo(clean.kept());
            assertThat(resumed.removed()).isEqualTo(clean.removed());
            assertThat(resumed.reasons()).isEqualTo(clean.reasons());
            assertThat(resumed.keptTokens()).isEqualTo(clean.keptTokens());
        }
        assertThat(clean.kept() + clean.removed().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(clean.documents());
        return clean;
    }

    @Test
    void aFolderOfOneDocumentShortDocumentsAndIdenticalIdsRunWithoutSurprises() throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one"));
        String text = INPUT.get(0).get("text").asText();
        Files.writeString(one.resolve("a.jsonl"), JSON.writeValueAsString(Map.of("id", "x", "text", text)) + "\n");
        FullRun.RunResult r = run(one, tmp.resolve("out-one"), 2, TaskContext.NONE, MINHASH);
        assertThat(r.kept()).isEqualTo(1);
        assertThat(outputs(tmp.resolve("out-one")).get("x").getValue().get("metadata").get("minhash_cluster_id").asInt())
                .isEqualTo(-1);

        Path odd = Files.createDirectories(tmp.resolve("odd"));
        StringBuilder a = new StringBuilder();
        a.append(JSON.writeValueAsString(Map.of("id", "short-1", "text", "too short"))).append('\n');
        a.append(JSON.writeValueAsString(Map.of("id", "short-2", "text", "too short"))).append('\n');
        a.append(JSON.writeValueAsString(Map.of("id", "same", "text", text))).append('\n');
        Files.writeString(odd.resolve("a.jsonl"), a);
        Files.writeString(odd.resolve("b.jsonl"), JSON.writeValueAsString(Map.of("id", "same", "text", text)) + "\n"
                + JSON.writeValueAsString(Map.of("id", "other", "text", INPUT.get(1).get("text").asText())) + "\n");
        r = run(odd, tmp.resolve("out-odd"), 2, TaskContext.NONE, MINHASH);
        assertThat(r.documents()).isEqualTo(5);
        assertThat(r.removed().get(MINHASH.stepName())).as("the copy in the later shard").isEqualTo(1);
        assertThat(r.kept()).isEqualTo(4);
        List<String> removedLines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                tmp.resolve("out-odd/removed/minhash_dedup/b_jsonl.jsonl.gz")))) {
            removedLines.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
        assertThat(removedLines).hasSize(1);
        JsonNode removed = JSON.readTree(removedLines.get(0));
        assertThat(removed.get("id").asText()).isEqualTo("same");
        assertThat(removed.get("metadata").get("minhash_cluster_size").asInt()).isEqualTo(2);
    }

    @Test
    void anEmptyFolderOfDocumentsStillFinishes() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("a.jsonl"), "{broken\n");
        FullRun.RunResult r = run(empty, tmp.resolve("out"), 1, TaskContext.NONE, GOPHER, MINHASH);
        assertThat(r.documents()).isZero();
        assertThat(r.problems()).isEqualTo(1);
    }
}
