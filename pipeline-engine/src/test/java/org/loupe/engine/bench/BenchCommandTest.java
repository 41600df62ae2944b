package org.loupe.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.Problem;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.cli.CliExtension;
import org.loupe.engine.testing.FolderListing;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The benchmark corpus generator and the benchmark's report, on a tiny corpus (no timings are checked). */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Exit code and what the command printed. */
    record Run(int exit, String out, String err) { }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void generateWritesTheSameWebLikeShardsForTheSameSeed() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Run ra = run(new BenchCommand(), "generate", "--out", a.toString(), "--mb", "2", "--shard-mb", "1");
        Run rb = run(new BenchCommand(), "generate", "--out", b.toString(), "--mb", "2", "--shard-mb", "1",
                "--threads", "1");

        assertThat(ra.exit()).as(ra.err()).isZero();
        assertThat(rb.exit()).isZero();
        assertThat(files(a)).containsExactly("bench-00000.jsonl.gz", "bench-00001.jsonl.gz");
        for (String f : files(a)) {
            assertThat(Files.readAllBytes(b.resolve(f))).isEqualTo(Files.readAllBytes(a.resolve(f)));
            assertThat(Files.size(a.resolve(f))).isBetween(1_000_000L, 1_200_000L);
        }
        JsonNode report = JSON.readTree(ra.out());
        assertThat(report.get("shards").asInt()).isEqualTo(2);

        ScanResult scan = new ShardScanner().scan(a);
        List<Problem> problems = new ArrayList<>();
        long docs = 0;
        for (Shard shard : scan.shards()) {
            try (DocumentReader reader = ShardReaders.open(shard, ReaderOptions.defaults(), problems::add)) {
                Document d;
                while ((d = reader.next()) != null) {
                    docs++;
                    assertThat(d.text().length()).isBetween(150, 21_000);
                    assertThat(d.url()).startsWith("http");
                    assertThat(d.id()).isNotBlank();
                    assertThat(d.metadata()).containsKeys("timestamp", "metadata");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(docs).isEqualTo(report.get("documents").asLong());
    }

    @Test
    void aDifferentSeedGivesDifferentShards() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        run(new BenchCommand(), "generate", "--out", a.toString(), "--mb", "1", "--seed", "1");
        run(new BenchCommand(), "generate", "--out", b.toString(), "--mb", "1", "--seed", "2");

        assertThat(Files.readAllBytes(b.resolve("bench-00000.jsonl.gz"))).isNotEqualTo(Files.readAllBytes(a.resolve("bench-00000.jsonl.gz")));
    }

    @Test
    void benchSampleReportsBaselineLoupeRatioHeapAndFirstDocumentsAsOneJsonObject() throws IOException {
        Path corpus = tmp.resolve("corpus");
        assertThat(run(new BenchCommand(), "generate", "--out", corpus.toString(), "--mb", "2", "--shard-mb", "1").exit()).isZero();
        List<String> before = FolderListing.of(corpus);

        Run r = run(new BenchCommand(), "sample", "--input", corpus.toString(), "--size", "300",
                "--repeat", "2", "--tmp", tmp.resolve("work").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("machine").get("cores").asInt()).isPositive();
        assertThat(o.get("baseline").asText()).isNotBlank();
        assertThat(o.get("input").get("shards").asInt()).isEqualTo(2);
        assertThat(o.get("input").get("uncompressed_bytes").asLong()).isGreaterThan(o.get("input").get("compressed_bytes").asLong());
        assertThat(o.get("first_documents").get("count").asInt()).isEqualTo(100);
        assertThat(o.get("runs")).hasSize(2);
        for (JsonNode run : o.get("runs")) {
            assertThat(run.get("zcat_seconds").asDouble()).isPositive();
            assertThat(run.get("loupe_seconds").asDouble()).isPositive();
            assertThat(run.get("ratio").asDouble()).isPositive();
            assertThat(run.get("peak_heap_bytes").asLong()).isPositive();
            assertThat(run.get("rows").asInt()).isEqualTo(300);
            assertThat(run.get("records").asLong()).isEqualTo(run.get("documents").asLong());
        }
        assertThat(o.get("ratio").asDouble()).isPositive();
        assertThat(o.has("meets_goal")).isTrue();
        assertThat(FolderListing.of(corpus)).isEqualTo(before);
        assertThat(files(tmp.resolve("work"))).as("temporary workspaces are removed").isEmpty();
    }

    @Command(name = "loupe")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void theEngineBenchmarksReachTheCommandLineThroughTheServiceLoader() {
        CommandLine root = new CommandLine(new Root());
        ServiceLoader.load(CliExtension.class).forEach(e -> e.register(root));

        assertThat(root.getSubcommands()).containsKey("bench");
        assertThat(root.getSubcommands().get("bench").getSubcommands().keySet())
                .contains("generate", "sample", "decide", "measure", "tokenizer", "lid", "minhash");
        assertThat(BenchCommand.group(root)).isSameAs(root.getSubcommands().get("bench"));
    }

    private Path someTexts() throws IOException {
        Path file = tmp.resolve("texts.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("{\"id\":\"d").append(i).append("\",\"text\":\"The quick brown fox jumps over the lazy dog, ")
                    .append(i).append(" times.\\nDer schnelle braune Fuchs springt.\"}\n");
        }
        Files.writeString(file, lines);
        return file;
    }

    @Test
    void benchTokenizerReportsColdWarmAndSentenceThroughputWithItsBaseline() throws IOException {
        Run r = run(new BenchCommand(), "tokenizer", "--input", someTexts().toString(), "--passes", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("documents").asInt()).isEqualTo(20);
        for (String f : new String[] {"words_cold_cache_MB_per_s", "words_warm_cache_MB_per_s",
            "words_and_sentences_warm_cache_MB_per_s", "baseline_utf8_encode_MB_per_s"}) {
            assertThat(o.get(f).asDouble()).as(f).isPositive();
        }
    }

    @Test
    void benchMinhashReportsSignatureThroughputWithItsBaselines() throws IOException {
        Run r = run(new BenchCommand(), "minhash", "--input", someTexts().toString(), "--passes", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("documents").asInt()).isEqualTo(20);
        assertThat(o.get("documents_with_signature").asInt()).isEqualTo(20);
        for (String f : new String[] {"baseline_simplify_text_MB_per_s", "baseline_simplify_and_tokenize_MB_per_s",
            "signature_xxhash_MB_per_s", "signature_sha1_MB_per_s"}) {
            assertThat(o.get(f).asDouble()).as(f).isPositive();
        }
    }

    @Test
    void benchLidWithoutFastTextTimesJavaAndSaysTheBaselineWasSkipped() throws IOException {
        Path model = Path.of("..", "assets", "src", "main", "resources", "org", "loupe", "assets", "models", "lid.176.ftz");
        Run r = run(new BenchCommand(), "lid", "--input", someTexts().toString(), "--model", model.toString(),
                "--passes", "1", "--fasttext", tmp.resolve("no-fasttext-here").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("texts").asInt()).isEqualTo(20);
        assertThat(o.get("runs")).hasSize(2);
        for (JsonNode run : o.get("runs")) {
            assertThat(run.get("java_MB_per_s").asDouble()).isPositive();
            assertThat(run.get("fasttext_skipped").asText()).contains("could not start");
        }
    }

    @Test
    void benchDedupRunsAFullMinHashRunOverGeneratedNearDuplicatesAndReportsIt() throws IOException {
        Run r = run(new BenchCommand(), "dedup", "--docs", "1500", "--docs-per-shard", "500", "--threads", "2",
                "--work", tmp.resolve("dedup").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("documents").asLong()).isEqualTo(1500);
        assertThat(report.get("shards").asInt()).isEqualTo(3);
        long copies = report.get("generated_near_duplicates").asLong();
        assertThat(copies).isBetween(300L, 600L);
        // near-copies with 1-3% of words edited are caught with high probability; originals rarely collide
        assertThat(report.get("documents_removed").asLong()).isBetween(copies * 8 / 10, copies + 20);
        assertThat(report.get("documents_kept").asLong() + report.get("documents_removed").asLong()).isEqualTo(1500);
        for (String field : List.of("read_baseline_seconds", "full_run_seconds", "ratio_full_run_to_read", "peak_heap_mb")) {
            assertThat(report.get(field).asDouble()).as(field).isGreaterThanOrEqualTo(0);
        }
        assertThat(run(new BenchCommand(), "dedup", "--docs", "0").exit()).isEqualTo(2);
    }
}
