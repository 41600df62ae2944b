package org.loupe.app.domains;

import org.loupe.app.session.LabelKeys;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import org.loupe.app.common.Formats;
import org.loupe.app.common.NumberColumns;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.loupe.app.common.DocumentCells;
import org.loupe.app.document.DocumentView;
import org.loupe.app.session.SampleSession;

/**
 * Domains: the table of domains by tokens over tabs for the chart, the selected domain's hosts and path
 * prefixes, and the Top URLs; a domain's (or a Top URL's) documents kept / removed, block the domain.
 */
public final class DomainsView extends BorderPane {

    public DomainsView(DomainsViewModel model, SampleSession session, java.util.function.Consumer<String> search) {
        getStyleClass().add("domains-view");
        TextField filter = new TextField();
        filter.setId("domains-filter");
        filter.setPromptText("Filter domains");
        filter.textProperty().bindBidirectional(model.filterProperty());
        CheckBox byRate = new CheckBox("sort by removal rate");
        byRate.selectedProperty().bindBidirectional(model.byRemovalRateProperty());
        HBox bar = new HBox(10, filter, byRate);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<DomainsViewModel.Row> table = new TableView<>(model.rows());
        table.setId("domains-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(model.errorProperty().isEmpty())
                .then("Open a sample: its domains are counted under the Tune pipeline").otherwise(model.errorProperty()));
        table.setPlaceholder(empty);
        table.getColumns().add(column("domain", 200, DomainsViewModel.Row::domain));
        table.getColumns().add(NumberColumns.counts("docs", 64, DomainsViewModel.Row::documents));
        table.getColumns().add(NumberColumns.counts("tokens", 86, DomainsViewModel.Row::tokens));
        table.getColumns().add(NumberColumns.counts("kept", 60, DomainsViewModel.Row::keptDocuments));
        table.getColumns().add(NumberColumns.percents("removed", 70, DomainsViewModel.Row::removalRate));
        table.getColumns().add(column("removed by", 240, DomainsViewModel.Row::removedBy));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setMinWidth(160);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                model.select(r.domain());
            }
        });

        CategoryAxis y = new CategoryAxis();
        NumberAxis x = new NumberAxis();
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Formats.compactCount(n.longValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setId("domains-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setBarGap(0);
        chart.setCategoryGap(3);
        // As many domains as have a readable row (about 20 px each): more on a taller window.
        int[] shown = {0};
        Runnable redraw = () -> {
            int fit = (int) Math.max(5, Math.min(40, (chart.getHeight() - 70) / 20));
            List<DomainsViewModel.Row> top = model.rows().stream().limit(fit).toList();
            shown[0] = fit;
            XYChart.Series<Number, String> series = new XYChart.Series<>();
            List<String> names = new java.util.ArrayList<>();
            for (DomainsViewModel.Row r : top) {
                String shortName = middleEllipsis(r.domain(), 30);
                String name = names.contains(shortName) ? r.domain() : shortName;
                names.add(name);
                XYChart.Data<Number, String> datum = new XYChart.Data<>(r.tokens(), name);
                series.getData().add(datum);
                String tip = r.domain() + ": " + Formats.count(r.tokens()) + " tokens, " + Formats.count(r.documents())
                        + " documents, " + Formats.percent(r.removalRate()) + " removed";
                datum.nodeProperty().addListener((o, a, node) -> {
                    if (node != null) {
                        javafx.scene.control.Tooltip.install(node, new javafx.scene.control.Tooltip(tip));
                    }
                });
            }
            java.util.Collections.reverse(names);
            y.setCategories(FXCollections.observableArrayList(names));
            chart.getData().setAll(List.of(series));
            x.setLabel("tokens (top " + top.size() + " domains)");
        };
        model.rows().addListener((ListChangeListener<DomainsViewModel.Row>) c -> redraw.run());
        chart.heightProperty().addListener((o, a, h) -> {
            int fit = (int) Math.max(5, Math.min(40, (h.doubleValue() - 70) / 20));
            if (fit != shown[0]) {
                redraw.run();
            }
        });
        redraw.run();

        // Re-clicking the selected domain while a Top URL's documents are listed lists the domain's again.
        table.setOnMouseClicked(e -> {
            DomainsViewModel.Row r = table.getSelectionModel().getSelectedItem();
            if (r != null && model.selectedUrlProperty().get() != null) {
                model.select(r.domain());
            }
        });

        VBox left = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        Tab chartTab = new Tab("Chart", chart);
        chartTab.setId("domains-chart-tab");
        Tab breakdownTab = new Tab("Hosts & paths", breakdown(model));
        breakdownTab.setId("domains-breakdown-tab");
        Tab urlsTab = new Tab("Top URLs", topUrls(model));
        urlsTab.setId("domains-urls-tab");
        TabPane tabs = new TabPane(chartTab, breakdownTab, urlsTab);
        tabs.setId("domains-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane leftSplit = new SplitPane(left, tabs);
        leftSplit.setOrientation(Orientation.VERTICAL);
        leftSplit.setDividerPositions(0.6);

        Label title = new Label("Select a domain");
        title.setId("domains-selected");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(model.titleProperty());
        Button block = new Button("Add to URL blocklist");
        block.setId("domains-block");
        block.getStyleClass().add(Styles.DANGER);
        block.setOnAction(e -> model.blockSelected());
        Button more = new Button("10 more");
        more.setOnAction(e -> model.more());
        Button again = new Button("Draw again");
        again.setOnAction(e -> model.reshuffle());
        Button find = new Button("Search domain");
        find.setOnAction(e -> {
            if (model.selectedProperty().get() != null) {
                // Every host of the registrable domain: the domain itself and its subdomains.
                String d = model.selectedProperty().get();
                search.accept("domain:\"" + d + "\" OR domain:*." + d);
            }
        });
        for (Button b : List.of(block, more, again, find)) {
            b.getStyleClass().add(Styles.SMALL);
            // The actions are the domain's: off while a Top URL's documents are listed.
            b.disableProperty().bind(model.selectedProperty().isNull().or(model.selectedUrlProperty().isNotNull()));
        }
        HBox actions = new HBox(6, block, more, again, find);
        ListView<Integer> kept = documents(model.kept(), session, "domains-kept");
        ListView<Integer> removed = documents(model.removed(), session, "domains-removed");
        SplitPane lists = new SplitPane(titled("kept", kept), titled("removed", removed));
        VBox right = new VBox(6, title, actions, lists);
        VBox.setVgrow(lists, Priority.ALWAYS);
        right.setPadding(new Insets(8));
        DocumentView inspector = new DocumentView(session.inspector());
        SplitPane rightSplit = new SplitPane(right, inspector);
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.setDividerPositions(0.4);
        SplitPane center = new SplitPane(leftSplit, rightSplit);
        center.setDividerPositions(0.55);
        setCenter(center);
        LabelKeys.install(this, session);
    }

    /** The selected domain's hosts and path prefixes, side by side. */
    private static Node breakdown(DomainsViewModel model) {
        TableView<DomainsViewModel.PartRow> hosts = partTable(model.hosts(), "host", "domains-hosts");
        TableView<DomainsViewModel.PartRow> paths = partTable(model.pathPrefixes(), "path prefix", "domains-paths");
        SplitPane split = new SplitPane(hosts, paths);
        split.setPadding(new Insets(4));
        return split;
    }

    private static TableView<DomainsViewModel.PartRow> partTable(javafx.collections.ObservableList<DomainsViewModel.PartRow> rows,
                                                                 String name, String id) {
        TableView<DomainsViewModel.PartRow> t = new TableView<>(rows);
        t.setId(id);
        t.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        t.setPlaceholder(new Label("Select a domain"));
        t.getColumns().add(column(name, 160, DomainsViewModel.PartRow::name));
        t.getColumns().add(NumberColumns.counts("docs", 64, DomainsViewModel.PartRow::documents));
        t.getColumns().add(NumberColumns.counts("tokens", 80, DomainsViewModel.PartRow::tokens));
        t.getColumns().add(NumberColumns.counts("kept", 60, DomainsViewModel.PartRow::keptDocuments));
        t.getColumns().add(NumberColumns.percents("removed", 70, DomainsViewModel.PartRow::removalRate));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setMinWidth(160);
        return t;
    }

    /** Exact URLs of more than one sampled document; choosing one lists its documents. */
    private static Node topUrls(DomainsViewModel model) {
        TableView<DomainsViewModel.UrlRow> t = new TableView<>(model.topUrls());
        t.setId("domains-urls");
        t.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        t.setPlaceholder(new Label("No URL occurs in more than one sampled document"));
        t.getColumns().add(column("URL", 360, DomainsViewModel.UrlRow::url));
        t.getColumns().add(NumberColumns.counts("docs", 64, DomainsViewModel.UrlRow::documents));
        t.getColumns().add(NumberColumns.counts("kept", 60, DomainsViewModel.UrlRow::keptDocuments));
        t.getColumns().add(NumberColumns.counts("removed", 70, DomainsViewModel.UrlRow::removedDocuments));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setMinWidth(160);
        t.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                model.selectUrl(r.url());
            }
        });
        // Choosing a domain lists its documents again: forget the URL row so that it can be chosen anew.
        model.selectedUrlProperty().addListener((o, a, u) -> {
            if (u == null) {
                t.getSelectionModel().clearSelection();
            }
        });
        return t;
    }

    private static Node titled(String name, Node content) {
        Label l = new Label(name);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static ListView<Integer> documents(javafx.collections.ObservableList<Integer> rows, SampleSession session, String id) {
        ListView<Integer> list = new ListView<>(rows);
        list.setId(id);
        list.setPlaceholder(new Label("None"));
        list.setCellFactory(DocumentCells.listCells(session.documentRows()::row, null, session.documentRows().versionProperty()));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                session.open(r);
            }
        });
        return list;
    }

    private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    /** A long name shortened in the middle ("averyverylong…example.co.uk"), so both its start and its suffix show. */
    static String middleEllipsis(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int tail = (max - 1) / 2;
        int head = max - 1 - tail;
        return s.substring(0, head) + "…" + s.substring(s.length() - tail);
    }
}
