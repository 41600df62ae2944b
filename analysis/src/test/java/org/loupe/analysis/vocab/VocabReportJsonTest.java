package org.loupe.analysis.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.loupe.engine.task.TaskContext;

/** The JSON report the app exports and the CLI prints: parsed back, it says what the report says. */
class VocabReportJsonTest {

    @Test
    void theJsonReportParsesBackToTheReportsLists() throws Exception {
        List<String> texts = FixtureTexts.all();
        BpeModel m = new BpeTrainer(new BpeTrainer.Options(1500, PreTokenizer.GPT2), 2)
                .train(texts.size(), texts::get, TaskContext.NONE);
        VocabReport report = new VocabReport(m);

        JsonNode root = new ObjectMapper().readTree(report.toJson(40));

        assertThat(root.path("vocab_size").asInt()).isEqualTo(m.size());
        assertThat(root.path("pre_tokenizer").asText()).isEqualTo(PreTokenizer.GPT2.describe());
        assertThat(ids(root.path("longest"))).isEqualTo(report.longestByBytes(40).stream().map(VocabReport.Token::id).toList());
        assertThat(ids(root.path("longest_by_chars"))).isEqualTo(report.longestByChars(40).stream().map(VocabReport.Token::id).toList());
        assertThat(ids(root.path("rarest"))).isEqualTo(report.rarest(40).stream().map(VocabReport.Token::id).toList());
        List<VocabReport.Token> flagged = report.flagged().stream().limit(40).toList();
        assertThat(flagged).isNotEmpty();
        assertThat(ids(root.path("flagged"))).isEqualTo(flagged.stream().map(VocabReport.Token::id).toList());
        for (int i = 0; i < flagged.size(); i++) {
            JsonNode n = root.path("flagged").get(i);
            List<String> flags = new ArrayList<>();
            n.path("flags").forEach(f -> flags.add(f.asText()));
            assertThat(flags).isEqualTo(flagged.get(i).flags().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
        for (JsonNode n : root.path("longest")) {
            int id = n.path("id").asInt();
            assertThat(m.idOf(n.path("token").asText())).isEqualTo(id);
            assertThat(n.path("display").asText()).isEqualTo(m.display(id));
            assertThat(n.path("bytes").asInt()).isEqualTo(m.byteLength(id));
            assertThat(n.path("chars").asInt()).isEqualTo(m.charLength(id));
            assertThat(n.path("count").asLong()).isEqualTo(m.count(id));
            assertThat(n.path("rank").asInt()).isEqualTo(m.rank(id));
            assertThat(n.path("text").isNull() ? null : n.path("text").asText()).isEqualTo(m.text(id));
            assertThat(n.has("flags")).isFalse();
        }
    }

    private static List<Integer> ids(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("id").asInt()));
        return out;
    }
}
