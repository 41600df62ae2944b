package org.loupe.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.FixtureTexts;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;
import picocli.CommandLine;

/** {@code loupe vocab} on the 1,107 reference documents. */
class VocabCommandTest {
    @TempDir
    Path tmp;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = org.loupe.engine.cli.CliErrors.install(new CommandLine(new VocabCommand()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesATokenizerEqualToTrainingOnTheSameDocumentsAndAReport() throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        Path tokenizer = tmp.resolve("tokenizer.json");
        Path report = tmp.resolve("report.json");
        StringWriter out = new StringWriter();
        int code = run(out, new StringWriter(), fixtures.toString(), "--on", "all", "--vocab-size", "1200", "--out", tokenizer.toString(),
                "--report", report.toString(), "--limit", "30", "--workspace", tmp.resolve("ws").toString(), "--preset", "fineweb");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Longest tokens", "Rarest tokens", "Junk-looking tokens");

        BpeModel written = BpeModel.fromHuggingFaceJson(Files.readString(tokenizer));
        List<String> texts = FixtureTexts.all();
        BpeModel direct = new BpeTrainer(new BpeTrainer.Options(1200, PreTokenizer.GPT2), 1).train(texts.size(), texts::get, TaskContext.NONE);
        assertThat(written.size()).isEqualTo(1200);
        assertThat(written.merges()).extracting(m -> List.of(m.left(), m.right(), m.result()))
                .isEqualTo(direct.merges().stream().map(m -> List.of(m.left(), m.right(), m.result())).toList());

        JsonNode r = new ObjectMapper().readTree(report.toFile());
        for (String list : List.of("longest", "rarest", "flagged")) {
            assertThat(r.get(list).size()).as(list).isBetween(1, 30);
            for (JsonNode t : r.get(list)) {
                assertThat(t.has("token") && t.has("bytes") && t.has("count") && t.has("rank")).isTrue();
                int id = written.idOf(t.get("token").asText());
                assertThat(id).isGreaterThanOrEqualTo(256);
                assertThat(t.get("bytes").asInt()).isEqualTo(written.byteLength(id));
                assertThat(t.get("count").asLong()).isEqualTo(direct.count(id));
                assertThat(t.get("rank").asInt()).isEqualTo(direct.rank(id));
            }
        }
        long previous = Long.MAX_VALUE;
        for (JsonNode t : r.get("longest")) {
            assertThat(t.get("bytes").asLong()).isLessThanOrEqualTo(previous);
            previous = t.get("bytes").asLong();
        }
        assertThat(r.get("flagged").get(0).get("flags").size()).isPositive();
    }

    @Test
    void trainingOnRemovedDocumentsUsesOnlyThem() throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        Path kept = tmp.resolve("kept.json");
        Path removed = tmp.resolve("removed.json");
        String ws = tmp.resolve("ws").toString();
        assertThat(run(new StringWriter(), new StringWriter(), fixtures.toString(), "--on", "kept", "--vocab-size", "600", "--out", kept.toString(),
                "--workspace", ws, "--preset", "fineweb")).isZero();
        assertThat(run(new StringWriter(), new StringWriter(), fixtures.toString(), "--on", "removed", "--vocab-size", "600", "--out",
                removed.toString(), "--workspace", ws, "--preset", "fineweb", "--style", "llama3", "--split-digits")).isZero();
        BpeModel k = BpeModel.fromHuggingFaceJson(Files.readString(kept));
        BpeModel r = BpeModel.fromHuggingFaceJson(Files.readString(removed));
        assertThat(k.preTokenizer()).isEqualTo(PreTokenizer.GPT2);
        assertThat(r.preTokenizer()).isEqualTo(new PreTokenizer(PreTokenizer.Style.LLAMA3, true, true));
        assertThat(k.merges()).isNotEqualTo(r.merges());
    }

    @Test
    void badOptionsAreReportedWithoutWritingAnything() {
        Path out = tmp.resolve("t.json");
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, tmp.toString(), "--style", "bert", "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--style is gpt2 or llama3");
        assertThat(run(new StringWriter(), err, tmp.toString(), "--vocab-size", "100", "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--vocab-size must be 256..");
        assertThat(out).doesNotExist();
    }
}
