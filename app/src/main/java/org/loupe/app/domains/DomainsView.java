package org.loupe.app.domains;

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
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.loupe.app.document.DocumentView;
import org.loupe.app.tune.TuneViewModel;

/** Domains: the table and chart of domains by tokens, a domain's documents kept / removed, block it. */
public final class DomainsView extends BorderPane {

    public DomainsView(DomainsViewModel model, TuneViewModel tune, java.util.function.Consumer<String> search) {
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
        table.setPlaceholder(new Label("Open a sample: its domains are counted under the Tune pipeline"));
        table.getColumns().add(column("domain", 200, DomainsViewModel.Row::domain));
        table.getColumns().add(column("documents", 80, r -> String.format("%,d", r.documents())));
        table.getColumns().add(column("tokens", 100, r -> String.format("%,d", r.tokens())));
        table.getColumns().add(column("kept", 70, r -> String.format("%,d", r.keptDocuments())));
        table.getColumns().add(column("removed", 70, r -> String.format("%.0f%%", 100 * r.removalRate())));
        table.getColumns().add(column("removed by", 240, DomainsViewModel.Row::removedBy));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                model.select(r.domain());
            }
        });

        CategoryAxis y = new CategoryAxis();
        NumberAxis x = new NumberAxis();
        x.setLabel("tokens (top 15)");
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setId("domains-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        Runnable redraw = () -> {
            XYChart.Series<Number, String> series = new XYChart.Series<>();
            List<DomainsViewModel.Row> top = model.rows().stream().limit(15).toList();
            List<String> names = new java.util.ArrayList<>();
            for (DomainsViewModel.Row r : top) {
                names.add(r.domain());
                series.getData().add(new XYChart.Data<>(r.tokens(), r.domain()));
            }
            java.util.Collections.reverse(names);
            y.setCategories(FXCollections.observableArrayList(names));
            chart.getData().setAll(List.of(series));
        };
        model.rows().addListener((ListChangeListener<DomainsViewModel.Row>) c -> redraw.run());
        redraw.run();

        VBox left = new VBox(6, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        SplitPane leftSplit = new SplitPane(left, chart);
        leftSplit.setOrientation(Orientation.VERTICAL);
        leftSplit.setDividerPositions(0.6);

        Label title = new Label("Select a domain");
        title.setId("domains-selected");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(model.selectedProperty().map(d -> d).orElse("Select a domain"));
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
            b.disableProperty().bind(model.selectedProperty().isNull());
        }
        HBox actions = new HBox(6, block, more, again, find);
        ListView<Integer> kept = documents(model.kept(), tune, "domains-kept");
        ListView<Integer> removed = documents(model.removed(), tune, "domains-removed");
        SplitPane lists = new SplitPane(titled("kept", kept), titled("removed", removed));
        VBox right = new VBox(6, title, actions, lists);
        VBox.setVgrow(lists, Priority.ALWAYS);
        right.setPadding(new Insets(8));
        DocumentView inspector = new DocumentView(tune.inspector());
        SplitPane rightSplit = new SplitPane(right, inspector);
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.setDividerPositions(0.4);
        SplitPane center = new SplitPane(leftSplit, rightSplit);
        center.setDividerPositions(0.55);
        setCenter(center);
        org.loupe.app.tune.TuneView.installLabelKeys(this, tune);
    }

    private static Node titled(String name, Node content) {
        Label l = new Label(name);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static ListView<Integer> documents(javafx.collections.ObservableList<Integer> rows, TuneViewModel tune, String id) {
        ListView<Integer> list = new ListView<>(rows);
        list.setId(id);
        list.setPlaceholder(new Label("None"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Integer row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || tune.sample() == null) {
                    setText(null);
                    return;
                }
                var d = tune.decisionsProperty().get();
                String status = d == null || d.kept(row) ? "" : "  ·  " + d.steps().get(d.removedBy(row)) + ": " + d.reason(row);
                setText(tune.sample().id(row) + status);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                tune.open(r);
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
}
