package org.loupe.app.domains;

import org.loupe.app.session.PipelineEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.domain.DomainBreakdown;
import org.loupe.analysis.domain.DomainStats;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.sample.Sample;

/**
 * Domains: the sample's registrable domains by tokens (or removal rate) under the live pipeline, ten
 * random documents of a chosen domain split kept / removed ("10 more"), and one action that adds the
 * domain to the URL blocklist step (a config change Tune and Diffs show). Also the chosen domain by host and
 * by path prefix, and the exact URLs that more than one sampled document has (a duplication signal): choosing
 * one lists all its documents where a domain's are listed.
 *
 * <p>Counting a sample's domains is a pass over every URL: it runs in the background, one count at a time,
 * and the tables change when it is done.
 */
public final class DomainsViewModel {
    /** A table row. */
    public record Row(String domain, long documents, long tokens, long keptDocuments, long keptTokens, double removalRate,
                      String removedBy) { }

    /** A Top URLs row: an exact URL of more than one sampled document, with how many of them the pipeline keeps. */
    public record UrlRow(String url, int documents, int keptDocuments, int removedDocuments) { }

    /** A host or path prefix of the selected domain. */
    public record PartRow(String name, long documents, long tokens, long keptDocuments, double removalRate) { }

    /** Documents shown per page of a domain. */
    public static final int PAGE = 10;

    private static final String NOTHING_SELECTED = "Select a domain";

    private final SampleSession session;
    /** One count at a time: decisions can change faster than a count ends; only the newest is shown. */
    private final LatestTask<DomainStats> counting;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty byRemovalRate = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<String> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Integer> kept = FXCollections.observableArrayList();
    private final ObservableList<Integer> removed = FXCollections.observableArrayList();
    private final ObservableList<UrlRow> topUrls = FXCollections.observableArrayList();
    private final ObservableList<PartRow> hosts = FXCollections.observableArrayList();
    private final ObservableList<PartRow> pathPrefixes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> selectedUrl = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(NOTHING_SELECTED);
    private DomainStats stats;
    private int shown = PAGE;
    private long seed = 1;
    private boolean active = true;
    private boolean stale;

