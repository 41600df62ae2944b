package org.loupe.analysis.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.embed.MiniLmEmbedder;
import org.loupe.engine.cli.DecidedSample;
import org.loupe.engine.cli.SampleSpecMixin;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.run.FullRun;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;
import org.loupe.engine.workspace.Workspace;

class TopicStepTest {
    @TempDir
    Path tmp;

    private static PipelineConfig config(StepCatalog catalog) {
        List<String> labels = List.of("sports", "food", "business");
        float[][] centroids;
        try (MiniLmEmbedder e = new MiniLmEmbedder(2, 64)) {
            centroids = new float[3][];
            centroids[0] = e.embed(List.of("football basketball team game season player coach match"))[0];
            centroids[1] = e.embed(List.of("recipe cooking food kitchen bake ingredients dinner taste"))[0];
            centroids[2] = e.embed(List.of("business company market customers services price sales"))[0];
        }
        StepConfig topic = StepConfig.of("topic").withParam("centroids", TopicStep.encode(centroids))
                .withParam("labels", labels).withParam("drop", List.of("food"));
        return PipelineConfig.of("topics", List.of(topic));
    }

    @Test
    void theCatalogFindsTheTopicStepAndAConfigWithItSavesAndLoadsBackEqual() throws Exception {
        StepCatalog catalog = DecidedSample.builtinCatalog();
        assertThat(catalog.type("topic")).isPresent();
        PipelineConfig c = config(catalog);
        ConfigLoader loader = new ConfigLoader(catalog);
        loader.check(c);
        assertThat(loader.parse(loader.toYaml(c), "t.yaml")).isEqualTo(c);
        assertThat(loader.parse(loader.toJson(c), "t.json")).isEqualTo(c);
        float[][] back = TopicStep.decode((String) c.steps().get(0).params().get("centroids"));
        assertThat(back).hasNumberOfRows(3);
        assertThat(back[0]).hasSize(384);
        assertThatThrownBy(() -> TopicStep.decode("")).hasMessageContaining("no centroids");
        assertThatThrownBy(() -> TopicStep.decode("AAAA")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theTopicFilterDecidesTheSameOnTheSampleAndInAFullRun() throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        StepCatalog catalog = DecidedSample.builtinCatalog();
        PipelineConfig c = config(catalog);
        ScanResult scan = new ShardScanner().scan(fixtures);
        Sample sample = new Workspace(tmp.resolve("ws")).openOrDraw(scan, new SampleSpecMixin().toSpec(), ReaderOptions.defaults(), 2,
                TaskContext.NONE);
        assertThat(sample.size()).isEqualTo(1107);
        Decisions d = DecidedSample.decide(sample, c, catalog, 2, TaskContext.NONE).decisions();
        Set<String> keptOnSample = new TreeSet<>();
        int removed = 0;
        for (int r = 0; r < sample.size(); r++) {
            if (d.kept(r)) {
                keptOnSample.add(sample.id(r));
            } else {
                removed++;
                assertThat(d.reason(r)).isEqualTo(TopicStep.DROPPED);
            }
        }
        assertThat(removed).as("documents nearest the food centroid").isBetween(10, 600);

        Path out = tmp.resolve("out");
        FullRun.RunResult result = new FullRun(c, catalog, new StepResources(EnglishTokenizer.shared(), LanguageIdentifier::lid176),
                ReaderOptions.defaults(), 2).run(scan, out, TaskContext.NONE);
        Set<String> keptInRun = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(out.resolve("kept"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        keptInRun.add(json.readTree(line).path("id").asText());
                    }
                }
            }
        }
        assertThat(result.kept()).isEqualTo(keptOnSample.size());
        assertThat(keptInRun).isEqualTo(keptOnSample);
    }
}
