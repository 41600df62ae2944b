package org.loupe.app.vocab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.analysis.vocab.TokenDocuments;
import org.loupe.analysis.vocab.TokenFlag;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.AppContext;
import org.loupe.app.task.TaskRunner;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.io.Sizes;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

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

    private record Trained(Sample sample, Subset subset, int[] rows, BpeModel model, VocabReport report,
                           BpeTrainer.Stats stats, double seconds, List<VocabReport.Token> longestByBytes,
                           List<VocabReport.Token> longestByChars, List<VocabReport.Token> rarest,
                           List<VocabReport.Token> flagged) { }

    private record Compared(Sample sample, int[] keptRows, int[] removedRows, BpeModel kept, BpeModel removed,
                            VocabReport.Comparison comparison, double seconds) { }

    private final AppContext context;
    private final TuneViewModel tune;
    private final Consumer<String> searcher;

    private final ObjectProperty<Subset> trainOn = new SimpleObjectProperty<>(Subset.KEPT);
    private final IntegerProperty vocabSize = new SimpleIntegerProperty(DEFAULT_VOCAB_SIZE);
    private final ObjectProperty<PreTokenizer.Style> style = new SimpleObjectProperty<>(PreTokenizer.Style.GPT2);
    private final BooleanProperty splitDigits = new SimpleBooleanProperty(false);
    private final BooleanProperty whitespaceRuns = new SimpleBooleanProperty(true);

    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding busy = training.or(comparing).or(finding);
    private final ReadOnlyObjectWrapper<BpeModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");
    private final ObservableList<VocabReport.Token> longestByBytes = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> longestByChars = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> rarest = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> flagged = FXCollections.observableArrayList();

    private final ObservableList<VocabReport.Token> onlyKept = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> onlyRemoved = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper shared = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper compareSummary = new ReadOnlyStringWrapper(COMPARE_HINT);

    private final ReadOnlyObjectWrapper<VocabReport.Token> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentsSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<DocumentHit> keptDocuments = FXCollections.observableArrayList();
    private final ObservableList<DocumentHit> removedDocuments = FXCollections.observableArrayList();

    private static final String HINT = "Choose the documents and settings, then Train: a tokenizer trained on the "
            + "sample shows what the data spends its vocabulary on.";
    private static final String COMPARE_HINT = "Compare trains the same tokenizer on the kept and on the removed "
            + "documents and lists the tokens only one of them has.";

    private final AtomicLong trainGeneration = new AtomicLong();
    private final AtomicLong compareGeneration = new AtomicLong();
    private final AtomicLong findGeneration = new AtomicLong();
    private TaskRunner.Handle trainHandle;
    private TaskRunner.Handle compareHandle;
    private TaskRunner.Handle findHandle;

    /** The sample the results and running tasks belong to (null when none). */
    private Sample sample;
    private Trained trained;
    private Compared compared;
    private Origin selectedOrigin;
    private TokenDocuments.Hits hits;
    private boolean active = true;
    private boolean stale;

    /**
     * @param context  the task runner and worker threads
     * @param tune     the live pipeline: the sample and its decisions, and the shared document inspector
     * @param searcher jumps to Search with a query
     */
    public VocabularyViewModel(AppContext context, TuneViewModel tune, Consumer<String> searcher) {
        this.context = context;
        this.tune = tune;
        this.searcher = searcher;
        tune.decisionsProperty().addListener((o, a, d) -> {
            if (d == null || (sample != null && tune.sample() != sample)) {
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
        return training.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    /** The tokenizer of the last {@link #train()} (null until then). */
    public ReadOnlyObjectProperty<BpeModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** What was trained on, how big, how long; or a hint. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Empty, or why the results may no longer match the pipeline. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ObservableList<VocabReport.Token> longestByBytes() {
        return longestByBytes;
    }

    public ObservableList<VocabReport.Token> longestByChars() {
        return longestByChars;
    }

    public ObservableList<VocabReport.Token> rarest() {
        return rarest;
    }

    public ObservableList<VocabReport.Token> flagged() {
        return flagged;
    }

    /** Tokens of the kept documents' vocabulary the removed documents' one lacks, most frequent first. */
    public ObservableList<VocabReport.Token> onlyKept() {
        return onlyKept;
    }

    /** Tokens of the removed documents' vocabulary the kept documents' one lacks, most frequent first. */
    public ObservableList<VocabReport.Token> onlyRemoved() {
        return onlyRemoved;
    }

    /** Tokens both vocabularies of the comparison have. */
    public ReadOnlyIntegerProperty sharedProperty() {
        return shared.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty compareSummaryProperty() {
        return compareSummary.getReadOnlyProperty();
    }

    /** The comparison's vocabulary of the kept documents (null until {@link #compare()}). */
    public BpeModel keptModel() {
        return compared == null ? null : compared.kept();
    }

    /** The comparison's vocabulary of the removed documents (null until {@link #compare()}). */
    public BpeModel removedModel() {
        return compared == null ? null : compared.removed();
    }

    /** The sample rows the current model was trained on (empty when none). */
    public int[] trainingRows() {
        return trained == null ? new int[0] : trained.rows().clone();
    }

    public ReadOnlyObjectProperty<VocabReport.Token> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected token's facts: count, rank, bytes, characters, flags. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** How many documents hold the selected token, kept and removed. */
    public ReadOnlyStringProperty documentsSummaryProperty() {
        return documentsSummary.getReadOnlyProperty();
    }

    /** Kept documents holding the selected token, most occurrences first. */
    public ObservableList<DocumentHit> keptDocuments() {
        return keptDocuments;
    }

    /** Removed documents holding the selected token, most occurrences first. */
    public ObservableList<DocumentHit> removedDocuments() {
        return removedDocuments;
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
        Sample s = tune.sample();
        Decisions d = tune.decisionsProperty().get();
        if (s == null || d == null) {
            summary.set("Open a sample and wait for the pipeline to decide it: then Train.");
            return;
        }
        adopt(s);
        Subset subset = trainOn.get();
        int[] rows = rows(d, subset);
        if (rows.length == 0) {
            summary.set("There are no " + subset.label() + " documents to train on.");
            return;
        }
        BpeTrainer.Options options = new BpeTrainer.Options(effectiveVocabSize(), preTokenizer());
        cancel(trainHandle);
        long gen = trainGeneration.incrementAndGet();
        clearTrained();
        training.set(true);
        String what = String.format("%,d %s documents", rows.length, subset.label());
        summary.set("Training a " + String.format("%,d", options.vocabSize()) + "-token tokenizer on " + what + "…");
        int threads = context.threads();
        trainHandle = context.tasks().run("Training a tokenizer on " + what, ctx -> {
            try {
                long t0 = System.nanoTime();
                BpeTrainer trainer = new BpeTrainer(options, threads);
                BpeModel m = trainer.train(rows.length, i -> text(s, rows[i]), ctx);
                ctx.checkCancelled();
                ctx.message("Ranking the tokens");
                VocabReport report = new VocabReport(m);
                List<VocabReport.Token> flags = report.flagged();
                return new Trained(s, subset, rows, m, report, trainer.stats(), (System.nanoTime() - t0) / 1e9,
                        report.longestByBytes(ROWS), report.longestByChars(ROWS), report.rarest(ROWS),
                        flags.subList(0, Math.min(ROWS, flags.size())));
            } finally {
                context.tasks().later(() -> {
                    if (gen == trainGeneration.get()) {
                        training.set(false);
                    }
                });
            }
        }, t -> {
            if (gen == trainGeneration.get() && t.sample() == sample) {
                showTrained(t);
            }
        }, e -> {
            if (gen == trainGeneration.get()) {
                training.set(false);
                summary.set("Training failed: " + message(e));
            }
        });
    }

    /**
     * Trains the same tokenizer on the kept and on the removed documents, in the background, and lists the
     * tokens only one vocabulary has.
     */
    public void compare() {
        Sample s = tune.sample();
        Decisions d = tune.decisionsProperty().get();
        if (s == null || d == null) {
            compareSummary.set("Open a sample and wait for the pipeline to decide it: then Compare.");
            return;
        }
        adopt(s);
        int[] kept = rows(d, Subset.KEPT);
        int[] removed = rows(d, Subset.REMOVED);
        if (kept.length == 0 || removed.length == 0) {
            compareSummary.set("Comparing needs kept and removed documents; the pipeline " + (kept.length == 0
                    ? "keeps none." : "removes none."));
            return;
        }
        BpeTrainer.Options options = new BpeTrainer.Options(effectiveVocabSize(), preTokenizer());
        cancel(compareHandle);
        long gen = compareGeneration.incrementAndGet();
        clearCompared();
        comparing.set(true);
        compareSummary.set(String.format("Training on %,d kept and on %,d removed documents…", kept.length, removed.length));
        int threads = context.threads();
        compareHandle = context.tasks().run("Comparing kept and removed vocabularies", ctx -> {
            try {
                long t0 = System.nanoTime();
                BpeModel k = new BpeTrainer(options, threads).train(kept.length, i -> text(s, kept[i]),
                        prefixed(ctx, String.format("Kept (%,d documents): ", kept.length)));
                ctx.checkCancelled();
                BpeModel r = new BpeTrainer(options, threads).train(removed.length, i -> text(s, removed[i]),
                        prefixed(ctx, String.format("Removed (%,d documents): ", removed.length)));
                ctx.checkCancelled();
                ctx.message("Comparing the vocabularies");
                return new Compared(s, kept, removed, k, r, VocabReport.compare(k, r), (System.nanoTime() - t0) / 1e9);
            } finally {
                context.tasks().later(() -> {
                    if (gen == compareGeneration.get()) {
                        comparing.set(false);
                    }
                });
            }
        }, c -> {
            if (gen == compareGeneration.get() && c.sample() == sample) {
                showCompared(c);
            }
        }, e -> {
            if (gen == compareGeneration.get()) {
                comparing.set(false);
                compareSummary.set("Comparing failed: " + message(e));
            }
        });
    }

    /** Stops whatever runs: training, comparing, finding a token's documents. */
    public void cancel() {
        cancel(trainHandle);
        cancel(compareHandle);
        cancel(findHandle);
        trainHandle = null;
        compareHandle = null;
        findHandle = null;
        if (training.get()) {
            trainGeneration.incrementAndGet();
            training.set(false);
            summary.set(trained == null ? "Training cancelled." : summaryOf(trained));
        }
        if (comparing.get()) {
            compareGeneration.incrementAndGet();
            comparing.set(false);
            compareSummary.set(compared == null ? "Comparing cancelled." : compareSummaryOf(compared));
        }
        if (finding.get()) {
            findGeneration.incrementAndGet();
            finding.set(false);
            documentsSummary.set("Cancelled.");
        }
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
        BpeModel m = token == null ? null : modelOf(origin);
        Sample s = sample;
        cancel(findHandle);
        long gen = findGeneration.incrementAndGet();
        finding.set(false);
        hits = null;
        keptDocuments.clear();
        removedDocuments.clear();
        if (m == null || s == null || token.id() >= m.size()) {
            selected.set(null);
            selectedOrigin = null;
            details.set("");
            documentsSummary.set("");
            return;
        }
        selected.set(token);
        selectedOrigin = origin;
        details.set(describe(token, origin));
        documentsSummary.set("Finding the documents that hold " + token.display() + "…");
        finding.set(true);
        int threads = context.threads();
        findHandle = context.tasks().run("Finding documents with " + token.display(), ctx -> {
            try {
                return TokenDocuments.find(m, token.id(), s.size(), row -> text(s, row), threads, ctx);
            } finally {
                context.tasks().later(() -> {
                    if (gen == findGeneration.get()) {
                        finding.set(false);
                    }
                });
            }
        }, h -> {
            if (gen == findGeneration.get() && s == sample) {
                hits = h;
                split();
            }
        }, e -> {
            if (gen == findGeneration.get()) {
                finding.set(false);
                documentsSummary.set("Cannot find the documents: " + message(e));
            }
        });
    }

    /** Opens a sampled document in the shared inspector. */
    public void open(int row) {
        tune.open(row);
    }

    /**
     * The Search query for the selected token: its text without leading and trailing whitespace, quoted as
     * a phrase when it holds whitespace or query syntax; null when there is nothing to search.
     */
    public String searchQuery() {
        VocabReport.Token t = selected.get();
        BpeModel m = selectedOrigin == null ? null : modelOf(selectedOrigin);
        if (t == null || m == null) {
            return null;
        }
        String text = m.text(t.id());
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

    private static final String QUERY_SYNTAX = "+-&|!(){}[]^\"~*?:\\/";

    /** Jumps to Search with the selected token (nothing when it is blank). */
    public void search() {
        String q = searchQuery();
        if (q != null) {
            searcher.accept(q);
        }
    }

    /** What the last export did: "Saved …", or why it failed; empty before any. */
    public ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus.getReadOnlyProperty();
    }

    /** {@link #saveTokenizer} in the background; the outcome goes to {@link #exportStatusProperty()}. */
    public void exportTokenizer(Path file) {
        export("Exporting the tokenizer", file, t -> t.model().toHuggingFaceJson());
    }

    /** {@link #saveReport} in the background; the outcome goes to {@link #exportStatusProperty()}. */
    public void exportReport(Path file) {
        export("Exporting the vocabulary report", file, t -> t.report().toJson(ROWS));
    }

    private void export(String title, Path file, java.util.function.Function<Trained, String> content) {
        Trained t = trained;
        if (t == null) {
            exportStatus.set("Train a tokenizer first.");
            return;
        }
        exportStatus.set(title + "…");
        context.tasks().run(title, ctx -> {
            AtomicFiles.writeString(file, content.apply(t));
            return file;
        }, f -> exportStatus.set("Saved " + f), e -> exportStatus.set(title + " failed: " + message(e)));
    }

    /** Writes the trained tokenizer as a Hugging Face {@code tokenizer.json}, atomically. */
    public void saveTokenizer(Path file) throws IOException {
        if (trained == null) {
            throw new IOException("train a tokenizer first");
        }
        AtomicFiles.writeString(file, trained.model().toHuggingFaceJson());
    }

    /** Writes the vocabulary report (longest, rarest, flagged tokens; {@value #ROWS} each) as JSON, atomically. */
    public void saveReport(Path file) throws IOException {
        if (trained == null) {
            throw new IOException("train a tokenizer first");
        }
        AtomicFiles.writeString(file, trained.report().toJson(ROWS));
    }

    // Internals

    private void adopt(Sample s) {
        if (sample != s) {
            reset();
            sample = s;
        }
    }

    /** Drops every result and stops every task. */
    private void reset() {
        cancel(trainHandle);
        cancel(compareHandle);
        cancel(findHandle);
        trainHandle = null;
        compareHandle = null;
        findHandle = null;
        trainGeneration.incrementAndGet();
        compareGeneration.incrementAndGet();
        findGeneration.incrementAndGet();
        training.set(false);
        comparing.set(false);
        finding.set(false);
        sample = null;
        stale = false;
        clearTrained();
        clearCompared();
        summary.set(HINT);
        compareSummary.set(COMPARE_HINT);
        notice.set("");
    }

    private void clearTrained() {
        if (selectedOrigin == Origin.TRAINED) {
            select(null, null);
        }
        trained = null;
        model.set(null);
        longestByBytes.clear();
        longestByChars.clear();
        rarest.clear();
        flagged.clear();
        refreshNotice();
    }

    private void clearCompared() {
        if (selectedOrigin == Origin.KEPT || selectedOrigin == Origin.REMOVED) {
            select(null, null);
        }
        compared = null;
        onlyKept.clear();
        onlyRemoved.clear();
        shared.set(0);
        refreshNotice();
    }

    private void showTrained(Trained t) {
        trained = t;
        model.set(t.model());
        longestByBytes.setAll(t.longestByBytes());
        longestByChars.setAll(t.longestByChars());
        rarest.setAll(t.rarest());
        flagged.setAll(t.flagged());
        summary.set(summaryOf(t));
        refreshNotice();
    }

    private void showCompared(Compared c) {
        compared = c;
        onlyKept.setAll(c.comparison().onlyLeft());
        onlyRemoved.setAll(c.comparison().onlyRight());
        shared.set(c.comparison().shared());
        compareSummary.set(compareSummaryOf(c));
        refreshNotice();
    }

    private static String summaryOf(Trained t) {
        BpeTrainer.Stats st = t.stats();
        return String.format(Locale.ROOT, "Trained on %,d %s documents (%s, %,d distinct pieces): %,d tokens, %s, in %.1f s.",
                st.documents(), t.subset().label(), Sizes.human(st.bytes()), st.distinctPieces(), t.model().size(),
                t.model().preTokenizer().describe(), t.seconds());
    }

    private static String compareSummaryOf(Compared c) {
        return String.format(Locale.ROOT, "%,d kept and %,d removed documents, %,d tokens each at most: %,d tokens shared, "
                        + "%,d only in kept, %,d only in removed (%.1f s).", c.keptRows().length, c.removedRows().length,
                Math.max(c.kept().size(), c.removed().size()), c.comparison().shared(), c.comparison().onlyLeft().size(),
                c.comparison().onlyRight().size(), c.seconds());
    }

    private void decisionsChanged() {
        refreshNotice();
        if (hits != null) {
            split();
        }
    }

    /** Says when the documents the results were trained on are no longer what the pipeline keeps or removes. */
    private void refreshNotice() {
        Decisions d = tune.decisionsProperty().get();
        List<String> outdated = new ArrayList<>();
        if (d != null && trained != null && !Arrays.equals(rows(d, trained.subset()), trained.rows())) {
            outdated.add("the tables");
        }
        if (d != null && compared != null && !Arrays.equals(rows(d, Subset.KEPT), compared.keptRows())) {
            outdated.add("the comparison");
        }
        notice.set(outdated.isEmpty() ? "" : "The pipeline changed since " + String.join(" and ", outdated)
                + (outdated.size() > 1 ? " were" : " was") + " trained: Train or Compare again to follow it.");
    }

    /** Splits the selected token's documents kept / removed under the current decisions. */
    private void split() {
        Decisions d = tune.decisionsProperty().get();
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

    private String describe(VocabReport.Token t, Origin origin) {
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

    private BpeModel modelOf(Origin origin) {
        if (origin == null) {
            return null;
        }
        return switch (origin) {
            case TRAINED -> trained == null ? null : trained.model();
            case KEPT -> keptModel();
            case REMOVED -> removedModel();
        };
    }

    /** The sample rows of a subset under the decisions, ascending. */
    static int[] rows(Decisions d, Subset subset) {
        return switch (subset) {
            case KEPT -> RowSampler.rows(d, d::kept);
            case REMOVED -> RowSampler.rows(d, r -> !d.kept(r));
            case ALL -> RowSampler.rows(d, r -> true);
        };
    }

    private static String text(Sample s, int row) {
        return s.document(row).text();
    }

    private static TaskContext prefixed(TaskContext ctx, String prefix) {
        return new TaskContext() {
            @Override
            public void progress(long done, long total) {
                ctx.progress(done, total);
            }

            @Override
            public void message(String message) {
                ctx.message(prefix + message);
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }
        };
    }

    private static void cancel(TaskRunner.Handle handle) {
        if (handle != null && !handle.isDone()) {
            handle.cancel();
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
