package org.loupe.app.vocab;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.context.AppContext;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.sample.Sample;

/**
 * Vocabulary: a byte-level BPE tokenizer trained on the sample's kept, removed or all documents under the
 * live pipeline, and what its vocabulary says about the data (longest, rarest and junk-looking tokens); the
 * same tokenizer trained on kept and on removed documents side by side; the documents a token occurs in,
 * split kept / removed; exports of the tokenizer and of the report.
 *
 * <p>Training is expensive and runs only when asked, in the background with progress and cancel. Results
 * stay until the sample changes; a decision change while the view is hidden is handled once when it is
 * shown again (the selected token's documents are re-split, and a note says when the vocabulary was
 * trained on a different set of documents than the pipeline now keeps or removes).
 *
 * <p>The view binds to this class; the work is in its parts: {@link VocabTraining} (training and comparing),
 * {@link VocabTables} (what the tables show), {@link TokenSelection} (a token's documents) and
 * {@link VocabExport}.
 */
public final class VocabularyViewModel {

    /** Rows of each table. */
    public static final int ROWS = 200;
    public static final int MIN_VOCAB_SIZE = 256;
    public static final int MAX_VOCAB_SIZE = 65_536;
    public static final int DEFAULT_VOCAB_SIZE = 8_000;

    /** Which documents a tokenizer is trained on, under the live pipeline. */
    public enum Subset {
        KEPT("kept"), REMOVED("removed"), ALL("all");

        private final String label;

