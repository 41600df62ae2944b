package org.loupe.engine.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * A kind of pipeline step (a reference filter class): its name, its parameters, the metrics it
 * measures and the reasons it gives. The catalog of known types validates configs.
 */
public interface StepType {

    /** The step's name as the reference and the golden files use it ({@code gopher_quality}). */
    String name();

    /** A short human title ("Gopher quality"). */
    String title();

    /** The reference class this step reproduces ({@code GopherQualityFilter}). */
    String referenceClass();

    List<ParamSpec> params();

    /** The metric columns this step measures. */
    List<String> metrics();

    /** Every reason this step can give, in the reference's check order. */
    List<String> reasons();

    /** Whether the step rewrites the text that later steps see (C4 quality). */
    boolean editsText();

    default Optional<ParamSpec> param(String name) {
        return params().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
