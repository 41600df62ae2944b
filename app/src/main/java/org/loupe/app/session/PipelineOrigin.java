package org.loupe.app.session;

import java.nio.file.Path;
import java.util.Objects;
import org.loupe.engine.pipeline.PipelineConfig;

/**
 * Where the pipeline being tuned came from: a preset or a config file, with the pipeline as it was then.
 * The pipeline differs from its origin once the curator changes anything (a threshold, a step switched off,
 * an override); {@link SampleSession#revert()} goes back to it.
 *
 * @param preset the preset's name, or null for a file
 * @param file   the config file, or null for a preset
 * @param config the pipeline the preset or file gave
 */
public record PipelineOrigin(String preset, Path file, PipelineConfig config) {

    public PipelineOrigin {
        Objects.requireNonNull(config);
        if ((preset == null) == (file == null)) {
            throw new IllegalArgumentException("an origin is either a preset or a file");
        }
    }

    public static PipelineOrigin preset(String name, PipelineConfig config) {
        return new PipelineOrigin(name, null, config);
    }

    public static PipelineOrigin file(Path file, PipelineConfig config) {
        return new PipelineOrigin(null, file.toAbsolutePath().normalize(), config);
    }

    /** What the UI shows: the preset's name or the file's name. */
    public String label() {
        return preset != null ? preset : String.valueOf(file.getFileName());
    }

    /** A sentence for a tooltip: "the preset fineweb", "the config file /x/my.yaml". */
    public String describe() {
        return preset != null ? "the preset " + preset : "the config file " + file;
    }
}
