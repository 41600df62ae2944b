package org.loupe.engine.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A curation pipeline as a curator tunes it and exports it: which documents to read (field mapping),
 * how to sample them, and the ordered steps with every parameter named as in the reference. The same
 * config drives the sample preview in the workbench and the full run ({@code loupe run}). Written as
 * YAML or JSON with snake_case keys; loaded through {@link ConfigLoader}, which names the field of
 * every problem.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param name          a name for the pipeline, or null
 * @param fieldMapping  which record fields hold text, id and URL (null keys: auto-detect)
 * @param sample        the sample the pipeline was tuned on (seed and size or fraction), or null
 * @param tokenEncoding the token encoding used for token counts ({@code r50k_base} by default)
 * @param seed          seed of the stochastic parts (keep fractions)
 * @param steps         the steps, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineConfig(int schemaVersion, String name, FieldMapping fieldMapping, Sample sample,
                             String tokenEncoding, long seed, List<StepConfig> steps) {

    public static final int SCHEMA_VERSION = 1;

    public PipelineConfig {
        steps = steps == null ? List.of() : List.copyOf(steps);
        tokenEncoding = tokenEncoding == null ? "r50k_base" : tokenEncoding;
    }

    /** Text, id and URL keys (null: auto-detect). */
    public record FieldMapping(String text, String id, String url) { }

    /** The sample spec a pipeline was tuned on: exactly one of size and fraction. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(Long seed, Integer size, Double fraction) { }

    public static PipelineConfig of(String name, List<StepConfig> steps) {
        return new PipelineConfig(SCHEMA_VERSION, name, null, null, "r50k_base", 42, steps);
    }

    public PipelineConfig withSteps(List<StepConfig> newSteps) {
        return new PipelineConfig(schemaVersion, name, fieldMapping, sample, tokenEncoding, seed, newSteps);
    }

    /** A copy with one step replaced (by index). */
    public PipelineConfig withStep(int index, StepConfig step) {
        List<StepConfig> s = new ArrayList<>(steps);
        s.set(index, Objects.requireNonNull(step));
        return withSteps(s);
    }

    /** The index of the step of this name, or -1. */
    public int indexOf(String stepName) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).stepName().equals(stepName)) {
                return i;
            }
        }
        return -1;
    }
}
