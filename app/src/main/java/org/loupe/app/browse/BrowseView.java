package org.loupe.app.browse;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.IntFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.loupe.app.document.DocumentView;

/** Browse: the table of sampled documents and the document viewer side by side. */
public final class BrowseView extends BorderPane {
    private final BrowseViewModel model;
    private final TableView<Integer> table = new TableView<>();
    private final TextField filter = new TextField();
    private final DocumentView documentView;

    public BrowseView(BrowseViewModel model) {
        this.model = model;
        getStyleClass().add("browse-view");

        Label banner = new Label();
        banner.setId("browse-banner");
        banner.getStyleClass().addAll("browse-banner");
        banner.textProperty().bind(model.bannerProperty());
        banner.setWrapText(true);
        model.sourceProperty().addListener((obs, old, s) -> banner.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("preview"), s != null && s.isPreview()));

        filter.setId("browse-filter");
        filter.setPromptText("Filter by id, host or language code (Ctrl+F)");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label count = new Label();
        count.setId("browse-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(model.countTextProperty());
        HBox tools = new HBox(10, filter, count);
        tools.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(6, banner, tools);
        top.setPadding(new Insets(8, 10, 8, 10));

        table.setId("browse-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED, Styles.DENSE);
        table.setPlaceholder(new Label("No documents"));
        table.getColumns().add(intColumn("#", 56, r -> r + 1));
        table.getColumns().add(textColumn("id", 170, r -> model.source().id(r)));
        table.getColumns().add(textColumn("domain", 160, r -> model.source().host(r)));
        // Kept or removed under Tune's pipeline, live (empty for a preview: nothing is decided yet).
        javafx.scene.control.TableColumn<Integer, org.loupe.app.common.DocumentRow> status =
                org.loupe.app.common.DocumentCells.statusColumn(model::status, model.statusVersionProperty());
        status.setId("browse-status");
        status.setPrefWidth(140);
        table.getColumns().add(status);
        table.getColumns().add(textColumn("lang", 56, r -> model.source().language(r)));
        table.getColumns().add(intColumn("chars", 72, r -> model.source().chars(r)));
        table.getColumns().add(intColumn("words", 68, r -> model.source().words(r)));
        table.getColumns().add(longColumn("tokens", 72, r -> model.source().tokens(r)));
        table.getColumns().add(textColumn("shard", 260, r -> model.source().location(r)));
        SortedList<Integer> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        model.revisionProperty().addListener((o, a, b) -> table.refresh());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedRowProperty().set(row));

        BorderPane left = new BorderPane(table);
        left.setTop(top);

        documentView = new DocumentView(model.document());
        SplitPane split = new SplitPane(left, documentView);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    public TableView<Integer> table() {
        return table;
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    public DocumentView documentView() {
        return documentView;
    }

    private TableColumn<Integer, String> textColumn(String name, double width, IntFunction<String> value) {
        TableColumn<Integer, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(model.source() == null ? null : value.apply(cell.getValue())));
        c.setComparator(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        return c;
    }

    private TableColumn<Integer, Long> longColumn(String name, double width, java.util.function.IntToLongFunction value) {
        TableColumn<Integer, Long> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> {
            long v = model.source() == null ? -1 : value.applyAsLong(cell.getValue());
            return new ReadOnlyObjectWrapper<>(v < 0 ? null : v);
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "…" : String.format("%,d", item));
            }
        });
        c.setComparator(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        c.getStyleClass().add("numeric");
        return c;
    }

    private TableColumn<Integer, Integer> intColumn(String name, double width, IntFunction<Integer> value) {
        TableColumn<Integer, Integer> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(model.source() == null ? null : value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format("%,d", item));
            }
        });
        c.getStyleClass().add("numeric");
        return c;
    }
}
