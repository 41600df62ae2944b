package org.loupe.app.clusters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.analysis.cluster.Clustering;
import org.loupe.analysis.cluster.UmapLayout;
import org.loupe.analysis.embed.EmbeddingStore;
import org.loupe.analysis.embed.MiniLmEmbedder;
import org.loupe.app.AppContext;
import org.loupe.app.task.TaskRunner;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * Clusters: a map of (a seeded subset of) the sample's documents, each placed by its all-MiniLM-L6-v2
 * embedding through UMAP and clustered (DBSCAN on the map or k-means on the embeddings), with each
 * cluster's label words and what the live pipeline removes from it.
 *
 * <p>Building the map is slow (embedding runs at tens of documents per second per core) and runs only when
 * asked, in the background with progress and cancel; the embeddings are cached in the sample's workspace
 * folder, so a cancelled build resumes where it stopped. The map stays until the sample changes. Moving a
 * threshold in Tune only recounts the clusters (one pass over the rows), never rebuilds the map.
 *
 * <p>The canvas reads the points as arrays ({@link #pointsProperty()}) and their colours
 * ({@link #colouringProperty()}: by cluster, kept / removed, language, or any measured metric), and asks for
 * the nearest point and the points in a lasso through a grid index.
 */
public final class ClustersViewModel {

    /** Documents mapped by default (at most the sample's size). */
    public static final int DEFAULT_DOCUMENTS = 5_000;
    public static final int MIN_DOCUMENTS = 3;
    public static final long DEFAULT_SEED = 42;
    /** Word pieces of each document embedded: the opening says what a page is about, and it is fast. */
    public static final int MAX_TOKENS = 48;
    /** Documents laid out by UMAP at most; the others are placed by their nearest laid-out neighbours. */
    public static final int MAX_LAYOUT_POINTS = 20_000;
    /** Documents shown per page of a selection. */
    public static final int PAGE = 10;
    /** Words per cluster label. */
    public static final int TERMS = 5;
    /** Languages that get their own colour; the others share "other". */
    public static final int COLOURED_LANGUAGES = 9;
    /** The metric of per-document tokens (the sample's token counts), offered before the measured ones. */
    public static final String TOKENS = "tokens";
    /** A metric whose 98th percentile is this many times its 2nd (or more) is coloured on a log scale. */
    public static final double LOG_SPAN = 30;
    /** Characters of a document's text in the hover text. */
    public static final int HOVER_CHARS = 120;

    private static final String HINT = "Choose how many documents to map, then Build: each is embedded (all-MiniLM-L6-v2), "
            + "laid out with UMAP and clustered. Embeddings are cached, so a cancelled build resumes.";
    private static final String QUERY_SYNTAX = "+-&|!(){}[]^\"~*?:\\/";

    /** What the points' colours say. */
    public enum ColourMode {
        CLUSTER("cluster"), STATUS("kept / removed"), LANGUAGE("language"), METRIC("metric");

        private final String label;

        ColourMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The map's points: point {@code i} is sample row {@code rows[i]} at {@code (x[i], y[i])} in cluster
     * {@code cluster[i]} (-1: unclustered). Rows ascending.
     */
    public record MapPoints(int[] rows, double[] x, double[] y, int[] cluster) {
        public int size() {
            return rows.length;
        }
    }

    /** A legend line: what a colour means and how many points have it. */
    public record LegendEntry(String label, int argb, long points) { }

    /**
     * The points' colours.
     *
     * @param mode     what they say
     * @param metric   the metric (METRIC only), else null
     * @param category each point's category (an index into the legend's categories; -1: none), or null in METRIC mode
     * @param values   each point's metric value (NaN: none), or null unless METRIC
     * @param low      the value drawn with the ramp's first colour (METRIC), else 0
     * @param high     the value drawn with the ramp's last colour (METRIC), else 0
     * @param logScale whether the ramp follows log(1 + value) (METRIC over non-negative values spanning more
     *                 than {@value #LOG_SPAN}×), else linear
     * @param legend   what the colours mean, in order
     * @param argb     each point's colour
     */
    public record Colouring(ColourMode mode, String metric, int[] category, double[] values, double low, double high,
                            boolean logScale, List<LegendEntry> legend, int[] argb) { }

    private record Built(Sample sample, int[] rows, ClusterMap map, MapPoints points, PointIndex index,
                         Clustering.Method method, long seed, double seconds, String centroids, List<String> topicLabels) { }

    private final AppContext context;
    private final TuneViewModel tune;
    private final Consumer<String> searcher;

    // Settings
    private final IntegerProperty documents = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper maxDocuments = new ReadOnlyIntegerWrapper(0);
    private final ObjectProperty<Clustering.Method> method = new SimpleObjectProperty<>(Clustering.Method.DBSCAN);
    private final LongProperty seed = new SimpleLongProperty(DEFAULT_SEED);

    // Results
    private final ReadOnlyBooleanWrapper building = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyObjectWrapper<MapPoints> points = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ClusterStats.Row> clusters = FXCollections.observableArrayList();
    private final BooleanProperty byRemovalRate = new SimpleBooleanProperty(false);
    private final ReadOnlyDoubleWrapper sampleRemovalRate = new ReadOnlyDoubleWrapper(0);

    // Colours
    private final ObjectProperty<ColourMode> colourMode = new SimpleObjectProperty<>(ColourMode.CLUSTER);
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Colouring> colouring = new ReadOnlyObjectWrapper<>();

    // Selection
    private final ReadOnlyObjectWrapper<Integer> selectedCluster = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<int[]> selectedPoints = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Select a cluster, or Shift+drag a lasso on the map");
    private final ObservableList<String> terms = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectionSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<Integer> kept = FXCollections.observableArrayList();
    private final ObservableList<Integer> removed = FXCollections.observableArrayList();

    private final AtomicLong buildGeneration = new AtomicLong();
    private final AtomicLong languageGeneration = new AtomicLong();
    private TaskRunner.Handle buildHandle;
    private TaskRunner.Handle languageHandle;

    /** The sample the settings, results and running tasks belong to (null when none). */
    private Sample sample;
    private Built built;
    private ClusterStats stats;
    private String[] languages;
    private boolean languagesLoading;
    private boolean colouringNow;
    private int shown = PAGE;
    private long drawSeed = 1;
    private boolean active = true;
    private boolean stale;

    /**
     * @param context  the task runner and worker threads
     * @param tune     the live pipeline: the sample, its decisions and tokens, the metric table, the shared inspector
     * @param searcher jumps to Search with a query
     */
    public ClustersViewModel(AppContext context, TuneViewModel tune, Consumer<String> searcher) {
        this.context = context;
        this.tune = tune;
        this.searcher = searcher;
        adopt(tune.sample());
        tune.decisionsProperty().addListener((o, a, d) -> {
            if (tune.sample() != sample) {
                // A new sample: nothing built on the old one applies.
                adopt(tune.sample());
            } else if (active) {
                decisionsChanged();
            } else {
                stale = true;
            }
        });
        byRemovalRate.addListener((o, a, b) -> refreshRows());
        colourMode.addListener((o, a, m) -> recolour());
        metric.addListener((o, a, m) -> {
            if (colourMode.get() == ColourMode.METRIC) {
                recolour();
            }
        });
        refreshMetrics();
    }

    // Settings

    /** Documents to map: a seeded subset of the sample ({@value #MIN_DOCUMENTS} up to the sample's size). */
    public IntegerProperty documentsProperty() {
        return documents;
    }

    /** The sample's size: the most documents the map can show. */
    public ReadOnlyIntegerProperty maxDocumentsProperty() {
        return maxDocuments.getReadOnlyProperty();
    }

    /** DBSCAN on the map (unclustered documents stay apart) or k-means on the embeddings. */
    public ObjectProperty<Clustering.Method> methodProperty() {
        return method;
    }

    /** The seed of the subset, the layout and k-means. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** The documents the settings ask for, within the allowed range. */
    public int effectiveDocuments() {
        return Math.max(Math.min(MIN_DOCUMENTS, maxDocuments.get()), Math.min(maxDocuments.get(), documents.get()));
    }

    // Results

    public ReadOnlyBooleanProperty buildingProperty() {
        return building.getReadOnlyProperty();
    }

    /** What the map shows and how it was made; or a hint, progress, or why it failed. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The map's points (null before a build). */
    public ReadOnlyObjectProperty<MapPoints> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /** Points on the map (0 before a build). */
    public int pointCount() {
        return points.get() == null ? 0 : points.get().size();
    }

    /** The map (null before a build). */
    public ClusterMap map() {
        return built == null ? null : built.map();
    }

    /** The clusters counted under the live decisions (null before a build). */
    public ClusterStats stats() {
        return stats;
    }

    /** The clusters (and the unclustered documents, id -1) by size or by removal rate. */
    public ObservableList<ClusterStats.Row> clusters() {
        return clusters;
    }

    public BooleanProperty byRemovalRateProperty() {
        return byRemovalRate;
    }

    /** The share of the mapped documents the pipeline removes: what each cluster's rate compares with. */
    public ReadOnlyDoubleProperty sampleRemovalRateProperty() {
        return sampleRemovalRate.getReadOnlyProperty();
    }

    public ObjectProperty<ColourMode> colourModeProperty() {
        return colourMode;
    }

    /** Metrics a point can be coloured by: tokens, then every numeric column of Tune's metric table. */
    public ObservableList<String> metrics() {
        return metrics;
    }

    /** The metric of METRIC mode. */
    public ObjectProperty<String> metricProperty() {
        return metric;
    }

    /** The points' colours under the current mode (null before a build). */
    public ReadOnlyObjectProperty<Colouring> colouringProperty() {
        return colouring.getReadOnlyProperty();
    }

    /** The selected cluster's id (-1: unclustered), or null when none is (or a lasso is). */
    public ReadOnlyObjectProperty<Integer> selectedClusterProperty() {
        return selectedCluster.getReadOnlyProperty();
    }

    /** The selected points (a cluster's or a lasso's), ascending; null when nothing is selected. */
    public ReadOnlyObjectProperty<int[]> selectedPointsProperty() {
        return selectedPoints.getReadOnlyProperty();
    }

    /** The selection's name: a cluster's label, or the lasso. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The selected cluster's label words, most distinctive first (empty for a lasso or the unclustered). */
    public ObservableList<String> terms() {
        return terms;
    }

    /** How many documents the selection has, kept and removed. */
    public ReadOnlyStringProperty selectionSummaryProperty() {
        return selectionSummary.getReadOnlyProperty();
    }

    /** Kept documents of the selection (sample rows), a seeded random page. */
    public ObservableList<Integer> kept() {
        return kept;
    }

    /** Removed documents of the selection (sample rows), a seeded random page. */
    public ObservableList<Integer> removed() {
        return removed;
    }

    // Commands

    /** Whether the view is on screen; decisions that change meanwhile recount once when it is shown. */
    public void setActive(boolean on) {
        active = on;
        if (on && stale) {
            stale = false;
            decisionsChanged();
        }
    }

    /** Builds the map in the background: choose the documents, embed them, lay them out, cluster, label, count. */
    public void build() {
        Sample s = tune.sample();
        Decisions d = tune.decisionsProperty().get();
        if (s == null || d == null || tune.keys() == null) {
            summary.set("Open a sample and wait for the pipeline to decide it: then Build.");
            return;
        }
        adopt(s);
        int n = effectiveDocuments();
        if (n < MIN_DOCUMENTS) {
            summary.set("The map needs at least " + MIN_DOCUMENTS + " documents.");
            return;
        }
        Clustering.Method m = method.get();
        long sd = seed.get();
        int threads = context.threads();
        cancel(buildHandle);
        long gen = buildGeneration.incrementAndGet();
        building.set(true);
        summary.set(String.format("Mapping %,d documents…", n));
        buildHandle = context.tasks().run(String.format("Mapping %,d documents", n), ctx -> {
            try {
                long t0 = System.nanoTime();
                int[] rows = ClusterMap.subset(s.size(), n, sd);
                ctx.message(String.format("Embedding %,d documents", rows.length));
                float[][] vectors;
                try (MiniLmEmbedder embedder = new MiniLmEmbedder(threads, MAX_TOKENS)) {
                    vectors = EmbeddingStore.embed(s.directory(), s.size(), rows, r -> s.document(r).text(), embedder,
                            quiet(ctx));
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
                return new Built(s, rows, map, p, index, m, sd, (System.nanoTime() - t0) / 1e9,
                        org.loupe.analysis.topic.TopicStep.encode(map.centroids(vectors)), topicLabels);
            } finally {
                boolean cancelled = ctx.isCancelled();
                context.tasks().later(() -> {
                    if (gen == buildGeneration.get()) {
                        building.set(false);
                        if (cancelled) {
                            // cancelled from the task panel: say so (a result or an error would say more)
                            summary.set(cancelledSummary());
                        }
                    }
                });
            }
        }, b -> {
            if (gen == buildGeneration.get() && b.sample() == sample) {
                building.set(false);
                show(b);
            }
        }, e -> {
            if (gen == buildGeneration.get()) {
                building.set(false);
                summary.set("Building the map failed: " + message(e));
            }
        });
    }

    /** Stops a running build (the embeddings done so far stay cached) and the language identification. */
    public void cancel() {
        cancel(buildHandle);
        buildHandle = null;
        if (building.get()) {
            buildGeneration.incrementAndGet();
            building.set(false);
            summary.set(cancelledSummary());
        }
        if (languagesLoading) {
            cancel(languageHandle);
            languageHandle = null;
            languageGeneration.incrementAndGet();
            languagesLoading = false;
        }
    }

    private String cancelledSummary() {
        return built == null ? "Cancelled: the embeddings done so far are kept, Build resumes from there."
                : "Cancelled; still showing the previous map. " + summaryOf(built);
    }

    /** Selects a cluster (-1: the unclustered documents): its words, and random kept and removed documents. */
    public void select(int clusterId) {
        ClusterMap map = map();
        if (map == null || clusterId >= map.clusters().size() || clusterId < ClusterStats.NOISE) {
            clearSelection();
            return;
        }
        if (clusterId == ClusterStats.NOISE) {
            setSelection(clusterId, map.noise(), "Unclustered", List.of());
        } else {
            ClusterMap.Cluster c = map.clusters().get(clusterId);
            setSelection(clusterId, c.rows(), "Cluster " + c.id() + " · " + c.label(), c.terms());
        }
    }

    /**
     * Selects the points inside a polygon drawn on the map (map coordinates; the last vertex joins the
     * first), listed like a cluster's documents.
     */
    public void selectPolygon(double[] xs, double[] ys) {
        if (built == null) {
            return;
        }
        int[] inside = built.index().inside(xs, ys);
        setSelection(null, inside, String.format("Lasso: %,d documents", inside.length), List.of());
    }

    /** Selects nothing. */
    public void clearSelection() {
        selectedCluster.set(null);
        selectedPoints.set(null);
        title.set("Select a cluster, or Shift+drag a lasso on the map");
        terms.clear();
        shown = PAGE;
        refreshDocuments();
    }

    /** Ten more kept and ten more removed documents of the selection. */
    public void more() {
        shown += PAGE;
        refreshDocuments();
    }

    /** Another random draw of the selection's documents. */
    public void reshuffle() {
        drawSeed++;
        shown = PAGE;
        refreshDocuments();
    }

    /** Opens a sampled document in the shared inspector. */
    public void open(int row) {
        tune.open(row);
    }

    /** Opens a point's document in the shared inspector. */
    public void openPoint(int point) {
        MapPoints p = points.get();
        if (p != null && point >= 0 && point < p.size()) {
            tune.open(p.rows()[point]);
        }
    }

    /** The point nearest to a map position, at most {@code maxDistance} map units away; -1 when none. */
    public int nearest(double x, double y, double maxDistance) {
        return built == null ? -1 : built.index().nearest(x, y, maxDistance);
    }

    /** What hovering a point shows: its document's id, cluster, and the opening of its text. */
    public String hoverText(int point) {
        MapPoints p = points.get();
        Sample s = sample;
        if (p == null || s == null || point < 0 || point >= p.size()) {
            return "";
        }
        int row = p.rows()[point];
        String text = s.document(row).text();
        String opening = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (opening.length() > HOVER_CHARS) {
            opening = opening.substring(0, HOVER_CHARS) + "…";
        }
        int c = p.cluster()[point];
        String cluster = c < 0 ? "unclustered" : "cluster " + c;
        Decisions d = tune.decisionsProperty().get();
        String status = d == null || row >= d.rows() ? "" : d.kept(row) ? " · kept" : " · removed by " + d.steps().get(d.removedBy(row));
        return s.id(row) + "  ·  " + cluster + status + "\n" + opening;
    }

    /** The Search query of the selected cluster's words (any of them), or null when there are none. */
    public String searchQuery() {
        if (terms.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String t : terms) {
            String w = escape(t.strip());
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /**
     * Removes the selected cluster's topic from the pipeline: Tune gets (or extends) a topic step that drops
     * the documents nearest this cluster's centroid, here and in full runs.
     */
    public void dropSelectedTopic() {
        Integer c = selectedCluster.get();
        if (built == null || c == null || c < 0 || c >= built.topicLabels().size()) {
            return;
        }
        tune.dropTopic(built.centroids(), built.topicLabels(), built.topicLabels().get(c));
    }

    /** Jumps to Search with the selected cluster's words. */
    public void searchKeywords() {
        String q = searchQuery();
        if (q != null) {
            searcher.accept(q);
        }
    }

    // Internals

    /** Follows the sample Tune decides over: a different one drops every result and stops every task. */
    private void adopt(Sample s) {
        if (s == sample && s != null) {
            return;
        }
        cancel(buildHandle);
        cancel(languageHandle);
        buildHandle = null;
        languageHandle = null;
        buildGeneration.incrementAndGet();
        languageGeneration.incrementAndGet();
        building.set(false);
        languagesLoading = false;
        languages = null;
        sample = s;
        stale = false;
        built = null;
        stats = null;
        points.set(null);
        clusters.clear();
        sampleRemovalRate.set(0);
        colouring.set(null);
        summary.set(HINT);
        int size = s == null ? 0 : s.size();
        maxDocuments.set(size);
        documents.set(Math.min(size, DEFAULT_DOCUMENTS));
        clearSelection();
        refreshMetrics();
    }

    private void show(Built b) {
        built = b;
        points.set(b.points());
        summary.set(summaryOf(b));
        recount();
        refreshMetrics();
        clearSelection();
        recolour();
    }

    private static String summaryOf(Built b) {
        ClusterMap m = b.map();
        String how = b.method() == Clustering.Method.KMEANS ? "k-means on the embeddings" : "DBSCAN on the map";
        String s = String.format(Locale.ROOT, "Mapped %,d documents in %.1f s: %,d clusters, %,d unclustered (%s, seed %d).",
                m.size(), b.seconds(), m.clusters().size(), m.noise().length, how, b.seed());
        if (m.mapped() < m.size()) {
            s += String.format(" UMAP laid out %,d of them; the others sit by their nearest neighbours.", m.mapped());
        }
        return s;
    }

    private void decisionsChanged() {
        recount();
        refreshMetrics();
        refreshDocuments();
        recolour();
    }

    /** Counts the clusters under the live decisions: one pass over the rows. */
    private void recount() {
        Decisions d = tune.decisionsProperty().get();
        RowKeys keys = tune.keys();
        if (built == null || d == null || keys == null || d.rows() != built.sample().size()) {
            stats = null;
            clusters.clear();
            sampleRemovalRate.set(0);
            return;
        }
        stats = ClusterStats.of(built.map(), built.rows(), keys.tokens(), d);
        sampleRemovalRate.set(stats.sampleRemovalRate());
        refreshRows();
    }

    private void refreshRows() {
        if (stats == null) {
            clusters.clear();
            return;
        }
        clusters.setAll(byRemovalRate.get() ? stats.byRemovalRate() : stats.bySize());
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

    private void setSelection(Integer cluster, int[] selection, String name, List<String> words) {
        selectedCluster.set(cluster);
        selectedPoints.set(selection.clone());
        title.set(name);
        terms.setAll(words);
        shown = PAGE;
        refreshDocuments();
    }

    /** Splits the selection kept / removed under the live decisions and draws a page of each. */
    private void refreshDocuments() {
        int[] sel = selectedPoints.get();
        MapPoints p = points.get();
        Decisions d = tune.decisionsProperty().get();
        if (sel == null || p == null || d == null || d.rows() != built.sample().size()) {
            kept.clear();
            removed.clear();
            selectionSummary.set("");
            return;
        }
        int[] keptRows = new int[sel.length];
        int[] removedRows = new int[sel.length];
        int k = 0;
        int r = 0;
        for (int point : sel) {
            int row = p.rows()[point];
            if (d.kept(row)) {
                keptRows[k++] = row;
            } else {
                removedRows[r++] = row;
            }
        }
        keptRows = Arrays.copyOf(keptRows, k);
        removedRows = Arrays.copyOf(removedRows, r);
        kept.setAll(boxed(RowSampler.sample(keptRows, drawSeed, 0, shown)));
        removed.setAll(boxed(RowSampler.sample(removedRows, drawSeed, 0, shown)));
        double rate = sel.length == 0 ? 0 : (double) r / sel.length;
        selectionSummary.set(String.format(Locale.ROOT, "%,d documents: %,d kept, %,d removed (%.1f%%; %.1f%% of all mapped documents).",
                sel.length, k, r, 100 * rate, 100 * sampleRemovalRate.get()));
    }

    private void refreshMetrics() {
        List<String> names = new ArrayList<>();
        if (tune.keys() != null) {
            names.add(TOKENS);
        }
        MetricTable t = tune.table();
        if (t != null) {
            t.names().stream().filter(n -> t.labels(n).isEmpty()).sorted().forEach(names::add);
        }
        if (!names.equals(metrics)) {
            String keep = metric.get();
            metrics.setAll(names);
            metric.set(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        }
    }

    /** Colours the points under the current mode. */
    private void recolour() {
        MapPoints p = points.get();
        if (p == null) {
            colouring.set(null);
            return;
        }
        colouringNow = true;
        try {
            colouring.set(switch (colourMode.get() == null ? ColourMode.CLUSTER : colourMode.get()) {
                case CLUSTER -> byCluster(p);
                case STATUS -> byStatus(p);
                case LANGUAGE -> byLanguage(p);
                case METRIC -> byMetric(p);
            });
        } finally {
            colouringNow = false;
        }
    }

    private Colouring byCluster(MapPoints p) {
        ClusterMap map = built.map();
        int k = map.clusters().size();
        List<LegendEntry> legend = new ArrayList<>(k + 1);
        int[] colours = new int[k];
        for (ClusterMap.Cluster c : map.clusters()) {
            colours[c.id()] = ClusterPalette.category(c.id());
            legend.add(new LegendEntry(c.id() + " · " + c.label(), colours[c.id()], c.size()));
        }
        if (map.noise().length > 0) {
            legend.add(new LegendEntry("unclustered", ClusterPalette.NONE, map.noise().length));
        }
        int[] category = p.cluster().clone();
        return categorical(ColourMode.CLUSTER, category, colours, legend);
    }

    private Colouring byStatus(MapPoints p) {
        Decisions d = tune.decisionsProperty().get();
        int n = p.size();
        int[] category = new int[n];
        long keptPoints = 0;
        boolean decided = d != null && d.rows() == built.sample().size();
        for (int i = 0; i < n; i++) {
            if (!decided) {
                category[i] = -1;
            } else if (d.kept(p.rows()[i])) {
                category[i] = 0;
                keptPoints++;
            } else {
                category[i] = 1;
            }
        }
        List<LegendEntry> legend = decided
                ? List.of(new LegendEntry("kept", ClusterPalette.KEPT, keptPoints), new LegendEntry("removed", ClusterPalette.REMOVED, n - keptPoints))
                : List.of(new LegendEntry("waiting for the pipeline", ClusterPalette.NONE, n));
        return categorical(ColourMode.STATUS, category, new int[] {ClusterPalette.KEPT, ClusterPalette.REMOVED}, legend);
    }

    private Colouring byLanguage(MapPoints p) {
        int n = p.size();
        if (languages == null) {
            loadLanguages();
        }
        String[] langs = languages;
        if (langs == null) {
            int[] none = new int[n];
            Arrays.fill(none, -1);
            String what = languagesLoading ? "identifying languages…" : "languages unavailable";
            return categorical(ColourMode.LANGUAGE, none, new int[0], List.of(new LegendEntry(what, ClusterPalette.NONE, n)));
        }
        Map<String, Long> counts = new HashMap<>();
        long unknown = 0;
        for (int i = 0; i < n; i++) {
            String l = language(langs, p.rows()[i]);
            if (l == null) {
                unknown++;
            } else {
                counts.merge(l, 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> order = new ArrayList<>(counts.entrySet());
        order.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        boolean other = order.size() > COLOURED_LANGUAGES;
        int coloured = other ? COLOURED_LANGUAGES - 1 : order.size();
        Map<String, Integer> index = new HashMap<>();
        List<LegendEntry> legend = new ArrayList<>();
        int[] colours = new int[coloured + (other ? 1 : 0)];
        for (int c = 0; c < coloured; c++) {
            colours[c] = ClusterPalette.category(c);
            index.put(order.get(c).getKey(), c);
            legend.add(new LegendEntry(order.get(c).getKey(), colours[c], order.get(c).getValue()));
        }
        if (other) {
            colours[coloured] = ClusterPalette.category(ClusterPalette.categories() - 1);
            long rest = order.subList(coloured, order.size()).stream().mapToLong(Map.Entry::getValue).sum();
            legend.add(new LegendEntry(String.format("other (%d languages)", order.size() - coloured), colours[coloured], rest));
        }
        if (unknown > 0) {
            legend.add(new LegendEntry("unknown", ClusterPalette.NONE, unknown));
        }
        int[] category = new int[n];
        for (int i = 0; i < n; i++) {
            String l = language(langs, p.rows()[i]);
            category[i] = l == null ? -1 : index.getOrDefault(l, coloured);
        }
        return categorical(ColourMode.LANGUAGE, category, colours, legend);
    }

    private static String language(String[] langs, int row) {
        return row < langs.length ? langs[row] : null;
    }

    private Colouring byMetric(MapPoints p) {
        int n = p.size();
        String name = metric.get();
        double[] column = column(name);
        double[] values = new double[n];
        double[] finite = new double[n];
        int f = 0;
        for (int i = 0; i < n; i++) {
            int row = p.rows()[i];
            values[i] = column == null || row >= column.length ? Double.NaN : column[row];
            if (Double.isFinite(values[i])) {
                finite[f++] = values[i];
            }
        }
        double low = 0;
        double high = 0;
        boolean log = false;
        int[] argb = new int[n];
        List<LegendEntry> legend = new ArrayList<>();
        if (f > 0) {
            Arrays.sort(finite, 0, f);
            // The 2nd to 98th percentile: a few outliers do not wash out the rest.
            low = finite[(int) Math.floor(0.02 * (f - 1))];
            high = finite[(int) Math.ceil(0.98 * (f - 1))];
            // Long-tailed counts (tokens, words) would be one colour on a linear ramp.
            log = low >= 0 && high >= LOG_SPAN * Math.max(low, 1);
            double from = log ? Math.log1p(low) : low;
            double span = (log ? Math.log1p(high) : high) - from;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                double at = log ? Math.log1p(Math.max(0, v)) : v;
                argb[i] = Double.isFinite(v) ? ClusterPalette.ramp(span > 0 ? (at - from) / span : 0.5) : ClusterPalette.NONE;
            }
            legend.add(new LegendEntry("≤ " + TuneViewModel.shortNumber(low), ClusterPalette.ramp(0), countAtMost(finite, f, low)));
            legend.add(new LegendEntry("≥ " + TuneViewModel.shortNumber(high), ClusterPalette.ramp(1), countAtLeast(finite, f, high)));
        } else {
            Arrays.fill(argb, ClusterPalette.NONE);
        }
        if (f < n) {
            legend.add(new LegendEntry(column == null ? "no metric" : "no value", ClusterPalette.NONE, n - f));
        }
        return new Colouring(ColourMode.METRIC, name, null, values, low, high, log, List.copyOf(legend), argb);
    }

    private static long countAtMost(double[] sorted, int f, double v) {
        long c = 0;
        for (int i = 0; i < f && sorted[i] <= v; i++) {
            c++;
        }
        return c;
    }

    private static long countAtLeast(double[] sorted, int f, double v) {
        long c = 0;
        for (int i = f - 1; i >= 0 && sorted[i] >= v; i--) {
            c++;
        }
        return c;
    }

    /** A metric's values per sample row, or null when it is not measured. */
    private double[] column(String name) {
        if (name == null) {
            return null;
        }
        if (name.equals(TOKENS)) {
            RowKeys keys = tune.keys();
            if (keys == null) {
                return null;
            }
            double[] out = new double[keys.tokens().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = keys.tokens()[i];
            }
            return out;
        }
        MetricTable t = tune.table();
        return t != null && t.has(name) ? t.column(name) : null;
    }

    private static Colouring categorical(ColourMode mode, int[] category, int[] colours, List<LegendEntry> legend) {
        int[] argb = new int[category.length];
        for (int i = 0; i < category.length; i++) {
            int c = category[i];
            argb[i] = c < 0 || c >= colours.length ? ClusterPalette.NONE : colours[c];
        }
        return new Colouring(mode, null, category, null, 0, 0, false, List.copyOf(legend), argb);
    }

    /** Reads the sample's languages (cached in its workspace folder; identified once when not) in the background. */
    private void loadLanguages() {
        Sample s = sample;
        if (s == null || languagesLoading) {
            return;
        }
        languagesLoading = true;
        long gen = languageGeneration.incrementAndGet();
        int threads = context.threads();
        languageHandle = context.tasks().run("Identifying languages", ctx -> {
            MetricTable t = SampleMeasurements.languages(s, context.languageIdentifier().get(), threads, ctx);
            double[] codes = t.column("language");
            List<String> labels = t.labels("language");
            String[] out = new String[codes.length];
            for (int i = 0; i < codes.length; i++) {
                int l = (int) codes[i];
                out[i] = l >= 0 && l < labels.size() ? labels.get(l) : null;
            }
            return out;
        }, codes -> {
            if (gen == languageGeneration.get() && s == sample) {
                languages = codes;
                languagesLoading = false;
                if (!colouringNow && colourMode.get() == ColourMode.LANGUAGE) {
                    recolour();
                }
            }
        }, e -> {
            if (gen == languageGeneration.get()) {
                languagesLoading = false;
                summary.set("Cannot identify languages: " + message(e));
                if (!colouringNow && colourMode.get() == ColourMode.LANGUAGE) {
                    recolour();
                }
            }
        });
    }

    private static String escape(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (QUERY_SYNTAX.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        String w = b.toString();
        // AND, OR, NOT are operators to the classic parser: quote them.
        return w.equals("AND") || w.equals("OR") || w.equals("NOT") ? "\"" + w + "\"" : w;
    }

    private static List<Integer> boxed(int[] rows) {
        List<Integer> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(r);
        }
        return out;
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

    private static void cancel(TaskRunner.Handle handle) {
        if (handle != null && !handle.isDone()) {
            handle.cancel();
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
