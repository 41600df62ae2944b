package org.loupe.app.clusters;

import org.loupe.app.session.LabelKeys;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import org.loupe.app.common.NumberColumns;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.analysis.cluster.Clustering;
import org.loupe.app.common.DocumentCells;
import org.loupe.app.document.DocumentView;
import org.loupe.app.session.SampleSession;

/**
 * Clusters: the map's settings, Build / Cancel and the cluster table (sortable by size or removal rate) on
 * the left; the map with its colour chooser and legend in the middle; the selected cluster's (or lasso's)
 * words, "Search these keywords", its kept and removed documents and the shared inspector on the right.
 */
public final class ClustersView extends BorderPane {

    private final ClusterCanvas canvas;
    private boolean syncing;

    public ClustersView(ClustersViewModel model, SampleSession session) {
        getStyleClass().add("clusters-view");
        canvas = new ClusterCanvas(model);
        canvas.setId("clusters-canvas");
        SplitPane split = new SplitPane(left(model), center(model), right(model, session));
        // The map takes the widest share; the cluster table and the documents keep readable widths.
        split.setDividerPositions(0.28, 0.66);
        setCenter(split);
        LabelKeys.install(this, session);
    }

    /** The map (tests read its image). */
    public ClusterCanvas canvas() {
        return canvas;
    }

    // Left: settings, actions, clusters

    private Node left(ClustersViewModel model) {
        Label title = new Label("Cluster map");
        title.getStyleClass().add(Styles.TITLE_4);

        Spinner<Integer> documents = new Spinner<>();
        documents.setId("clusters-documents");
        SpinnerValueFactory.IntegerSpinnerValueFactory docs = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                0, Math.max(0, model.maxDocumentsProperty().get()), model.documentsProperty().get(), 500);
        docs.maxProperty().bind(model.maxDocumentsProperty());
        docs.setConverter(integers(docs));
        documents.setValueFactory(docs);
        documents.setEditable(true);
        documents.setMaxWidth(Double.MAX_VALUE);
        docs.valueProperty().addListener((o, a, v) -> {
            if (v != null && v != model.documentsProperty().get()) {
                model.documentsProperty().set(v);
            }
        });
        model.documentsProperty().addListener((o, a, v) -> docs.setValue(v.intValue()));
        documents.setTooltip(new Tooltip("A seeded subset of the sample (all of it at most). Embedding runs at tens of "
                + "documents per second per core; embeddings are cached, so mapping more later reuses them."));

        ComboBox<Clustering.Method> method = new ComboBox<>();
        method.setId("clusters-method");
        method.getItems().setAll(Clustering.Method.values());
        method.valueProperty().bindBidirectional(model.methodProperty());
        method.setMaxWidth(Double.MAX_VALUE);
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(Clustering.Method m) {
                return m == null ? "" : m == Clustering.Method.KMEANS ? "k-means on the embeddings" : "DBSCAN on the map";
            }

