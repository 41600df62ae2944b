package org.loupe.engine.run;

import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.workspace.Workspace;

class SampleMeasurementsTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());

    @TempDir
    Path tmp;

    /** Records which steps were measured. */
    private static final class Recording implements TaskContext {
        final List<String> messages = new ArrayList<>();

        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void message(String message) {
            messages.add(message);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    private Sample sample() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            String text = ("Line " + i + " has several words in it and ends well.\\nAnother line of text here about things "
                    + i + ".\\nshort\\n").repeat(1 + i % 4);
            jsonl.append("{\"id\":\"d").append(i).append("\",\"text\":\"").append(text).append("\"}\n");
        }
        Files.writeString(in.resolve("a.jsonl"), jsonl);
        return new Workspace(tmp.resolve("ws")).openOrDraw(new ShardScanner().scan(in), SampleSpec.ofSize(100, 1),
                ReaderOptions.defaults(), 2, TaskContext.NONE);
    }

    private static PipelineConfig config(int minWordsPerLine, int minDocWords) {
        return PipelineConfig.of("t", List.of(
                StepConfig.of("gopher_quality").withParam("min_doc_words", minDocWords),
                StepConfig.of("c4_quality").withParam("min_words_per_line", minWordsPerLine),
                StepConfig.of("fineweb_quality")));
    }

    @Test
    void measuresOnceThenReusesAndRemeasuresOnlyWhatAMeasureChangeAffects() throws Exception {
        try (Sample sample = sample()) {
            StepResources measures = new StepResources(EnglishTokenizer.shared(), () -> null);
            SampleMeasurements m = new SampleMeasurements(sample, CATALOG, measures, 2);

            Recording first = new Recording();
            MetricTable a = m.measure(config(3, 50), first);
            assertThat(first.messages).containsExactly("Measuring gopher_quality, c4_quality, fineweb_quality");

            // Same values as measuring directly with the chained measurer.
            MetricTable direct = new MetricTable(sample.size());
            List<Measurer.Step> steps = new ArrayList<>();
            for (StepConfig s : config(3, 50).steps()) {
                steps.add(new Measurer.Step(s.stepName(), measures.create(CATALOG.type(s.type()).orElseThrow(), s)));
            }
            new Measurer(1, measures::words).measure(sample.size(), row -> sample.document(row).text(), steps, false, direct,
                    TaskContext.NONE);
            assertThat(a).isEqualTo(direct);

            Recording threshold = new Recording();
            assertThat(m.measure(config(3, 10), threshold)).isEqualTo(a);
            assertThat(threshold.messages).as("a threshold change measures nothing").isEmpty();

            Recording edit = new Recording();
            MetricTable b = m.measure(config(1, 50), edit);
            assertThat(edit.messages).as("C4 and the step after it, which sees C4's text")
                    .containsExactly("Measuring c4_quality, fineweb_quality");
            assertThat(b.column("gopher_quality.avg_word_length")).isEqualTo(a.column("gopher_quality.avg_word_length"));
            try (Stream<Path> files = Files.list(sample.directory().resolve("metrics"))) {
                assertThat(files.count()).isEqualTo(5);
            }
        }
    }

    @Test
    void tokenCountsAreCachedPerEncoding() throws Exception {
        try (Sample sample = sample()) {
            SampleMeasurements m = new SampleMeasurements(sample, CATALOG, new StepResources(EnglishTokenizer.shared(), () -> null), 2);
            long[] r50 = m.tokens("r50k_base", TaskContext.NONE);
            long[] cl100 = m.tokens("cl100k_base", TaskContext.NONE);
            assertThat(r50).hasSize(sample.size());
            assertThat(java.util.Arrays.stream(r50).min().orElseThrow()).isPositive();
            assertThat(m.tokens("r50k_base", TaskContext.NONE)).isEqualTo(r50);
            assertThat(cl100).hasSize(sample.size());
            assertThat(sample.directory().resolve("metrics/tokens-r50k_base.bin")).isRegularFile();
            assertThat(sample.directory().resolve("metrics/tokens-cl100k_base.bin")).isRegularFile();
        }
    }
}
