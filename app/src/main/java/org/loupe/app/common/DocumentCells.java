package org.loupe.app.common;

import atlantafx.base.theme.Styles;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Callback;

/**
 * How every list of documents shows a {@link DocumentRow}: the status as a badge (kept in green, the
 * removing step and its reason in red), the domain, and a one-line snippet (under them in lists, a column
 * in tables); the id and the whole status in
 * a tooltip. One cell for lists, one set of columns for tables, so Tune, Diffs, Domains, Clusters,
 * Vocabulary and Browse say the same thing the same way (Search's results are the model).
 */
public final class DocumentCells {
    private DocumentCells() {
    }

    /** Style classes of the status badge. */
    static final String KEPT = "badge-kept";
    static final String REMOVED = "badge-removed";

    /**
     * List cells: an optional prefix ("3×"), the status badge and the domain, and the snippet on a line under them.
     *
     * @param rows   the document of an item (null shows nothing)
     * @param prefix  text before the badge, or null
     * @param version changes when rows change (snippets read, a new decision): cells redraw in place then
     */
    public static <T> Callback<ListView<T>, ListCell<T>> listCells(Function<T, DocumentRow> rows, Function<T, String> prefix,
                                                                   ObservableValue<?> version) {
        return list -> new ListCell<>() {
            private final Label before = new Label();
            private final Label badge = new Label();
            private final Label domain = new Label();
            private final Label snippet = new Label();
            private final HBox head = new HBox(8, before, badge, domain);
            private final javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(1, head, snippet);

            // Redrawn in place (not recreated as ListView.refresh() would): a cell under the mouse stays.
            private final ChangeListener<Object> redraw = (o, a, b) -> show(getItem(), isEmpty());

            {
                version.addListener(new WeakChangeListener<>(redraw));
                head.setAlignment(Pos.CENTER_LEFT);
                before.setMinWidth(Region.USE_PREF_SIZE);
                before.getStyleClass().add(Styles.TEXT_MUTED);
                badge.setMinWidth(40);
                domain.setMinWidth(40);
                domain.getStyleClass().add(Styles.TEXT_BOLD);
                HBox.setHgrow(domain, Priority.ALWAYS);
                snippet.setMinWidth(0);
                snippet.setMaxWidth(Double.MAX_VALUE);
                snippet.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                // Never wider than the list: the snippet is cut with an ellipsis.
                box.prefWidthProperty().bind(list.widthProperty().subtract(30));
                box.setMaxWidth(Region.USE_PREF_SIZE);
                box.setMinWidth(0);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                show(item, empty);
            }

            private void show(T item, boolean empty) {
                DocumentRow d = empty || item == null ? null : rows.apply(item);
                if (d == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String p = prefix == null ? null : prefix.apply(item);
                before.setText(p == null ? "" : p);
                before.setVisible(p != null);
                before.setManaged(p != null);
                styleBadge(badge, d);
                domain.setText(d.domainText());
                snippet.setText(d.snippet().isEmpty() ? "…" : d.snippet());
                setText(null);
                setGraphic(box);
                setTooltip(new Tooltip(tooltip(d)));
            }
        };
    }

    /**
     * The columns of a table of documents: status, domain and text (the text last, to take the room left).
     *
     * @param rows    the document of an item (null shows nothing)
     * @param version changes when rows change (snippets read, a new decision): cells update in place then
     */
    public static <T> List<TableColumn<T, ?>> columns(Function<T, DocumentRow> rows, ObservableValue<?> version) {
        TableColumn<T, DocumentRow> status = statusColumn(rows, version);
        TableColumn<T, String> domain = new TableColumn<>("domain");
        domain.setPrefWidth(130);
        domain.setCellValueFactory(c -> live(version, () -> {
            DocumentRow d = rows.apply(c.getValue());
            return d == null ? null : d.domainText();
        }));
        TableColumn<T, String> text = new TableColumn<>("text");
        text.setId("document-text");
        text.setPrefWidth(320);
        text.setCellValueFactory(c -> live(version, () -> {
            DocumentRow d = rows.apply(c.getValue());
            return d == null ? null : d.snippet().isEmpty() ? "…" : d.snippet();
        }));
        return List.of(status, domain, text);
    }

    /** The status column alone: the badge, sortable by status (kept first, then by step and reason). */
    public static <T> TableColumn<T, DocumentRow> statusColumn(Function<T, DocumentRow> rows, ObservableValue<?> version) {
        TableColumn<T, DocumentRow> status = new TableColumn<>("status");
        status.setPrefWidth(150);
        status.setCellValueFactory(c -> live(version, () -> rows.apply(c.getValue())));
        status.setComparator(Comparator.nullsLast(Comparator.comparing(DocumentRow::status).thenComparing(DocumentRow::statusText)));
        status.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(DocumentRow d, boolean empty) {
                super.updateItem(d, empty);
                if (empty || d == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                styleBadge(badge, d);
                setGraphic(badge);
                setTooltip(new Tooltip(tooltip(d)));
            }
        });
        return status;
    }

    /**
     * A cell's value that follows the rows' version: the table's cell listens to it and updates in place (a
     * table refresh would recreate every cell, and the one under the mouse with it). The binding listens weakly,
     * so values of cells gone are collected.
     */
    private static <V> ObservableValue<V> live(ObservableValue<?> version, java.util.concurrent.Callable<V> value) {
        return Bindings.createObjectBinding(value, version);
    }

    private static void styleBadge(Label badge, DocumentRow d) {
        badge.setText(d.statusText() + (d.label().isEmpty() ? "" : "  · " + d.label()));
        badge.getStyleClass().removeAll(KEPT, REMOVED, Styles.TEXT_MUTED);
        badge.getStyleClass().add(d.kept() ? KEPT : d.removed() ? REMOVED : Styles.TEXT_MUTED);
    }

    private static String tooltip(DocumentRow d) {
        return d.id() + "\n" + d.domainText() + "\n" + (d.removed() ? "removed by " + d.statusText() : d.statusText())
                + (d.label().isEmpty() ? "" : "\nlabelled " + d.label()) + (d.snippet().isEmpty() ? "" : "\n\n" + d.snippet());
    }
}