            @Override
            public Clustering.Method fromString(String s) {
                return null;
            }
        });
        method.setTooltip(new Tooltip("DBSCAN finds dense regions of the map and leaves sparse documents unclustered; "
                + "k-means puts every document in one of about √(n/2) clusters"));

        Spinner<Integer> seed = new Spinner<>();
        seed.setId("clusters-seed");
        SpinnerValueFactory.IntegerSpinnerValueFactory seeds = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                0, Integer.MAX_VALUE, (int) model.seedProperty().get(), 1);
        seeds.setConverter(integers(seeds));
        seed.setValueFactory(seeds);
        seed.setEditable(true);
        seed.setMaxWidth(Double.MAX_VALUE);
        seeds.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.seedProperty().set(v);
            }
        });
        seed.setTooltip(new Tooltip("Chooses the subset, the layout and k-means' start"));

        Button build = new Button("Build");
        build.setId("clusters-build");
        build.getStyleClass().add(Styles.ACCENT);
        build.setMaxWidth(Double.MAX_VALUE);
        build.setOnAction(e -> model.build());
        build.disableProperty().bind(model.buildingProperty().or(model.maxDocumentsProperty().isEqualTo(0)));
        Button cancel = new Button("Cancel");
        cancel.setId("clusters-cancel");
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.setMaxWidth(Double.MAX_VALUE);
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.buildingProperty().not());
        HBox actions = new HBox(6, build, cancel);
        HBox.setHgrow(build, Priority.ALWAYS);
        HBox.setHgrow(cancel, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("clusters-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());

        CheckBox byRate = new CheckBox("sort by removal rate");
        byRate.setId("clusters-by-rate");
        byRate.selectedProperty().bindBidirectional(model.byRemovalRateProperty());

        TableView<ClusterStats.Row> table = table(model);

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(6);
        settings.addRow(0, caption("Documents"), documents);
        documents.setMinWidth(90);
        settings.addRow(1, caption("Clustering"), method);
        settings.addRow(2, caption("Seed"), seed);
        ColumnConstraints captions = new ColumnConstraints();
        captions.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        settings.getColumnConstraints().setAll(captions, controls);

        VBox box = new VBox(6, title, settings, actions, summary, new Separator(), byRate, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        box.setMinWidth(260);
        return box;
    }

    private TableView<ClusterStats.Row> table(ClustersViewModel model) {
        TableView<ClusterStats.Row> table = new TableView<>(model.clusters());
        table.setId("clusters-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        Label empty = new Label("Build the map: its clusters are counted under the Tune pipeline");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getColumns().add(fixed(column("id", 32, r -> r.id() < 0 ? "–" : Integer.toString(r.id()), true)));
        TableColumn<ClusterStats.Row, String> label = column("label", 160, ClusterStats.Row::label, false);
        label.setMinWidth(80);
        label.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
            }
        });
        table.getColumns().add(label);
        table.getColumns().add(NumberColumns.counts("size", 56, ClusterStats.Row::documents));
        table.getColumns().add(NumberColumns.counts("tokens", 64, ClusterStats.Row::tokens));
        table.getColumns().add(NumberColumns.percents("removed", 64, ClusterStats.Row::removalRate));
        TableColumn<ClusterStats.Row, Number> vs = NumberColumns.numbers("vs sample", 80,
                r -> 100 * (r.removalRate() - model.sampleRemovalRateProperty().get()),
                v -> String.format(java.util.Locale.ROOT, "%+.0f pp", v), v -> String.format(java.util.Locale.ROOT, "%+.0f", v),
                "+100 pp");
        table.getColumns().add(vs);
        // The label takes the width the numbers leave (a scroll bar appears below its minimum).
        double numbers = table.getColumns().stream().filter(c -> c != label).mapToDouble(TableColumn::getPrefWidth).sum();
        label.prefWidthProperty().bind(table.widthProperty().subtract(numbers + 20));
        table.setTooltip(new Tooltip("removed: the share of the cluster's documents the Tune pipeline removes; "
                + "vs sample: that share minus the share of all mapped documents, in percentage points"));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null && !syncing) {
                Integer current = model.selectedClusterProperty().get();
                if (current == null || current != r.id()) {
                    model.select(r.id());
                }
            }
        });
        // The rows are new objects after every recount: keep the selected cluster's row selected.
        Runnable sync = () -> {
            syncing = true;
            try {
                Integer id = model.selectedClusterProperty().get();
                if (id == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getItems().stream().filter(r -> r.id() == id).findFirst().ifPresentOrElse(
                            r -> table.getSelectionModel().select(r), () -> table.getSelectionModel().clearSelection());
                }
            } finally {
                syncing = false;
            }
        };
        model.clusters().addListener((ListChangeListener<ClusterStats.Row>) c -> sync.run());
        model.selectedClusterProperty().addListener((o, a, id) -> sync.run());
        return table;
    }

    // Center: colour chooser, map, legend

    private Node center(ClustersViewModel model) {
        ComboBox<ColourMode> mode = new ComboBox<>();
        mode.setId("clusters-colour-mode");
        mode.getItems().setAll(ColourMode.values());
        mode.valueProperty().bindBidirectional(model.colourModeProperty());
        ComboBox<String> metric = new ComboBox<>(model.metrics());
        metric.setId("clusters-metric");
        metric.valueProperty().bindBidirectional(model.metricProperty());
        metric.visibleProperty().bind(model.colourModeProperty().isEqualTo(ColourMode.METRIC));
        metric.managedProperty().bind(metric.visibleProperty());
        metric.setPrefWidth(200);
        metric.setMinWidth(90);
        Button fit = new Button("Fit");
        fit.setId("clusters-fit");
        fit.getStyleClass().add(Styles.SMALL);
        fit.setTooltip(new Tooltip("Show every point (0, or double-click the map)"));
        fit.setOnAction(e -> canvas.fit());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label colourBy = caption("Colour by");
        colourBy.setMinWidth(Region.USE_PREF_SIZE);
        fit.setMinWidth(Region.USE_PREF_SIZE);
        mode.setMinWidth(110);
        HBox bar = new HBox(8, colourBy, mode, metric, spacer, fit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 8, 4, 8));

        Label empty = new Label("Build the map to see the documents: each dot is one, near dots are similar texts.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.visibleProperty().bind(model.pointsProperty().isNull());
        empty.setMouseTransparent(true);
        StackPane map = new StackPane(canvas, empty);
        map.setMinSize(100, 100);

        FlowPane legend = new FlowPane(12, 4);
        legend.setId("clusters-legend");
        legend.getStyleClass().add("cluster-legend");
        legend.setPadding(new Insets(4, 8, 0, 8));
        model.colouringProperty().addListener((o, a, c) -> fillLegend(legend, c));
        fillLegend(legend, model.colouringProperty().get());
        ScrollPane legendScroll = new ScrollPane(legend);
        legendScroll.setFitToWidth(true);
        legendScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        legendScroll.setMaxHeight(74);
        legendScroll.setPrefViewportHeight(66);
        legendScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        Label hint = new Label("Scroll: zoom · drag: pan · Shift+drag: lasso · click: open · 0: fit · Esc: clear selection");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setPadding(new Insets(2, 8, 6, 8));
        VBox bottom = new VBox(2, legendScroll, hint);

        BorderPane pane = new BorderPane(map);
        pane.setTop(bar);
        pane.setBottom(bottom);
        return pane;
    }

    private static final int LEGEND_ENTRIES = 60;
    private static final int LEGEND_CHARS = 30;

    private static void fillLegend(FlowPane legend, Colouring c) {
        legend.getChildren().clear();
        if (c == null) {
            return;
        }
        if (c.mode() == ColourMode.METRIC && c.metric() != null) {
            Label name = new Label(c.metric());
            name.getStyleClass().add(Styles.TEXT_MUTED);
            Rectangle ramp = new Rectangle(140, 10);
            Stop[] stops = new Stop[9];
            for (int i = 0; i < stops.length; i++) {
                double t = i / (stops.length - 1.0);
                stops[i] = new Stop(t, color(ClusterPalette.ramp(t)));
            }
            ramp.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
            legend.getChildren().add(name);
            if (c.logScale()) {
                Label log = new Label("(log scale)");
                log.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                legend.getChildren().add(log);
            }
            List<Colouring.LegendEntry> entries = c.legend();
            if (entries.size() >= 2 && !entries.get(0).label().startsWith("no ")) {
                HBox scale = new HBox(6, new Label(entries.get(0).label()), ramp, new Label(entries.get(1).label()));
                scale.setAlignment(Pos.CENTER_LEFT);
                legend.getChildren().add(scale);
                entries = entries.subList(2, entries.size());
            }
            entries.forEach(e -> legend.getChildren().add(entry(e)));
            return;
        }
        List<Colouring.LegendEntry> entries = c.legend();
        for (int i = 0; i < entries.size(); i++) {
            if (i == LEGEND_ENTRIES && entries.size() > LEGEND_ENTRIES + 1) {
                // the unclustered entry comes last: keep it
                Colouring.LegendEntry last = entries.get(entries.size() - 1);
                legend.getChildren().add(new Label(String.format("… %d more", entries.size() - LEGEND_ENTRIES - 1)));
                legend.getChildren().add(entry(last));
                break;
            }
            legend.getChildren().add(entry(entries.get(i)));
        }
    }

    private static Node entry(Colouring.LegendEntry e) {
        Rectangle swatch = new Rectangle(10, 10, color(e.argb()));
        String text = e.label().length() > LEGEND_CHARS ? e.label().substring(0, LEGEND_CHARS - 1) + "…" : e.label();
        Label l = new Label(text + "  " + String.format("%,d", e.points()), swatch);
        l.getStyleClass().add("legend-entry");
        l.setUserData(e.label());
        if (!text.equals(e.label())) {
            l.setTooltip(new Tooltip(e.label()));
        }
        return l;
    }

    /** 8,950 · 216k · 1.2M: token counts in a narrow column. */
    static String compact(long v) {
        return org.loupe.app.common.Formats.compactCount(v);
    }

    private static <R> TableColumn<R, String> fixed(TableColumn<R, String> c) {
        c.setMinWidth(c.getPrefWidth());
        c.setMaxWidth(c.getPrefWidth());
        return c;
    }

    private static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }

    // Right: the selection and the inspector

    private Node right(ClustersViewModel model, SampleSession session) {
        Label title = new Label();
        title.setId("clusters-selected");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(model.titleProperty());
        Label words = new Label();
        words.setId("clusters-terms");
        words.setWrapText(true);
        words.setMinHeight(Region.USE_PREF_SIZE);
        Runnable showWords = () -> words.setText(model.terms().isEmpty() ? "" : "Label words: " + String.join(", ", model.terms()));
        model.terms().addListener((ListChangeListener<String>) c -> showWords.run());
        showWords.run();
        Label counts = new Label();
        counts.setId("clusters-selection-summary");
        counts.setWrapText(true);
        counts.setMinHeight(Region.USE_PREF_SIZE);
        counts.getStyleClass().add(Styles.TEXT_MUTED);
        counts.textProperty().bind(model.selectionSummaryProperty());

        Button search = new Button("Search these keywords");
        search.setId("clusters-search");
        search.setTooltip(new Tooltip("Search every sampled document for any of the cluster's label words"));
        search.setOnAction(e -> model.searchKeywords());
        search.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.terms()));
        Button more = new Button("10 more");
        more.setId("clusters-more");
        more.setOnAction(e -> model.more());
        Button again = new Button("Draw again");
        again.setId("clusters-reshuffle");
        again.setOnAction(e -> model.reshuffle());
        for (Button b : List.of(more, again)) {
            b.disableProperty().bind(model.selectedPointsProperty().isNull());
        }
        Button drop = new Button("Drop this topic");
        drop.setId("clusters-drop-topic");
        drop.setTooltip(new Tooltip("Add a topic step to the pipeline that removes the documents nearest this cluster "
                + "(here, in Tune and Diffs, and in full runs)"));
        drop.setOnAction(e -> model.dropSelectedTopic());
        drop.disableProperty().bind(model.selectedClusterProperty().isNull());
        for (Button b : List.of(search, more, again, drop)) {
            b.getStyleClass().add(Styles.SMALL);
        }
        drop.getStyleClass().add(Styles.DANGER);
        HBox actions = new HBox(6, search, more, again, drop);

        ListView<Integer> kept = documents(model.kept(), session, model, "clusters-kept");
        ListView<Integer> removed = documents(model.removed(), session, model, "clusters-removed");
        SplitPane lists = new SplitPane(titled("kept", kept), titled("removed", removed));
        VBox top = new VBox(6, title, words, actions, counts, lists);
        VBox.setVgrow(lists, Priority.ALWAYS);
        top.setPadding(new Insets(8));
        DocumentView inspector = new DocumentView(session.inspector());
        SplitPane split = new SplitPane(top, inspector);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        return split;
    }

    private static Node titled(String name, Node content) {
        Label l = new Label(name);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static ListView<Integer> documents(ObservableList<Integer> rows, SampleSession session, ClustersViewModel model, String id) {
        ListView<Integer> list = new ListView<>(rows);
        list.setId(id);
        list.setPlaceholder(new Label("None"));
        list.setCellFactory(DocumentCells.listCells(session.documentRows()::row, null, session.documentRows().versionProperty()));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                model.open(r);
            }
        });
        return list;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }

    private static StringConverter<Integer> integers(SpinnerValueFactory<Integer> factory) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.valueOf(text.strip().replace(",", "").replace("_", ""));
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        };
    }

    private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> f, boolean numeric) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        if (numeric) {
            c.getStyleClass().add("numeric");
        }
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }
}
