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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.testing.FolderListing;

/** Full runs: outputs, conservation, resuming after {@code kill -9}, and the read-only input. */
class FullRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            schema_version: 1
            name: no-language
            steps:
              - type: gopher_repetition
              - type: gopher_quality
                params: {min_doc_words: 20}
              - type: c4_quality
                params: {filter_no_terminal_punct: false}
              - type: fineweb_quality
            """;

    @TempDir
    Path tmp;

    /** Shards of web-like documents: good paragraphs, short stubs and repeated lines. */
    private Path corpus(int shards, int docs) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        java.util.Random r = new java.util.Random(7);
        String[] words = "the of and to in that have with data model text quality filter web page people time year work day".split(" ");
        for (int s = 0; s < shards; s++) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(in.resolve(String.format("part-%03d.jsonl.gz", s))))) {
                for (int d = 0; d < docs; d++) {
                    StringBuilder text = new StringBuilder();
                    int kind = r.nextInt(3);
                    int lines = 2 + r.nextInt(8);
                    for (int l = 0; l < lines; l++) {
                        int n = kind == 1 ? 3 : 8 + r.nextInt(20);
                        for (int w = 0; w < n; w++) {
                            text.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
                        }
                        text.append(kind == 2 && l % 2 == 0 ? "" : ".").append('\n');
                        if (kind == 2) {
                            text.append("Click here to subscribe.\n");
                        }
                    }
                    String line = JSON.writeValueAsString(Map.of("id", "s" + s + "-" + d, "text", text.toString(),
                            "url", "https://site" + (d % 9) + ".example/" + d)) + "\n";
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                }
                out.write("{broken\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return in;
    }

    private Process start(Path config, Path in, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RunMain.class.getName(),
                "--config", config.toString(), "--input", in.toString(), "--output", out.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log-" + out.getFileName() + ".txt").toFile()).start();
    }

    /** Runs to the end in its own process and checks it exited 0. */
    private void runToEnd(Path config, Path in, Path out) throws Exception {
        Process p = start(config, in, out);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log-" + out.getFileName() + ".txt"))).isZero();
    }

    /** Starts a run and SIGKILLs it (no shutdown hooks, files left as they are) once {@code markers} shards are done. */
    private int killAfter(Path config, Path in, Path out, int markers) throws Exception {
        Process first = start(config, in, out);
        Path done = out.resolve("done");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && first.isAlive() && (!Files.isDirectory(done) || countFiles(done) < markers)) {
            Thread.sleep(5);
        }
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        return Files.isDirectory(done) ? countFiles(done) : 0;
    }

    /** Every output file's decompressed lines, by relative path (sorted within each file). */
    private static Map<String, List<String>> outputs(Path out) throws Exception {
        Map<String, List<String>> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString();
                if (rel.startsWith("done") || rel.equals("run_result.json")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = rel.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
                    bytes = in.readAllBytes();
                }
                List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
                lines.sort(null);
                m.put(rel, lines);
            }
        }
        return m;
    }

    @Test
    void aRunKilledMidwayAndResumedWritesExactlyWhatAnUninterruptedRunWrites() throws Exception {
        Path in = corpus(24, 400);
        Path config = Files.writeString(tmp.resolve("config.yaml"), CONFIG);
        List<String> before = FolderListing.of(in);

        runToEnd(config, in, tmp.resolve("clean"));

        Path resumed = tmp.resolve("resumed");
        int doneAtKill = killAfter(config, in, resumed, 3);
        assertThat(doneAtKill).isBetween(1, 23);

        runToEnd(config, in, resumed);

        JsonNode a = JSON.readTree(tmp.resolve("clean/run_result.json").toFile());
        JsonNode b = JSON.readTree(resumed.resolve("run_result.json").toFile());
        assertThat(b.get("shardsSkipped").asInt()).isGreaterThanOrEqualTo(doneAtKill);
        for (String field : List.of("records", "documents", "problems", "kept", "keptTokens", "removed", "removedTokens", "reasons", "reasonTokens")) {
            assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
        }
        assertThat(a.get("documents").asLong()).isEqualTo(24 * 400);
        assertThat(a.get("records").asLong()).isEqualTo(24 * 401);
        long removed = 0;
        for (JsonNode v : a.get("removed")) {
            removed += v.asLong();
        }
        assertThat(a.get("kept").asLong() + removed).isEqualTo(a.get("documents").asLong());
        assertThat(outputs(resumed)).isEqualTo(outputs(tmp.resolve("clean")));
        try (Stream<Path> walk = Files.walk(resumed)) {
            assertThat(walk.filter(p -> p.toString().endsWith(".tmp")).toList()).as("no temporary files left").isEmpty();
        }
        assertThat(FolderListing.of(in)).isEqualTo(before);
    }

    @Test
    void aRunStoppedByTheUserSaysWhatWasFinishedRemovesItsPartialShardAndARerunResumes() throws Exception {
        Path in = corpus(12, 400);
        Path config = Files.writeString(tmp.resolve("config.yaml"), CONFIG);
        Path out = tmp.resolve("stopped");
        Process first = start(config, in, out);
        Path done = out.resolve("done");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && first.isAlive() && (!Files.isDirectory(done) || countFiles(done) < 2)) {
            Thread.sleep(5);
        }
        first.destroy(); // SIGTERM: the shutdown hooks run, as on Ctrl+C
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(tmp.resolve("log-stopped.txt"));
        int finished = countFiles(done);

        assertThat(log).contains("loupe run: interrupted; " + finished + " of 12 shards finished (in " + out
                + "); rerun the same command to resume").doesNotContain("Exception", "\tat ");
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.filter(p -> p.toString().endsWith(".tmp")).toList()).as("no partial shard left").isEmpty();
        }
        runToEnd(config, in, out);
        JsonNode result = JSON.readTree(out.resolve("run_result.json").toFile());
        assertThat(result.get("shardsSkipped").asInt()).isEqualTo(finished);
        assertThat(result.get("documents").asLong()).isEqualTo(12 * 400);
    }

    @Test
    void theSharedFixturesRunTwiceOnceKilledAndResumedGiveIdenticalOutputs() throws Exception {
        Path in = org.loupe.engine.testing.SharedData.dir();
        Path config = Files.writeString(tmp.resolve("config.yaml"), CONFIG);
        List<String> before = FolderListing.of(in);
        runToEnd(config, in, tmp.resolve("clean"));

        Path resumed = tmp.resolve("resumed");
        killAfter(config, in, resumed, 1);
        runToEnd(config, in, resumed);

        JsonNode a = JSON.readTree(tmp.resolve("clean/run_result.json").toFile());
        JsonNode b = JSON.readTree(resumed.resolve("run_result.json").toFile());
        for (String field : List.of("records", "documents", "problems", "kept", "keptTokens", "removed", "removedTokens", "reasons", "reasonTokens")) {
            assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
        }
        long removed = 0;
        for (JsonNode v : a.get("removed")) {
            removed += v.asLong();
        }
        assertThat(a.get("kept").asLong() + removed).isEqualTo(a.get("documents").asLong());
        assertThat(a.get("documents").asLong()).isEqualTo(1000 + 1 + 1 + 10 + 22 + 98 + 10_000);
        assertThat(outputs(resumed)).isEqualTo(outputs(tmp.resolve("clean")));
        assertThat(FolderListing.of(in)).isEqualTo(before);
    }

    @Test
    void removedDocumentsCarryTheirReasonAndKeptOnesTheRewrittenText() throws Exception {
        Path in = corpus(2, 200);
        Path config = Files.writeString(tmp.resolve("config.yaml"), CONFIG);
        runToEnd(config, in, tmp.resolve("out"));
        Map<String, List<String>> out = outputs(tmp.resolve("out"));
        assertThat(out.keySet()).anyMatch(k -> k.startsWith("kept/")).anyMatch(k -> k.startsWith("removed/"));
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            if (e.getKey().startsWith("removed/")) {
                for (String line : e.getValue()) {
                    assertThat(JSON.readTree(line).get("metadata").get("filter_reason").asText()).isNotBlank();
                }
            }
            if (e.getKey().startsWith("kept/")) {
                for (String line : e.getValue()) {
                    assertThat(JSON.readTree(line).get("text").asText()).doesNotContain("\n\n");
                }
            }
        }
        assertThat(out.get("problems/part-000_jsonl_gz.jsonl")).anySatisfy(l -> assertThat(l).contains("invalid_json"));
    }

    /**
     * Sentence dedup across two shards: a later document that repeats three sentences of an earlier one loses
     * them, an exact copy in another shard loses everything and is dropped, a short document without copies is
     * kept as it is. A filter after sentence dedup (allowed by no config check) is refused in one sentence.
     */
    @Test
    void sentenceDedupCutsTheSentencesAnEarlierShardAlreadyHasAndDropsWhatIsLeftTooShort() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sent"));
        String shared = " Alpha one is here at last. Bravo two is there for now. Charlie three is near the sea.";
        String first = "This is where the first document starts." + shared + " Delta four is far away from home.";
        String filler = " Echo five walks along the river every morning before the town wakes up."
                + " Foxtrot six sells fresh bread and strong coffee to the early workers at the station."
                + " Golf seven repairs old bicycles in a small shop behind the market square."
                + " Hotel eight writes long letters to friends who moved abroad many years ago.";
        String second = "The second document opens differently." + shared + filler;
        Files.writeString(in.resolve("a.jsonl"), JSON.writeValueAsString(Map.of("id", "first", "text", first)) + "\n"
                + JSON.writeValueAsString(Map.of("id", "short", "text", "One. Two. Three.")) + "\n");
        Files.writeString(in.resolve("b.jsonl"), JSON.writeValueAsString(Map.of("id", "second", "text", second)) + "\n"
                + JSON.writeValueAsString(Map.of("id", "copy", "text", first)) + "\n");
        var catalog = org.loupe.engine.pipeline.steps.BuiltinSteps.catalog(java.util.Set.of());
        var resources = new org.loupe.engine.pipeline.StepResources(org.loupe.engine.measure.text.EnglishTokenizer.shared(),
                () -> null);
        var sentence = org.loupe.engine.pipeline.StepConfig.of("sentence_dedup");
        FullRun run = new FullRun(org.loupe.engine.pipeline.PipelineConfig.of("x", List.of(sentence)), catalog, resources,
                org.loupe.engine.read.ReaderOptions.defaults(), 2);
        assertThat(run.unsupported()).isNull();
        Path out = tmp.resolve("sent-out");
        FullRun.RunResult r = run.run(new org.loupe.engine.read.ShardScanner().scan(in), out,
                org.loupe.engine.task.TaskContext.NONE);
        assertThat(r.documents()).isEqualTo(4);
        assertThat(r.kept()).isEqualTo(3);
        assertThat(r.reasons()).containsExactly(Map.entry("sentence_dedup/too_short_after_dedup", 1L));
        Map<String, String> kept = new TreeMap<>();
        for (String shard : List.of("a_jsonl", "b_jsonl")) {
            for (JsonNode line : lines(out.resolve("kept/" + shard + ".jsonl.gz"))) {
                kept.put(line.get("id").asText(), line.get("text").asText());
            }
        }
        assertThat(kept).containsExactly(Map.entry("first", first), Map.entry("second",
                "The second document opens differently." + filler), Map.entry("short", "One. Two. Three."));
        List<JsonNode> removed = lines(out.resolve("removed/sentence_dedup/b_jsonl.jsonl.gz"));
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).get("id").asText()).isEqualTo("copy");
        assertThat(removed.get(0).get("text").asText()).isEqualTo(first);
        assertThat(removed.get(0).get("metadata").get("filter_reason").asText()).isEqualTo("too_short_after_dedup");

        FullRun filterAfter = new FullRun(org.loupe.engine.pipeline.PipelineConfig.of("x", List.of(sentence,
                org.loupe.engine.pipeline.StepConfig.of("gopher_quality"))), catalog, resources,
                org.loupe.engine.read.ReaderOptions.defaults(), 1);
        assertThat(filterAfter.unsupported()).contains("gopher_quality", "sentence_dedup").doesNotContain("\n");
        assertThatThrownBy(() -> filterAfter.run(new org.loupe.engine.read.ShardScanner().scan(in), tmp.resolve("x-out"),
                org.loupe.engine.task.TaskContext.NONE)).hasMessageContaining("cannot come after");
    }

    private static List<JsonNode> lines(Path gz) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    @Test
    void anOutputFolderInsideTheInputIsRefused() throws Exception {
        Path in = corpus(1, 5);
        var scan = new org.loupe.engine.read.ShardScanner().scan(in);
        var catalog = org.loupe.engine.pipeline.steps.BuiltinSteps.catalog(java.util.Set.of());
        var run = new FullRun(org.loupe.engine.pipeline.PipelineConfig.of("x", List.of()), catalog,
                new org.loupe.engine.pipeline.StepResources(org.loupe.engine.measure.text.EnglishTokenizer.shared(), () -> null),
                org.loupe.engine.read.ReaderOptions.defaults(), 1);
        assertThatThrownBy(() -> run.run(scan, in.resolve("out"), org.loupe.engine.task.TaskContext.NONE))
                .hasMessageContaining("inside the input folder");
    }

    private static int countFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

}
