package org.loupe.engine.cli;

import java.io.IOException;
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

    /** The config, read and validated against the catalog; bad input becomes a usage error (exit 2). */
    public PipelineConfig load(CommandLine cli, StepCatalog catalog) throws IOException {
        try {
            PipelineConfig c = preset != null ? Presets.require(preset) : new ConfigLoader(catalog).read(config);
            new ConfigLoader(catalog).check(c);
            return c;
        } catch (IllegalArgumentException | ConfigException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }

    /** Whether the chosen pipeline needs the language-ID model (read without validating language codes). */
    public boolean needsLanguageModel(CommandLine cli, StepCatalog catalogWithoutLabels) throws IOException {
        PipelineConfig c = load(cli, catalogWithoutLabels);
        return c.steps().stream().anyMatch(s -> s.enabled()
                && catalogWithoutLabels.type(s.type()).map(org.loupe.engine.pipeline.StepType::usesLanguageModel).orElse(false));
    }
}
