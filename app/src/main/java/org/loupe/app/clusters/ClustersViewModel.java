package org.loupe.app.clusters;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.analysis.cluster.Clustering;
import org.loupe.app.context.AppContext;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.sample.Sample;

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
 *
 * <p>The view binds to this class; the work is in its parts: {@link ClusterBuild} (settings and the build),
 * {@link ClusterColouring} (colours and legend) and {@link ClusterSelection} (the cluster table, the
 * selection and its documents, hovering).
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

    private final SampleSession session;
    private final Consumer<String> searcher;
    private final ClusterSelection selection;
    private final ClusterColouring colouring;
    private final ClusterBuild build;

    private boolean active = true;
    private boolean stale;

    /**
     * @param context  the task runner and worker threads
     * @param session     the live pipeline: the sample, its decisions and tokens, the metric table, the shared inspector
     * @param searcher jumps to Search with a query
     */
    public ClustersViewModel(AppContext context, SampleSession session, Consumer<String> searcher) {
        this.session = session;
        this.searcher = searcher;
        selection = new ClusterSelection(context.tasks(), session);
        build = new ClusterBuild(context, this::showMap);
        colouring = new ClusterColouring(context, session, build::say);
        adopt(session.sample());
        session.decisionsProperty().addListener((o, a, d) -> {
            if (session.sample() != build.sample()) {
                // A new sample: nothing built on the old one applies.
                adopt(session.sample());
            } else if (active) {
                decisionsChanged();
            } else {
                stale = true;
            }
        });
    }

    // Settings

    /** Documents to map: a seeded subset of the sample ({@value #MIN_DOCUMENTS} up to the sample's size). */
    public IntegerProperty documentsProperty() {
        return build.documentsProperty();
    }

    /** The sample's size: the most documents the map can show. */
    public ReadOnlyIntegerProperty maxDocumentsProperty() {
        return build.maxDocumentsProperty();
    }

    /** DBSCAN on the map (unclustered documents stay apart) or k-means on the embeddings. */
    public ObjectProperty<Clustering.Method> methodProperty() {
        return build.methodProperty();
    }

    /** The seed of the subset, the layout and k-means. */
    public LongProperty seedProperty() {
        return build.seedProperty();
    }

    /** The documents the settings ask for, within the allowed range. */
    public int effectiveDocuments() {
        return build.effectiveDocuments();
    }

    // Results

    public ReadOnlyBooleanProperty buildingProperty() {
        return build.buildingProperty();
    }

    /** What the map shows and how it was made; or a hint, progress, or why it failed. */
    public ReadOnlyStringProperty summaryProperty() {
        return build.summaryProperty();
    }

    /** The map's points (null before a build). */
    public ReadOnlyObjectProperty<MapPoints> pointsProperty() {
        return build.pointsProperty();
    }

    /** Points on the map (0 before a build). */
    public int pointCount() {
        return build.built() == null ? 0 : build.built().points().size();
    }

    /** The map (null before a build). */
    public ClusterMap map() {
        return build.built() == null ? null : build.built().map();
    }

    /** The clusters counted under the live decisions (null before a build). */
    public ClusterStats stats() {
        return selection.stats();
    }

    /** The clusters (and the unclustered documents, id -1) by size or by removal rate. */
    public ObservableList<ClusterStats.Row> clusters() {
        return selection.clusters();
    }

    public BooleanProperty byRemovalRateProperty() {
        return selection.byRemovalRateProperty();
    }

    /** The share of the mapped documents the pipeline removes: what each cluster's rate compares with. */
    public ReadOnlyDoubleProperty sampleRemovalRateProperty() {
        return selection.sampleRemovalRateProperty();
    }

    public ObjectProperty<ColourMode> colourModeProperty() {
        return colouring.colourModeProperty();
    }

    /** Metrics a point can be coloured by: tokens, then every numeric column of Tune's metric table. */
    public ObservableList<String> metrics() {
        return colouring.metrics();
    }

    /** The metric of METRIC mode. */
    public ObjectProperty<String> metricProperty() {
        return colouring.metricProperty();
    }

    /** The points' colours under the current mode (null before a build). */
    public ReadOnlyObjectProperty<Colouring> colouringProperty() {
        return colouring.colouringProperty();
    }

    /** The selected cluster's id (-1: unclustered), or null when none is (or a lasso is). */
    public ReadOnlyObjectProperty<Integer> selectedClusterProperty() {
        return selection.selectedClusterProperty();
    }

    /** The selected points (a cluster's or a lasso's), ascending; null when nothing is selected. */
    public ReadOnlyObjectProperty<int[]> selectedPointsProperty() {
        return selection.selectedPointsProperty();
    }

    /** The selection's name: a cluster's label, or the lasso. */
    public ReadOnlyStringProperty titleProperty() {
        return selection.titleProperty();
    }

    /** The selected cluster's label words, most distinctive first (empty for a lasso or the unclustered). */
    public ObservableList<String> terms() {
        return selection.terms();
    }

    /** How many documents the selection has, kept and removed. */
    public ReadOnlyStringProperty selectionSummaryProperty() {
        return selection.selectionSummaryProperty();
    }

    /** Kept documents of the selection (sample rows), a seeded random page. */
    public ObservableList<Integer> kept() {
        return selection.kept();
    }

    /** Removed documents of the selection (sample rows), a seeded random page. */
    public ObservableList<Integer> removed() {
        return selection.removed();
    }

    /** What hovering shows: the hovered document's id, cluster and status, then the opening of its text. */
    public ReadOnlyStringProperty hoverTextProperty() {
        return selection.hoverTextProperty();
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
        Sample s = session.sample();
        if (s == null || session.decisions() == null || session.keys() == null) {
            build.say("Open a sample and wait for the pipeline to decide it: then Build.");
            return;
        }
        adopt(s);
        build.build(s);
    }

    /** Stops a running build (the embeddings done so far stay cached) and the language identification. */
    public void cancel() {
        build.cancel();
        colouring.cancel();
    }

    /** Selects a cluster (-1: the unclustered documents): its words, and random kept and removed documents. */
    public void select(int clusterId) {
        selection.select(clusterId);
    }

    /**
     * Selects the points inside a polygon drawn on the map (map coordinates; the last vertex joins the
     * first), listed like a cluster's documents.
     */
    public void selectPolygon(double[] xs, double[] ys) {
        selection.selectPolygon(xs, ys);
    }

    /** Selects nothing. */
    public void clearSelection() {
        selection.clearSelection();
    }

    /** Ten more kept and ten more removed documents of the selection. */
    public void more() {
        selection.more();
    }

    /** Another random draw of the selection's documents. */
    public void reshuffle() {
        selection.reshuffle();
    }

    /** Opens a sampled document in the shared inspector. */
    public void open(int row) {
        session.open(row);
    }

    /** Opens a point's document in the shared inspector. */
    public void openPoint(int point) {
        int row = selection.row(point);
        if (row >= 0) {
            session.open(row);
        }
    }

    /** The point nearest to a map position, at most {@code maxDistance} map units away; -1 when none. */
    public int nearest(double x, double y, double maxDistance) {
        return selection.nearest(x, y, maxDistance);
    }

    /** Hovers a point (-1: none): see {@link #hoverTextProperty()}. */
    public void hover(int point) {
        selection.hover(point);
    }

    /** The Search query of the selected cluster's words (any of them), or null when there are none. */
    public String searchQuery() {
        return selection.searchQuery();
    }

    /**
     * Removes the selected cluster's topic from the pipeline: Tune gets (or extends) a topic step that drops
     * the documents nearest this cluster's centroid, here and in full runs.
     */
    public void dropSelectedTopic() {
        selection.dropSelectedTopic();
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
        if (s == build.sample() && s != null) {
            return;
        }
        colouring.adopt();
        build.adopt(s);
        stale = false;
    }

    /** A new map (null: none) is counted and coloured, with nothing selected. */
    private void showMap(BuiltMap map) {
        selection.setMap(map);
        colouring.setMap(map);
    }

    private void decisionsChanged() {
        selection.decisionsChanged();
        colouring.decisionsChanged();
    }
}
