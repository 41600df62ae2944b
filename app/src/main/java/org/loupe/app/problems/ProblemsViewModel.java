package org.loupe.app.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.loupe.engine.read.Problem;
import org.loupe.engine.sample.SampleManifest;

/**
 * Problems: every problem the readers met (and every file that is not a shard), filterable by kind and
 * text, with the conservation summary (records read = documents + skipped).
 */
public final class ProblemsViewModel {
    /** The "all kinds" choice of the kind filter. */
    public static final String ALL = "All kinds";

    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final FilteredList<Problem> filtered = new FilteredList<>(problems, p -> true);
    private final ObservableList<String> kinds = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> kind = new SimpleObjectProperty<>(ALL);
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No folder open");

    public ProblemsViewModel() {
        kind.addListener((o, a, b) -> refilter());
        text.addListener((o, a, b) -> refilter());
    }

    public ObservableList<Problem> problems() {
        return filtered;
    }

    public ObservableList<Problem> allProblems() {
        return problems;
    }

    public ObservableList<String> kinds() {
        return kinds;
    }

    public ObjectProperty<String> kindProperty() {
        return kind;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /**
     * Shows the problems of a folder.
     *
     * @param fileProblems  files that are not shards (from the scan)
     * @param readProblems  problems met while reading (as loaded; may be capped)
     * @param stats         reading totals of the sample, or null while none is drawn
     */
    public void setProblems(List<Problem> fileProblems, List<Problem> readProblems, SampleManifest.ReadStats stats) {
        List<Problem> all = new ArrayList<>(fileProblems.size() + readProblems.size());
        all.addAll(fileProblems);
        all.addAll(readProblems);
        problems.setAll(all);
        Map<String, Long> byKind = new TreeMap<>();
        for (Problem p : all) {
            byKind.merge(p.kind().jsonName(), 1L, Long::sum);
        }
        List<String> k = new ArrayList<>();
        k.add(ALL);
        k.addAll(byKind.keySet());
        kinds.setAll(k);
        kind.set(ALL);
        StringBuilder s = new StringBuilder(String.format("%,d problems", all.size()));
        if (!byKind.isEmpty()) {
            s.append(": ");
            s.append(String.join(", ", byKind.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey())).toList()));
        }
        if (stats != null) {
            s.append(String.format("  ·  records read %,d = %,d documents + %,d skipped", stats.records(), stats.documents(), stats.skipped()));
            if (stats.repaired() > 0) {
                s.append(String.format(" (%,d repaired documents)", stats.repaired()));
            }
            if (stats.problems() > readProblems.size()) {
                s.append(String.format("  ·  showing the first %,d of %,d", readProblems.size(), stats.problems()));
            }
        }
        summary.set(s.toString());
        refilter();
    }

    public void clear() {
        problems.clear();
        kinds.setAll(ALL);
        summary.set("No folder open");
    }

    private void refilter() {
        String k = kind.get();
        String t = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(p -> (k == null || ALL.equals(k) || p.kind().jsonName().equals(k))
                && (t.isEmpty() || p.message().toLowerCase(Locale.ROOT).contains(t)
                || p.file().toString().toLowerCase(Locale.ROOT).contains(t)));
    }
}
