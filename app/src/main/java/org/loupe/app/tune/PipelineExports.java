package org.loupe.app.tune;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.app.context.AppContext;
import org.loupe.app.session.SampleSession;
import org.loupe.app.task.LatestTask;
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
    /** One background job per kind of file: a second save of the same kind supersedes the first. */
    private final java.util.Map<String, LatestTask<Object>> jobs = new java.util.HashMap<>();

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
        job("open").start("Opening " + file.getFileName(), ctx -> session.loader().read(file), config -> {
            status.set("Opened " + file);
            session.adopt((PipelineConfig) config, org.loupe.app.session.PipelineOrigin.file(file, (PipelineConfig) config), true);
        }, reason -> status.set("Cannot open " + file + ": " + reason));
    }

    /** Saves the current config (JSON for .json, else YAML) atomically; the file becomes the pipeline's origin. */
    void saveConfig(Path file) {
        PipelineConfig config = session.config();
        String title = "Saving the config";
        status.set(title + "…");
        job(title).start(title, ctx -> {
            session.loader().write(config, file);
            return file;
        }, f -> {
            status.set("Saved " + f);
            session.savedAs(file, config);
        }, reason -> status.set(title + " failed: " + reason));
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

    private LatestTask<Object> job(String kind) {
        return jobs.computeIfAbsent(kind, k -> new LatestTask<>(context.tasks()));
    }

    private interface Work {
        Path run() throws Exception;
    }

    private void write(String title, Path file, Work work) {
        status.set(title + "…");
        job(title).start(title, ctx -> work.run(), f -> status.set("Saved " + f), reason -> status.set(title + " failed: " + reason));
    }

}
