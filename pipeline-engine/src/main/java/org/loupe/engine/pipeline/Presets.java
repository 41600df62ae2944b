package org.loupe.engine.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pipelines Loupe ships as starting points.
 *
 * <ul>
 *   <li>{@code datatrove-defaults}: every built-in filter with datatrove's default arguments, in the
 *       FineWeb order (language, Gopher repetition, Gopher quality, C4 quality, FineWeb quality).</li>
 *   <li>{@code fineweb}: FineWeb's recipe ({@code examples/fineweb.py}): English above 0.65, Gopher
 *       repetition, Gopher quality, C4 quality without the terminal-punctuation rule, FineWeb quality.</li>
 *   <li>{@code gopher}: the Gopher (MassiveText) quality rules: English, Gopher repetition, Gopher quality.</li>
 * </ul>
 * URL blocklists need list files and are added by the curator.
 */
public final class Presets {
    private Presets() {
    }

    public static final String DATATROVE_DEFAULTS = "datatrove-defaults";
    public static final String FINEWEB = "fineweb";
    public static final String GOPHER = "gopher";

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(DATATROVE_DEFAULTS, "every built-in filter with datatrove's defaults, in the FineWeb order");
        DESCRIPTIONS.put(FINEWEB, "FineWeb's recipe: English > 0.65, Gopher repetition and quality, C4 without the terminal-punctuation rule, FineWeb quality");
        DESCRIPTIONS.put(GOPHER, "the Gopher quality rules: English, Gopher repetition, Gopher quality");
    }

    /** Preset names and one-line descriptions. */
    public static Map<String, String> descriptions() {
        return java.util.Collections.unmodifiableMap(DESCRIPTIONS);
    }

    public static Optional<PipelineConfig> named(String name) {
        return Optional.ofNullable(switch (name) {
            case DATATROVE_DEFAULTS -> PipelineConfig.of(DATATROVE_DEFAULTS, List.of(
                    StepConfig.of("language"),
                    StepConfig.of("gopher_repetition"),
                    StepConfig.of("gopher_quality"),
                    StepConfig.of("c4_quality"),
                    StepConfig.of("fineweb_quality")));
            case FINEWEB -> PipelineConfig.of(FINEWEB, List.of(
                    StepConfig.of("language").withParam("languages", List.of("en")).withParam("language_threshold", 0.65),
                    StepConfig.of("gopher_repetition"),
                    StepConfig.of("gopher_quality"),
                    StepConfig.of("c4_quality").withParam("filter_no_terminal_punct", false),
                    StepConfig.of("fineweb_quality")));
            case GOPHER -> PipelineConfig.of(GOPHER, List.of(
                    StepConfig.of("language").withParam("languages", List.of("en")),
                    StepConfig.of("gopher_repetition"),
                    StepConfig.of("gopher_quality")));
            default -> null;
        });
    }

    /** The preset, or an exception naming the known presets. */
    public static PipelineConfig require(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown preset '" + name + "'; known: " + DESCRIPTIONS.keySet()));
    }
}
