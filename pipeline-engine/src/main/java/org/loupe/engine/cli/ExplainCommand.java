package org.loupe.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.run.Explainer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe explain}: for every document of a shard or folder, what each step of a pipeline measures
 * and decides, and what the pipeline does (first failing step, final text). One JSON object per line.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a pipeline document by document: every step's keep/reason/metrics (and rewritten text), "
                + "the pipeline's decision and final text, as JSON lines.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one document was explained", CliErrors.EXIT_NOTHING_READ, CliErrors.EXIT_USAGE})
public final class ExplainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigSource source;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A shard or a folder of shards.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSON lines (never inside the input folder).")
    Path out;

    @Option(names = "--independent", description = "Evaluate every step on the original text (not the text earlier steps hand on).")
    boolean independent;

    @Option(names = "--disable", split = ",", paramLabel = "STEP", description = "Steps to disable (names; unknown names are reported and ignored).")
    List<String> disable = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Measuring threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    ReaderOptionsMixin reader = new ReaderOptionsMixin();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        // Every mistake in the arguments is reported before a model is loaded or anything is read.
        CommandSupport.threads(spec.commandLine(), "--threads", threads);
        reader.check(spec.commandLine());
        ScanResult scan = CommandSupport.scan(spec, input);
        CommandSupport.writable(spec.commandLine(), "--out", out, CommandSupport.base(input), false);
        LanguageIdentifier[] lid = new LanguageIdentifier[1];
        Set<String> codes = new HashSet<>();
        PipelineConfig config = loadConfig(codes);
        StepCatalog withoutLabels = BuiltinSteps.catalog(Set.of());
        boolean needsLid = config.steps().stream().anyMatch(s -> s.enabled()
                && withoutLabels.type(s.type()).map(org.loupe.engine.pipeline.StepType::usesLanguageModel).orElse(false));
        if (needsLid) {
            lid[0] = LanguageIdentifier.lid176();
            codes.addAll(new LanguageMeasure(lid[0]).codes());
        }
        StepCatalog catalog = BuiltinSteps.catalog(codes);
        new ConfigLoader(catalog).check(config);

        List<Document> docs = new ArrayList<>();
        for (Shard shard : scan.shards()) {
            try (DocumentReader r = ShardReaders.open(shard, reader.toOptions(), p -> err.println("problem: " + p.where() + " " + p.kind().jsonName() + ": " + p.message()))) {
                Document d;
                while ((d = r.next()) != null) {
                    docs.add(d);
                }
            }
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        StepResources measures = new StepResources(EnglishTokenizer.shared(), () -> lid[0]);
        List<ObjectNode> lines = new Explainer(config, catalog, measures, threads).explain(docs, independent, progress);
        AtomicFiles.write(out, raw -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(SampleCommand.compressed(raw, out.getFileName().toString()), StandardCharsets.UTF_8));
            for (ObjectNode o : lines) {
                w.write(JSON.writeValueAsString(o));
                w.write('\n');
            }
            w.flush();
            w.close();
        });
        long kept = lines.stream().filter(o -> o.get("keep").asBoolean()).count();
        progress.finish(String.format("Explained %,d documents: %,d kept", lines.size(), kept));
        spec.commandLine().getOut().printf("%,d documents explained, %,d kept, written to %s%n", lines.size(), kept, out);
        spec.commandLine().getOut().flush();
        if (lines.isEmpty()) {
            throw CliErrors.nothingRead(input, String.format("%,d shards, %,d files not shards", scan.shards().size(),
                    scan.problems().size()));
        }
        return 0;
    }

    private PipelineConfig loadConfig(Set<String> codes) throws Exception {
        PipelineConfig config;
        config = source.load(spec.commandLine(), BuiltinSteps.catalog(codes));
        Set<String> names = new HashSet<>();
        config.steps().forEach(s -> names.add(s.stepName()));
        for (String d : disable) {
            if (!names.contains(d)) {
                spec.commandLine().getErr().println("note: --disable " + d + ": the pipeline has no step of that name; ignored");
            }
        }
        List<StepConfig> steps = new ArrayList<>();
        for (StepConfig s : config.steps()) {
            steps.add(disable.contains(s.stepName()) ? s.withEnabled(false) : s);
        }
        return config.withSteps(steps);
    }
}
