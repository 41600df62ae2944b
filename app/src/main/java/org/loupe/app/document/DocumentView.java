package org.loupe.app.document;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.engine.model.Document;

/** The document viewer: text as plain text, metadata, source, copy actions. Binds to {@link DocumentViewModel}. */
public final class DocumentView extends BorderPane {
    private final DocumentViewModel model;

    public DocumentView(DocumentViewModel model) {
        this.model = model;
        getStyleClass().add("document-view");

        Label header = new Label();
        header.getStyleClass().addAll(Styles.TITLE_4, "document-header");
        header.textProperty().bind(model.headerProperty());
        header.setWrapText(true);

        Label url = new Label();
        url.getStyleClass().addAll(Styles.TEXT_MUTED, "document-url");
        url.textProperty().bind(model.documentProperty().map(d -> d.url() == null ? "no URL" : d.url()).orElse(""));

        Button copyText = copyButton("Copy text", "Copy the whole text (Ctrl+Shift+C)", () -> text(Document::text));
        copyText.setId("copy-text");
        Button copyId = copyButton("Copy id", "Copy the document id", () -> text(Document::id));
        Button copyUrl = copyButton("Copy URL", "Copy the URL", () -> text(d -> d.url() == null ? "" : d.url()));
        Button copySource = copyButton("Copy source", "Copy shard path and position", model::sourceReference);
        url.setMinWidth(0);
        url.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(url, Priority.ALWAYS);
        copyText.setMinWidth(Region.USE_PREF_SIZE);
        // The rarer copies share one menu, so the actions fit the inspector beside Tune at 1280 px.
        javafx.scene.control.MenuButton copyMore = new javafx.scene.control.MenuButton("Copy…");
        copyMore.setId("copy-more");
        copyMore.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copyMore.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : java.util.List.of(copyId, copyUrl, copySource)) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(b.getText());
            item.setOnAction(e -> b.fire());
            copyMore.getItems().add(item);
        }
        Button searchDomain = new Button("Search domain");
        searchDomain.setId("document-search-domain");
        searchDomain.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        searchDomain.setTooltip(new Tooltip("Search every sampled document of this domain, kept and removed"));
        searchDomain.setOnAction(e -> model.searchDomain());
        searchDomain.visibleProperty().bind(model.searcherProperty().isNotNull());
        searchDomain.managedProperty().bind(searchDomain.visibleProperty());
        searchDomain.setMinWidth(Region.USE_PREF_SIZE);
        HBox actions = new HBox(6, url, searchDomain, copyText, copyMore);
        actions.getStyleClass().add("document-actions");

        Label truncated = new Label("Very long document: the view shows the first "
                + String.format("%,d", DocumentViewModel.DISPLAY_LIMIT) + " characters; Copy text copies all of it.");
        truncated.getStyleClass().addAll(Styles.WARNING, "document-truncated");
        truncated.visibleProperty().bind(model.truncatedProperty());
        truncated.managedProperty().bind(truncated.visibleProperty());

        Label verdict = new Label();
        verdict.setId("document-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.annotationProperty().map(Annotation::verdict));
        verdict.visibleProperty().bind(verdict.textProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        model.annotationProperty().addListener((o, a, n) -> {
            verdict.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            verdict.getStyleClass().add(n.verdict().startsWith("Kept") ? Styles.SUCCESS : Styles.DANGER);
        });
        VBox top = new VBox(4, header, verdict, actions, truncated);
        top.setPadding(new Insets(8, 10, 6, 10));
        setTop(top);

        TextArea text = new TextArea();
        text.setId("document-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("document-text");
        text.textProperty().bind(model.displayTextProperty());

        TableView<DocumentViewModel.MetaRow> meta = new TableView<>(model.metadata());
        meta.setId("document-metadata");
        meta.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        TableColumn<DocumentViewModel.MetaRow, String> key = new TableColumn<>("Field");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        key.setPrefWidth(180);
        TableColumn<DocumentViewModel.MetaRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        value.setPrefWidth(420);
        meta.getColumns().add(key);
        meta.getColumns().add(value);
        meta.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        meta.setPlaceholder(new Label("No metadata"));

        Tab why = new Tab("Why", whyTable(model));
        why.setId("document-why-tab");
        Tab lines = new Tab("Lines", lineDiff(model));
        lines.setId("document-lines-tab");
        TabPane tabs = new TabPane(new Tab("Text", text), why, lines, new Tab("Metadata", meta));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        setCenter(tabs);
    }

    /** Every metric of the document against every threshold of every step. */
    private static javafx.scene.Node whyTable(DocumentViewModel model) {
        TableView<Annotation.WhyRow> table = new TableView<>();
        table.setId("document-why");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.setPlaceholder(new Label("Open Tune to decide the sample; then every threshold shows here"));
        table.itemsProperty().bind(model.annotationProperty().map(a -> javafx.collections.FXCollections.observableList(a.why())));
        table.getColumns().add(column("step", 110, Annotation.WhyRow::step));
        table.getColumns().add(column("metric", 170, w -> w.test().contains(": ") ? w.test().substring(w.test().indexOf(": ") + 2) : w.test()));
        table.getColumns().add(column("value", 70, Annotation.WhyRow::value));
        table.getColumns().add(column("drops if", 70, Annotation.WhyRow::threshold));
        table.getColumns().add(column("result", 60, Annotation.WhyRow::result));
        table.getColumns().add(column("margin", 70, Annotation.WhyRow::margin));
        table.getColumns().add(column("parameter · outcome", 260, w -> (w.test().contains(": ")
                ? w.test().substring(0, w.test().indexOf(": ")) : "") + (w.note().isEmpty() ? "" : "  · " + w.note())));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Annotation.WhyRow item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null || item.note().isEmpty() ? null : new javafx.scene.control.Tooltip(item.note()));
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("fails"), !empty && item != null && item.fails());
            }
        });
        return table;
    }

    /** The text-editing step's line diff: removed lines struck through, with the rule that removed each. */
    private static javafx.scene.Node lineDiff(DocumentViewModel model) {
        javafx.scene.control.ListView<Annotation.LineRow> list = new javafx.scene.control.ListView<>();
        list.setId("document-lines");
        list.setPlaceholder(new Label("No line-editing step (C4 quality) in the pipeline"));
        list.itemsProperty().bind(model.annotationProperty().map(a -> javafx.collections.FXCollections.observableList(a.lines())));
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            private final javafx.scene.text.Text line = new javafx.scene.text.Text();
            private final Label number = new Label();
            private final Label rule = new Label();
            private final HBox box = new HBox(8, number, new javafx.scene.text.TextFlow(line), rule);

            {
                number.setMinWidth(36);
                number.getStyleClass().add(Styles.TEXT_MUTED);
                rule.setMinWidth(Region.USE_PREF_SIZE);
                rule.getStyleClass().add(Styles.TEXT_SMALL);
                HBox.setHgrow(box.getChildren().get(1), Priority.ALWAYS);
                ((javafx.scene.text.TextFlow) box.getChildren().get(1)).prefWidthProperty()
                        .bind(l.widthProperty().subtract(200));
            }

            @Override
            protected void updateItem(Annotation.LineRow item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                number.setText(Integer.toString(item.number()));
                line.setText(item.text().isEmpty() ? "⏎" : item.text());
                line.setStrikethrough(item.removed());
                line.getStyleClass().setAll("line-text", item.removed() ? "line-removed" : "line-kept");
                rule.setText(item.removed() ? item.rule() : "");
                rule.getStyleClass().removeAll(Styles.DANGER);
                if (item.removed()) {
                    rule.getStyleClass().add(Styles.DANGER);
                }
                setGraphic(box);
            }
        });
        Label title = new Label();
        title.textProperty().bind(model.annotationProperty().map(a -> a.lines().isEmpty() ? ""
                : String.format("%s: %,d of %,d lines removed", a.lineStep(),
                        a.lines().stream().filter(Annotation.LineRow::removed).count(), a.lines().size())));
        title.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(4, title, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private static <R> TableColumn<R, String> column(String name, double width, java.util.function.Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        return c;
    }

    private String text(java.util.function.Function<Document, String> f) {
        Document d = model.documentProperty().get();
        return d == null ? "" : f.apply(d);
    }

    private static Button copyButton(String label, String tip, java.util.function.Supplier<String> content) {
        Button b = new Button(label);
        b.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(content.get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        return b;
    }

    /** Copies the current document's text (the Ctrl+Shift+C shortcut). */
    public void copyText() {
        ClipboardContent c = new ClipboardContent();
        c.putString(text(Document::text));
        Clipboard.getSystemClipboard().setContent(c);
    }
}