    /**
     * @param tasks runs the counts
     * @param session  the live pipeline: the sample, its decisions and tokens; blocking a domain changes its config
     */
    public DomainsViewModel(TaskRunner tasks, SampleSession session) {
        this.session = session;
        this.counting = new LatestTask<DomainStats>(tasks).coalescing()
                .onFailure(reason -> error.set("Cannot count the domains: " + reason));
        session.decisionsProperty().addListener((o, a, d) -> {
            if (active) {
                refresh();
            } else {
                stale = true;
            }
        });
        filter.addListener((o, a, b) -> refreshRows());
        byRemovalRate.addListener((o, a, b) -> refreshRows());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Why the last count failed; empty when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Shows only domains containing this text. */
    public StringProperty filterProperty() {
        return filter;
    }

    public javafx.beans.property.BooleanProperty byRemovalRateProperty() {
        return byRemovalRate;
    }

    public ReadOnlyObjectProperty<String> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The URL whose documents are listed instead of the domain's, or null. */
    public ReadOnlyObjectProperty<String> selectedUrlProperty() {
        return selectedUrl.getReadOnlyProperty();
    }

    /** What the document lists show: the selected URL, else the selected domain. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Kept documents (sample rows): random ones of the selected domain, or all of the selected URL. */
    public ObservableList<Integer> kept() {
        return kept;
    }

    /** Removed documents (sample rows): random ones of the selected domain, or all of the selected URL. */
    public ObservableList<Integer> removed() {
        return removed;
    }

    /** Exact URLs of more than one sampled document, most documents first (ties by URL). */
    public ObservableList<UrlRow> topUrls() {
        return topUrls;
    }

    /** The selected domain's hosts, most tokens first. */
    public ObservableList<PartRow> hosts() {
        return hosts;
    }

    /** The selected domain's URL path prefixes (first path segments), most tokens first. */
    public ObservableList<PartRow> pathPrefixes() {
        return pathPrefixes;
    }

    /** Whether the view is on screen; decisions that change meanwhile recount once when it is shown. */
    public void setActive(boolean on) {
        active = on;
        if (on && stale) {
            stale = false;
            refresh();
        }
    }

    /** Recounts under the current decisions, in the background; the tables follow when the count is done. */
    public void refresh() {
        Sample s = session.sample();
        Decisions d = session.decisions();
        RowKeys keys = session.keys();
        if (s == null || d == null || keys == null) {
            counting.cancel();
            show(null);
            return;
        }
        error.set("");
        counting.start("", ctx -> DomainStats.of(s.size(), s::url, keys.tokens(), d), this::show);
    }

    /** Shows a count (null: none). */
    private void show(DomainStats counted) {
        stats = counted;
        if (stats == null) {
            rows.clear();
            kept.clear();
            removed.clear();
            topUrls.clear();
            hosts.clear();
            pathPrefixes.clear();
            return;
        }
        refreshRows();
        refreshTopUrls();
        refreshBreakdown();
        refreshDocuments();
    }

    private void refreshTopUrls() {
        List<UrlRow> out = new ArrayList<>(stats.repeatedUrls().size());
        for (DomainStats.RepeatedUrl u : stats.repeatedUrls()) {
            out.add(new UrlRow(u.url(), u.documents(), u.keptDocuments(), u.removedDocuments()));
        }
        topUrls.setAll(out);
    }

    private void refreshBreakdown() {
        DomainStats.Domain dom = domain(selected.get());
        Decisions d = session.decisions();
        if (dom == null || d == null) {
            hosts.clear();
            pathPrefixes.clear();
            return;
        }
        Sample s = session.sample();
        DomainBreakdown b = DomainBreakdown.of(dom.rows(), s::url, session.keys().tokens(), d::kept);
        hosts.setAll(partRows(b.byHost()));
        pathPrefixes.setAll(partRows(b.byPathPrefix()));
    }

    private static List<PartRow> partRows(List<DomainBreakdown.Group> groups) {
        List<PartRow> out = new ArrayList<>(groups.size());
        for (DomainBreakdown.Group g : groups) {
            out.add(new PartRow(g.name(), g.documents(), g.tokens(), g.keptDocuments(), g.removalRate()));
        }
        return out;
    }

    private DomainStats.Domain domain(String name) {
        return stats == null || name == null ? null
                : stats.byTokens().stream().filter(x -> x.domain().equals(name)).findFirst().orElse(null);
    }

    private DomainStats.RepeatedUrl repeatedUrl(String url) {
        return stats == null || url == null ? null
                : stats.repeatedUrls().stream().filter(x -> x.url().equals(url)).findFirst().orElse(null);
    }

    private void refreshRows() {
        if (stats == null) {
            rows.clear();
            return;
        }
        String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        List<Row> out = new ArrayList<>();
        for (DomainStats.Domain d : byRemovalRate.get() ? stats.byRemovalRate() : stats.byTokens()) {
            if (f.isEmpty() || d.domain().contains(f)) {
                out.add(new Row(d.domain(), d.documents(), d.tokens(), d.keptDocuments(), d.keptTokens(), d.removalRate(),
                        removedBy(d.removedBy())));
            }
        }
        rows.setAll(out);
    }

    private static String removedBy(Map<String, Long> by) {
        StringBuilder b = new StringBuilder();
        by.forEach((k, v) -> {
            if (v > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return b.toString();
    }

    /** Chooses a domain: ten random kept and ten random removed documents of it, and its hosts and path prefixes. */
    public void select(String domain) {
        selected.set(domain);
        selectedUrl.set(null);
        shown = PAGE;
        refreshBreakdown();
        refreshDocuments();
    }

    /** Chooses a Top URL: all its documents, kept and removed, replace the domain's in the lists. */
    public void selectUrl(String url) {
        selectedUrl.set(url);
        refreshDocuments();
    }

    /** Ten more of each. */
    public void more() {
        shown += PAGE;
        refreshDocuments();
    }

    /** Another random draw. */
    public void reshuffle() {
        seed++;
        shown = PAGE;
        refreshDocuments();
    }

    private void refreshDocuments() {
        title.set(selectedUrl.get() != null ? selectedUrl.get() : selected.get() != null ? selected.get() : NOTHING_SELECTED);
        Decisions d = session.decisions();
        if (selectedUrl.get() != null) {
            DomainStats.RepeatedUrl u = repeatedUrl(selectedUrl.get());
            if (u == null || d == null) {
                kept.clear();
                removed.clear();
            } else {
                kept.setAll(boxed(java.util.Arrays.stream(u.rows()).filter(d::kept).toArray()));
                removed.setAll(boxed(java.util.Arrays.stream(u.rows()).filter(x -> !d.kept(x)).toArray()));
            }
            return;
        }
        DomainStats.Domain dom = domain(selected.get());
        if (dom == null || d == null) {
            kept.clear();
            removed.clear();
            return;
        }
        int[] k = java.util.Arrays.stream(dom.rows()).filter(d::kept).toArray();
        int[] r = java.util.Arrays.stream(dom.rows()).filter(x -> !d.kept(x)).toArray();
        kept.setAll(boxed(RowSampler.sample(k, seed, 0, shown)));
        removed.setAll(boxed(RowSampler.sample(r, seed, 0, shown)));
    }

    private static List<Integer> boxed(int[] rows) {
        List<Integer> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(r);
        }
        return out;
    }

    /** Adds the selected domain to the URL blocklist step of the pipeline. */
    public void blockSelected() {
        if (selected.get() != null && !selected.get().equals(DomainStats.NO_URL)) {
            PipelineEdits.blockDomain(session.config(), selected.get()).ifPresent(c -> session.edit(c, true));
        }
    }
}
