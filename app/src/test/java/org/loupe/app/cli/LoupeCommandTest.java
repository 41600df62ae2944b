package org.loupe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.LoupeCommand;
import org.loupe.engine.testing.Golden;
import org.loupe.engine.testing.SharedData;
import picocli.CommandLine;

/** The assembled {@code loupe} command line, as {@code java -jar loupe.jar} runs it. */
class LoupeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Run(int exit, String out) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = LoupeCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void inspectJsonReportsEveryPublicFixtureWithItsFormatAndCounts() throws Exception {
        Path data = SharedData.dir();
        List<String> before = org.loupe.engine.testing.FolderListing.of(data);

        Run run = run("inspect", data.toString(), "--json");

        assertThat(run.exit()).isZero();
        JsonNode root = JSON.readTree(run.out());
        Map<String, JsonNode> shards = new HashMap<>();
        root.get("shards").forEach(s -> shards.put(s.get("path").asText(), s));
        assertThat(shards.get("c4_en_sample_1000.jsonl.gz").get("format").asText()).isEqualTo("jsonl");
        assertThat(shards.get("c4_en_sample_1000.jsonl.gz").get("documents").asLong()).isEqualTo(1000);
        JsonNode hplt = shards.get("hplt_warc2text_cc_sample100.jsonl.zst");
        assertThat(hplt.get("documents").asLong() + hplt.get("skipped").asLong()).isEqualTo(100);
        assertThat(shards.get("img2dataset_laion_url_caption_10000.parquet").get("format").asText()).isEqualTo("parquet");
        assertThat(shards.get("img2dataset_laion_url_caption_10000.parquet").get("documents").asLong()).isEqualTo(10_000);
        assertThat(shards.get("dolma_wget_sample-0000.warc.gz").get("format").asText()).isEqualTo("warc");
        assertThat(shards.get("dolma_wget_sample-0000.warc.gz").get("documents").asLong()).isEqualTo(22);
        assertThat(shards.get("commoncrawl_whirlwind.warc.wet.gz").get("format").asText()).isEqualTo("wet");
        for (JsonNode p : root.get("problems")) {
            assertThat(p.has("file") && p.has("position") && p.has("kind") && p.has("message")).isTrue();
        }
        assertThat(org.loupe.engine.testing.FolderListing.of(data)).isEqualTo(before);
    }

    @Test
    void inspectJsonReportsEachBrokenFileWithItsPositionAndNeverWritesTheFolder() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("bad-lines.jsonl"), "{\"text\":\"ok\"}\n{oops\n[1,2]\n{\"text\":null}\n");
        byte[] gz = gzip("{\"text\":\"one\"}\n{\"text\":\"two\"}\n".repeat(200));
        Files.write(broken.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.write(broken.resolve("garbage.bin"), new byte[] {1, 2, 3, (byte) 0xff, 0});
        Files.write(broken.resolve("empty.jsonl"), new byte[0]);
        List<String> before = org.loupe.engine.testing.FolderListing.of(broken);

        Run run = run("inspect", broken.toString(), "--json");

        JsonNode root = JSON.readTree(run.out());
        assertThat(run.exit()).isZero();
        Map<String, List<String>> byFile = new HashMap<>();
        root.get("problems").forEach(p -> byFile.computeIfAbsent(p.get("file").asText(), k -> new java.util.ArrayList<>())
                .add(p.get("kind").asText() + "@" + p.get("position").asLong()));
        assertThat(byFile.get("bad-lines.jsonl")).containsExactly("invalid_json@2", "not_an_object@3", "null_text@4");
        assertThat(byFile.get("cut.jsonl.gz")).singleElement().asString().startsWith("truncated@");
        assertThat(byFile.get("garbage.bin")).containsExactly("unknown_format@-1");
        assertThat(byFile.get("empty.jsonl")).containsExactly("empty_file@-1");
        assertThat(org.loupe.engine.testing.FolderListing.of(broken)).isEqualTo(before);
    }

    @Test
    void explainWithTheLanguageStepMatchesFastTextOnEveryGoldenText() throws Exception {
        Path out = tmp.resolve("explain.jsonl");
        Run run = run("explain", "--preset", "datatrove-defaults", "--independent", "--input",
                Golden.fixtures(tmp.resolve("golden")).toString(), "--out", out.toString());
        assertThat(run.exit()).isZero();
        Map<String, JsonNode> ours = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = JSON.readTree(line);
            ours.put(n.get("id").asText(), n);
        }
        int agree = 0;
        for (JsonNode ref : Golden.read(Golden.LID176)) {
            JsonNode top = ref.get("top5").get(0);
            JsonNode m = ours.get(ref.get("id").asText()).get("steps").get("language").get("metrics");
            assertThat(m.get("language").asText()).isEqualTo(top.get(0).asText().replace("__label__", ""));
            assertThat(m.get("language_score").asDouble()).isCloseTo(top.get(1).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            agree++;
        }
        assertThat(agree).isEqualTo(ours.size());
    }

    @Test
    void presetsListsTheShippedPipelinesAndPrintsOneAsYaml() {
        assertThat(run("presets").out()).contains("datatrove-defaults", "fineweb", "gopher");
        assertThat(run("presets", "fineweb").out()).contains("schema_version: 1", "filter_no_terminal_punct: false");
    }

    @Test
    void aMissingInputIsOneSentenceAndExitTwoNeverAStackTrace() {
        for (String[] args : List.of(new String[] {"run", "--preset", "fineweb", "--input", tmp.resolve("absent").toString(),
                "--output", tmp.resolve("out").toString()}, new String[] {"bench", "minhash", "--input",
                tmp.resolve("absent").toString()})) {
            StringWriter err = new StringWriter();
            CommandLine cli = LoupeCommand.commandLine();
            cli.setOut(new PrintWriter(new StringWriter()));
            cli.setErr(new PrintWriter(err));
            assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().strip()).doesNotContain("\tat ", "Exception")
                    .contains("no such file or folder: " + tmp.resolve("absent")).hasLineCount(1);
        }
    }

    @Test
    void inspectExitsWithOneWhenNothingCanBeRead() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("nothing"));
        Files.writeString(broken.resolve("x.jsonl"), "not json\n");
        assertThat(run("inspect", broken.toString()).exit()).isEqualTo(1);
    }

    @Test
    void sampleWritesTheSameJsonlForTheSameSeed() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("a.jsonl"), Stream.iterate(0, i -> i + 1).limit(300)
                .map(i -> "{\"id\":\"d" + i + "\",\"text\":\"text " + i + "\",\"url\":\"https://e.org/" + i + "\"}\n")
                .reduce("", String::concat));
        Path out1 = tmp.resolve("one.jsonl");
        Path out2 = tmp.resolve("two.jsonl");

        assertThat(run("sample", data.toString(), "--size", "25", "--seed", "3", "--out", out1.toString(),
                "--workspace", tmp.resolve("ws1").toString()).exit()).isZero();
        assertThat(run("sample", data.toString(), "--size", "25", "--seed", "3", "--out", out2.toString(),
                "--workspace", tmp.resolve("ws2").toString(), "--threads", "1").exit()).isZero();

        List<String> lines = Files.readAllLines(out1);
        assertThat(lines).hasSize(25);
        assertThat(Files.readAllLines(out2)).isEqualTo(lines);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "text", "url", "source", "metadata");
        assertThat(first.get("source").get("shard").asText()).isEqualTo("a.jsonl");
    }

    private static byte[] gzip(String s) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

}
