package org.loupe.app.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.loupe.app.context.AppContext;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.workspace.Labels;

/**
 * The curator's good / bad labels of the session's folder, kept in the workspace (an append-only log, saved
 * at every label). Any view labels through here; {@link #versionProperty()} changes with every label so the
 * lists that show labels refresh.
 */
public final class SessionLabels {
    private final AppContext context;
    private final SampleSession session;
    private Labels labels;
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();

    SessionLabels(AppContext context, SampleSession session) {
        this.context = context;
        this.session = session;
    }

    /** Reads the labels of a folder (null: none); damaged lines are reported on the session's error. */
    void open(Path folder) {
        labels = null;
        count.set(0);
        if (folder == null) {
            return;
        }
        try {
            labels = Labels.open(Labels.file(context.workspace(), folder));
            count.set(labels.size());
            if (!labels.problems().isEmpty()) {
                session.reportError(String.join("; ", labels.problems()));
            }
        } catch (IOException e) {
            session.reportError("Cannot read the labels: " + e.getMessage());
        }
    }

    /** Changes whenever a label is given or cleared. */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Labels of this folder's documents given so far. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** Marks a document of the sample good or bad (null clears); saved in the workspace at once. */
    public void label(int row, Labels.Label label) {
        Sample s = session.sample();
        if (labels == null || s == null || row < 0 || row >= s.size()) {
            return;
        }
        try {
            labels.set(s.id(row), s.url(row), label);
            count.set(labels.size());
            version.set(version.get() + 1);
            session.reportError("");
        } catch (IOException e) {
            session.reportError("Cannot save the label: " + e.getMessage());
        }
    }

    /** The label of a row, or null. */
    public Labels.Label of(int row) {
        Sample s = session.sample();
        return labels == null || s == null || row < 0 || row >= s.size() ? null : labels.get(s.id(row));
    }

    /** The label of a document id, or null. */
    public Labels.Label ofId(String id) {
        Labels l = labels;
        return l == null ? null : l.get(id);
    }

    /**
     * Writes every label of this folder as JSON lines: id, url, label, when, and for documents of the
     * sample their text and the pipeline's decision (the training data of a quality classifier). Runs off
     * the FX thread: it reads every labelled document.
     */
    public void export(Path file, Sample s, Decisions d) throws IOException {
        Labels l = labels;
        if (l == null || s == null) {
            throw new IOException("no folder is open");
        }
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            rows.put(s.id(i), i);
        }
        l.export(file, e -> {
            Integer row = rows.get(e.id());
            if (row == null) {
                return Map.of("in_sample", false);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("in_sample", true);
            m.put("text", s.document(row).text());
            if (d != null) {
                m.put("kept", d.kept(row));
                m.put("removed_by", d.kept(row) ? null : d.steps().get(d.removedBy(row)));
                m.put("reason", d.reason(row));
            }
            return m;
        });
    }
}
