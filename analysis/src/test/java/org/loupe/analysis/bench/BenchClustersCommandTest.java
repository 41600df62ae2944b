package org.loupe.analysis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchClustersCommandTest {
    @Test
    void withoutAnInputItGeneratesDocumentsAndTimesEveryStage() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchClustersCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--docs", "200", "--vectors", "tfidf")).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertThat(r.get("documents").asInt()).isEqualTo(200);
        for (String stage : new String[] {"embed_seconds", "layout_seconds", "layout_knn_seconds", "layout_sgd_seconds",
            "cluster_seconds", "label_seconds", "total_seconds"}) {
            assertThat(r.get(stage).asDouble()).as(stage).isNotNegative();
        }
        assertThat(r.get("mapped").asInt()).isEqualTo(200);
        assertThat(r.get("smile_umap").get("rows_kept").asInt()).isBetween(1, 200);
    }
}
