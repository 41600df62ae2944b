package org.loupe.analysis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loupe.analysis.domain.DomainStats;
import org.loupe.engine.cli.CommandSupport;
import org.loupe.engine.cli.ConfigSource;
import org.loupe.engine.cli.DecidedSampleOpener;
import org.loupe.engine.cli.ReaderOptionsMixin;
import org.loupe.engine.cli.SampleSpecMixin;
import org.loupe.engine.cli.TerminalProgress;
import org.loupe.engine.cli.WorkspaceMixin;
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
 * {@code loupe domains DIR [--json]}: the registrable domains of a sample sorted by tokens, with documents,
 * tokens, what the pipeline keeps and what each step removes; also the exact URLs that occur more than once.
 */
@Command(name = "domains", mixinStandardHelpOptions = true,
        description = {"Top registrable domains of a sample by tokens (public-suffix aware), with what the pipeline keeps "
                + "and what each step removes.",
            "--json prints [{\"domain\", \"documents\", \"tokens\", \"kept_documents\", \"kept_tokens\", \"removed_by\": {step: documents}}]."})
public final class DomainsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to sample.")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ConfigSource source;

    @Option(names = "--limit", paramLabel = "K", description = "Domains to print (default: ${DEFAULT-VALUE}; 0 = all).")
    int limit = 50;

    @Option(names = "--by", paramLabel = "ORDER", description = "tokens or removal-rate (default: ${DEFAULT-VALUE}).")
    String by = "tokens";

    @Option(names = "--json", description = "Print the domains as a JSON array.")
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
        CommandSupport.range(spec.commandLine(), "--limit", limit, 0, Integer.MAX_VALUE);
        if (!by.equals("tokens") && !by.equals("removal-rate")) {
            throw new ParameterException(spec.commandLine(), "--by is tokens or removal-rate, not " + by);
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        try (DecidedSampleOpener.Opened opened = DecidedSampleOpener.open(spec.commandLine(), dir, sample, reader, workspace,
                source, progress)) {
            Sample s = opened.sample();
            DomainStats stats = DomainStats.of(s.size(), s::url, opened.decided().keys().tokens(), opened.decided().decisions());
            List<DomainStats.Domain> domains = by.equals("tokens") ? stats.byTokens() : stats.byRemovalRate();
            if (limit > 0 && domains.size() > limit) {
                domains = domains.subList(0, limit);
            }
            progress.finish(String.format("%,d domains in %,d documents", stats.byTokens().size(), s.size()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JSON.writeValueAsString(toJson(domains)));
            } else {
                out.printf("%-40s %10s %14s %10s %14s %8s  %s%n", "domain", "documents", "tokens", "kept docs", "kept tokens",
                        "removed", "removed by");
                for (DomainStats.Domain d : domains) {
                    out.printf("%-40s %,10d %,14d %,10d %,14d %7.1f%%  %s%n", d.domain(), d.documents(), d.tokens(),
                            d.keptDocuments(), d.keptTokens(), 100 * d.removalRate(), removed(d.removedBy()));
                }
                if (!stats.repeatedUrls().isEmpty()) {
                    out.printf("%nURLs in more than one document:%n");
                    stats.repeatedUrls().stream().limit(20).forEach(u -> out.printf("%,6d  %s%n", u.documents(), u.url()));
                }
            }
            out.flush();
            return 0;
        }
    }

    static ArrayNode toJson(List<DomainStats.Domain> domains) {
        ArrayNode a = JSON.createArrayNode();
        for (DomainStats.Domain d : domains) {
            ObjectNode o = a.addObject();
            o.put("domain", d.domain());
            o.put("documents", d.documents());
            o.put("tokens", d.tokens());
            o.put("kept_documents", d.keptDocuments());
            o.put("kept_tokens", d.keptTokens());
            ObjectNode r = o.putObject("removed_by");
            d.removedBy().forEach(r::put);
        }
        return a;
    }

    private static String removed(Map<String, Long> by) {
        StringBuilder b = new StringBuilder();
        by.forEach((k, v) -> {
            if (v > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return b.toString();
    }
}
