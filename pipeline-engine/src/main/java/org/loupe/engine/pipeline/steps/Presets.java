package org.loupe.engine.pipeline.steps;

import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;

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
 *   <li>{@code fineweb-minhash}: FineWeb's recipe followed by its MinHash deduplication (5-grams, 14 buckets
 *       of 8 hashes, sha1 shingle hashes, as in {@code examples/fineweb.py}).</li>
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
    public static final String FINEWEB_MINHASH = "fineweb-minhash";

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(DATATROVE_DEFAULTS, "every built-in filter with datatrove's defaults, in the FineWeb order");
        DESCRIPTIONS.put(FINEWEB, "FineWeb's recipe: English > 0.65, Gopher repetition and quality, C4 without the terminal-punctuation rule, FineWeb quality");
        DESCRIPTIONS.put(FINEWEB_MINHASH, "FineWeb's recipe followed by its MinHash dedup (5-grams, 14 buckets x 8 hashes, sha1)");
        DESCRIPTIONS.put(GOPHER, "the Gopher quality rules: English, Gopher repetition, Gopher quality");
    }

    /** Preset names and one-line descriptions. */
    public static Map<String, String> descriptions() {
        return java.util.Collections.unmodifiableMap(DESCRIPTIONS);
    }

    public static Optional<PipelineConfig> named(String name) {
        return Optional.ofNullable(switch (name) {
            case DATATROVE_DEFAULTS -> PipelineConfig.of(DATATROVE_DEFAULTS, List.of(
                    StepConfig.of(LanguageStep.NAME),
                    StepConfig.of(GopherRepetitionStep.NAME),
                    StepConfig.of(GopherQualityStep.NAME),
                    StepConfig.of(C4QualityStep.NAME),
                    StepConfig.of(FineWebQualityStep.NAME)));
            case FINEWEB -> PipelineConfig.of(FINEWEB, List.of(
                    StepConfig.of(LanguageStep.NAME).withParam(LanguageStep.LANGUAGES, List.of("en")).withParam(LanguageStep.LANGUAGE_THRESHOLD, 0.65),
                    StepConfig.of(GopherRepetitionStep.NAME),
                    StepConfig.of(GopherQualityStep.NAME),
                    StepConfig.of(C4QualityStep.NAME).withParam(C4QualityStep.FILTER_NO_TERMINAL_PUNCT, false),
                    StepConfig.of(FineWebQualityStep.NAME)));
            case FINEWEB_MINHASH -> PipelineConfig.of(FINEWEB_MINHASH, java.util.stream.Stream.concat(
                    require(FINEWEB).steps().stream(),
                    java.util.stream.Stream.of(StepConfig.of(MinHashDedupStep.NAME).withParam(MinHashDedupStep.HASH_FC, "sha1")))
                    .toList());
            case GOPHER -> PipelineConfig.of(GOPHER, List.of(
                    StepConfig.of(LanguageStep.NAME).withParam(LanguageStep.LANGUAGES, List.of("en")),
                    StepConfig.of(GopherRepetitionStep.NAME),
                    StepConfig.of(GopherQualityStep.NAME)));
            default -> null;
        });
    }

    /** The preset, or an exception naming the known presets. */
    public static PipelineConfig require(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown preset '" + name + "'; known: " + DESCRIPTIONS.keySet()));
    }
}
