package org.loupe.engine.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What the commands that look at a decided sample ({@code search}, {@code domains}) start from: scan DIR,
 * open the stored sample or draw it in the workspace, measure and decide the config (FineWeb when none is
 * given), with progress on stderr. Bad arguments become usage errors (exit 2).
 */
public final class DecidedSampleOpener {
    private DecidedSampleOpener() {
    }

    /** An open sample with its decisions; closing it closes the sample. */
    public record Opened(Sample sample, DecidedSample decided, PipelineConfig config, int threads)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            sample.close();
        }
    }

    /**
     * Checks the shared arguments before anything is loaded: DIR exists, the sample, reader and workspace options
     * are in range, the workspace is writable and outside DIR. Bad ones are usage errors naming the option.
     */
    public static ScanResult check(CommandLine cli, Path dir, SampleSpecMixin sample, ReaderOptionsMixin reader,
                                   WorkspaceMixin workspace) throws IOException {
        sample.check(cli);
        reader.check(cli);
        ScanResult scan = CommandSupport.scan(cli, dir);
        workspace.check(cli, CommandSupport.base(dir));
        return scan;
    }

    public static Opened open(CommandLine cli, Path dir, SampleSpecMixin sample, ReaderOptionsMixin reader,
                              WorkspaceMixin workspace, ConfigSource source, TerminalProgress progress) throws IOException {
        check(cli, dir, sample, reader, workspace);
        StepCatalog catalog = DecidedSample.builtinCatalog();
        PipelineConfig config = source == null ? Presets.require(Presets.FINEWEB) : source.load(cli, catalog);
        return open(cli, dir, sample, reader, workspace, config, catalog, progress);
    }

    /** As {@link #open(CommandLine, Path, SampleSpecMixin, ReaderOptionsMixin, WorkspaceMixin, ConfigSource,
     * TerminalProgress)}, with a config already loaded and checked against {@code catalog}. */
    public static Opened open(CommandLine cli, Path dir, SampleSpecMixin sample, ReaderOptionsMixin reader,
                              WorkspaceMixin workspace, PipelineConfig config, StepCatalog catalog,
                              TerminalProgress progress) throws IOException {
        ScanResult scan = check(cli, dir, sample, reader, workspace);
        SampleSpec sampleSpec;
        ReaderOptions options;
        try {
            sampleSpec = sample.toSpec();
            options = reader.toOptions();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage(), e);
        }
        try {
            org.loupe.engine.sample.Sampler.select(scan, sampleSpec);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, "--shards: " + e.getMessage(), e);
        }
        int threads = workspace.threads();
        Sample s = workspace.toWorkspace().openOrDraw(scan, sampleSpec, options, threads, progress);
        if (s.size() == 0) {
            var stats = s.manifest().stats();
            s.close();
            progress.clear();
            throw CliErrors.nothingRead(dir, String.format("%,d shards, %,d files not shards, %,d problems (see loupe inspect %s)",
                    scan.shards().size(), scan.problems().size(), stats.problems(), dir));
        }
        try {
            progress.message("Measuring " + config.name());
            return new Opened(s, DecidedSample.decide(s, config, catalog, threads, progress), config, threads);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