        Subset(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which vocabulary a token comes from: the trained one, or the kept / removed one of the comparison. */
    public enum Origin { TRAINED, KEPT, REMOVED }

    /** A document holding the selected token. */
    public record DocumentHit(int row, String id, String url, int occurrences) { }

    private final SampleSession session;
    private final Consumer<String> searcher;

    private final ObjectProperty<Subset> trainOn = new SimpleObjectProperty<>(Subset.KEPT);
    private final IntegerProperty vocabSize = new SimpleIntegerProperty(DEFAULT_VOCAB_SIZE);
    private final ObjectProperty<PreTokenizer.Style> style = new SimpleObjectProperty<>(PreTokenizer.Style.GPT2);
    private final BooleanProperty splitDigits = new SimpleBooleanProperty(false);
    private final BooleanProperty whitespaceRuns = new SimpleBooleanProperty(true);

    private final VocabTables tables = new VocabTables();
    private final TokenSelection selection;
    private final VocabTraining training;
    private final VocabExport export;
    private final BooleanBinding busy;

    /** The sample the results and running tasks belong to (null when none). */
    private Sample sample;
    private boolean active = true;
    private boolean stale;

    /**
     * @param context  the task runner and worker threads
     * @param session     the live pipeline: the sample and its decisions, and the shared document inspector
     * @param searcher jumps to Search with a query
     */
    public VocabularyViewModel(AppContext context, SampleSession session, Consumer<String> searcher) {
        this.session = session;
        this.searcher = searcher;
        selection = new TokenSelection(context.tasks(), context.threads(), () -> session.decisions());
        training = new VocabTraining(context.tasks(), context.threads(), () -> session.decisions(), t -> {
            selection.dropFrom(Origin.TRAINED);
            tables.showTrained(t);
        }, c -> {
            selection.dropFrom(Origin.KEPT, Origin.REMOVED);
            tables.showCompared(c);
        });
        export = new VocabExport(context.tasks());
        busy = training.trainingProperty().or(training.comparingProperty()).or(selection.findingProperty());
        session.decisionsProperty().addListener((o, a, d) -> {
            if (d == null || (sample != null && session.sample() != sample)) {
                // A new sample (or the same one measured again): nothing trained on the old one applies.
                reset();
            } else if (active) {
                decisionsChanged();
            } else {
                stale = true;
            }
        });
    }

    // Settings

    /** The documents to train on: kept, removed or all, under the live pipeline. */
    public ObjectProperty<Subset> trainOnProperty() {
        return trainOn;
    }

    /** Tokens wanted, the 256 bytes included ({@value #MIN_VOCAB_SIZE} to {@value #MAX_VOCAB_SIZE}). */
    public IntegerProperty vocabSizeProperty() {
        return vocabSize;
    }

    public ObjectProperty<PreTokenizer.Style> styleProperty() {
        return style;
    }

    public BooleanProperty splitDigitsProperty() {
        return splitDigits;
    }

    public BooleanProperty whitespaceRunsProperty() {
        return whitespaceRuns;
    }

    /** The pre-tokenizer the settings describe. */
    public PreTokenizer preTokenizer() {
        return new PreTokenizer(style.get(), splitDigits.get(), whitespaceRuns.get());
    }

    /** The vocabulary size the settings ask for, within the allowed range. */
    public int effectiveVocabSize() {
        return Math.max(MIN_VOCAB_SIZE, Math.min(MAX_VOCAB_SIZE, vocabSize.get()));
    }

    // Results

    /** Whether a training, a comparison or a token's document search runs. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty trainingProperty() {
        return training.trainingProperty();
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return training.comparingProperty();
    }

    /** The tokenizer of the last {@link #train()} (null until then). */
    public ReadOnlyObjectProperty<BpeModel> modelProperty() {
        return tables.modelProperty();
    }

    /** What was trained on, how big, how long; or a hint. */
    public ReadOnlyStringProperty summaryProperty() {
        return training.summaryProperty();
    }

    /** Empty, or why the results may no longer match the pipeline. */
    public ReadOnlyStringProperty noticeProperty() {
        return training.noticeProperty();
    }

    public ObservableList<VocabReport.Token> longestByBytes() {
        return tables.longestByBytes();
    }

    public ObservableList<VocabReport.Token> longestByChars() {
        return tables.longestByChars();
    }

    public ObservableList<VocabReport.Token> rarest() {
        return tables.rarest();
    }

    public ObservableList<VocabReport.Token> flagged() {
        return tables.flagged();
    }

    /** Tokens of the kept documents' vocabulary the removed documents' one lacks, most frequent first. */
    public ObservableList<VocabReport.Token> onlyKept() {
        return tables.onlyKept();
    }

    /** Tokens of the removed documents' vocabulary the kept documents' one lacks, most frequent first. */
    public ObservableList<VocabReport.Token> onlyRemoved() {
        return tables.onlyRemoved();
    }

    /** Tokens both vocabularies of the comparison have. */
    public ReadOnlyIntegerProperty sharedProperty() {
        return tables.sharedProperty();
    }

    public ReadOnlyStringProperty compareSummaryProperty() {
        return training.compareSummaryProperty();
    }

    /** The comparison's vocabulary of the kept documents (null until {@link #compare()}). */
    public BpeModel keptModel() {
        return training.compared() == null ? null : training.compared().kept();
    }

    /** The comparison's vocabulary of the removed documents (null until {@link #compare()}). */
    public BpeModel removedModel() {
        return training.compared() == null ? null : training.compared().removed();
    }

    /** The sample rows the current model was trained on (empty when none). */
    public int[] trainingRows() {
        return training.trained() == null ? new int[0] : training.trained().rows().clone();
    }

    public ReadOnlyObjectProperty<VocabReport.Token> selectedProperty() {
        return selection.selectedProperty();
    }

    /** The selected token's facts: count, rank, bytes, characters, flags. */
    public ReadOnlyStringProperty detailsProperty() {
        return selection.detailsProperty();
    }

    /** How many documents hold the selected token, kept and removed. */
    public ReadOnlyStringProperty documentsSummaryProperty() {
        return selection.documentsSummaryProperty();
    }

    /** Kept documents holding the selected token, most occurrences first. */
    public ObservableList<DocumentHit> keptDocuments() {
        return selection.keptDocuments();
    }

    /** Removed documents holding the selected token, most occurrences first. */
    public ObservableList<DocumentHit> removedDocuments() {
        return selection.removedDocuments();
    }

    /** What the last export did: "Saved …", or why it failed; empty before any. */
    public ReadOnlyStringProperty exportStatusProperty() {
        return export.statusProperty();
    }

    // Commands

    /**
     * Whether the view is on screen: a decision change while it is not is handled once when it is shown
     * again. Training is never started here; only the user starts it.
     */
    public void setActive(boolean on) {
        active = on;
        if (on && stale) {
            stale = false;
            decisionsChanged();
        }
    }

    /** Trains a tokenizer on the chosen documents, in the background; replaces the tables when done. */
    public void train() {
        Sample s = session.sample();
        Decisions d = session.decisions();
        if (s == null || d == null) {
            training.notReady();
            return;
        }
        adopt(s);
        training.train(s, d, trainOn.get(), options());
    }

    /**
     * Trains the same tokenizer on the kept and on the removed documents, in the background, and lists the
     * tokens only one vocabulary has.
     */
    public void compare() {
        Sample s = session.sample();
        Decisions d = session.decisions();
        if (s == null || d == null) {
            training.notReadyToCompare();
            return;
        }
        adopt(s);
        training.compare(s, d, options());
    }

    /** Stops whatever runs: training, comparing, finding a token's documents. */
    public void cancel() {
        training.cancel();
        selection.cancel();
    }

    /** Selects a token of the trained vocabulary. */
    public void select(VocabReport.Token token) {
        select(token, Origin.TRAINED);
    }

    /**
     * Selects a token of one of the vocabularies and finds, in the background, every sampled document whose
     * encoding holds it (with how many times), split kept / removed under the live pipeline.
     */
    public void select(VocabReport.Token token, Origin origin) {
        selection.select(token, origin, token == null ? null : modelOf(origin), sample);
    }

    /** Opens a sampled document in the shared inspector. */
    public void open(int row) {
        session.open(row);
    }

    /**
     * The Search query for the selected token: its text without leading and trailing whitespace, quoted as
     * a phrase when it holds whitespace or query syntax; null when there is nothing to search.
     */
    public String searchQuery() {
        return selection.searchQuery();
    }

    /** Jumps to Search with the selected token (nothing when it is blank). */
    public void search() {
        String q = searchQuery();
        if (q != null) {
            searcher.accept(q);
        }
    }

    /** Writes the trained tokenizer as a Hugging Face {@code tokenizer.json}, atomically, in the background. */
    public void exportTokenizer(Path file) {
        export.exportTokenizer(file, training.trained());
    }

    /** Writes the vocabulary report (longest, rarest, flagged tokens; {@value #ROWS} each) as JSON, in the background. */
    public void exportReport(Path file) {
        export.exportReport(file, training.trained());
    }

    // Internals

    private BpeTrainer.Options options() {
        return new BpeTrainer.Options(effectiveVocabSize(), preTokenizer());
    }

    private void adopt(Sample s) {
        if (sample != s) {
            reset();
            sample = s;
        }
    }

    /** Drops every result and stops every task. */
    private void reset() {
        selection.select(null, null, null, null);
        training.reset();
        sample = null;
        stale = false;
    }

    private void decisionsChanged() {
        training.refreshNotice();
        selection.decisionsChanged();
    }

    private BpeModel modelOf(Origin origin) {
        if (origin == null) {
            return null;
        }
        return switch (origin) {
            case TRAINED -> training.trained() == null ? null : training.trained().model();
            case KEPT -> keptModel();
            case REMOVED -> removedModel();
        };
    }
}
