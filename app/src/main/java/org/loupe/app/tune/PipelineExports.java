package org.loupe.app.tune;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.app.context.AppContext;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.pipeline.DatatroveScript;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.report.RunReport;

/**
 * Tune's Export menu: save and open the config (YAML or JSON), the datatrove script, the HTML run report
 * of the live decisions, and the labels. Every file is read or written in the background; what happened
 * is said on {@link #statusProperty()} (and a config that does not load, on the session's error too).
 */
final class PipelineExports {
    private final AppContext context;
    private final SampleSession session;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    PipelineExports(AppContext context, SampleSession session) {
        this.context = context;
        this.session = session;
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Loads a config file (YAML or JSON), replacing the current pipeline; problems name the file and field. */
    void loadConfig(Path file) {
        status.set("Opening " + file.getFileName() + "…");
        context.tasks().run("Opening " + file.getFileName(), ctx -> session.loader().read(file), config -> {
            status.set("Opened " + file);
            session.replace(config, true);
        }, e -> status.set("Cannot open " + file + ": " + message(e)));
    }

    /** Saves the current config (JSON for .json, else YAML) atomically. */
    void saveConfig(Path file) {
        PipelineConfig config = session.config();
        write("Saving the config", file, () -> {
            session.loader().write(config, file);
            return file;
        });
    }

    /** Saves the equivalent datatrove script. */
    void saveDatatrove(Path file) {
        PipelineConfig config = session.config();
        write("Saving the datatrove script", file, () -> {
            AtomicFiles.writeString(file, DatatroveScript.render(config, session.catalog()));
            return file;
        });
    }

    /** Saves the HTML run report of the current decisions over the sample. */
    void saveReport(Path file) {
        SampleSession.Snapshot snap = session.snapshot();
        if (snap == null) {
            status.set("The sample is not decided yet.");
            return;
        }
        PipelineConfig config = session.config();
        write("Writing the HTML report", file, () -> {
            String description = snap.sample() == null ? "" : String.format("%s: %,d documents, seed %d",
                    snap.sample().manifest().folder(), snap.sample().size(), snap.sample().spec().seed());
            RunReport.write(new RunReport.Input(
                    config.name() == null ? "Loupe run report" : "Loupe run report: " + config.name(),
                    description, snap.config(), session.catalog(), snap.table(), snap.decisions(), java.time.Instant.now(),
                    AppContext.version()), file);
            return file;
        });
    }

    /** Writes every label of the folder as JSON lines, with the text and decision of sampled documents. */
    void exportLabels(Path file) {
        SampleSession.Snapshot snap = session.snapshot();
        var sample = session.sample();
        var decisions = snap == null ? null : snap.decisions();
        write("Exporting the labels", file, () -> {
            session.labels().export(file, sample, decisions);
            return file;
        });
    }

    private interface Work {
        Path run() throws Exception;
    }

    private void write(String title, Path file, Work work) {
        status.set(title + "…");
        context.tasks().run(title, ctx -> work.run(), f -> status.set("Saved " + f),
                e -> status.set(title + " failed: " + message(e)));
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
