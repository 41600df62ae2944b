package org.loupe.app.clusters;

import org.loupe.app.session.PipelineEdits;
import static org.loupe.app.clusters.ClustersViewModel.HOVER_CHARS;
import static org.loupe.app.clusters.ClustersViewModel.PAGE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.sample.Sample;

/**
 * What the cluster map's user looks at: the cluster table under the live pipeline (by size or removal rate),
 * the selection (a cluster from the table or a click, or a lasso) with its words and a seeded page of its kept
 * and removed documents, and the point under the mouse.
 */
final class ClusterSelection {
    private static final String NOTHING = "Select a cluster, or Shift+drag a lasso on the map";
    private static final String QUERY_SYNTAX = "+-&|!(){}[]^\"~*?:\\/";

    private final SampleSession session;
    private final LatestTask<String> hovering;

    private final ObservableList<ClusterStats.Row> clusters = FXCollections.observableArrayList();
    private final BooleanProperty byRemovalRate = new SimpleBooleanProperty(false);
    private final ReadOnlyDoubleWrapper sampleRemovalRate = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Integer> selectedCluster = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<int[]> selectedPoints = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(NOTHING);
    private final ObservableList<String> terms = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectionSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<Integer> kept = FXCollections.observableArrayList();
    private final ObservableList<Integer> removed = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper("");

    private BuiltMap built;
    private ClusterStats stats;
    private int shown = PAGE;
    private long drawSeed = 1;

    ClusterSelection(TaskRunner tasks, SampleSession session) {
        this.session = session;
        hovering = new LatestTask<>(tasks);
        byRemovalRate.addListener((o, a, b) -> refreshRows());
    }

    ObservableList<ClusterStats.Row> clusters() {
        return clusters;
    }

    BooleanProperty byRemovalRateProperty() {
        return byRemovalRate;
    }

    ReadOnlyDoubleProperty sampleRemovalRateProperty() {
        return sampleRemovalRate.getReadOnlyProperty();
    }

    /** The clusters counted under the live decisions (null before a build). */
    ClusterStats stats() {
        return stats;
    }

    ReadOnlyObjectProperty<Integer> selectedClusterProperty() {
        return selectedCluster.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<int[]> selectedPointsProperty() {
        return selectedPoints.getReadOnlyProperty();
    }

    ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    ObservableList<String> terms() {
        return terms;
    }

    ReadOnlyStringProperty selectionSummaryProperty() {
        return selectionSummary.getReadOnlyProperty();
    }

    ObservableList<Integer> kept() {
        return kept;
    }

    ObservableList<Integer> removed() {
        return removed;
    }

    ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** A new map (null: none): its clusters are counted, nothing is selected. */
    void setMap(BuiltMap b) {
        built = b;
        recount();
        clearSelection();
    }

    /** The pipeline decided again: the table is recounted and the selection's documents drawn again. */
    void decisionsChanged() {
        recount();
        refreshDocuments();
    }

    /** Selects a cluster (-1: the unclustered documents): its words, and random kept and removed documents. */
    void select(int clusterId) {
        ClusterMap map = built == null ? null : built.map();
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

    /** Selects the points inside a polygon drawn on the map (map coordinates; the last vertex joins the first). */
    void selectPolygon(double[] xs, double[] ys) {
        if (built == null) {
            return;
        }
        int[] inside = built.index().inside(xs, ys);
        setSelection(null, inside, String.format("Lasso: %,d documents", inside.length), List.of());
    }

    void clearSelection() {
        selectedCluster.set(null);
        selectedPoints.set(null);
        title.set(NOTHING);
        terms.clear();
        shown = PAGE;
        refreshDocuments();
    }

    void more() {
        shown += PAGE;
        refreshDocuments();
    }

    void reshuffle() {
        drawSeed++;
        shown = PAGE;
        refreshDocuments();
    }

    /** The sample row of a point, or -1. */
    int row(int point) {
        return built == null || point < 0 || point >= built.points().size() ? -1 : built.points().rows()[point];
    }

    /** The point nearest to a map position, at most {@code maxDistance} map units away; -1 when none. */
    int nearest(double x, double y, double maxDistance) {
        return built == null ? -1 : built.index().nearest(x, y, maxDistance);
    }

    /**
     * Hovers a point (-1: none): {@link #hoverTextProperty()} at once says its document's id, cluster and
     * status, and the opening of its text follows when it has been read (in the background).
     */
    void hover(int point) {
        int row = row(point);
        if (row < 0) {
            hovering.cancel();
            hoverText.set("");
            return;
        }
        Sample s = built.sample();
        int c = built.points().cluster()[point];
        String cluster = c < 0 ? "unclustered" : "cluster " + c;
        Decisions d = session.decisions();
        String status = d == null || row >= d.rows() ? "" : d.kept(row) ? " · kept" : " · removed by " + d.steps().get(d.removedBy(row));
        String head = s.id(row) + "  ·  " + cluster + status;
        hoverText.set(head);
        hovering.start("", ctx -> opening(s.document(row).text()), opening -> hoverText.set(head + "\n" + opening));
    }

    /** The Search query of the selected cluster's words (any of them), or null when there are none. */
    String searchQuery() {
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

    /** Tune gets (or extends) a topic step that drops the documents nearest the selected cluster's centroid. */
    void dropSelectedTopic() {
        Integer c = selectedCluster.get();
        if (built == null || c == null || c < 0 || c >= built.topicLabels().size()) {
            return;
        }
        PipelineEdits.dropTopic(session.config(), built.centroids(), built.topicLabels(), built.topicLabels().get(c)).ifPresent(e -> session.edit(e.config(), e.remeasure()));
    }

    /** Counts the clusters under the live decisions: one pass over the rows. */
    private void recount() {
        Decisions d = session.decisions();
        RowKeys keys = session.keys();
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
        Decisions d = session.decisions();
        if (sel == null || built == null || d == null || d.rows() != built.sample().size()) {
            kept.clear();
            removed.clear();
            selectionSummary.set("");
            return;
        }
        MapPoints p = built.points();
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

    private static String opening(String text) {
        String opening = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return opening.length() > HOVER_CHARS ? opening.substring(0, HOVER_CHARS) + "…" : opening;
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
}
