package org.loupe.app.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.context.AppContext;
import org.loupe.app.common.SampleLanguages;
import org.loupe.app.task.LatestTask;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.sample.Sample;
import org.loupe.index.Hit;
import org.loupe.index.QuerySyntaxException;
import org.loupe.index.RowStatus;
import org.loupe.index.SampleIndex;
import org.loupe.index.SearchRequest;
import org.loupe.index.SearchResult;
import org.loupe.index.SortBy;

/**
 * Search: ranked full-text search over every sampled document, kept and removed alike. The index is
 * built in the background when a sample opens (and reused when it is opened again); the status of each
 * hit and the status facets come from Tune's live decisions, so a threshold change re-facets the
 * results with no reindex.
 */
public final class SearchViewModel implements AutoCloseable {
    /** Documents per page of results. */
    public static final int PAGE = 50;
    private static final int HISTORY = 30;

    /** One facet value with its count and whether it filters the results now. */
    public record Chip(String facet, String value, long count, boolean selected) {
        public String label() {
            return value + "  " + String.format("%,d", count);
        }
    }

    /** The document open in the search view, with every match of the query. */
    public record Shown(int row, String id, String url, String status, String text, List<int[]> matches, boolean cut) { }

    /** Sorting by relevance, or by a metric of the current pipeline. */
    public static final String RELEVANCE = "relevance";

    /** A search's result, or the reason its query cannot be parsed (an answer, not a failure). */
    private record Outcome(SearchResult result, String syntaxError) { }

    private final AppContext context;
    private final SampleSession session;
    private final LatestTask<SampleIndex> indexing;
    /** One search at a time: a threshold drag asks dozens of times, only the newest runs when one ends. */
    private final LatestTask<Outcome> searching;
    private final LatestTask<Shown> opening;

    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty();
    private final StringProperty domain = new SimpleStringProperty();
    private final StringProperty language = new SimpleStringProperty();
    private final StringProperty sort = new SimpleStringProperty(RELEVANCE);
    private final ObservableList<String> sorts = FXCollections.observableArrayList(RELEVANCE);
    private final javafx.beans.property.BooleanProperty descending = new javafx.beans.property.SimpleBooleanProperty(true);
    private final ObservableList<Hit> hits = FXCollections.observableArrayList();
    private final ObservableList<Chip> statusChips = FXCollections.observableArrayList();
    private final ObservableList<Chip> domainChips = FXCollections.observableArrayList();
    private final ObservableList<Chip> languageChips = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Open a sample to search it");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper currentMatch = new ReadOnlyIntegerWrapper(-1);

    private Sample sample;
    private SampleIndex index;
    private boolean active = true;
    private boolean stale;

    public SearchViewModel(AppContext context, SampleSession session) {
        this.context = context;
        this.session = session;
        // An index opened for an older sample is closed, not leaked.
        indexing = new LatestTask<SampleIndex>(context.tasks()).onDiscard(SearchViewModel::closeQuietly)
                .onFailure(reason -> message.set("Indexing failed: " + reason));
        searching = new LatestTask<Outcome>(context.tasks()).coalescing()
                .onFailure(reason -> message.set("Search failed: " + reason));
        opening = new LatestTask<Shown>(context.tasks())
                .onFailure(reason -> message.set("Cannot open the document: " + reason));
        // The status of every hit is the live pipeline's: a new decision re-facets the results.
        session.decisionsProperty().addListener((o, a, d) -> {
            refreshSorts();
            if (index != null && d != null) {
                if (active) {
                    run(false);
                } else {
                    // Not on screen (a threshold drag in Tune): re-facet when Search is shown again.
                    stale = true;
                }
            }
        });
    }

    // Properties

    public StringProperty queryProperty() {
        return query;
    }

    /** Recent queries, newest first. */
    public ObservableList<String> history() {
        return history;
    }

    /** The status filter: null (any), "kept", "removed" or a step name. */
    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty domainProperty() {
        return domain;
    }

    public StringProperty languageProperty() {
        return language;
    }

    /** {@link #RELEVANCE} or a metric of the current pipeline ("gopher_quality.n_non_symbol_words"). */
    public StringProperty sortProperty() {
        return sort;
    }

    public ObservableList<String> sorts() {
        return sorts;
    }

    public javafx.beans.property.BooleanProperty descendingProperty() {
        return descending;
    }

