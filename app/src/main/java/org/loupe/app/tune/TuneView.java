package org.loupe.app.tune;

import org.loupe.app.session.LabelKeys;

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
import org.loupe.engine.pipeline.steps.Presets;
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
        // A replaced item may clear the list's selection for a moment: the model's selection is the truth.
        steps.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                model.selectedStepProperty().set(i.intValue());
            }
        });
        model.steps().addListener((javafx.collections.ListChangeListener<StepConfig>) c -> {
            int want = model.selectedStepProperty().get();
            if (want >= 0 && steps.getSelectionModel().getSelectedIndex() != want) {
                steps.getSelectionModel().select(want);
            }
        });
        model.selectedStepProperty().addListener((o, a, i) -> {
            if (steps.getSelectionModel().getSelectedIndex() != i.intValue()) {
                steps.getSelectionModel().select(i.intValue());
            }
        });
        javafx.scene.control.MenuButton export = exportMenu(model);
        javafx.scene.control.Button up = new javafx.scene.control.Button("↑");
        up.setTooltip(new javafx.scene.control.Tooltip("Move the selected step up"));
        up.setOnAction(e -> model.moveStep(model.selectedStepProperty().get(), -1));
        javafx.scene.control.Button down = new javafx.scene.control.Button("↓");
        down.setTooltip(new javafx.scene.control.Tooltip("Move the selected step down"));
        down.setOnAction(e -> model.moveStep(model.selectedStepProperty().get(), 1));
        up.getStyleClass().add(Styles.SMALL);
        down.getStyleClass().add(Styles.SMALL);
        HBox order = new HBox(4, new Label("Order"), up, down);
        order.setAlignment(Pos.CENTER_LEFT);
        steps.getSelectionModel().select(model.selectedStepProperty().get());
        HBox tools = new HBox(8, order, export);
        tools.setAlignment(Pos.CENTER_LEFT);

        TableView<TuneViewModel.ParamRow> params = new TableView<>(model.params());
        params.setId("tune-params");
        params.setEditable(true);
        params.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        params.setPlaceholder(new Label("Select a step to see its parameters"));
        params.getColumns().add(column("parameter", 160, TuneViewModel.ParamRow::name));
        TableColumn<TuneViewModel.ParamRow, String> value = column("value", 90, TuneViewModel.ParamRow::value);
        value.setEditable(true);
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> model.setParam(e.getRowValue().name(), e.getNewValue()));
        params.getColumns().add(value);
        params.getColumns().add(column("drops", 60, r -> r.direction().replace("drops ", "")));
        params.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The selected parameter's meaning, range and role, under the table.
        Label meaning = new Label("Double-click a value to edit it; Enter applies it.");
        meaning.setId("tune-param-meaning");
        meaning.setWrapText(true);
        meaning.getStyleClass().add(Styles.TEXT_SMALL);
        // A fixed height: the table above must not move when the text changes (a double-click would miss).
        meaning.setMinHeight(72);
        meaning.setPrefHeight(72);
        meaning.setMaxHeight(72);
        meaning.setAlignment(Pos.TOP_LEFT);
        params.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                meaning.setText(r.name() + " — " + r.description() + (r.range().isEmpty() ? "" : "  Range " + r.range() + ".")
                        + "  Changing it " + (r.role() == org.loupe.engine.pipeline.ParamSpec.Role.MEASURE
                        ? "measures the step again (cached)." : "only decides again (instant)."));
            }
        });
        steps.setPrefHeight(200);
        steps.setMinHeight(110);
        VBox.setVgrow(steps, javafx.scene.layout.Priority.NEVER);
        VBox.setVgrow(params, javafx.scene.layout.Priority.ALWAYS);
        Label paramsTitle = new Label();
        paramsTitle.setId("tune-params-title");
        paramsTitle.textProperty().bind(model.parametersTitleProperty());
        VBox left = new VBox(8, new Label("Pipeline"), preset, steps, tools, paramsTitle, params, meaning);
        left.setPadding(new Insets(8));
        left.setPrefWidth(330);
        left.setMinWidth(280);

        TableView<TuneViewModel.CascadeRow> cascade = new TableView<>(model.cascade());
        cascade.setId("tune-cascade");
        cascade.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        cascade.setPlaceholder(new Label("Open a sample to see what each step removes"));
        TableColumn<TuneViewModel.CascadeRow, String> stepColumn = column("step", 150, TuneViewModel.CascadeRow::step);
        stepColumn.setMinWidth(110);
        cascade.getColumns().add(stepColumn);
        // Two-level headers keep the number columns narrow: "removed: docs, tokens", "left: docs, tokens".
        TableColumn<TuneViewModel.CascadeRow, Number> alone = number("alone", TuneViewModel.CascadeRow::uniqueDocs);
        cascade.getColumns().add(group("removed", number("docs", TuneViewModel.CascadeRow::removedDocs),
                number("tokens", TuneViewModel.CascadeRow::removedTokens), alone));
        cascade.getColumns().add(group("left", number("docs", TuneViewModel.CascadeRow::remainingDocs),
                number("tokens", TuneViewModel.CascadeRow::remainingTokens)));
        TableColumn<TuneViewModel.CascadeRow, String> reasons = column("top reasons", 360, TuneViewModel.CascadeRow::topReasons);
        reasons.setMinWidth(140);
        cascade.getColumns().add(reasons);
        cascade.setTooltip(new javafx.scene.control.Tooltip("removed: documents and tokens this step removes (the first "
                + "step that fails a document removes it); alone: documents only this step would remove; left: what "
                + "remains after the step"));
        cascade.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Narrower than its columns' minimums, the table scrolls sideways rather than widening the window.
        cascade.setMinWidth(160);

        Label summary = new Label();
        summary.setId("tune-summary");
        summary.getStyleClass().add(Styles.TITLE_4);
        summary.textProperty().bind(model.summaryProperty());
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        Label exportStatus = new Label();
        exportStatus.setId("tune-export-status");
        exportStatus.getStyleClass().add(Styles.TEXT_MUTED);
        exportStatus.textProperty().bind(model.exportStatusProperty());
        HBox top = new HBox(16, summary, error, exportStatus);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 8, 10));

        javafx.scene.control.Tab cascadeTab = new javafx.scene.control.Tab("Cascade", cascade);
        javafx.scene.control.Tab funnelTab = new javafx.scene.control.Tab("Funnel", funnel(model));
        javafx.scene.control.Tab documentsTab = new javafx.scene.control.Tab("Documents", documents(model));
        documentsTab.setId("tune-documents-tab");
        javafx.scene.control.TabPane bottom = new javafx.scene.control.TabPane(cascadeTab, funnelTab, documentsTab);
        bottom.setId("tune-bottom");
        bottom.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        // A click on a bar lists its documents: show them.
        model.listKindProperty().addListener((o, a, k) -> bottom.getSelectionModel().select(documentsTab));
        model.listTitleProperty().addListener((o, a, t) -> {
            if (model.listKindProperty().get() == TuneViewModel.ListKind.BIN) {
                bottom.getSelectionModel().select(documentsTab);
            }
        });

        SplitPane tuning = new SplitPane(histogram(model), bottom);
        tuning.setOrientation(javafx.geometry.Orientation.VERTICAL);
        tuning.setDividerPositions(0.55);
        BorderPane main = new BorderPane(tuning);
        main.setTop(top);
        org.loupe.app.document.DocumentView inspector = new org.loupe.app.document.DocumentView(model.inspector());
        inspector.setId("tune-inspector");
        SplitPane center = new SplitPane(main, inspector);
        center.setDividerPositions(0.6);
        setLeft(left);
        setCenter(center);
        installLabelKeys(this, model);
        Label labels = new Label();
        labels.setId("tune-labels");
        labels.getStyleClass().add(Styles.TEXT_MUTED);
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        labels.setTooltip(new javafx.scene.control.Tooltip("Label the open document: G good, B bad, U clear"));
        labels.textProperty().bind(model.labelCountProperty().map(n -> String.format("%,d labelled (G/B/U)", n.intValue())));
        top.getChildren().add(labels);
    }

    /** G / B / U label the document open in the inspector (see {@link LabelKeys}). */
    public static void installLabelKeys(javafx.scene.Node node, TuneViewModel model) {
        LabelKeys.install(node, model.session());
    }

    /** The funnel: documents left after each step, in pipeline order. */
    private static javafx.scene.Node funnel(TuneViewModel model) {
        HBox both = new HBox(12, funnelChart(model, "documents left", "tune-funnel", TuneViewModel.CascadeRow::remainingDocs,
                TuneViewModel.CascadeRow::removedDocs), funnelChart(model, "tokens left", "tune-funnel-tokens",
                TuneViewModel.CascadeRow::remainingTokens, TuneViewModel.CascadeRow::removedTokens));
        for (javafx.scene.Node n : both.getChildren()) {
            HBox.setHgrow(n, javafx.scene.layout.Priority.ALWAYS);
        }
        return both;
    }

    private static javafx.scene.Node funnelChart(TuneViewModel model, String label, String id,
                                                 java.util.function.ToLongFunction<TuneViewModel.CascadeRow> left,
                                                 java.util.function.ToLongFunction<TuneViewModel.CascadeRow> removed) {
        javafx.scene.chart.NumberAxis x = new javafx.scene.chart.NumberAxis();
        x.setLabel(label);
        javafx.scene.chart.CategoryAxis y = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.BarChart<Number, String> funnel = new javafx.scene.chart.BarChart<>(x, y);
        funnel.setId(id);
        funnel.setAnimated(false);
        funnel.setLegendVisible(false);
        funnel.setMinWidth(200);
        Runnable redraw = () -> {
            javafx.scene.chart.XYChart.Series<Number, String> series = new javafx.scene.chart.XYChart.Series<>();
            java.util.List<TuneViewModel.CascadeRow> rows = java.util.List.copyOf(model.cascade());
            java.util.List<String> names = new java.util.ArrayList<>();
            if (!rows.isEmpty()) {
                names.add("sample");
                series.getData().add(new javafx.scene.chart.XYChart.Data<>(
                        left.applyAsLong(rows.get(0)) + removed.applyAsLong(rows.get(0)), "sample"));
            }
            for (TuneViewModel.CascadeRow r : rows) {
                names.add(r.step());
                series.getData().add(new javafx.scene.chart.XYChart.Data<>(left.applyAsLong(r), r.step()));
            }
            // Top to bottom in pipeline order.
            java.util.Collections.reverse(names);
            y.setCategories(FXCollections.observableArrayList(names));
            funnel.getData().setAll(java.util.List.of(series));
        };
        model.cascade().addListener((javafx.collections.ListChangeListener<TuneViewModel.CascadeRow>) c -> redraw.run());
        redraw.run();
        return funnel;
    }

    /** Documents of the selected step: every one removed, random kept / removed ten at a time, a bar's documents. */
    private static javafx.scene.Node documents(TuneViewModel model) {
        javafx.scene.control.Button removed = new javafx.scene.control.Button("All removed");
        removed.setId("tune-list-removed");
        removed.setOnAction(e -> model.showRemoved());
        javafx.scene.control.Button randomRemoved = new javafx.scene.control.Button("10 random removed");
        randomRemoved.setId("tune-list-random-removed");
        randomRemoved.setOnAction(e -> model.showRandomRemoved());
        javafx.scene.control.Button randomKept = new javafx.scene.control.Button("10 random kept");
        randomKept.setId("tune-list-random-kept");
        randomKept.setOnAction(e -> model.showRandomKept());
        javafx.scene.control.Button more = new javafx.scene.control.Button("10 more");
        more.setId("tune-list-more");
        more.setOnAction(e -> model.showMore());
        javafx.scene.control.Button shuffle = new javafx.scene.control.Button("Draw again");
        shuffle.setOnAction(e -> model.reshuffle());
        more.disableProperty().bind(model.listKindProperty().map(k -> k != TuneViewModel.ListKind.RANDOM_KEPT
                && k != TuneViewModel.ListKind.RANDOM_REMOVED));
        shuffle.disableProperty().bind(more.disableProperty());
        for (javafx.scene.control.Button b : java.util.List.of(removed, randomRemoved, randomKept, more, shuffle)) {
            b.getStyleClass().add(Styles.SMALL);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        Label title = new Label();
        title.setMinWidth(0);
        title.setId("tune-list-title");
        title.textProperty().bind(model.listTitleProperty());
        title.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(6, removed, randomRemoved, randomKept, more, shuffle, title);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<TuneViewModel.DocRow> table = new TableView<>(model.documents());
        table.setId("tune-documents");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("Select a step; its removed documents are listed here"));
        // Each document as every list shows it (status, domain, text), with the selected metric's value and tokens.
        java.util.List<TableColumn<TuneViewModel.DocRow, ?>> document =
                org.loupe.app.common.DocumentCells.columns(r -> model.session().documentRows().row(r.row()),
                        model.session().documentRows().versionProperty());
        table.getColumns().addAll(document.subList(0, 2));
        TableColumn<TuneViewModel.DocRow, String> value = column("value", 80, TuneViewModel.DocRow::value);
        value.textProperty().bind(model.metricProperty().map(m -> m).orElse("value"));
        table.getColumns().add(value);
        table.getColumns().add(number("tokens", TuneViewModel.DocRow::tokens));
        table.getColumns().add(document.get(2));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && i.intValue() < model.documents().size()) {
                model.open(model.documents().row(i.intValue()));
            }
        });
        VBox box = new VBox(6, bar, table);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        box.setPadding(new Insets(6, 8, 6, 8));
        return box;
    }

    /** The selected metric's distribution: kept, removed by this step, removed by other steps; thresholds draggable. */
    private static javafx.scene.Node histogram(TuneViewModel model) {
        ComboBox<String> metric = new ComboBox<>(model.metrics());
        metric.setId("tune-metric");
        metric.valueProperty().bindBidirectional(model.metricProperty());
        Label caption = new Label();
        caption.setId("tune-threshold");
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        caption.textProperty().bind(model.histogramCaptionProperty());
        metric.setPrefWidth(230);
        metric.setMinWidth(140);
        Label of = new Label("Distribution of");
        of.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        CheckBox log = new CheckBox("log x");
        log.setTooltip(new javafx.scene.control.Tooltip("Log-spaced bins (counts open this way); "
                + "the count axis turns logarithmic by itself when one bar dwarfs the rest"));
        log.setId("tune-log");
        log.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        log.selectedProperty().bindBidirectional(model.logScaleProperty());
        caption.setMinWidth(0);
        HBox.setHgrow(caption, javafx.scene.layout.Priority.ALWAYS);
        HBox bar = new HBox(10, of, metric, log, caption);
        bar.setAlignment(Pos.CENTER_LEFT);

        HistogramChart chart = new HistogramChart();
        chart.setId("tune-histogram");
        Runnable redraw = () -> chart.show(model.histogramProperty().get(), model.thresholdsProperty().get());
        model.histogramProperty().addListener((o, a, h) -> redraw.run());
        model.thresholdsProperty().addListener((o, a, h) -> redraw.run());
        redraw.run();
        chart.setOnThresholdMoved(model::moveThreshold);
        chart.setOnBinClicked(model::showBin);
        Label hint = new Label("drag a blue threshold · click a bar to list its documents");
        hint.setMinWidth(0);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        HBox legend = new HBox(12, swatch("kept", HistogramChart.KEPT), swatch("removed by this step", HistogramChart.BY_STEP),
                swatch("by another step", HistogramChart.BY_OTHER), hint);
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add(Styles.TEXT_SMALL);
        Label stats = new Label();
        stats.setId("tune-step-stats");
        stats.setMinWidth(0);
        stats.setWrapText(true);
        stats.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        stats.textProperty().bind(model.stepStatsProperty());
        stats.setTooltip(new javafx.scene.control.Tooltip());
        stats.getTooltip().textProperty().bind(model.stepStatsProperty());
        VBox box = new VBox(6, bar, stats, chart, legend, new ThresholdControls(model));
        VBox.setVgrow(chart, javafx.scene.layout.Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 6, 10));
        return box;
    }

    /** Save / open the config, the datatrove script, the HTML report, and the full run. */
    private javafx.scene.control.MenuButton exportMenu(TuneViewModel model) {
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton("Export");
        menu.setId("tune-export");
        javafx.scene.control.MenuItem save = new javafx.scene.control.MenuItem("Save config (YAML or JSON)…");
        save.setOnAction(e -> choose("Save the pipeline config", "loupe-pipeline.yaml", true,
                f -> model.saveConfig(f), "YAML", "*.yaml", "*.yml", "JSON", "*.json"));
        javafx.scene.control.MenuItem open = new javafx.scene.control.MenuItem("Open config…");
        open.setOnAction(e -> choose("Open a pipeline config", null, false,
                f -> model.loadConfig(f), "YAML or JSON", "*.yaml", "*.yml", "*.json"));
        javafx.scene.control.MenuItem script = new javafx.scene.control.MenuItem("Save datatrove script…");
        script.setOnAction(e -> choose("Save the datatrove script", "pipeline.py", true,
                f -> model.saveDatatrove(f), "Python", "*.py"));
        javafx.scene.control.MenuItem report = new javafx.scene.control.MenuItem("Save HTML report…");
        report.setOnAction(e -> choose("Save the run report", "loupe-report.html", true,
                f -> model.saveReport(f), "HTML", "*.html"));
        javafx.scene.control.MenuItem run = new javafx.scene.control.MenuItem("Run on the whole folder…");
        run.setId("tune-full-run");
        run.setOnAction(e -> new FullRunDialog(model.fullRun(), getScene().getWindow()).show());
        javafx.scene.control.MenuItem labels = new javafx.scene.control.MenuItem("Export labels (JSONL)…");
        labels.setOnAction(e -> choose("Export good/bad labels", "labels.jsonl", true,
                f -> model.exportLabels(f), "JSON lines", "*.jsonl"));
        menu.getItems().addAll(save, open, script, report, new javafx.scene.control.SeparatorMenuItem(), labels,
                new javafx.scene.control.SeparatorMenuItem(), run);
        return menu;
    }

    private interface FileAction {
        void run(java.nio.file.Path file) throws Exception;
    }

    private void choose(String title, String name, boolean save, FileAction action, String... filters) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        if (name != null) {
            chooser.setInitialFileName(name);
        }
        for (int i = 0; i < filters.length; ) {
            String description = filters[i++];
            java.util.List<String> patterns = new java.util.ArrayList<>();
            while (i < filters.length && filters[i].startsWith("*")) {
                patterns.add(filters[i++]);
            }
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(description, patterns));
        }
        java.io.File f = save ? chooser.showSaveDialog(getScene().getWindow()) : chooser.showOpenDialog(getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            action.run(f.toPath());
        } catch (Exception ex) {
            javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                    ex.getMessage());
            alert.setHeaderText(title + " failed");
            alert.initOwner(getScene().getWindow());
            alert.show();
        }
    }

    private static Label swatch(String text, javafx.scene.paint.Color color) {
        javafx.scene.shape.Rectangle r = new javafx.scene.shape.Rectangle(10, 10, color);
        Label l = new Label(text, r);
        l.getStyleClass().add(Styles.TEXT_SMALL);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    private static <R> TableColumn<R, Number> number(String name, java.util.function.ToLongFunction<R> f) {
        return org.loupe.app.common.NumberColumns.counts(name, 80, f);
    }

    @SafeVarargs
    private static <R> TableColumn<R, Number> group(String name, TableColumn<R, Number>... columns) {
        TableColumn<R, Number> g = new TableColumn<>(name);
        g.getColumns().addAll(columns);
        return g;
    }
}
