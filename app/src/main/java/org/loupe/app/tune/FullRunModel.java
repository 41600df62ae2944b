package org.loupe.app.tune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.loupe.app.context.AppContext;
import org.loupe.app.task.LatestTask;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.run.FullRun;

/**
 * "Run on the whole folder": the tuned pipeline over every shard of the sampled folder, by the same
 * engine as {@code loupe run}, in the background with progress and cancel; or the command to run it
 * elsewhere (a cluster node), with the config saved where the command expects it.
 */
public final class FullRunModel {
    /** The config file the run's command reads, saved in the output folder. */
    public static final String CONFIG_FILE = "pipeline.yaml";

    private final AppContext context;
    private final Supplier<PipelineConfig> config;
    private final StepCatalog catalog;
    private final TuneViewModel tune;
    private final StringProperty input = new SimpleStringProperty("");
    private final StringProperty output = new SimpleStringProperty("");
    private final IntegerProperty threads = new SimpleIntegerProperty(Runtime.getRuntime().availableProcessors());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper("");
    private final LatestTask<FullRun.RunResult> run;
    private final LatestTask<Path> configSave;

    FullRunModel(AppContext context, TuneViewModel tune, Supplier<PipelineConfig> config, StepCatalog catalog) {
        this.context = context;
        this.tune = tune;
        this.config = config;
        this.catalog = catalog;
        this.run = new LatestTask<>(context.tasks());
        this.configSave = new LatestTask<>(context.tasks());
        input.addListener((o, a, b) -> refreshCommand());
        output.addListener((o, a, b) -> refreshCommand());
        threads.addListener((o, a, b) -> refreshCommand());
    }

    /** Fills the input with the sampled folder and proposes an output folder beside it. */
    public void prepare() {
        if (tune.sample() != null) {
            Path folder = Path.of(tune.sample().manifest().folder());
            input.set(folder.toString());
            if (output.get().isBlank()) {
                Path parent = folder.getParent() == null ? folder : folder.getParent();
                output.set(parent.resolve(folder.getFileName() + "-loupe-run").toString());
            }
        }
        refreshCommand();
    }

    public StringProperty inputProperty() {
        return input;
    }

    public StringProperty outputProperty() {
        return output;
    }

    public IntegerProperty threadsProperty() {
        return threads;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The shell command that runs the same pipeline headless (after {@link #saveConfig()}). */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    private void refreshCommand() {
        if (output.get().isBlank() || input.get().isBlank()) {
            command.set("");
            return;
        }
        Path out = Path.of(output.get());
        command.set(String.format("java -jar loupe.jar run --config %s --input %s --output %s --threads %d",
                quote(out.resolve(CONFIG_FILE).toString()), quote(input.get()), quote(output.get()), threads.get()));
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /**
     * Saves the config where the command reads it, in the background; then {@code saved} gets the file (on
     * the FX thread), or the status says why it could not be saved.
     */
    public void saveConfig(java.util.function.Consumer<Path> saved) {
        PipelineConfig c = config.get();
        String in = input.get();
        String outText = output.get();
        configSave.start("Saving the config", ctx -> write(c, check(in, outText)), saved,
                reason -> status.set("Cannot save the config: " + reason));
    }

    private Path write(PipelineConfig c, Path out) throws java.io.IOException {
        Path file = out.resolve(CONFIG_FILE);
        new ConfigLoader(catalog).write(c, file);
        return file;
    }

    /** The output folder, created; an error when the input is missing or the output lies inside it. */
    private static Path check(String input, String output) throws java.io.IOException {
        if (input.isBlank()) {
            throw new java.io.IOException("no folder is open");
        }
        if (output.isBlank()) {
            throw new java.io.IOException("choose an output folder");
        }
        Path in = Path.of(input).toAbsolutePath().normalize();
        Path out = Path.of(output).toAbsolutePath().normalize();
        Path base = Files.isRegularFile(in) ? in.getParent() : in;
        if (out.startsWith(base)) {
            throw new java.io.IOException("the output folder is inside the input folder; Loupe never writes there");
        }
        Files.createDirectories(out);
        return out;
    }

    /** Starts the run in the background (progress in the task panel); a second start resumes where it stopped. */
    public void start() {
        if (run.isRunning()) {
            return;
        }
        PipelineConfig c = config.get();
        String inText = input.get();
        String outText = output.get();
        Path in = Path.of(inText);
        int n = Math.max(1, threads.get());
        status.set("Running on " + in + "…");
        ReaderOptions options = context.readerOptions();
        if (c.fieldMapping() != null) {
            options = options.withFieldMapping(new org.loupe.engine.read.FieldMapping(c.fieldMapping().text(),
                    c.fieldMapping().id(), c.fieldMapping().url()));
        }
        ReaderOptions readerOptions = options;
        Path[] out = new Path[1];
        run.start("Full run on " + in.getFileName(), ctx -> {
            out[0] = check(inText, outText);
            write(c, out[0]);
            return new FullRun(c, catalog, tune.measures(), readerOptions, n).run(new ShardScanner().scan(in), out[0], ctx);
        }, r -> status.set(String.format("Done: %,d shards (%,d already done), %,d of %,d documents kept (%,d tokens); "
                        + "%,d problems; results in %s", r.shards(), r.shardsSkipped(), r.kept(), r.documents(),
                r.keptTokens(), r.problems(), out[0].resolve("run_result.json"))),
                reason -> status.set("The run failed: " + reason));
    }

    /** Cancels a running run; finished shards stay done, a restart resumes. */
    public void cancel() {
        if (run.cancel()) {
            status.set("Cancelled; finished shards are kept and a new start resumes");
        }
    }
}