    public ObservableList<Hit> hits() {
        return hits;
    }

    public ObservableList<Chip> statusChips() {
        return statusChips;
    }

    public ObservableList<Chip> domainChips() {
        return domainChips;
    }

    public ObservableList<Chip> languageChips() {
        return languageChips;
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** What happened: "1,234 results in 8 ms", a query error with its position, or the indexing state. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the index is open (searches run). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Whether a search runs (another page waits for it). */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.runningProperty();
    }

    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The match the document view scrolls to (index into {@link Shown#matches()}), -1 when none. */
    public ReadOnlyIntegerProperty currentMatchProperty() {
        return currentMatch.getReadOnlyProperty();
    }

    // Commands

    /** A new sample: its index is opened, or built in the background with progress (languages first). */
    public void setSample(Sample s) {
        indexing.cancel();
        searching.cancel();
        opening.cancel();
        closeIndex();
        sample = s;
        hits.clear();
        statusChips.clear();
        domainChips.clear();
        languageChips.clear();
        shown.set(null);
        total.set(0);
        ready.set(false);
        if (s == null) {
            message.set("Open a sample to search it");
            return;
        }
        message.set("Indexing the sample…");
        indexing.start("Indexing the sample for search", ctx -> {
            String[] langs = SampleLanguages.identify(context, s, ctx);
            // While the index is built, search what is indexed so far (near-real-time views).
            return SampleIndex.openOrBuild(s, langs, ctx,
                    view -> ctx.handOn(view, this::showPartial, SearchViewModel::closeQuietly));
        }, opened -> {
            install(opened);
            message.set(String.format("%,d documents %s; type a query (empty = every document)", opened.documents(),
                    opened.rebuilt() ? "indexed" : "in the index"));
            run(false);
        });
    }

    /** A near-real-time view of the index being built: searched until a fuller one (or the whole index) comes. */
    private void showPartial(SampleIndex view) {
        if (index != null && !index.isPartial()) {
            closeQuietly(view);
            return;
        }
        install(view);
        run(false);
    }

    /** Searches go to this index from now on; the one before is closed (a search on it still running fails unseen). */
    private void install(SampleIndex idx) {
        SampleIndex old = index;
        index = idx;
        closeQuietly(old);
        ready.set(true);
    }

    /**
     * Whether the Search view is on screen: decisions that change while it is not (a drag in Tune) re-run
     * the search once when it is shown again, not on every change.
     */
    public void setActive(boolean on) {
        active = on;
        if (on && stale) {
            stale = false;
            run(false);
        }
    }

    /** Searches for the query (from the first page), and remembers it. */
    public void search() {
        String q = query.get() == null ? "" : query.get().trim();
        if (!q.isEmpty()) {
            history.remove(q);
            history.add(0, q);
            if (history.size() > HISTORY) {
                history.remove(HISTORY, history.size());
            }
        }
        run(false);
    }

    /** Jumps here from another view: a new query with no filters. */
    public void searchFor(String q) {
        status.set(null);
        domain.set(null);
        language.set(null);
        query.set(q);
        search();
    }

    /** Another page of results, appended. */
    public void more() {
        run(true);
    }

    /** Chooses or clears a facet value (a second click on the selected chip clears it). */
    public void toggle(Chip chip) {
        StringProperty p = switch (chip.facet()) {
            case "status" -> status;
            case "domain" -> domain;
            default -> language;
        };
        p.set(chip.selected() ? null : chip.value());
        run(false);
    }

    /** Re-runs the search after a sort change. */
    public void resort() {
        run(false);
    }

    private void run(boolean append) {
        SampleIndex idx = index;
        Decisions d = session.decisions();
        if (idx == null || append && searching.isRunning()) {
            return;
        }
        RowStatus rowStatus = d == null || d.rows() != sample.size() ? RowStatus.none(sample.size()) : RowStatus.of(d);
        SearchRequest request = SearchRequest.of(query.get() == null ? "" : query.get())
                .withStatus(status.get()).withDomain(domain.get()).withLanguage(language.get())
                .withSort(sortBy()).withPage(append ? hits.size() : 0, PAGE);
        searching.start("", ctx -> {
            try {
                return new Outcome(idx.search(request, rowStatus), null);
            } catch (QuerySyntaxException e) {
                return new Outcome(null, e.getMessage());
            }
        }, outcome -> {
            if (outcome.syntaxError() == null) {
                apply(outcome.result(), append);
            } else {
                message.set(outcome.syntaxError());
                if (!append) {
                    hits.clear();
                    total.set(0);
                }
            }
        });
    }

    private SortBy sortBy() {
        String s = sort.get();
        MetricTable t = session.table();
        if (s == null || s.equals(RELEVANCE) || t == null || !t.has(s)) {
            return SortBy.RELEVANCE;
        }
        return new SortBy(s, t.column(s), descending.get());
    }

    private void apply(SearchResult r, boolean append) {
        if (append) {
            hits.addAll(r.hits());
        } else {
            hits.setAll(r.hits());
        }
        total.set(r.total());
        statusChips.setAll(chips("status", r.statusFacet(), status.get()));
        domainChips.setAll(chips("domain", r.domainFacet(), domain.get()));
        languageChips.setAll(chips("language", r.languageFacet(), language.get()));
        SampleIndex idx = index;
        String partial = idx != null && idx.isPartial() && sample != null
                ? String.format(" · indexing: %,d of %,d documents searched so far", idx.documents(), sample.size()) : "";
        message.set(String.format("%,d result%s in %.1f ms%s%s", r.total(), r.total() == 1 ? "" : "s", r.tookMicros() / 1000.0,
                hits.size() < r.total() ? String.format(" · showing %,d", hits.size()) : "", partial));
    }

    private static List<Chip> chips(String facet, Map<String, Long> counts, String selected) {
        List<Chip> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Chip(facet, k, v, k.equals(selected))));
        if (selected != null && !counts.containsKey(selected)) {
            out.add(0, new Chip(facet, selected, 0, true));
        }
        return out;
    }

