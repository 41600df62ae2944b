package org.loupe.app.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.model.Document;
import org.loupe.engine.sample.TextCounts;

/**
 * The document viewer's state: one document's text (plain text, never rendered as HTML), its metadata
 * flattened to rows, and where it came from. Documents load (and are explained) in the background; a newer
 * request drops the older one.
 */
public final class DocumentViewModel {
    /** Texts longer than this are shown cut (the full text is still copied). */
    public static final int DISPLAY_LIMIT = 1_000_000;
    private static final int VALUE_LIMIT = 2_000;

    /** A metadata row: a dotted key and its value as text. */
    public record MetaRow(String key, String value) { }

    private final LatestTask<Document> loading;
    private final LatestTask<Annotation> explaining;

    private final ReadOnlyObjectWrapper<Document> document = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper displayText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("No document selected");
    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<MetaRow> metadata = FXCollections.observableArrayList();
    private final javafx.beans.property.ObjectProperty<Annotation.Annotator> annotator =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final javafx.beans.property.ObjectProperty<java.util.function.Consumer<String>> searcher =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Annotation> annotation = new ReadOnlyObjectWrapper<>(Annotation.NONE);
    private final javafx.beans.property.ReadOnlyIntegerWrapper row = new javafx.beans.property.ReadOnlyIntegerWrapper(-1);

    public DocumentViewModel(TaskRunner tasks) {
        loading = new LatestTask<Document>(tasks).onFailure(reason -> {
            clear();
            header.set("Could not read the document: " + reason);
        });
        explaining = new LatestTask<Annotation>(tasks).onFailure(reason -> annotation.set(
                new Annotation("Could not explain the document: " + reason, List.of(), List.of(), "")));
    }

    // Properties

    public ReadOnlyObjectProperty<Document> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty displayTextProperty() {
        return displayText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceTextProperty() {
        return sourceText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty truncatedProperty() {
        return truncated.getReadOnlyProperty();
    }

    public ObservableList<MetaRow> metadata() {
        return metadata;
    }

    /** Where "search this domain" goes (Search, with a query); null hides the action. */
    public javafx.beans.property.ObjectProperty<java.util.function.Consumer<String>> searcherProperty() {
        return searcher;
    }

    /** Searches every document of the shown document's domain. */
    public void searchDomain() {
        Document d = document.get();
        java.util.function.Consumer<String> s = searcher.get();
        if (d == null || s == null || d.url() == null) {
            return;
        }
        String host = org.loupe.engine.model.Hosts.host(d.url());
        if (host != null && !host.isEmpty()) {
            s.accept("domain:\"" + host + "\"");
        }
    }

    /** Who explains documents (the Tune view's pipeline); null shows no "why" and no line diff. */
    public javafx.beans.property.ObjectProperty<Annotation.Annotator> annotatorProperty() {
        return annotator;
    }

    /** The pipeline's verdict, "why" table and line diff for the shown document. */
    public ReadOnlyObjectProperty<Annotation> annotationProperty() {
        return annotation.getReadOnlyProperty();
    }

    /** The sample row of the shown document, -1 when none (or a preview document). */
    public javafx.beans.property.ReadOnlyIntegerProperty rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** Explains the shown document again (after the pipeline's decisions changed), in the background. */
    public void refreshAnnotation() {
        Document doc = document.get();
        Annotation.Annotator a = annotator.get();
        int r = row.get();
        if (doc == null || a == null || r < 0) {
            explaining.cancel();
            annotation.set(Annotation.NONE);
            return;
        }
        explaining.start("", ctx -> a.annotate(r, doc), result -> annotation.set(result == null ? Annotation.NONE : result));
    }

    // Commands

    /** Loads a document in the background and shows it (unless another was asked for meanwhile). */
    public void show(IntFunction<Document> loader, int row) {
        loading.start("", ctx -> loader.apply(row), doc -> {
            this.row.set(row);
            setDocument(doc);
            refreshAnnotation();
        });
    }

    public void clear() {
        loading.cancel();
        explaining.cancel();
        annotation.set(Annotation.NONE);
        row.set(-1);
        document.set(null);
        displayText.set("");
        header.set("No document selected");
        sourceText.set("");
        truncated.set(false);
        metadata.clear();
    }

    void setDocument(Document doc) {
        document.set(doc);
        String text = doc.text();
        truncated.set(text.length() > DISPLAY_LIMIT);
        displayText.set(text.length() > DISPLAY_LIMIT ? text.substring(0, DISPLAY_LIMIT) : text);
        header.set(String.format("%s  ·  %,d chars  ·  %,d words", doc.id(), TextCounts.chars(text), TextCounts.words(text)));
        sourceText.set(doc.source().shard() + "  " + doc.source().kind().jsonName() + " " + doc.source().position());
        List<MetaRow> rows = new ArrayList<>();
        rows.add(new MetaRow("id", doc.id()));
        rows.add(new MetaRow("url", doc.url() == null ? "—" : doc.url()));
        rows.add(new MetaRow("source.shard", doc.source().shard().toString()));
        rows.add(new MetaRow("source." + doc.source().kind().jsonName(), Long.toString(doc.source().position())));
        flatten("", doc.metadata(), rows);
        metadata.setAll(rows);
    }

    /** Text to copy for "copy source": {@code path:line} style. */
    public String sourceReference() {
        Document d = document.get();
        return d == null ? "" : d.source().shard() + d.source().kind().separator() + d.source().position();
    }

    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Map<String, Object> map, List<MetaRow> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(key, (Map<String, Object>) nested, out);
            } else {
                String s = String.valueOf(v);
                if (s.length() > VALUE_LIMIT) {
                    s = s.substring(0, VALUE_LIMIT) + String.format("… (%,d more chars)", s.length() - VALUE_LIMIT);
                }
                out.add(new MetaRow(key, s));
            }
        }
    }
}
