package org.loupe.app.domains;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.domain.DomainStats;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.filter.Decisions;
import org.loupe.engine.filter.RowSampler;
import org.loupe.engine.sample.Sample;

/**
 * Domains: the sample's registrable domains by tokens (or removal rate) under the live pipeline, ten
 * random documents of a chosen domain split kept / removed ("10 more"), and one action that adds the
 * domain to the URL blocklist step (a config change Tune and Diffs show).
 */
public final class DomainsViewModel {
    /** A table row. */
    public record Row(String domain, long documents, long tokens, long keptDocuments, long keptTokens, double removalRate,
                      String removedBy) { }

    /** Documents shown per page of a domain. */
    public static final int PAGE = 10;

    private final TuneViewModel tune;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty byRemovalRate = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<String> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Integer> kept = FXCollections.observableArrayList();
    private final ObservableList<Integer> removed = FXCollections.observableArrayList();
    private DomainStats stats;
    private int shown = PAGE;
    private long seed = 1;
    private boolean active = true;
    private boolean stale;

    public DomainsViewModel(TuneViewModel tune) {
        this.tune = tune;
        tune.decisionsProperty().addListener((o, a, d) -> {
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

    /** Random kept documents (sample rows) of the selected domain. */
    public ObservableList<Integer> kept() {
        return kept;
    }

    /** Random removed documents (sample rows) of the selected domain. */
    public ObservableList<Integer> removed() {
        return removed;
    }

    /** Whether the view is on screen; decisions that change meanwhile recount once when it is shown. */
    public void setActive(boolean on) {
        active = on;
        if (on && stale) {
            stale = false;
            refresh();
        }
    }

    /** Recounts under the current decisions. */
    public void refresh() {
        Sample s = tune.sample();
        Decisions d = tune.decisionsProperty().get();
        if (s == null || d == null || tune.keys() == null) {
            stats = null;
            rows.clear();
            kept.clear();
            removed.clear();
            return;
        }
        stats = DomainStats.of(s.size(), s::url, tune.keys().tokens(), d);
        refreshRows();
        refreshDocuments();
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

    /** Chooses a domain: ten random kept and ten random removed documents of it. */
    public void select(String domain) {
        selected.set(domain);
        shown = PAGE;
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
        Decisions d = tune.decisionsProperty().get();
        DomainStats.Domain dom = stats == null || selected.get() == null ? null
                : stats.byTokens().stream().filter(x -> x.domain().equals(selected.get())).findFirst().orElse(null);
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
            tune.blockDomain(selected.get());
        }
    }
}
