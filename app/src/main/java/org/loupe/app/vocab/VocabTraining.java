package org.loupe.app.vocab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.app.vocab.VocabularyViewModel.Subset;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.io.Sizes;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * Vocabulary's two background jobs and their results: a tokenizer trained on the kept, removed or all
 * documents, and the same tokenizer trained on the kept and on the removed documents side by side. Says
 * what each did (or that it runs, failed or was cancelled) and when the pipeline no longer keeps or removes
 * the documents they were trained on.
 */
final class VocabTraining {

    /** A trained tokenizer with its report and the rows of its tables. */
    record Trained(Sample sample, Subset subset, int[] rows, BpeModel model, VocabReport report,
                   BpeTrainer.Stats stats, double seconds, List<VocabReport.Token> longestByBytes,
                   List<VocabReport.Token> longestByChars, List<VocabReport.Token> rarest,
                   List<VocabReport.Token> flagged) { }

    /** The tokenizer trained on the kept and on the removed documents, and how their vocabularies differ. */
    record Compared(Sample sample, int[] keptRows, int[] removedRows, BpeModel kept, BpeModel removed,
                    VocabReport.Comparison comparison, double seconds) { }

    static final String HINT = "Choose the documents and settings, then Train: a tokenizer trained on the "
            + "sample shows what the data spends its vocabulary on.";
    static final String COMPARE_HINT = "Compare trains the same tokenizer on the kept and on the removed "
            + "documents and lists the tokens only one of them has.";

    private final int threads;
    private final Supplier<Decisions> decisions;
    private final Consumer<Trained> onTrained;
    private final Consumer<Compared> onCompared;
    private final LatestTask<Trained> training;
    private final LatestTask<Compared> comparing;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyStringWrapper compareSummary = new ReadOnlyStringWrapper(COMPARE_HINT);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private Trained trained;
    private Compared compared;

    /**
     * @param decisions  the live pipeline's decisions (null while none)
     * @param onTrained  gets each new trained tokenizer, and null when the one shown is dropped
     * @param onCompared gets each new comparison, and null when the one shown is dropped
     */
    VocabTraining(TaskRunner tasks, int threads, Supplier<Decisions> decisions, Consumer<Trained> onTrained,
                  Consumer<Compared> onCompared) {
        this.threads = threads;
        this.decisions = decisions;
        this.onTrained = onTrained;
        this.onCompared = onCompared;
        training = new LatestTask<Trained>(tasks)
                .onFailure(reason -> summary.set("Training failed: " + reason))
                .onCancelled(() -> summary.set(trained == null ? "Training cancelled." : summaryOf(trained)));
        comparing = new LatestTask<Compared>(tasks)
                .onFailure(reason -> compareSummary.set("Comparing failed: " + reason))
                .onCancelled(() -> compareSummary.set(compared == null ? "Comparing cancelled." : compareSummaryOf(compared)));
    }

    ReadOnlyBooleanProperty trainingProperty() {
        return training.runningProperty();
    }

    ReadOnlyBooleanProperty comparingProperty() {
        return comparing.runningProperty();
    }

    ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    ReadOnlyStringProperty compareSummaryProperty() {
        return compareSummary.getReadOnlyProperty();
    }

    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The last trained tokenizer (null when none). */
    Trained trained() {
        return trained;
    }

    /** The last comparison (null when none). */
    Compared compared() {
        return compared;
    }

    /** Says that training waits for a sample and decisions. */
    void notReady() {
        summary.set("Open a sample and wait for the pipeline to decide it: then Train.");
    }

    /** Says that comparing waits for a sample and decisions. */
    void notReadyToCompare() {
        compareSummary.set("Open a sample and wait for the pipeline to decide it: then Compare.");
    }

