package org.loupe.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.pipeline.ConfigException;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.report.DuplicatesSummary;
import org.loupe.engine.sample.Sample;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loupe dedup DIR [--preset NAME | --config FILE] [--json] [--limit N]}: opens the folder's sample as
 * {@code explain} and {@code domains} do, decides the pipeline (FineWeb with MinHash when none is given), and
 * for every dedup step prints its groups of copies, largest first (id, size, survivor, members with id, URL,
 * domain and, for MinHash, the estimated Jaccard similarity to the survivor) and its totals (documents given,
 * clusters, documents and tokens removed). A pipeline without a dedup step is a usage error (exit 2).
 */
@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = {"The duplicate clusters a pipeline's dedup steps find in a sample: per step the documents it is given, "
                + "its clusters (largest first) with their survivor and members, and what it removes.",
            "--json prints {\"config\", \"documents\", \"steps\": [{\"step\", \"type\", \"documents\", \"clusters\", \"removed\", "
                + "\"removed_tokens\", \"largest\": [{\"id\", \"size\", \"survivor\", \"members\": [{\"id\", \"url\", \"domain\", "
                + "\"removed\", \"jaccard\"}]}]}]}."})
public final class DedupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to sample.")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ConfigSource source;

    @Option(names = "--limit", paramLabel = "N", description = "Clusters to print per step, largest first (default: ${DEFAULT-VALUE}; 0 = all).")
    int limit = 20;

    @Option(names = "--json", description = "Print the clusters and totals as JSON.")
    boolean json;

    @Mixin
    SampleSpecMixin sample = new SampleSpecMixin();

    @Mixin
    ReaderOptionsMixin reader = new ReaderOptionsMixin();

    @Mixin
    WorkspaceMixin workspace = new WorkspaceMixin();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must not be negative (0 prints every cluster)");
        }
        DecidedSampleOpener.check(spec.commandLine(), dir, sample, reader, workspace);
        PipelineConfig config = source == null ? Presets.require(Presets.FINEWEB_MINHASH)
                : source.load(spec.commandLine(), BuiltinSteps.catalog(Set.of()));
        StepCatalog catalog = catalogFor(config);
        try {
            new ConfigLoader(catalog).check(config);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), CliErrors.oneLine(e.getMessage()), e);
        }
        boolean hasDedup = config.steps().stream().anyMatch(s -> s.enabled()
                && catalog.type(s.type()).map(StepType::decidesOverEarlierKept).orElse(false));
        if (!hasDedup) {
            List<String> dedupTypes = catalog.types().values().stream().filter(StepType::decidesOverEarlierKept).map(StepType::name).toList();
            throw new UserError(CliErrors.USAGE, "the pipeline '" + config.name() + "' has no enabled dedup step (one of "
                    + String.join(", ", dedupTypes) + "): there are no duplicates to show");
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        try (DecidedSampleOpener.Opened opened = DecidedSampleOpener.open(spec.commandLine(), dir, sample, reader, workspace,
                config, catalog, progress)) {
            Sample s = opened.sample();
            List<DuplicatesSummary> steps = DuplicatesSummary.of(opened.decided().decisions(), opened.decided().table(),
                    s::id, s::url, limit);
            progress.finish(String.format("%,d documents, %d dedup step%s", s.size(), steps.size(), steps.size() == 1 ? "" : "s"));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JSON.writeValueAsString(toJson(config, s.size(), steps)));
            } else {
                print(out, steps);
            }
            out.flush();
            return 0;
        }
    }

    /** The built-in steps, with the language model's codes only when the config measures languages. */
    private static StepCatalog catalogFor(PipelineConfig config) {
        StepCatalog plain = BuiltinSteps.catalog(Set.of());
        boolean needsLid = config.steps().stream().anyMatch(s -> s.enabled()
                && plain.type(s.type()).map(StepType::usesLanguageModel).orElse(false));
        if (!needsLid) {
            return plain;
        }
        return BuiltinSteps.catalog(new HashSet<>(new LanguageMeasure(LanguageIdentifier.lid176()).codes()));
    }

    private static void print(PrintWriter out, List<DuplicatesSummary> steps) {
        for (DuplicatesSummary d : steps) {
            out.printf("%s (%s): %,d documents given, %,d clusters, %,d removed (%,d tokens)%n", d.step(), d.type(),
                    d.documents(), d.clusters(), d.removed(), d.removedTokens());
            for (DuplicatesSummary.Cluster c : d.largest()) {
                out.printf("  cluster %d: %d documents, survivor %s%n", c.id(), c.size(), c.survivor().id());
                for (DuplicatesSummary.Member m : c.members()) {
                    out.printf("    %s %-40s %-32s %-60s%s%n", m.removed() ? "-" : "+", m.id(),
                            m.domain() == null ? "(no url)" : m.domain(), m.url() == null ? "" : m.url(),
                            Double.isNaN(m.jaccard()) ? "" : String.format(" J=%.3f", m.jaccard()));
                }
            }
            if (d.largest().size() < d.clusters()) {
                out.printf("  ... %,d more clusters (--limit 0 lists all)%n", d.clusters() - d.largest().size());
            }
        }
    }

    static ObjectNode toJson(PipelineConfig config, int documents, List<DuplicatesSummary> steps) {
        ObjectNode root = JSON.createObjectNode();
        root.put("config", config.name());
        root.put("documents", documents);
        ArrayNode a = root.putArray("steps");
        for (DuplicatesSummary d : steps) {
            ObjectNode o = a.addObject();
            o.put("step", d.step());
            o.put("type", d.type());
            o.put("documents", d.documents());
            o.put("clusters", d.clusters());
            o.put("removed", d.removed());
            o.put("removed_tokens", d.removedTokens());
            ArrayNode largest = o.putArray("largest");
            for (DuplicatesSummary.Cluster c : d.largest()) {
                ObjectNode co = largest.addObject();
                co.put("id", c.id());
                co.put("size", c.size());
                co.put("survivor", c.survivor().id());
                ArrayNode members = co.putArray("members");
                for (DuplicatesSummary.Member m : c.members()) {
                    ObjectNode mo = members.addObject();
                    mo.put("id", m.id());
                    mo.put("url", m.url());
                    mo.put("domain", m.domain());
                    mo.put("removed", m.removed());
                    if (Double.isNaN(m.jaccard())) {
                        mo.putNull("jaccard");
                    } else {
                        mo.put("jaccard", m.jaccard());
                    }
                }
            }
        }
        return root;
    }
}
