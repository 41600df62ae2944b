package org.loupe.app.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.loupe.app.common.DocumentRow;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.workspace.Labels;

/**
 * The rows every list of documents shows (id, domain, snippet, kept or removed), for the session's sample
 * under its live decisions. Ids, domains and statuses are in memory; snippets need the text, so a row asked
 * for on the FX thread comes without its snippet the first time, the text is read in the background (the
 * rows asked for meanwhile with it), and {@link #versionProperty()} changes when snippets arrive or the
 * decisions change: lists refresh their cells then.
 */
public final class DocumentRows {
    /** Snippets kept in memory; more are dropped (and read again when asked for). */
    private static final int CACHE = 20_000;

    private final SampleSession session;
    private final TaskRunner tasks;
    private final Map<Integer, String> snippets = new ConcurrentHashMap<>();
    private final Set<Integer> pending = ConcurrentHashMap.newKeySet();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private Sample loadedFor;
    private boolean loading;

    DocumentRows(SampleSession session, TaskRunner tasks) {
        this.session = session;
        this.tasks = tasks;
    }

    /** Changes when snippets arrive or the decisions (or labels) change: cells showing rows refresh then. */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /**
     * A row of the session's sample under the current decisions (FX thread). Its snippet is "" until the text
     * has been read in the background; {@link #versionProperty()} changes when it has. Null without a sample or
     * for a row out of range.
     */
    public DocumentRow row(int row) {
        Sample s = session.sample();
        if (s == null || row < 0 || row >= s.size()) {
            return null;
        }
        String snippet = snippets.get(row);
        if (snippet == null) {
            request(s, row);
            snippet = snippets.get(row);
        }
        return DocumentRow.of(s, session.decisions(), row, snippet, label(row));
    }

    /**
     * A row without its snippet (no text is read): for tables that show only the status, such as Browse.
     * Null without a sample or for a row out of range.
     */
    public DocumentRow withoutSnippet(int row) {
        Sample s = session.sample();
        if (s == null || row < 0 || row >= s.size()) {
            return null;
        }
        return DocumentRow.of(s, session.decisions(), row, "", label(row));
    }

    /** The rows with their snippets, read now: for lists built off the FX thread, and tests. */
    public List<DocumentRow> read(Sample s, Decisions d, int[] rows) {
        List<DocumentRow> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            String snippet = snippets.get(r);
            if (snippet == null) {
                snippet = DocumentRow.snippet(s.document(r).text(), DocumentRow.SNIPPET);
            }
            out.add(DocumentRow.of(s, d, r, snippet, null));
        }
        return out;
    }

    private String label(int row) {
        Labels.Label l = session.labels().of(row);
        return l == null ? "" : l.json();
    }

    /** A new sample: the snippets of the last one are forgotten. */
    void reset() {
        snippets.clear();
        pending.clear();
        loadedFor = session.sample();
        changed();
    }

    /** The decisions or labels changed: statuses in lists are redrawn. */
    void changed() {
        version.set(version.get() + 1);
    }

    private void request(Sample s, int row) {
        if (loadedFor != s) {
            snippets.clear();
            pending.clear();
            loadedFor = s;
        }
        pending.add(row);
        if (!loading) {
            load(s);
        }
    }

    /** Reads the texts of the rows asked for, in store order (a block of documents is read once). */
    private void load(Sample s) {
        int[] rows = pending.stream().mapToInt(Integer::intValue).toArray();
        pending.clear();
        Arrays.sort(rows);
        loading = true;
        tasks.run("", ctx -> {
            Map<Integer, String> read = new HashMap<>();
            for (int r : rows) {
                if (ctx.isCancelled()) {
                    break;
                }
                read.put(r, DocumentRow.snippet(s.document(r).text(), DocumentRow.SNIPPET));
            }
            return read;
        }, read -> {
            loading = false;
            if (s == session.sample()) {
                if (snippets.size() + read.size() > CACHE) {
                    snippets.clear();
                }
                snippets.putAll(read);
                changed();
                if (!pending.isEmpty()) {
                    load(s);
                }
            } else if (!pending.isEmpty() && session.sample() != null) {
                load(session.sample());
            }
        }, failure -> {
            loading = false;
            pending.clear();
        });
    }
}
