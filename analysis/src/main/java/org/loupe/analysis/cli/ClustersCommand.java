package org.loupe.analysis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.analysis.cluster.Clustering;
import org.loupe.analysis.cluster.UmapLayout;
import org.loupe.analysis.embed.EmbeddingStore;
import org.loupe.analysis.embed.MiniLmEmbedder;
import org.loupe.analysis.embed.TfIdfVectors;
import org.loupe.analysis.topic.TopicStep;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.cli.CommandSupport;
import org.loupe.engine.cli.ConfigSource;
import org.loupe.engine.cli.DecidedSampleOpener;
import org.loupe.engine.cli.ReaderOptionsMixin;
import org.loupe.engine.cli.SampleSpecMixin;
import org.loupe.engine.cli.TerminalProgress;
import org.loupe.engine.cli.WorkspaceMixin;
import org.loupe.engine.sample.Sample;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loupe clusters DIR [--docs N] [--json]}: embeds the sample's documents (all-MiniLM-L6-v2, cached in
 * the workspace), lays them out with UMAP, clusters them, labels each cluster with its most distinctive
 * words and says what the pipeline removes from each.
 */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = {"Clusters of a sample's documents (all-MiniLM-L6-v2 embeddings, UMAP map, DBSCAN or k-means, c-TF-IDF "
                + "labels) with what the pipeline removes from each.",
            "--json prints {\"documents\", \"clusters\": [{\"id\", \"label\", \"size\", \"tokens\", \"removed_fraction\", "
                + "\"removed_by\": {step: documents}}], \"noise\", \"sample_removed_fraction\"}."})
