package org.loupe.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.testing.FolderListing;
import picocli.CommandLine;

/** {@code loupe inspect} and {@code loupe sample} as a user runs them, with their output captured. */
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path input;

    /** Exit code and what the command printed. */
    record Run(int exit, String out, String err) { }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = org.loupe.engine.cli.CliErrors.install(new CommandLine(command));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void writeInput() throws IOException {
        input = tmp.resolve("in");
        Files.createDirectories(input);
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            a.append("{\"id\":\"a").append(i).append("\",\"text\":\"document ").append(i)
                    .append(" 😀\",\"url\":\"https://a.example/").append(i).append("\",\"meta\":{\"n\":").append(i).append("}}\n");
        }
        a.append("{broken json\n");
        a.append("{\"id\":\"no-text\"}\n");
        Files.writeString(input.resolve("a.jsonl"), a.toString(), StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input.resolve("b.jsonl.gz")))) {
            for (int i = 1; i <= 20; i++) {
                out.write(("{\"text\":\"gz document " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(input.resolve("notes.bin"), new byte[] {1, 2, 3, 4, 5});
    }

    @Test
    void inspectJsonListsShardsWithCountsAndEveryProblemWithItsPosition() throws IOException {
        Run r = run(new InspectCommand(), input.toString(), "--json", "--threads", "2");

        assertThat(r.exit()).isZero();
        JsonNode root = JSON.readTree(r.out());
        JsonNode shards = root.get("shards");
        assertThat(shards).hasSize(2);
        JsonNode a = shards.get(0);
        assertThat(a.get("path").asText()).isEqualTo("a.jsonl");
        assertThat(a.get("format").asText()).isEqualTo("jsonl");
        assertThat(a.get("documents").asLong()).isEqualTo(30);
        assertThat(a.get("problems").asLong()).isEqualTo(2);
        assertThat(a.get("records").asLong()).isEqualTo(32);
        assertThat(a.get("skipped").asLong()).isEqualTo(2);
        JsonNode b = shards.get(1);
        assertThat(b.get("path").asText()).isEqualTo("b.jsonl.gz");
        assertThat(b.get("compression").asText()).isEqualTo("gzip");
        assertThat(b.get("documents").asLong()).isEqualTo(20);
        assertThat(b.get("problems").asLong()).isZero();

        List<JsonNode> problems = new ArrayList<>();
        root.get("problems").forEach(problems::add);
        assertThat(problems).hasSize(3);
        assertThat(problems).allSatisfy(p -> assertThat(p.fieldNames()).toIterable()
                .contains("file", "position", "kind", "message"));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("file").asText()).isEqualTo("notes.bin");
            assertThat(p.get("kind").asText()).isEqualTo("unknown_format");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("file").asText()).isEqualTo("a.jsonl");
            assertThat(p.get("position").asLong()).isEqualTo(31);
            assertThat(p.get("kind").asText()).isEqualTo("invalid_json");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("position").asLong()).isEqualTo(32);
            assertThat(p.get("kind").asText()).isEqualTo("missing_text");
        });
    }

    @Test
    void inspectAsTextPrintsATableAndTheProblems() {
        Run r = run(new InspectCommand(), input.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("a.jsonl", "b.jsonl.gz", "50 documents in 2 shards; 3 problems", "invalid_json");
    }

    @Test
    void inspectExitsWithOneWhenNothingCanBeRead() throws IOException {
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("x.jsonl"), "{nope\n[1]\n");
        Files.write(bad.resolve("y.bin"), new byte[] {9, 9, 9});

        Run r = run(new InspectCommand(), bad.toString(), "--json");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).get("problems")).hasSize(3);
    }

    @Test
    void inspectOfAMissingFolderIsABadArgument() {
        Run r = run(new InspectCommand(), tmp.resolve("nowhere").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nowhere");
    }

    @Test
    void sampleRefusesAnOutputInsideTheInputFolder() throws IOException {
        List<String> before = FolderListing.of(input);
        Run r = run(new SampleCommand(), input.toString(), "--out", input.resolve("sample.jsonl").toString(),
                "--workspace", tmp.resolve("ws").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("inside the input folder");
        assertThat(FolderListing.of(input)).isEqualTo(before);
    }

    @Test
    void sampleRefusesAWorkspaceInsideTheInputFolder() throws IOException {
        List<String> before = FolderListing.of(input);
        Run r = run(new SampleCommand(), input.toString(), "--out", tmp.resolve("s.jsonl").toString(),
                "--workspace", input.resolve("ws").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("inside the input folder");
        assertThat(FolderListing.of(input)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample.jsonl", "sample.jsonl.gz", "sample.jsonl.zst"})
    void sampleWritesOneJsonDocumentPerLineWithIdTextUrlSourceAndMetadata(String name) throws IOException {
        Path out = tmp.resolve("out").resolve(name);
        List<String> before = FolderListing.of(input);
        Run r = run(new SampleCommand(), input.toString(), "--out", out.toString(), "--size", "25", "--seed", "7",
                "--workspace", tmp.resolve("ws").toString(), "--threads", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("25 documents written");
        List<JsonNode> lines = readJsonl(out);
        assertThat(lines).hasSize(25);
        for (JsonNode line : lines) {
            assertThat(line.fieldNames()).toIterable().containsExactly("id", "text", "url", "source", "metadata");
            assertThat(line.get("text").asText()).isNotBlank();
            JsonNode source = line.get("source");
            assertThat(source.get("shard").asText()).isIn("a.jsonl", "b.jsonl.gz");
            assertThat(source.get("position").asLong()).isPositive();
            assertThat(source.get("position_kind").asText()).isEqualTo("line");
            if (source.get("shard").asText().equals("a.jsonl")) {
                assertThat(line.get("url").asText()).startsWith("https://a.example/");
                assertThat(line.get("text").asText()).endsWith("😀");
                assertThat(line.get("metadata").get("meta").get("n").asInt()).isEqualTo(source.get("position").asInt());
            } else {
                assertThat(line.get("url").isNull()).isTrue();
                assertThat(line.get("id").asText()).isEqualTo("b.jsonl.gz#" + source.get("position").asLong());
            }
        }
        assertThat(FolderListing.of(input)).isEqualTo(before);
    }

    @Test
    void theSameSeedWritesTheSameFileWhateverTheThreads() throws IOException {
        Path one = tmp.resolve("one.jsonl");
        Path two = tmp.resolve("two.jsonl");
        assertThat(run(new SampleCommand(), input.toString(), "-o", one.toString(), "-n", "10", "--threads", "1",
                "--workspace", tmp.resolve("ws1").toString()).exit()).isZero();
        assertThat(run(new SampleCommand(), input.toString(), "-o", two.toString(), "-n", "10", "--threads", "3",
                "--workspace", tmp.resolve("ws2").toString()).exit()).isZero();

        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
    }

    @Test
    void sampleExitsWithOneWhenNothingCanBeRead() throws IOException {
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("x.jsonl"), "{nope\n");

        Run r = run(new SampleCommand(), bad.toString(), "--out", tmp.resolve("s.jsonl").toString(),
                "--workspace", tmp.resolve("ws").toString());

        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void sampleOfAnUnknownShardIsABadArgumentThatNamesIt() {
        Run r = run(new SampleCommand(), input.toString(), "--out", tmp.resolve("s.jsonl").toString(),
                "--shards", "a.jsonl,zzz.jsonl", "--workspace", tmp.resolve("ws").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("zzz.jsonl");
    }

    @Test
    void runReportsTheFilesThatAreNotShardsAsProblemsAsInspectDoes() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), "schema_version: 1\nname: q\nsteps:\n  - type: gopher_quality\n");
        Path out = tmp.resolve("run");
        List<String> before = FolderListing.of(input);

        Run r = run(new RunCommand(), "--config", config.toString(), "--input", input.toString(), "--output", out.toString(),
                "--threads", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 problems (1 files not read, listed in " + out.resolve("problems").resolve("folder.jsonl"));
        assertThat(Files.readAllLines(out.resolve("problems").resolve("folder.jsonl"))).singleElement().asString()
                .contains("notes.bin", "unknown_format");
        JsonNode result = JSON.readTree(out.resolve("run_result.json").toFile());
        assertThat(result.get("unreadableFiles").asInt()).isEqualTo(1);
        assertThat(result.get("problems").asLong()).isEqualTo(JSON.readTree(run(new InspectCommand(), input.toString(), "--json")
                .out()).get("problems").size());
        assertThat(FolderListing.of(input)).isEqualTo(before);
    }

    @Test
    void runExitsWithOneAndOneSentenceWhenNothingCanBeRead() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), "schema_version: 1\nname: q\nsteps:\n  - type: gopher_quality\n");
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.write(bad.resolve("y.bin"), new byte[] {9, 9, 9});

        Run r = run(new RunCommand(), "--config", config.toString(), "--input", bad.toString(), "--output",
                tmp.resolve("run").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("loupe run: nothing could be read in " + bad).doesNotContain("\n", "Exception");
    }

    private static List<JsonNode> readJsonl(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<JsonNode> nodes = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : name.endsWith(".zst") ? new ZstdInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
