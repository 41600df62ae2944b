package org.loupe.app.vocab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.TokenDocuments;
import org.loupe.analysis.vocab.TokenFlag;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.app.vocab.VocabularyViewModel.DocumentHit;
import org.loupe.app.vocab.VocabularyViewModel.Origin;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.sample.Sample;

/**
 * The selected token of one of Vocabulary's vocabularies: its facts, and every sampled document whose
 * encoding holds it (found in the background), split kept / removed under the live pipeline.
 */
final class TokenSelection {
    private static final String QUERY_SYNTAX = "+-&|!(){}[]^\"~*?:\\/";

    private final int threads;
    private final Supplier<Decisions> decisions;
    private final LatestTask<TokenDocuments.Hits> finding;
    private final ReadOnlyObjectWrapper<VocabReport.Token> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentsSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<DocumentHit> keptDocuments = FXCollections.observableArrayList();
    private final ObservableList<DocumentHit> removedDocuments = FXCollections.observableArrayList();

    private Origin origin;
    private BpeModel model;
    private Sample sample;
    private TokenDocuments.Hits hits;

    /** @param decisions the live pipeline's decisions (null while none) */
    TokenSelection(TaskRunner tasks, int threads, Supplier<Decisions> decisions) {
        this.threads = threads;
        this.decisions = decisions;
        finding = new LatestTask<TokenDocuments.Hits>(tasks)
                .onFailure(reason -> documentsSummary.set("Cannot find the documents: " + reason))
                .onCancelled(() -> documentsSummary.set("Cancelled."));
    }

    ReadOnlyBooleanProperty findingProperty() {
        return finding.runningProperty();
    }

    ReadOnlyObjectProperty<VocabReport.Token> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    ReadOnlyStringProperty documentsSummaryProperty() {
        return documentsSummary.getReadOnlyProperty();
    }

    ObservableList<DocumentHit> keptDocuments() {
        return keptDocuments;
    }

    ObservableList<DocumentHit> removedDocuments() {
        return removedDocuments;
    }

    /** The vocabulary the selected token comes from (null when none is selected). */
    Origin origin() {
        return origin;
    }

    /**
     * Selects a token of a vocabulary and finds the documents that hold it in the background; a null token,
     * model or sample (or a token the model lacks) selects nothing.
     */
    void select(VocabReport.Token token, Origin from, BpeModel m, Sample s) {
        hits = null;
        keptDocuments.clear();
        removedDocuments.clear();
        if (token == null || m == null || s == null || token.id() >= m.size()) {
            finding.cancel();
            selected.set(null);
            origin = null;
            model = null;
            sample = null;
            details.set("");
            documentsSummary.set("");
            return;
        }
        selected.set(token);
        origin = from;
        model = m;
        sample = s;
        details.set(describe(token, from));
        documentsSummary.set("Finding the documents that hold " + token.display() + "…");
        finding.start("Finding documents with " + token.display(),
                ctx -> TokenDocuments.find(m, token.id(), s.size(), row -> VocabTraining.text(s, row), threads, ctx),
                h -> {
                    hits = h;
                    split();
                });
    }

    /** Selects nothing when the selected token comes from a vocabulary that is gone. */
    void dropFrom(Origin... gone) {
        for (Origin o : gone) {
            if (origin == o) {
                select(null, null, null, null);
                return;
            }
        }
    }

    /** Stops finding documents (says so). */
    void cancel() {
        finding.cancel();
    }

    /** The pipeline decided again: the documents found are split anew. */
    void decisionsChanged() {
        if (hits != null) {
            split();
        }
    }

    /**
     * The Search query for the selected token: its text without leading and trailing whitespace, quoted as
     * a phrase when it holds whitespace or query syntax; null when there is nothing to search.
     */
    String searchQuery() {
        VocabReport.Token t = selected.get();
        if (t == null || model == null) {
            return null;
        }
        String text = model.text(t.id());
        if (text == null) {
            return null;
        }
        String q = text.strip();
        if (q.isEmpty()) {
            return null;
        }
        boolean phrase = q.codePoints().anyMatch(c -> Character.isWhitespace(c) || QUERY_SYNTAX.indexOf(c) >= 0);
        return phrase ? "\"" + q.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : q;
    }

    /** Splits the selected token's documents kept / removed under the current decisions. */
    private void split() {
        Decisions d = decisions.get();
        Sample s = sample;
        TokenDocuments.Hits h = hits;
        if (d == null || s == null || h == null) {
            keptDocuments.clear();
            removedDocuments.clear();
            return;
        }
        List<DocumentHit> kept = new ArrayList<>();
        List<DocumentHit> removed = new ArrayList<>();
        long keptTimes = 0;
        long removedTimes = 0;
        for (int i = 0; i < h.size(); i++) {
            int row = h.rows()[i];
            DocumentHit hit = new DocumentHit(row, s.id(row), s.url(row), h.counts()[i]);
            if (d.kept(row)) {
                kept.add(hit);
                keptTimes += hit.occurrences();
            } else {
                removed.add(hit);
                removedTimes += hit.occurrences();
            }
        }
        Comparator<DocumentHit> order = Comparator.comparingInt(DocumentHit::occurrences).reversed()
                .thenComparingInt(DocumentHit::row);
        kept.sort(order);
        removed.sort(order);
        keptDocuments.setAll(kept);
        removedDocuments.setAll(removed);
        documentsSummary.set(String.format("In %,d of %,d documents, %,d times: %,d kept (%,d times), %,d removed (%,d times).",
                h.size(), s.size(), h.total(), kept.size(), keptTimes, removed.size(), removedTimes));
    }

    private static String describe(VocabReport.Token t, Origin origin) {
        String from = switch (origin) {
            case TRAINED -> "the trained vocabulary";
            case KEPT -> "the kept documents' vocabulary";
            case REMOVED -> "the removed documents' vocabulary";
        };
        String flags = t.flags().isEmpty() ? "none" : t.flags().stream().map(TokenFlag::label).collect(Collectors.joining(", "));
        return String.format("Token %,d of %s · count %,d in its training text · merge rank %,d · %,d bytes · %s · flags: %s",
                t.id(), from, t.count(), t.rank(), t.bytes(), t.chars() < 0 ? "not whole UTF-8" : String.format("%,d chars", t.chars()),
                flags);
    }
}
