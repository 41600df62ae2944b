package org.loupe.engine.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loupe presets [NAME]}: the shipped pipelines, or one of them as YAML. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the shipped pipeline presets, or print one as a config file (YAML, or JSON with --json).")
public final class PresetsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Print this preset's config.")
    String name;

    @Option(names = "--json", description = "Print JSON instead of YAML.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            for (Map.Entry<String, String> e : Presets.descriptions().entrySet()) {
                out.printf("%-20s %s%n", e.getKey(), e.getValue());
            }
        } else {
            var config = Presets.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown preset '" + name + "'; known: " + String.join(", ", Presets.descriptions().keySet())));
            ConfigLoader loader = new ConfigLoader(BuiltinSteps.catalog(java.util.Set.of()));
            out.print(json ? loader.toJson(config) + "\n" : loader.toYaml(config));
        }
        out.flush();
        return 0;
    }
}
