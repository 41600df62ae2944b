package org.loupe.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.testing.Golden;
import picocli.CommandLine;

/** {@code loupe clusters --json} on reference documents. */
class ClustersCommandTest {
    @TempDir
    Path tmp;

    private JsonNode run(String... extra) throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        StringWriter out = new StringWriter();
        CommandLine cli = org.loupe.engine.cli.CliErrors.install(new CommandLine(new ClustersCommand()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        String[] args = {fixtures.toString(), "--json", "--docs", "300", "--workspace", tmp.resolve("ws").toString(), "--preset", "fineweb"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        assertThat(cli.execute(all)).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void theJsonListsLabelledClustersWhoseSizesAndNoiseAddUpToTheDocuments() throws Exception {
        JsonNode r = run();
        assertThat(r.get("documents").asInt()).isEqualTo(300);
        long size = r.get("noise").asLong();
        long previous = Long.MAX_VALUE;
        for (JsonNode c : r.get("clusters")) {
            assertThat(c.get("label").asText()).isNotBlank();
            assertThat(c.get("size").asLong()).isLessThanOrEqualTo(previous).isPositive();
            previous = c.get("size").asLong();
            assertThat(c.get("tokens").asLong()).isPositive();
            double removed = 0;
            for (JsonNode v : c.get("removed_by")) {
                removed += v.asLong();
            }
            assertThat(c.get("removed_fraction").asDouble()).isCloseTo(removed / c.get("size").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-4));
            size += c.get("size").asLong();
        }
        assertThat(r.get("clusters").size()).isPositive();
        assertThat(size).isEqualTo(300);
        // the embeddings are cached in the sample's folder: a second run with k-means reuses them
        try (var files = Files.walk(tmp.resolve("ws"))) {
            assertThat(files.anyMatch(p -> p.toString().endsWith(".f32"))).isTrue();
        }
        JsonNode km = run("--method", "kmeans", "--k", "6");
        assertThat(km.get("clusters").size()).isEqualTo(6);
        assertThat(km.get("noise").asInt()).isZero();

        // a config with a topic step that drops cluster 1 of the k-means map; it loads back and `loupe run` takes it
        Path config = tmp.resolve("topics.yaml");
        run("--method", "kmeans", "--k", "6", "--drop", "1", "--topic-config", config.toString());
        org.loupe.engine.pipeline.PipelineConfig c = new org.loupe.engine.pipeline.ConfigLoader(
                org.loupe.engine.cli.DecidedSample.builtinCatalog()).read(config);
        org.loupe.engine.pipeline.StepConfig topic = c.steps().get(c.indexOf("topic"));
        assertThat((java.util.List<?>) topic.params().get("drop")).singleElement().asString().startsWith("1 · ");
        assertThat(c.indexOf("fineweb_quality")).isNotNegative();
    }
}
