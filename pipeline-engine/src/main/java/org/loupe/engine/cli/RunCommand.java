package org.loupe.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.read.FieldMapping;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.run.FullRun;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loupe run}: a pipeline config over a whole folder, headless, resumable. Every argument is checked before
 * anything is loaded or written; the folder's files that are not shards are problems of the run (as
 * {@code inspect} reports them); Ctrl+C stops the run at its next batch and says what was finished.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline over every shard of a folder: kept documents, removed documents per step with their "
                + "reason, problems (also the files that are not shards), and run_result.json. Resumable: a rerun skips "
                + "the shards already done, also after Ctrl+C.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every shard done", "1:nothing could be read, or a shard failed (e.g. conservation)",
            CliErrors.EXIT_USAGE, "130:interrupted (Ctrl+C); rerun the same command to resume"})
public final class RunCommand implements Callable<Integer> {
    /** The exit code of a run stopped by Ctrl+C (128 + SIGINT), as shells report it. */
    static final int INTERRUPTED = 130;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigSource source;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder (or shard) to run over; only read.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (never inside the input).")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Shards processed at once (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        CommandSupport.threads(cli, "--threads", threads);
        ScanResult scan = CommandSupport.scan(cli, input);
        CommandSupport.writable(cli, "--output", output, CommandSupport.base(input), true);
        LanguageIdentifier[] lid = new LanguageIdentifier[1];
        Set<String> codes = new HashSet<>();
        if (source.needsLanguageModel(cli, BuiltinSteps.catalog(Set.of()))) {
            lid[0] = LanguageIdentifier.lid176();
            codes.addAll(new LanguageMeasure(lid[0]).codes());
        }
        PipelineConfig config = source.load(cli, BuiltinSteps.catalog(codes));
        StepCatalog catalog = BuiltinSteps.catalog(codes);
        ReaderOptions options = ReaderOptions.defaults();
        if (config.fieldMapping() != null) {
            options = options.withFieldMapping(new FieldMapping(config.fieldMapping().text(), config.fieldMapping().id(),
                    config.fieldMapping().url()));
        }
        FullRun run = new FullRun(config, catalog, new StepResources(EnglishTokenizer.shared(), () -> lid[0]), options,
                threads);
        String refused = run.refusal(scan, output);
        if (refused != null) {
            throw new ParameterException(cli, refused);
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        FullRun.RunResult r;
        try (Interruption interruption = new Interruption(progress, () -> CliErrors.name(cli) + ": interrupted; "
                + run.finished(scan, output) + " (in " + output + "); rerun the same command to resume")) {
            try {
                r = run.run(scan, output, progress);
            } catch (CancellationException e) {
                if (progress.isCancelled()) {
                    return INTERRUPTED;
                }
                throw e;
            }
        }
        progress.finish(String.format("Ran %,d shards (%,d already done): %,d of %,d documents kept", r.shards(),
                r.shardsSkipped(), r.kept(), r.documents()));
        var out = cli.getOut();
        out.printf("%,d documents read, %,d kept (%,d tokens); removed: %s; %,d problems%s; results in %s%n",
                r.documents(), r.kept(), r.keptTokens(), r.removed(), r.problems(),
                r.unreadableFiles() == 0 ? "" : String.format(" (%,d files not read, listed in %s)", r.unreadableFiles(),
                        output.resolve("problems").resolve("folder.jsonl")),
                output.resolve("run_result.json"));
        out.flush();
        if (r.documents() == 0) {
            throw CliErrors.nothingRead(input, String.format("%,d shards, %,d files not shards, %,d problems (see %s)",
                    r.shards(), r.unreadableFiles(), r.problems(), output.resolve("problems")));
        }
        return 0;
    }

    /**
     * While open, Ctrl+C (the JVM's shutdown) cancels the run, waits for it to stop at its next batch (its
     * unfinished shard's temporary files removed), and prints what was finished.
     */
    static final class Interruption implements AutoCloseable {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread hook;

        Interruption(TerminalProgress progress, java.util.function.Supplier<String> report) {
            hook = new Thread(() -> {
                progress.cancel();
                try {
                    stopped.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                progress.clear();
                System.err.println(report.get());
                System.err.flush();
            }, "loupe-run-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it reports the interruption
            }
        }
    }
}