    private void refreshSorts() {
        MetricTable t = session.table();
        List<String> names = new ArrayList<>();
        names.add(RELEVANCE);
        if (t != null) {
            t.names().stream().filter(n -> t.labels(n).isEmpty()).sorted().forEach(names::add);
        }
        if (!names.equals(sorts)) {
            String keep = sort.get();
            sorts.setAll(names);
            sort.set(names.contains(keep) ? keep : RELEVANCE);
        }
    }

    /** Opens a hit: its whole text with every match of the query, the first match current. */
    public void open(Hit hit) {
        SampleIndex idx = index;
        Sample s = sample;
        if (idx == null || s == null || hit == null) {
            return;
        }
        String q = query.get() == null ? "" : query.get();
        String statusText = hit.status().equals("kept") ? "kept" : "removed by " + hit.status() + " (" + hit.reason() + ")";
        opening.start("", ctx -> {
            String text = s.document(hit.row()).text();
            boolean cut = text.length() > DISPLAY_LIMIT;
            String shownText = cut ? text.substring(0, DISPLAY_LIMIT) : text;
            List<int[]> matches = idx.matches(q, shownText);
            return new Shown(hit.row(), hit.id(), hit.url(), statusText, shownText, matches, cut);
        }, doc -> {
            shown.set(doc);
            currentMatch.set(doc.matches().isEmpty() ? -1 : 0);
        });
    }

    /** Characters of a document shown with highlights (longer documents are cut, and say so). */
    public static final int DISPLAY_LIMIT = 200_000;

    /** The next match in the open document (wraps around). */
    public void nextMatch() {
        Shown d = shown.get();
        if (d != null && !d.matches().isEmpty()) {
            currentMatch.set((currentMatch.get() + 1) % d.matches().size());
        }
    }

    /** The previous match in the open document (wraps around). */
    public void previousMatch() {
        Shown d = shown.get();
        if (d != null && !d.matches().isEmpty()) {
            currentMatch.set((currentMatch.get() - 1 + d.matches().size()) % d.matches().size());
        }
    }

    /** The sample row of the open document, for labelling and the Tune inspector; -1 when none. */
    public int shownRow() {
        Shown d = shown.get();
        return d == null ? -1 : d.row();
    }

    private void closeIndex() {
        SampleIndex old = index;
        index = null;
        closeQuietly(old);
    }

    private static void closeQuietly(SampleIndex i) {
        if (i != null) {
            try {
                i.close();
            } catch (java.io.IOException e) {
                // Closing a reader of a workspace file: nothing to lose.
            }
        }
    }

    @Override
    public void close() {
        indexing.cancel();
        searching.cancel();
        opening.cancel();
        closeIndex();
    }
}
