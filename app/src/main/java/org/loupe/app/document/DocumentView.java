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
        for (Button b : java.util.List.of(copyText, copyId, copyUrl, copySource)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(6, url, copyText, copyId, copyUrl, copySource);
        actions.getStyleClass().add("document-actions");

        Label truncated = new Label("Very long document: the view shows the first "
                + String.format("%,d", DocumentViewModel.DISPLAY_LIMIT) + " characters; Copy text copies all of it.");
        truncated.getStyleClass().addAll(Styles.WARNING, "document-truncated");
        truncated.visibleProperty().bind(model.truncatedProperty());
        truncated.managedProperty().bind(truncated.visibleProperty());

        VBox top = new VBox(4, header, actions, truncated);
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

        TabPane tabs = new TabPane(new Tab("Text", text), new Tab("Metadata", meta));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        setCenter(tabs);
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
