package org.loupe.engine.cli;

import java.nio.file.Path;
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
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.run.FullRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe run}: a pipeline config over a whole folder, headless, resumable. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline over every shard of a folder: kept documents, removed documents per step with their "
                + "reason, problems, and run_result.json. Resumable: a rerun skips the shards already done.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every shard done", "1:a shard failed (e.g. conservation)", "2:bad arguments or config"})
public final class RunCommand implements Callable<Integer> {
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
        LanguageIdentifier[] lid = new LanguageIdentifier[1];
        Set<String> codes = new HashSet<>();
        if (source.needsLanguageModel(spec.commandLine(), BuiltinSteps.catalog(Set.of()))) {
            lid[0] = LanguageIdentifier.lid176();
            codes.addAll(new LanguageMeasure(lid[0]).codes());
        }
        PipelineConfig config = source.load(spec.commandLine(), BuiltinSteps.catalog(codes));
        StepCatalog catalog = BuiltinSteps.catalog(codes);
        ScanResult scan = new ShardScanner().scan(input);
        ReaderOptions options = ReaderOptions.defaults();
        if (config.fieldMapping() != null) {
            options = options.withFieldMapping(new FieldMapping(config.fieldMapping().text(), config.fieldMapping().id(),
                    config.fieldMapping().url()));
        }
        FullRun run = new FullRun(config, catalog, new StepResources(EnglishTokenizer.shared(), () -> lid[0]), options,
                threads);
        if (run.unsupported() != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), run.unsupported() + ".");
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        FullRun.RunResult r = run.run(scan, output, progress);
        progress.finish(String.format("Ran %,d shards (%,d already done): %,d of %,d documents kept", r.shards(),
                r.shardsSkipped(), r.kept(), r.documents()));
        var out = spec.commandLine().getOut();
        out.printf("%,d documents read, %,d kept (%,d tokens); removed: %s; %,d problems; results in %s%n",
                r.documents(), r.kept(), r.keptTokens(), r.removed(), r.problems(), output.resolve("run_result.json"));
        out.flush();
        return 0;
    }
}
