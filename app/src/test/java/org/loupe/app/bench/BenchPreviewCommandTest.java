package org.loupe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.loupe.app.LoupeCommand;
import picocli.CommandLine;

/** {@code loupe bench preview --minhash}: the drag re-decides the MinHash step after the filters on every event. */
class BenchPreviewCommandTest {

    @Test
    void withMinHashEveryDragEventReclustersTheKeptDocuments() throws Exception {
        CommandLine cli = LoupeCommand.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("bench", "preview", "--docs", "3000", "--events", "30", "--minhash");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("error").asText()).as(json.toString()).isEmpty();
        assertThat(json.get("events_decided").asInt()).isEqualTo(30);
        JsonNode minhash = json.get("minhash");
        assertThat(minhash.get("step_index").asInt()).isEqualTo(5).as("after FineWeb's five filters");
        assertThat(minhash.get("near_copies_made").asInt()).isBetween(700, 1100);
        assertThat(minhash.get("final_clusters").asInt()).isPositive();
        assertThat(minhash.get("final_removed").asInt()).isPositive();
        assertThat(json.get("removed_by_step").has("minhash_dedup")).isTrue();
        for (String field : new String[] {"p50_ms", "p95_ms", "max_ms"}) {
            assertThat(json.get(field).asDouble()).as(field).isNotNegative();
        }
    }

    @Test
    void aSizeBelowOneIsAUsageError() {
        CommandLine cli = LoupeCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("bench", "preview", "--docs", "0", "--minhash")).isEqualTo(2);
        assertThat(err.toString()).contains("--docs and --events must be positive");
    }
}
