package org.loupe.index.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loupe.engine.cli.CommandSupport;
import org.loupe.engine.cli.ConfigSource;
import org.loupe.engine.cli.DecidedSample;
import org.loupe.engine.cli.DecidedSampleOpener;
import org.loupe.engine.cli.ReaderOptionsMixin;
import org.loupe.engine.cli.SampleSpecMixin;
import org.loupe.engine.cli.TerminalProgress;
import org.loupe.engine.cli.WorkspaceMixin;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.sample.Sample;
import org.loupe.index.Hit;
import org.loupe.index.QuerySyntaxException;
import org.loupe.index.RowStatus;
import org.loupe.index.SampleIndex;
import org.loupe.index.SearchRequest;
import org.loupe.index.SearchResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loupe search DIR "query"}: draws (or reopens) a sample of a folder in the workspace, measures and decides a
 * pipeline over it, opens or builds the sample's index, and prints the matching documents with their status under
 * the pipeline, facets and highlighted snippets.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search a sample of a folder (Lucene query syntax: terms, \"phrases\", AND/OR/NOT, wildcards, "
                + "url:, domain:, language:, id:), with each hit's status under a pipeline (default preset: fineweb).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:documents matched", "1:no document matched, or nothing could be read",
            "2:bad arguments or query: an unknown option, preset, step or token encoding, a value out of range, "
                + "a missing input or config, a workspace inside the input or not writable"})
public final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to sample and search.")
    Path dir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "QUERY", description = "The query; empty matches every document.")
    String query = "";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ConfigSource source;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only documents kept, removed, or removed by this step.")
    String status;

    @Option(names = "--domain", paramLabel = "HOST", description = "Only documents of this host.")
    String domain;

    @Option(names = "--language", paramLabel = "CODE", description = "Only documents of this language (e.g. en).")
    String language;

    @Option(names = "--limit", paramLabel = "K", description = "Hits to print (default: ${DEFAULT-VALUE}).")
    int limit = SearchRequest.DEFAULT_LIMIT;

    @Option(names = "--offset", paramLabel = "N", description = "Hits to skip (default: ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--json", description = "Print one JSON object: total, facets, hits.")
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
        CommandSupport.range(spec.commandLine(), "--offset", offset, 0, Integer.MAX_VALUE);
        TerminalProgress progress = TerminalProgress.onStderr();
        try (DecidedSampleOpener.Opened opened = DecidedSampleOpener.open(spec.commandLine(), dir, sample, reader, workspace,
                source, progress)) {
            Sample s = opened.sample();
            DecidedSample decided = opened.decided();
            PipelineConfig config = opened.config();
            int threads = opened.threads();
            String[] languages = DecidedSample.languages(s, threads, progress);
            try (SampleIndex index = SampleIndex.openOrBuild(s, languages, progress)) {
                SearchRequest request = SearchRequest.of(query).withStatus(status).withDomain(domain).withLanguage(language)
                        .withPage(offset, limit);
                SearchResult result;
                try {
                    result = index.search(request, RowStatus.of(decided.decisions()));
                } catch (QuerySyntaxException | IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage(), e);
                }
                progress.finish(String.format("%,d of %,d documents match", result.total(), s.size()));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(JSON.writeValueAsString(toJson(result)));
                } else {
                    print(out, result, config.name());
                }
                out.flush();
                return result.total() > 0 ? 0 : 1;
            }
        }
    }

    /** The result as the {@code --json} object. */
    static ObjectNode toJson(SearchResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("total", r.total());
        o.put("took_ms", r.tookMicros() / 1000.0);
        ObjectNode facets = o.putObject("facets");
        put(facets.putObject("status"), r.statusFacet());
        put(facets.putObject("domain"), r.domainFacet());
        put(facets.putObject("language"), r.languageFacet());
        ArrayNode hits = o.putArray("hits");
        for (Hit h : r.hits()) {
            ObjectNode x = hits.addObject();
            x.put("row", h.row());
            x.put("id", h.id());
            x.put("url", h.url());
            x.put("domain", h.domain());
            x.put("language", h.language());
            x.put("score", h.score());
            x.put("status", h.status());
            x.put("reason", h.reason());
            x.put("snippet", h.snippet().marked());
        }
        return o;
    }

    private static void put(ObjectNode o, Map<String, Long> facet) {
        facet.forEach(o::put);
    }

    private void print(PrintWriter out, SearchResult r, String configName) {
        out.printf("%,d documents match%s (%s)%n", r.total(), query.isBlank() ? "" : " \"" + query + "\"", configName);
        out.println("  status:   " + facet(r.statusFacet()));
        out.println("  domain:   " + facet(r.domainFacet()));
        out.println("  language: " + facet(r.languageFacet()));
        int i = offset;
        for (Hit h : r.hits()) {
            out.printf("%n%3d. [%s%s] %s  %s  (score %.2f)%n", ++i, h.status(), h.reason() == null ? "" : ": " + h.reason(),
                    h.id(), h.url() == null ? "" : h.url(), h.score());
            StringBuilder b = new StringBuilder();
            String text = h.snippet().text();
            int at = 0;
            for (int[] m : h.snippet().matches()) {
                b.append(text, at, m[0]).append('[').append(text, m[0], m[1]).append(']');
                at = m[1];
            }
            b.append(text, at, text.length());
            out.println("     " + b);
        }
    }

    private static String facet(Map<String, Long> f) {
        StringBuilder b = new StringBuilder();
        f.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%,d", v)));
        return b.length() == 0 ? "-" : b.toString();
    }
}
