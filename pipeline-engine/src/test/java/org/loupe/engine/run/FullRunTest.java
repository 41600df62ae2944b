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

    @Test
    void sentenceDedupIsRefusedWithOneSentenceUntilFullRunsDeduplicateSentencesAcrossTheFolder() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sent"));
        Files.writeString(in.resolve("a.jsonl"), JSON.writeValueAsString(Map.of("id", "d0", "text", "One. Two. Three.")) + "\n");
        var catalog = org.loupe.engine.pipeline.steps.BuiltinSteps.catalog(java.util.Set.of());
        var config = org.loupe.engine.pipeline.PipelineConfig.of("x", List.of(
                org.loupe.engine.pipeline.StepConfig.of("sentence_dedup")));
        FullRun run = new FullRun(config, catalog,
                new org.loupe.engine.pipeline.StepResources(org.loupe.engine.measure.text.EnglishTokenizer.shared(), () -> null),
                org.loupe.engine.read.ReaderOptions.defaults(), 1);
        assertThat(run.unsupported()).contains("sentence_dedup").doesNotContain("\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.run(new org.loupe.engine.read.ShardScanner().scan(in),
                tmp.resolve("sent-out"), org.loupe.engine.task.TaskContext.NONE)).hasMessageContaining("sentence_dedup");
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
