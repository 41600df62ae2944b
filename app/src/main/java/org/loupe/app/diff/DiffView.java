package org.loupe.app.diff;

import org.loupe.app.session.LabelKeys;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.loupe.app.common.DocumentCells;
import org.loupe.app.document.DocumentView;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.StepOverlap;
import org.loupe.engine.pipeline.steps.Presets;

/** Diffs: the pipeline against a pinned baseline, per step; the documents that changed sides; step overlap. */
public final class DiffView extends BorderPane {

    public DiffView(DiffViewModel model, SampleSession session) {
        getStyleClass().add("diff-view");

        Button pin = new Button("Pin the current pipeline");
        pin.setId("diff-pin");
        pin.setTooltip(new Tooltip("Compare every later change with the pipeline as it is now"));
        pin.setOnAction(e -> model.pinCurrent());
        MenuButton preset = new MenuButton("Pin a preset");
        preset.setId("diff-preset");
        for (String name : Presets.descriptions().keySet()) {
            MenuItem item = new MenuItem(name);
            item.setOnAction(e -> model.pinPreset(name));
            preset.getItems().add(item);
        }
        Button clear = new Button("Clear");
        clear.setOnAction(e -> model.clearBaseline());
        Label summary = new Label();
        summary.setId("diff-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        for (javafx.scene.control.Control c : java.util.List.of(pin, preset, clear)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        summary.setMinWidth(0);
        HBox bar = new HBox(8, pin, preset, clear, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        HBox.setHgrow(summary, Priority.ALWAYS);
        setTop(bar);

        TableView<DiffViewModel.StepRow> steps = new TableView<>(model.steps());
        steps.setId("diff-steps");
        steps.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        steps.setPlaceholder(new Label("Pin a baseline, then change thresholds in Tune: what changed sides shows here"));
        steps.getColumns().add(column("step", 150, DiffViewModel.StepRow::step));
        // Two-level headers keep the number columns narrow enough for 1280 px.
        steps.getColumns().add(group("drops", number("baseline", DiffViewModel.StepRow::baselineDrops),
                number("now", DiffViewModel.StepRow::currentDrops)));
        steps.getColumns().add(group("newly removed", number("docs", DiffViewModel.StepRow::newlyRemoved),
                number("tokens", DiffViewModel.StepRow::newlyRemovedTokens)));
        steps.getColumns().add(group("newly kept", number("docs", DiffViewModel.StepRow::newlyKept),
                number("tokens", DiffViewModel.StepRow::newlyKeptTokens)));
        steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        steps.setMinWidth(160);
        steps.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                model.selectedProperty().set(i.intValue());
            }
        });
        model.selectedProperty().addListener((o, a, i) -> {
            if (steps.getSelectionModel().getSelectedIndex() != i.intValue()) {
                steps.getSelectionModel().select(i.intValue());
            }
        });

        ToggleGroup sides = new ToggleGroup();
        ToggleButton removed = new ToggleButton("Newly removed");
        removed.setId("diff-newly-removed");
        ToggleButton kept = new ToggleButton("Newly kept");
        kept.setId("diff-newly-kept");
        removed.setToggleGroup(sides);
        kept.setToggleGroup(sides);
        removed.setSelected(true);
        removed.setOnAction(e -> {
            removed.setSelected(true);
            model.sideProperty().set(DiffViewModel.Side.NEWLY_REMOVED);
        });
        kept.setOnAction(e -> {
            kept.setSelected(true);
            model.sideProperty().set(DiffViewModel.Side.NEWLY_KEPT);
        });
        Label title = new Label();
        title.setId("diff-list-title");
        title.textProperty().bind(model.listTitleProperty());
        title.getStyleClass().add(Styles.TEXT_MUTED);
        HBox listBar = new HBox(8, removed, kept, title);
        listBar.setAlignment(Pos.CENTER_LEFT);

