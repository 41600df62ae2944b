package org.loupe.app.problems;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.loupe.engine.read.Problem;

/** Problems: a table of every problem with file, position, kind, severity and message. */
public final class ProblemsView extends BorderPane {

    public ProblemsView(ProblemsViewModel model) {
        getStyleClass().add("problems-view");
        Label summary = new Label();
        summary.setId("problems-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        ComboBox<String> kind = new ComboBox<>(model.kinds());
        kind.setId("problems-kind");
        kind.valueProperty().bindBidirectional(model.kindProperty());
        TextField text = new TextField();
        text.setPromptText("Filter by file or message");
        text.textProperty().bindBidirectional(model.textProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox tools = new HBox(8, kind, text);
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, summary, tools);
        top.setPadding(new Insets(8, 10, 8, 10));
        setTop(top);

        TableView<Problem> table = new TableView<>(model.problems());
        table.setId("problems-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED, Styles.DENSE);
        table.setPlaceholder(new Label("No problems: every record read became a document"));
        table.getColumns().add(column("file", 260, p -> p.file().getFileName().toString()));
        table.getColumns().add(column("position", 110, p -> p.position() < 0 ? "whole file"
                : p.positionKind().jsonName().replace('_', ' ') + " " + p.position()));
        table.getColumns().add(column("kind", 140, p -> p.kind().jsonName()));
        table.getColumns().add(column("effect", 90, p -> p.severity().jsonName()));
        table.getColumns().add(column("message", 600, Problem::message));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setCenter(table);

        Label detail = new Label();
        detail.setWrapText(true);
        detail.getStyleClass().add("problems-detail");
        detail.setPadding(new Insets(6, 10, 6, 10));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, p) ->
                detail.setText(p == null ? "" : p.file() + (p.position() < 0 ? "" : p.positionKind().separator() + p.position())
                        + "\n" + p.message()));
        setBottom(detail);
    }

    private static TableColumn<Problem, String> column(String name, double width, Function<Problem, String> f) {
        TableColumn<Problem, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }
}
