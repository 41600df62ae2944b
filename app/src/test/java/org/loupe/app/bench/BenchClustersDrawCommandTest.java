package org.loupe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.loupe.app.LoupeCommand;
import picocli.CommandLine;

/** {@code loupe bench draw}: registered under bench, prints the frame times and the baseline as JSON. */
class BenchClustersDrawCommandTest {

    @Test
    void benchDrawPrintsFrameTimesAndItsBaselineAsJson() throws Exception {
        CommandLine cli = LoupeCommand.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("bench", "draw", "--points", "2000", "--frames", "20", "--width", "160", "--height", "120");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("points").asInt()).isEqualTo(2000);
        assertThat(json.get("frames").asInt()).isEqualTo(20);
        for (String field : new String[] {"p50_ms", "p95_ms", "max_ms"}) {
            assertThat(json.get(field).asDouble()).as(field).isNotNegative();
            assertThat(json.get("baseline").get(field).asDouble()).as("baseline " + field).isNotNegative();
        }
        assertThat(json.get("p50_ms").asDouble()).isLessThanOrEqualTo(json.get("max_ms").asDouble());
        assertThat(json.has("ratio_p50")).isTrue();
    }
}