public final class ClustersCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to sample.")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ConfigSource source;

    @Option(names = "--docs", paramLabel = "N", description = "Documents of the sample to cluster (a seeded subset when "
            + "the sample is larger; default: ${DEFAULT-VALUE}).")
    int docs = 20_000;

    @Option(names = "--method", paramLabel = "M", description = "dbscan (on the map) or kmeans (on the embeddings) (default: ${DEFAULT-VALUE}).")
    String method = "dbscan";

    @Option(names = "--eps", paramLabel = "R", description = "DBSCAN radius in map units (default: from the map's density).")
    double eps;

    @Option(names = "--min-points", paramLabel = "N", description = "DBSCAN minimum neighbours (default: 1%% of documents, 5..50).")
    int minPoints;

    @Option(names = "--k", paramLabel = "K", description = "k-means clusters (default: sqrt(documents / 2), at most 40).")
    int k;

    @Option(names = "--text-clustering", description = "text-clustering's preset: DBSCAN eps 0.08, min_samples 50.")
    boolean textClustering;

    @Option(names = "--map-seed", paramLabel = "S", description = "Seed of the map and the clustering (default: ${DEFAULT-VALUE}).")
    long mapSeed = 42;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Word pieces of each document embedded (default: ${DEFAULT-VALUE}).")
    int maxTokens = 48;

    @Option(names = "--vectors", paramLabel = "V", description = "minilm (all-MiniLM-L6-v2 embeddings, cached) or tfidf "
            + "(TF-IDF sketched and reduced: fast, for very large samples) (default: ${DEFAULT-VALUE}).")
    String vectors = "minilm";

    @Option(names = "--drop", paramLabel = "ID", split = ",", description = "Cluster ids to remove with a topic step "
            + "(nearest centroid over the embeddings), written with --topic-config.")
    List<Integer> drop = new ArrayList<>();

    @Option(names = "--topic-config", paramLabel = "FILE", description = "Write the pipeline config (--preset/--config) with a "
            + "topic step that drops the --drop clusters (YAML, or JSON for a .json name); `loupe run --config FILE` applies it.")
    Path topicConfig;

    @Option(names = "--json", description = "Print the clusters as JSON.")
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
        Clustering.Options clustering;
        try {
            clustering = textClustering ? Clustering.Options.textClustering(mapSeed)
                    : new Clustering.Options(Clustering.Method.parse(method), eps, minPoints, k, mapSeed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--method is dbscan or kmeans, not " + method);
        }
        if (!vectors.equals("minilm") && !vectors.equals("tfidf")) {
            throw new ParameterException(spec.commandLine(), "--vectors is minilm or tfidf, not " + vectors);
        }
        if (topicConfig != null && (drop.isEmpty() || vectors.equals("tfidf"))) {
            throw new ParameterException(spec.commandLine(), "--topic-config needs --drop IDS and MiniLM vectors");
        }
        CommandLine cli = spec.commandLine();
        CommandSupport.range(cli, "--docs", docs, 3, Integer.MAX_VALUE);
        CommandSupport.range(cli, "--max-tokens", maxTokens, 8, 256);
        CommandSupport.range(cli, "--eps", eps, 0, Double.MAX_VALUE);
        CommandSupport.range(cli, "--min-points", minPoints, 0, Integer.MAX_VALUE);
        CommandSupport.range(cli, "--k", k, 0, Integer.MAX_VALUE);
        for (int id : drop) {
            CommandSupport.range(cli, "--drop", id, 0, Integer.MAX_VALUE);
        }
        // Before any model is loaded or anything read.
        DecidedSampleOpener.check(cli, dir, sample, reader, workspace);
        if (topicConfig != null) {
            CommandSupport.writable(cli, "--topic-config", topicConfig, CommandSupport.base(dir), false);
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        try (DecidedSampleOpener.Opened opened = DecidedSampleOpener.open(spec.commandLine(), dir, sample, reader, workspace,
                source, progress)) {
            Sample s = opened.sample();
            int[] rows = ClusterMap.subset(s.size(), docs, mapSeed);
            float[][] vectors;
            if (this.vectors.equals("tfidf")) {
                vectors = TfIdfVectors.compute(rows.length, i -> s.document(rows[i]).text(), 256, mapSeed, opened.threads(), progress);
            } else {
                try (MiniLmEmbedder embedder = new MiniLmEmbedder(opened.threads(), maxTokens)) {
                    vectors = EmbeddingStore.embed(s.directory(), s.size(), rows, r -> s.document(r).text(), embedder, progress);
                }
            }
            ClusterMap.Options options = new ClusterMap.Options(20_000, UmapLayout.Options.defaults(mapSeed), clustering, 5);
            ClusterMap map = ClusterMap.cached(s.directory().resolve("maps"), vectors, i -> s.document(rows[i]).text(), options,
                    opened.threads(), progress);
            ClusterStats stats = ClusterStats.of(map, rows, opened.decided().keys().tokens(), opened.decided().decisions());
            if (topicConfig != null) {
                writeTopicConfig(opened, map, vectors);
            }
            progress.finish(String.format("%,d clusters and %,d unclustered of %,d documents", map.clusters().size(),
                    map.noise().length, rows.length));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JSON.writeValueAsString(toJson(rows.length, map, stats)));
            } else {
                out.printf("%5s %8s %12s %9s  %s%n", "id", "size", "tokens", "removed", "label");
                for (ClusterStats.Row r : stats.bySize()) {
                    out.printf("%5s %,8d %,12d %8.1f%%  %s%n", r.id() < 0 ? "-" : Integer.toString(r.id()), r.documents(), r.tokens(),
                            100 * r.removalRate(), r.label());
                }
                out.printf("%nThe pipeline removes %.1f%% of these documents.%n", 100 * stats.sampleRemovalRate());
            }
            out.flush();
            return 0;
        }
    }

    private void writeTopicConfig(DecidedSampleOpener.Opened opened, ClusterMap map, float[][] vectors) throws Exception {
        List<String> labels = map.clusters().stream().map(c -> c.id() + " · " + c.label()).toList();
        List<String> dropped = new ArrayList<>();
        for (int id : drop) {
            if (id < 0 || id >= labels.size()) {
                throw new ParameterException(spec.commandLine(), "--drop " + id + ": the map has clusters 0.." + (labels.size() - 1));
            }
            dropped.add(labels.get(id));
        }
        List<StepConfig> steps = new ArrayList<>(opened.config().steps());
        steps.add(StepConfig.of(TopicStep.NAME).withParam("centroids", TopicStep.encode(map.centroids(vectors)))
                .withParam("labels", labels).withParam("drop", dropped).withParam("max_tokens", (long) maxTokens));
        PipelineConfig config = opened.config().withSteps(steps);
        ConfigLoader loader = new ConfigLoader(opened.decided().catalog());
        loader.check(config);
        loader.write(config, topicConfig);
    }

    static ObjectNode toJson(int documents, ClusterMap map, ClusterStats stats) {
        ObjectNode root = JSON.createObjectNode();
        root.put("documents", documents);
        ArrayNode clusters = root.putArray("clusters");
        for (ClusterStats.Row r : stats.bySize()) {
            if (r.id() < 0) {
                continue;
            }
            ObjectNode o = clusters.addObject();
            o.put("id", r.id());
            o.put("label", r.label());
            o.put("size", r.documents());
            o.put("tokens", r.tokens());
            o.put("removed_fraction", Math.round(r.removalRate() * 1e4) / 1e4);
            ObjectNode by = o.putObject("removed_by");
            r.removedBy().forEach(by::put);
            ArrayNode terms = o.putArray("terms");
            map.clusters().get(r.id()).terms().forEach(terms::add);
        }
        root.put("noise", map.noise().length);
        root.put("sample_removed_fraction", Math.round(stats.sampleRemovalRate() * 1e4) / 1e4);
        root.put("mapped", map.mapped());
        root.put("components", map.components());
        return root;
    }
}
