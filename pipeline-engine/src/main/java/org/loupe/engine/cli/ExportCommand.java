package org.loupe.engine.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.DatatroveScript;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe export}: a config (or preset) as a config file and/or a runnable datatrove script. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a pipeline as a config file (YAML or JSON by extension) and/or as a runnable datatrove script.")
public final class ExportCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigSource source;

    @Option(names = "--datatrove", paramLabel = "FILE.py", description = "Write the equivalent datatrove pipeline script.")
    Path datatrove;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the config (.yaml/.yml or .json).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            CommandSupport.writable(spec.commandLine(), "--out", out, null, false);
        }
        if (datatrove != null) {
            CommandSupport.writable(spec.commandLine(), "--datatrove", datatrove, null, false);
        }
        StepCatalog catalog = BuiltinSteps.catalog(Set.of());
        ConfigLoader loader = new ConfigLoader(catalog);
        PipelineConfig config = source.load(spec.commandLine(), catalog);
        if (datatrove == null && out == null) {
            spec.commandLine().getOut().print(loader.toYaml(config));
        }
        if (out != null) {
            loader.write(config, out);
        }
        if (datatrove != null) {
            String script = DatatroveScript.render(config, catalog);
            AtomicFiles.write(datatrove, o -> o.write(script.getBytes(StandardCharsets.UTF_8)));
            for (String note : DatatroveScript.notes(config, catalog)) {
                spec.commandLine().getErr().println("note: " + note);
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