        TableView<DiffViewModel.DiffRow> docs = new TableView<>(model.documents());
        docs.setId("diff-documents");
        docs.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        docs.setPlaceholder(new Label("No document changed sides"));
        // Where the document is now (status, domain, text), then what moved it: the metric and the thresholds.
        List<TableColumn<DiffViewModel.DiffRow, ?>> document = DocumentCells.columns(r -> session.documentRows().row(r.row()),
                session.documentRows().versionProperty());
        document.get(0).setText("now");
        document.get(2).setPrefWidth(240);
        docs.getColumns().addAll(document);
        docs.getColumns().add(column("metric", 150, DiffViewModel.DiffRow::metric));
        docs.getColumns().add(column("value", 60, DiffViewModel.DiffRow::value));
        docs.getColumns().add(column("drops if (before)", 90, DiffViewModel.DiffRow::oldThreshold));
        docs.getColumns().add(column("drops if (now)", 90, DiffViewModel.DiffRow::newThreshold));
        docs.getColumns().add(column("before", 150, DiffViewModel.DiffRow::before));
        docs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        docs.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && i.intValue() < model.documents().size()) {
                session.open(model.documents().row(i.intValue()));
            }
        });
        VBox list = new VBox(6, listBar, docs);
        VBox.setVgrow(docs, Priority.ALWAYS);
        list.setPadding(new Insets(6, 8, 6, 8));

        SplitPane left = new SplitPane(steps, list, overlap(model));
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.3, 0.72);
        DocumentView inspector = new DocumentView(session.inspector());
        SplitPane center = new SplitPane(left, inspector);
        center.setDividerPositions(0.62);
        setCenter(center);
        LabelKeys.install(this, session);
    }

    /** The overlap matrix: cell (i, j) = documents both steps drop; darker = more. */
    private static Node overlap(DiffViewModel model) {
        GridPane grid = new GridPane();
        grid.setId("diff-overlap");
        grid.setHgap(2);
        grid.setVgap(2);
        grid.setPadding(new Insets(6, 8, 6, 8));
        Runnable draw = () -> {
            grid.getChildren().clear();
            StepOverlap o = model.overlapProperty().get();
            if (o == null) {
                return;
            }
            int n = o.steps().size();
            long max = 1;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, o.matrix()[i][i]);
            }
            grid.add(new Label("documents both steps drop"), 0, 0);
            for (int j = 0; j < n; j++) {
                Label h = new Label(o.steps().get(j));
                h.getStyleClass().add(Styles.TEXT_SMALL);
                h.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                h.setPadding(new Insets(0, 6, 0, 6));
                grid.add(h, j + 1, 0);
            }
            for (int i = 0; i < n; i++) {
                Label h = new Label(o.steps().get(i));
                h.getStyleClass().add(Styles.TEXT_SMALL);
                grid.add(h, 0, i + 1);
                for (int j = 0; j < n; j++) {
                    long v = o.matrix()[i][j];
                    Label cell = new Label(String.format("%,d", v));
                    cell.setMinWidth(80);
                    cell.setAlignment(Pos.CENTER_RIGHT);
                    cell.setPadding(new Insets(2, 6, 2, 6));
                    double a = 0.08 + 0.6 * v / (double) max;
                    cell.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgba(217,83,79,%.2f);", a));
                    cell.setTooltip(new Tooltip(String.format("%s and %s both drop %,d documents", o.steps().get(i),
                            o.steps().get(j), v)));
                    grid.add(cell, j + 1, i + 1);
                }
            }
        };
        model.overlapProperty().addListener((obs, a, b) -> draw.run());
        draw.run();
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    private static <R> TableColumn<R, Number> number(String name, ToLongFunction<R> f) {
        return org.loupe.app.common.NumberColumns.counts(name, 80, f);
    }

    @SafeVarargs
    private static <R> TableColumn<R, Number> group(String name, TableColumn<R, Number>... columns) {
        TableColumn<R, Number> g = new TableColumn<>(name);
        g.getColumns().addAll(columns);
        return g;
    }
}
