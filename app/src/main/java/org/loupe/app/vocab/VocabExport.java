package org.loupe.app.vocab;

import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.io.AtomicFiles;

/**
 * Vocabulary's exports, the tokenizer and the report: made and written in the background (atomically), and
 * what the last one did. Each kind is its own job: exporting the report does not stop a tokenizer's export.
 */
final class VocabExport {
    private final LatestTask<Path> tokenizer;
    private final LatestTask<Path> report;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    VocabExport(TaskRunner tasks) {
        tokenizer = new LatestTask<>(tasks);
        report = new LatestTask<>(tasks);
    }

    /** What the last export did: "Saved …", or why it failed; empty before any. */
    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Writes the trained tokenizer as a Hugging Face {@code tokenizer.json}. */
    void exportTokenizer(Path file, VocabTraining.Trained trained) {
        export(tokenizer, "Exporting the tokenizer", file, trained, t -> t.model().toHuggingFaceJson());
    }

    /** Writes the vocabulary report (longest, rarest, flagged tokens; {@value VocabularyViewModel#ROWS} each) as JSON. */
    void exportReport(Path file, VocabTraining.Trained trained) {
        export(report, "Exporting the vocabulary report", file, trained, t -> t.report().toJson(VocabularyViewModel.ROWS));
    }

    private void export(LatestTask<Path> job, String title, Path file, VocabTraining.Trained trained,
                        Function<VocabTraining.Trained, String> content) {
        if (trained == null) {
            status.set("Train a tokenizer first.");
            return;
        }
        status.set(title + "…");
        job.start(title, ctx -> {
            AtomicFiles.writeString(file, content.apply(trained));
            return file;
        }, f -> status.set("Saved " + f), reason -> status.set(title + " failed: " + reason));
    }
}
