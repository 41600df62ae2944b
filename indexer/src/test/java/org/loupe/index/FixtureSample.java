package org.loupe.index;

import java.io.IOException;
import java.nio.file.Path;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;
import org.loupe.engine.workspace.Workspace;
import org.loupe.engine.cli.DecidedSample;

/** The 1,107 reference documents (real web text) drawn whole as a sample, measured and decided by FineWeb. */
final class FixtureSample {
    final Sample sample;
    final DecidedSample decided;
    final String[] languages;
    final PipelineConfig config = Presets.require(Presets.FINEWEB);

    private FixtureSample(Sample sample, DecidedSample decided, String[] languages) {
        this.sample = sample;
        this.decided = decided;
        this.languages = languages;
    }

    /** The documents copied to {@code dir/golden} and drawn into the workspace {@code dir/ws}. */
    static FixtureSample open(Path dir) throws IOException {
        Path file = Golden.fixtures(dir.resolve("golden"));
        Sample s = new Workspace(dir.resolve("ws")).openOrDraw(new ShardScanner().scan(file), SampleSpec.ofSize(100_000, 42),
                ReaderOptions.defaults(), 2, TaskContext.NONE);
        PipelineConfig config = Presets.require(Presets.FINEWEB);
        DecidedSample d = DecidedSample.decide(s, config, DecidedSample.builtinCatalog(), 2, TaskContext.NONE);
        return new FixtureSample(s, d, DecidedSample.languages(s, 2, TaskContext.NONE));
    }

    String text(int row) {
        return sample.document(row).text();
    }
}