    /** Trains a tokenizer on a subset of the sample's documents under the decisions; replaces the tables when done. */
    void train(Sample s, Decisions d, Subset subset, BpeTrainer.Options options) {
        int[] rows = rows(d, subset);
        if (rows.length == 0) {
            summary.set("There are no " + subset.label() + " documents to train on.");
            return;
        }
        showTrained(null);
        String what = String.format("%,d %s documents", rows.length, subset.label());
        summary.set("Training a " + String.format("%,d", options.vocabSize()) + "-token tokenizer on " + what + "…");
        training.start("Training a tokenizer on " + what, ctx -> {
            long t0 = System.nanoTime();
            BpeTrainer trainer = new BpeTrainer(options, threads);
            BpeModel m = trainer.train(rows.length, i -> text(s, rows[i]), ctx);
            ctx.checkCancelled();
            ctx.message("Ranking the tokens");
            VocabReport report = new VocabReport(m);
            List<VocabReport.Token> flags = report.flagged();
            return new Trained(s, subset, rows, m, report, trainer.stats(), (System.nanoTime() - t0) / 1e9,
                    report.longestByBytes(VocabularyViewModel.ROWS), report.longestByChars(VocabularyViewModel.ROWS),
                    report.rarest(VocabularyViewModel.ROWS), flags.subList(0, Math.min(VocabularyViewModel.ROWS, flags.size())));
        }, t -> {
            showTrained(t);
            summary.set(summaryOf(t));
        });
    }

    /** Trains the same tokenizer on the kept and on the removed documents and lists the tokens only one has. */
    void compare(Sample s, Decisions d, BpeTrainer.Options options) {
        int[] kept = rows(d, Subset.KEPT);
        int[] removed = rows(d, Subset.REMOVED);
        if (kept.length == 0 || removed.length == 0) {
            compareSummary.set("Comparing needs kept and removed documents; the pipeline " + (kept.length == 0
                    ? "keeps none." : "removes none."));
            return;
        }
        showCompared(null);
        compareSummary.set(String.format("Training on %,d kept and on %,d removed documents…", kept.length, removed.length));
        comparing.start("Comparing kept and removed vocabularies", ctx -> {
            long t0 = System.nanoTime();
            BpeModel k = new BpeTrainer(options, threads).train(kept.length, i -> text(s, kept[i]),
                    prefixed(ctx, String.format("Kept (%,d documents): ", kept.length)));
            ctx.checkCancelled();
            BpeModel r = new BpeTrainer(options, threads).train(removed.length, i -> text(s, removed[i]),
                    prefixed(ctx, String.format("Removed (%,d documents): ", removed.length)));
            ctx.checkCancelled();
            ctx.message("Comparing the vocabularies");
            return new Compared(s, kept, removed, k, r, VocabReport.compare(k, r), (System.nanoTime() - t0) / 1e9);
        }, c -> {
            showCompared(c);
            compareSummary.set(compareSummaryOf(c));
        });
    }

    /** Stops training and comparing (each says so); the results shown before stay. */
    void cancel() {
        training.cancel();
        comparing.cancel();
    }

    /** Stops everything and drops every result: back to the hints. */
    void reset() {
        cancel();
        showTrained(null);
        showCompared(null);
        summary.set(HINT);
        compareSummary.set(COMPARE_HINT);
        notice.set("");
    }

    /** Says when the documents the results were trained on are no longer what the pipeline keeps or removes. */
    void refreshNotice() {
        Decisions d = decisions.get();
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

    private void showTrained(Trained t) {
        trained = t;
        onTrained.accept(t);
        refreshNotice();
    }

    private void showCompared(Compared c) {
        compared = c;
        onCompared.accept(c);
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

    /** The sample rows of a subset under the decisions, ascending. */
    static int[] rows(Decisions d, Subset subset) {
        return switch (subset) {
            case KEPT -> RowSampler.rows(d, d::kept);
            case REMOVED -> RowSampler.rows(d, r -> !d.kept(r));
            case ALL -> RowSampler.rows(d, r -> true);
        };
    }

    static String text(Sample s, int row) {
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
}
