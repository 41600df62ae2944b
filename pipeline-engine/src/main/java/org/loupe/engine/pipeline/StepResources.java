package org.loupe.engine.pipeline;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.badwords.C4BadWordsMeasure;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.measure.text.EnglishTokenizer;

/**
 * The heavy parts that step measures share, built once and passed where steps are measured: the English
 * word tokenizer (spec §1.2; every step splits words the same way), the language-ID model (loaded on
 * first use) and the bad-words lists. Thread-safe.
 */
public final class StepResources {
    private final Supplier<EnglishTokenizer> tokenizer;
    private final Supplier<LanguageIdentifier> lid;
    private LanguageMeasure language;
    private final Function<String, List<String>> badwords = C4BadWordsMeasure.classpathLoader(StepResources.class);

    /**
     * @param tokenizer the English word tokenizer (shared by all steps)
     * @param lid       the language identifier, loaded on first use
     */
    public StepResources(EnglishTokenizer tokenizer, Supplier<LanguageIdentifier> lid) {
        this(() -> tokenizer, lid);
    }

    /**
     * @param tokenizer the English word tokenizer (shared by all steps), asked for on first use: building
     *                  its rules takes a few hundred milliseconds that the workbench's start should not wait for
     * @param lid       the language identifier, loaded on first use
     */
    public StepResources(Supplier<EnglishTokenizer> tokenizer, Supplier<LanguageIdentifier> lid) {
        this.tokenizer = tokenizer;
        this.lid = lid;
    }

    /** The word splitter every step shares (spec §1.2). */
    public List<String> words(String text) {
        return tokenizer.get().words(text);
    }

    public EnglishTokenizer tokenizer() {
        return tokenizer.get();
    }

    /** The language measure over the model, built on first use. */
    public synchronized LanguageMeasure languageMeasure() {
        if (language == null) {
            language = new LanguageMeasure(lid.get());
        }
        return language;
    }

    /** The bad-words list of a language code, or null when there is none. */
    public Function<String, List<String>> badwords() {
        return badwords;
    }

    /** The measure of a step with the given effective parameters. */
    public StepMeasure create(StepType type, StepParams params) {
        return type.measure(params, this);
    }

    /** The measure of a step config (its own parameters, no domain override). */
    public StepMeasure create(StepType type, StepConfig step) {
        return create(type, StepParams.of(type, step));
    }
}
