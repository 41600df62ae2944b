package org.loupe.app.clusters;

import static org.loupe.app.clusters.ClustersViewModel.DEFAULT_DOCUMENTS;
import static org.loupe.app.clusters.ClustersViewModel.DEFAULT_SEED;
import static org.loupe.app.clusters.ClustersViewModel.MAX_LAYOUT_POINTS;
import static org.loupe.app.clusters.ClustersViewModel.MAX_TOKENS;
import static org.loupe.app.clusters.ClustersViewModel.MIN_DOCUMENTS;
import static org.loupe.app.clusters.ClustersViewModel.TERMS;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.Clustering;
import org.loupe.analysis.cluster.UmapLayout;
import org.loupe.analysis.embed.EmbeddingStore;
import org.loupe.analysis.embed.MiniLmEmbedder;
import org.loupe.analysis.topic.TopicStep;
import org.loupe.app.context.AppContext;
import org.loupe.app.task.LatestTask;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * Building the cluster map of a sample, in the background with progress and cancel: choose a seeded subset of
 * the documents, embed them (cached in the sample's folder, so a cancelled build resumes), lay them out with
 * UMAP, cluster and label them. Holds the build's settings, the map it made and what it says about it.
 */
final class ClusterBuild {
    static final String HINT = "Choose how many documents to map, then Build: each is embedded (all-MiniLM-L6-v2), "
            + "laid out with UMAP and clustered. Embeddings are cached, so a cancelled build resumes.";

    private final AppContext context;
    private final Consumer<BuiltMap> onMap;
    private final LatestTask<BuiltMap> building;

    private final IntegerProperty documents = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper maxDocuments = new ReadOnlyIntegerWrapper(0);
    private final ObjectProperty<Clustering.Method> method = new SimpleObjectProperty<>(Clustering.Method.DBSCAN);
    private final LongProperty seed = new SimpleLongProperty(DEFAULT_SEED);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyObjectWrapper<MapPoints> points = new ReadOnlyObjectWrapper<>();

    /** The sample the settings, the map and a running build belong to (null when none). */
    private Sample sample;
    private BuiltMap built;

    /** @param onMap gets each map shown, and null when the map is dropped */
    ClusterBuild(AppContext context, Consumer<BuiltMap> onMap) {
        this.context = context;
        this.onMap = onMap;
        building = new LatestTask<BuiltMap>(context.tasks())
                .onFailure(reason -> summary.set("Building the map failed: " + reason))
                .onCancelled(() -> summary.set(cancelledSummary()));
    }

    IntegerProperty documentsProperty() {
        return documents;
    }

    ReadOnlyIntegerProperty maxDocumentsProperty() {
        return maxDocuments.getReadOnlyProperty();
    }

    ObjectProperty<Clustering.Method> methodProperty() {
        return method;
    }

    LongProperty seedProperty() {
        return seed;
    }

    /** The documents the settings ask for, within the allowed range. */
    int effectiveDocuments() {
        return Math.max(Math.min(MIN_DOCUMENTS, maxDocuments.get()), Math.min(maxDocuments.get(), documents.get()));
    }

    ReadOnlyBooleanProperty buildingProperty() {
        return building.runningProperty();
    }

    ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Says something in the summary's place (why a build cannot start, why languages are missing). */
    void say(String text) {
        summary.set(text);
    }

    ReadOnlyObjectProperty<MapPoints> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /** The map shown (null before a build). */
    BuiltMap built() {
        return built;
    }

    /** The sample the map is of, or is to be of (null when none). */
    Sample sample() {
        return sample;
    }

    /**
     * Follows another sample: the map and a running build are dropped, the settings start again from the
     * sample's size. The same sample changes nothing.
     */
    void adopt(Sample s) {
        if (s == sample && s != null) {
            return;
        }
        building.cancel();
        sample = s;
        show(null);
        summary.set(HINT);
        int size = s == null ? 0 : s.size();
        maxDocuments.set(size);
        documents.set(Math.min(size, DEFAULT_DOCUMENTS));
    }

    /** Builds the map of the sample's chosen documents in the background: embed, lay out, cluster, label. */
    void build(Sample s) {
        adopt(s);
        int n = effectiveDocuments();
        if (n < MIN_DOCUMENTS) {
            summary.set("The map needs at least " + MIN_DOCUMENTS + " documents.");
            return;
        }
        Clustering.Method m = method.get();
        long sd = seed.get();
        int threads = context.threads();
        summary.set(String.format("Mapping %,d documents…", n));
        building.start(String.format("Mapping %,d documents", n), ctx -> {
            long t0 = System.nanoTime();
            int[] rows = ClusterMap.subset(s.size(), n, sd);
            ctx.message(String.format("Embedding %,d documents", rows.length));
            float[][] vectors;
            try (MiniLmEmbedder embedder = new MiniLmEmbedder(threads, MAX_TOKENS)) {
                vectors = EmbeddingStore.embed(s.directory(), s.size(), rows, r -> s.document(r).text(), embedder, quiet(ctx));
            }
            ctx.checkCancelled();
            ClusterMap.Options options = new ClusterMap.Options(MAX_LAYOUT_POINTS, UmapLayout.Options.defaults(sd),
                    new Clustering.Options(m, 0, 0, 0, sd), TERMS);
            ClusterMap map = ClusterMap.cached(s.directory().resolve("maps"), vectors, i -> s.document(rows[i]).text(), options,
                    threads, ctx);
            ctx.checkCancelled();
            ctx.message("Indexing the map");
            MapPoints p = pointsOf(rows, map);
            PointIndex index = PointIndex.of(p.x(), p.y());
            List<String> topicLabels = map.clusters().stream().map(c -> c.id() + " · " + c.label()).toList();
            return new BuiltMap(s, rows, map, p, index, m, sd, (System.nanoTime() - t0) / 1e9,
                    TopicStep.encode(map.centroids(vectors)), topicLabels);
        }, b -> {
            summary.set(summaryOf(b));
            show(b);
        });
    }

    /** Stops a running build (the embeddings done so far stay cached) and says so. */
    void cancel() {
        building.cancel();
    }

    private void show(BuiltMap b) {
        built = b;
        points.set(b == null ? null : b.points());
        onMap.accept(b);
    }

    private String cancelledSummary() {
        return built == null ? "Cancelled: the embeddings done so far are kept, Build resumes from there."
                : "Cancelled; still showing the previous map. " + summaryOf(built);
    }

    private static String summaryOf(BuiltMap b) {
        ClusterMap m = b.map();
        String how = b.method() == Clustering.Method.KMEANS ? "k-means on the embeddings" : "DBSCAN on the map";
        String s = String.format(Locale.ROOT, "Mapped %,d documents in %.1f s: %,d clusters, %,d unclustered (%s, seed %d).",
                m.size(), b.seconds(), m.clusters().size(), m.noise().length, how, b.seed());
        if (m.mapped() < m.size()) {
            s += String.format(" UMAP laid out %,d of them; the others sit by their nearest neighbours.", m.mapped());
        }
        return s;
    }

    private static MapPoints pointsOf(int[] rows, ClusterMap map) {
        int n = rows.length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = map.xy()[i][0];
            y[i] = map.xy()[i][1];
        }
        return new MapPoints(rows.clone(), x, y, map.cluster().clone());
    }

    /** The embedding store's own messages give way to the build's ("Embedding N documents"); progress passes. */
    private static TaskContext quiet(TaskContext ctx) {
        return new TaskContext() {
            @Override
            public void progress(long done, long total) {
                ctx.progress(done, total);
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }
        };
    }
}
