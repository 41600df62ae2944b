package org.loupe.app.browse;

import java.util.Locale;
import java.util.stream.IntStream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.loupe.app.common.DocumentRow;
import org.loupe.app.document.DocumentViewModel;
import org.loupe.app.session.SampleSession;

/**
 * Browse: every document of the sample (or of the preview) in a virtualized table of row numbers, a
 * filter on id and host, and the selected document in the viewer.
 */
public final class BrowseViewModel {
    private final DocumentViewModel document;
    private final SampleSession session;
    private final ReadOnlyObjectWrapper<BrowseSource> source = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Integer> rows = FXCollections.observableArrayList();
    private final FilteredList<Integer> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Integer> selectedRow = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("No folder open");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyIntegerWrapper revision = new javafx.beans.property.ReadOnlyIntegerWrapper();

    /** A Browse that shows no status (a preview tool, tests). */
    public BrowseViewModel(DocumentViewModel document) {
        this(document, null);
    }

    /** A Browse whose status column follows the session's live decisions (Tune's pipeline). */
    public BrowseViewModel(DocumentViewModel document, SampleSession session) {
        this.document = document;
        this.session = session;
        filter.addListener((obs, old, text) -> applyFilter());
        selectedRow.addListener((obs, old, row) -> {
            BrowseSource s = source.get();
            if (row == null || s == null || row >= s.size()) {
                document.clear();
            } else {
                document.show(s::document, row);
            }
        });
        filtered.addListener((javafx.collections.ListChangeListener<Integer>) c -> updateCount());
    }

    // Properties

    public ReadOnlyObjectProperty<BrowseSource> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public BrowseSource source() {
        return source.get();
    }

    /** Row numbers that pass the filter (the view sorts them). */
    public ObservableList<Integer> rows() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Integer> selectedRowProperty() {
        return selectedRow;
    }

    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    /** Changes when cell values of the current source change (e.g. token counts arrived). */
    public javafx.beans.property.ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Token counts for the current sample arrived: refresh the table. */
    public void tokensArrived(SampleSource s, long[] counts) {
        if (source.get() == s) {
            s.setTokens(counts);
            revision.set(revision.get() + 1);
        }
    }

    /** Languages for the current sample arrived: refresh the table. */
    public void languagesArrived(SampleSource s, String[] codes) {
        if (source.get() == s) {
            s.setLanguages(codes);
            revision.set(revision.get() + 1);
        }
    }

    /**
     * Kept or removed under the session's live decisions, for a row of the session's sample; null for a
     * preview, another sample, or without a session. {@link #statusVersionProperty()} says when it changes.
     */
    public DocumentRow status(int row) {
        BrowseSource s = source.get();
        if (session == null || !(s instanceof SampleSource sample) || sample.sample() != session.sample()) {
            return null;
        }
        return session.documentRows().withoutSnippet(row);
    }

    /** Changes when the statuses change (a new decision, a label); never without a session. */
    public javafx.beans.value.ObservableValue<Number> statusVersionProperty() {
        return session == null ? new javafx.beans.property.SimpleIntegerProperty() : session.documentRows().versionProperty();
    }

    public DocumentViewModel document() {
        return document;
    }

    // Commands

    public void setSource(BrowseSource s) {
        selectedRow.set(null);
        document.clear();
        source.set(s);
        if (s == null) {
            rows.clear();
            banner.set("No folder open");
        } else {
            rows.setAll(IntStream.range(0, s.size()).boxed().toList());
            banner.set(s.describe());
        }
        applyFilter();
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        BrowseSource s = source.get();
        if (f.isEmpty() || s == null) {
            filtered.setPredicate(r -> true);
        } else {
            filtered.setPredicate(r -> contains(s.id(r), f) || contains(s.host(r), f) || f.equals(s.language(r)));
        }
        updateCount();
    }

    private static boolean contains(String value, String lowerNeedle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private void updateCount() {
        BrowseSource s = source.get();
        int total = s == null ? 0 : s.size();
        countText.set(filtered.size() == total ? String.format("%,d documents", total)
                : String.format("%,d of %,d documents", filtered.size(), total));
    }
}
