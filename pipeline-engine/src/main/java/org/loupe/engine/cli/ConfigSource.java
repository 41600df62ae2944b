package org.loupe.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loupe.engine.pipeline.ConfigException;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.StepCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --config FILE | --preset NAME} choice shared by the commands that take a pipeline. */
public final class ConfigSource {
    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline config (YAML or JSON), e.g. exported from the workbench.")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", description = "A shipped preset (see loupe presets).")
    String preset;

    /**
     * The config, read and validated against the catalog; a mistake (an unknown preset, a file that is not UTF-8
     * or not a valid config, an unknown step type or token encoding) becomes a usage error (exit 2) naming the
     * option, file and field. A missing config file is a usage error too.
     */
    public PipelineConfig load(CommandLine cli, StepCatalog catalog) throws IOException {
        if (preset != null && Presets.named(preset).isEmpty()) {
            throw new ParameterException(cli, "--preset " + preset + ": unknown preset; known: "
                    + String.join(", ", Presets.descriptions().keySet()) + " (see loupe presets)");
        }
        if (config != null && !Files.exists(config)) {
            throw new ParameterException(cli, "--config " + config + ": no such file");
        }
        if (config != null && Files.isDirectory(config)) {
            throw new ParameterException(cli, "--config " + config + " is a folder; give a YAML or JSON file");
        }
        String where = preset != null ? "--preset " + preset : "--config " + config;
        try {
            PipelineConfig c = preset != null ? Presets.require(preset) : new ConfigLoader(catalog).read(config);
            new ConfigLoader(catalog).check(c);
            return c;
        } catch (ConfigException e) {
            throw new ParameterException(cli, where + ": " + String.join("; ", e.problems()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, where + ": " + e.getMessage());
        }
    }

    /** Whether the chosen pipeline needs the language-ID model (read without validating language codes). */
    public boolean needsLanguageModel(CommandLine cli, StepCatalog catalogWithoutLabels) throws IOException {
        PipelineConfig c = load(cli, catalogWithoutLabels);
        return c.steps().stream().anyMatch(s -> s.enabled()
                && catalogWithoutLabels.type(s.type()).map(org.loupe.engine.pipeline.StepType::usesLanguageModel).orElse(false));
    }
}
