package org.loupe.engine.pipeline.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepType;

/**
 * The step types Loupe ships, each one class with every parameter named and defaulted as in datatrove
 * 0.10.0 ({@code spec/filters.md} §3–§9), and the catalog of them plus the step types other modules
 * provide. To add a step type: write one {@link StepType} class and add it to {@link #all()} (or, from
 * another module, name it in {@code META-INF/services/org.loupe.engine.pipeline.StepType}).
 */
public final class BuiltinSteps {
    private BuiltinSteps() {
    }

    public static final StepType URL = new UrlStep();
    public static final StepType LANGUAGE = new LanguageStep();
    public static final StepType GOPHER_REPETITION = new GopherRepetitionStep();
    public static final StepType GOPHER_QUALITY = new GopherQualityStep();
    public static final StepType C4_QUALITY = new C4QualityStep();
    public static final StepType FINEWEB_QUALITY = new FineWebQualityStep();
    public static final StepType C4_BADWORDS = new C4BadWordsStep();
    public static final StepType URL_DEDUP = ExactDedupStep.url();
    public static final StepType EXACT_DEDUP = ExactDedupStep.exact();
    public static final StepType MINHASH_DEDUP = new MinHashDedupStep();
    public static final StepType SENTENCE_DEDUP = new SentenceDedupStep();

    /**
     * Every built-in step type, in the FineWeb order where it applies (c4_badwords is not in the recipe): the
     * filters, then the dedup steps, which decide over what the filters keep. Sentence dedup comes last: the
     * text it hands on depends on the decisions, so only dedup steps may follow it, and those would see the
     * text before its cuts; last, a pipeline in catalog order is both valid and exact.
     */
    public static List<StepType> all() {
        return List.of(URL, LANGUAGE, GOPHER_REPETITION, GOPHER_QUALITY, C4_QUALITY, FINEWEB_QUALITY, C4_BADWORDS,
                URL_DEDUP, EXACT_DEDUP, MINHASH_DEDUP,
                SENTENCE_DEDUP);
    }

    /**
     * The catalog of built-in steps and of the step types on the class path; {@code languageLabels} are the
     * LID model's codes (empty: not checked).
     */
    public static StepCatalog catalog(Set<String> languageLabels) {
        List<StepType> types = new ArrayList<>(all());
        types.addAll(StepType.fromClassPath());
        return StepCatalog.of(types, languageLabels);
    }
}
