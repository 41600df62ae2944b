package org.loupe.analysis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.UmapLayout;
import org.loupe.analysis.embed.MiniLmEmbedder;
import org.loupe.analysis.embed.TfIdfVectors;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.task.TaskContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import smile.feature.extraction.PCA;
import smile.manifold.UMAP;

/**
 * {@code loupe bench clusters --input PATH --docs 20000}: the cluster map's stages timed (embed, lay out, place,
 * cluster, label), and Smile's {@code UMAP.of} on the same reduced vectors in the same run as the baseline
 * (its time and how many rows it keeps).
 */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Time the cluster map's stages (embed, UMAP layout, clustering, labels) on the first N documents of a "
                + "shard or folder, against Smile's UMAP.of on the same vectors in the same run.")
public final class BenchClustersCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "PATH", description = "A shard or folder of documents (default: texts from "
            + "the generator `bench generate` uses, made in memory).")
    Path input;

    @Option(names = "--docs", paramLabel = "N", description = "Documents (default: ${DEFAULT-VALUE}).")
    int docs = 20_000;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Word pieces embedded per document (default: ${DEFAULT-VALUE}).")
    int maxTokens = 48;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the machine's cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--vectors", paramLabel = "V", description = "minilm or tfidf (default: ${DEFAULT-VALUE}).")
    String vectors = "minilm";

    @Option(names = "--smile", negatable = true, description = "Run Smile's UMAP.of as the baseline (default: true; "
            + "needs Smile's native BLAS and ARPACK, which loupe.jar does not ship: run it from the analysis module).")
    boolean smile = true;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (docs < 20) {
            throw new ParameterException(spec.commandLine(), "--docs must be at least 20");
        }
        List<String> texts = new ArrayList<>();
        for (Shard shard : input == null ? List.<Shard>of() : new ShardScanner().scan(input).shards()) {
            try (DocumentReader r = ShardReaders.open(shard, ReaderOptions.defaults(), ProblemSink.IGNORE)) {
                Document d;
                while (texts.size() < docs && (d = r.next()) != null) {
                    texts.add(d.text());
                }
            }
            if (texts.size() >= docs) {
                break;
            }
        }
        if (input == null) {
            texts = org.loupe.engine.bench.BenchCorpus.texts(docs, 42);
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("input", input == null ? "generated (bench generate's pseudo-English generator, seed 42)" : input.getFileName().toString());
        out.put("documents", texts.size());
        out.put("threads", threads);
        out.put("vectors", this.vectors);
        if (this.vectors.equals("minilm")) {
            out.put("max_tokens", maxTokens);
        }
        long t0 = System.nanoTime();
        float[][] vectors;
        if (this.vectors.equals("tfidf")) {
            vectors = TfIdfVectors.compute(texts.size(), texts::get, 256, 42, threads, TaskContext.NONE);
        } else {
            try (MiniLmEmbedder embedder = new MiniLmEmbedder(threads, maxTokens)) {
                vectors = embedder.embed(texts);
            }
        }
        long t1 = System.nanoTime();
        ClusterMap map = ClusterMap.build(vectors, texts::get, ClusterMap.Options.defaults(42), threads, TaskContext.NONE);
        long t2 = System.nanoTime();
        double embed = (t1 - t0) / 1e9;
        out.put("embed_seconds", round(embed));
        out.put("embed_docs_per_second", round(texts.size() / embed));
        out.put("layout_seconds", round(map.timings().layoutMillis() / 1000.0));
        out.put("layout_knn_seconds", round(map.timings().knnMillis() / 1000.0));
        out.put("layout_sgd_seconds", round(map.timings().sgdMillis() / 1000.0));
        out.put("place_seconds", round(map.timings().placeMillis() / 1000.0));
        out.put("cluster_seconds", round(map.timings().clusterMillis() / 1000.0));
        out.put("label_seconds", round(map.timings().labelMillis() / 1000.0));
        out.put("map_seconds", round((t2 - t1) / 1e9));
        out.put("total_seconds", round((t2 - t0) / 1e9));
        out.put("mapped", map.mapped());
        out.put("components", map.components());
        out.put("clusters", map.clusters().size());
        out.put("noise", map.noise().length);
        if (smile && !smileNativesPresent()) {
            out.put("smile_umap", "not run: Smile's native BLAS and ARPACK (org.bytedeco openblas, arpack-ng) are not "
                    + "on the class path; loupe.jar does not ship them, the analysis module's test class path has them");
        } else if (smile) {
            double[][] x = UmapLayout.toDouble(vectors);
            double[][] reduced = PCA.fit(x).getProjection(32).apply(x);
            long s0 = System.nanoTime();
            UMAP u = UMAP.of(reduced, 15);
            double smileSeconds = (System.nanoTime() - s0) / 1e9;
            ObjectNode s = out.putObject("smile_umap");
            s.put("seconds", round(smileSeconds));
            s.put("rows_kept", u.index.length);
            s.put("rows_dropped", texts.size() - u.index.length);
            out.put("layout_ratio_to_smile", round(map.timings().layoutMillis() / 1000.0 / smileSeconds));
        }
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static boolean smileNativesPresent() {
        try {
            Class.forName("org.bytedeco.openblas.global.openblas", false, BenchClustersCommand.class.getClassLoader());
            Class.forName("org.bytedeco.arpackng.global.arpack", false, BenchClustersCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
