package org.loupe.app.tune;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.loupe.engine.pipeline.Presets;
import org.loupe.engine.pipeline.StepConfig;

/** Tune: the steps (on/off), the selected step's parameters (editable), and the live cascade. */
public final class TuneView extends BorderPane {

    public TuneView(TuneViewModel model) {
        getStyleClass().add("tune-view");

        ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(Presets.descriptions().keySet()));
        preset.setPromptText("Preset");
        preset.setId("tune-preset");
        preset.setOnAction(e -> {
            if (preset.getValue() != null) {
                model.usePreset(preset.getValue());
            }
        });

        ListView<StepConfig> steps = new ListView<>(model.steps());
        steps.setId("tune-steps");
        steps.setCellFactory(list -> new ListCell<>() {
            private final CheckBox box = new CheckBox();
            private final Label name = new Label();
            private final HBox graphic = new HBox(6, box, name);

            @Override
            protected void updateItem(StepConfig item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                // The check box switches the step; a click on the name selects it (its parameters show).
                name.setText(item.stepName() + (item.keepFraction() > 0 ? "  (keeps " + item.keepFraction() + ")" : ""));
                box.setSelected(item.enabled());
                int index = getIndex();
                box.setOnAction(e -> model.setEnabled(index, box.isSelected()));
                graphic.setAlignment(Pos.CENTER_LEFT);
                setGraphic(graphic);
            }
        });
        steps.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> model.selectedStepProperty().set(i.intValue()));
        model.selectedStepProperty().addListener((o, a, i) -> {
            if (steps.getSelectionModel().getSelectedIndex() != i.intValue()) {
                steps.getSelectionModel().select(i.intValue());
            }
        });
        VBox left = new VBox(8, new Label("Pipeline"), preset, steps);
        left.setPadding(new Insets(8));
        left.setPrefWidth(240);

        TableView<TuneViewModel.ParamRow> params = new TableView<>(model.params());
        params.setId("tune-params");
        params.setEditable(true);
        params.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        params.setPlaceholder(new Label("Select a step to see its parameters"));
        params.getColumns().add(column("parameter", 200, TuneViewModel.ParamRow::name));
        TableColumn<TuneViewModel.ParamRow, String> value = column("value", 140, TuneViewModel.ParamRow::value);
        value.setEditable(true);
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> model.setParam(e.getRowValue().name(), e.getNewValue()));
        params.getColumns().add(value);
        params.getColumns().add(column("changes", 90, r -> r.role().name().toLowerCase(java.util.Locale.ROOT)));
        params.getColumns().add(column("meaning", 420, TuneViewModel.ParamRow::description));
        params.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<TuneViewModel.CascadeRow> cascade = new TableView<>(model.cascade());
        cascade.setId("tune-cascade");
        cascade.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        cascade.setPlaceholder(new Label("Open a sample to see what each step removes"));
        cascade.getColumns().add(column("step", 160, TuneViewModel.CascadeRow::step));
        cascade.getColumns().add(number("removed docs", TuneViewModel.CascadeRow::removedDocs));
        cascade.getColumns().add(number("removed tokens", TuneViewModel.CascadeRow::removedTokens));
        cascade.getColumns().add(number("only this step", TuneViewModel.CascadeRow::uniqueDocs));
        cascade.getColumns().add(number("docs left", TuneViewModel.CascadeRow::remainingDocs));
        cascade.getColumns().add(number("tokens left", TuneViewModel.CascadeRow::remainingTokens));
        cascade.getColumns().add(column("top reasons", 360, TuneViewModel.CascadeRow::topReasons));
        cascade.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Label summary = new Label();
        summary.setId("tune-summary");
        summary.getStyleClass().add(Styles.TITLE_4);
        summary.textProperty().bind(model.summaryProperty());
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        HBox top = new HBox(16, summary, error);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 8, 10));

        SplitPane center = new SplitPane(params, histogram(model), cascade);
        center.setOrientation(javafx.geometry.Orientation.VERTICAL);
        center.setDividerPositions(0.3, 0.66);
        BorderPane main = new BorderPane(center);
        main.setTop(top);
        setLeft(left);
        setCenter(main);
    }

    /** The selected metric's distribution: kept, removed by this step, removed by other steps. */
    private static javafx.scene.Node histogram(TuneViewModel model) {
        ComboBox<String> metric = new ComboBox<>(model.metrics());
        metric.setId("tune-metric");
        metric.valueProperty().bindBidirectional(model.metricProperty());
        Label caption = new Label();
        caption.setId("tune-threshold");
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        caption.textProperty().bind(model.histogramCaptionProperty());
        metric.setPrefWidth(230);
        metric.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label of = new Label("Distribution of");
        of.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        CheckBox log = new CheckBox("log scale");
        log.setId("tune-log");
        log.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        log.selectedProperty().bindBidirectional(model.logScaleProperty());
        caption.setMinWidth(0);
        HBox.setHgrow(caption, javafx.scene.layout.Priority.ALWAYS);
        HBox bar = new HBox(10, of, metric, log, caption);
        bar.setAlignment(Pos.CENTER_LEFT);

        javafx.scene.chart.CategoryAxis x = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.NumberAxis y = new javafx.scene.chart.NumberAxis();
        y.setLabel("documents");
        javafx.scene.chart.StackedBarChart<String, Number> chart = new javafx.scene.chart.StackedBarChart<>(x, y);
        chart.setId("tune-histogram");
        chart.setAnimated(false);
        chart.setCategoryGap(1);
        chart.setLegendVisible(true);
        model.histogramProperty().addListener((o, a, h) -> {
            chart.getData().clear();
            if (h == null) {
                return;
            }
            javafx.scene.chart.XYChart.Series<String, Number> kept = new javafx.scene.chart.XYChart.Series<>();
            kept.setName("kept");
            javafx.scene.chart.XYChart.Series<String, Number> step = new javafx.scene.chart.XYChart.Series<>();
            step.setName("removed by this step");
            javafx.scene.chart.XYChart.Series<String, Number> other = new javafx.scene.chart.XYChart.Series<>();
            other.setName("removed by another step");
            java.util.List<String> categories = new java.util.ArrayList<>();
            for (int i = 0; i < h.kept().length; i++) {
                String label = TuneViewModel.shortNumber(h.edges()[i]);
                // Category labels must be unique.
                while (categories.contains(label)) {
                    label = label + " ";
                }
                categories.add(label);
                kept.getData().add(new javafx.scene.chart.XYChart.Data<>(label, h.kept()[i]));
                step.getData().add(new javafx.scene.chart.XYChart.Data<>(label, h.removedByStep()[i]));
                other.getData().add(new javafx.scene.chart.XYChart.Data<>(label, h.removedByOther()[i]));
            }
            x.setCategories(javafx.collections.FXCollections.observableArrayList(categories));
            chart.getData().add(kept);
            chart.getData().add(step);
            chart.getData().add(other);
        });
        VBox box = new VBox(6, bar, chart);
        VBox.setVgrow(chart, javafx.scene.layout.Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 6, 10));
        return box;
    }

    private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    private static <R> TableColumn<R, String> number(String name, java.util.function.ToLongFunction<R> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(110);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(String.format("%,d", f.applyAsLong(cell.getValue()))));
        c.getStyleClass().add("numeric");
        return c;
    }
}
