package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.ChecksDecider;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.filters.GopherQuality;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code GopherQualityFilter} (spec §3): word counts, mean word length, symbol, bullet,
 * ellipsis and alphabetic-word ratios, stop words. Every threshold that is null or 0 is off, as the
 * reference's {@code if threshold and ...} guards make it.
 */
public final class GopherQualityStep extends AbstractStep {
    public static final String NAME = "gopher_quality";

    public static final ParamSpec MIN_DOC_WORDS = ParamSpec.integer("min_doc_words", 50L, 0L, null, true, DECISION,
            "Fewest non-symbol words a document may have (null or 0 disables).").dropsBelow();
    public static final ParamSpec MAX_DOC_WORDS = ParamSpec.integer("max_doc_words", 100_000L, 0L, null, true, DECISION,
            "Most non-symbol words a document may have (null or 0 disables).").dropsAbove();
    public static final ParamSpec MIN_AVG_WORD_LENGTH = ParamSpec.number("min_avg_word_length", 3.0, 0.0, null, true,
            DECISION, "Smallest mean length of non-symbol words, in characters.").dropsBelow();
    public static final ParamSpec MAX_AVG_WORD_LENGTH = ParamSpec.number("max_avg_word_length", 10.0, 0.0, null, true,
            DECISION, "Largest mean length of non-symbol words, in characters.").dropsAbove();
    public static final ParamSpec MAX_SYMBOL_WORD_RATIO = ParamSpec.number("max_symbol_word_ratio", 0.1, 0.0, null, true,
            DECISION, "Most '#' and most ellipses per word.").dropsAbove();
    public static final ParamSpec MAX_BULLET_LINES_RATIO = ParamSpec.number("max_bullet_lines_ratio", 0.9, 0.0, 1.0, true,
            DECISION, "Largest share of lines starting with a bullet (• or -).").dropsAbove();
    public static final ParamSpec MAX_ELLIPSIS_LINES_RATIO = ParamSpec.number("max_ellipsis_lines_ratio", 0.3, 0.0, 1.0,
            true, DECISION, "Largest share of lines ending with an ellipsis.").dropsAbove();
    public static final ParamSpec MAX_NON_ALPHA_WORDS_RATIO = ParamSpec.number("max_non_alpha_words_ratio", 0.8, 0.0, 1.0,
            true, DECISION, "Smallest share of words with a letter (the reference names this minimum 'max_').").dropsBelow();
    public static final ParamSpec MIN_STOP_WORDS = ParamSpec.integer("min_stop_words", 2L, 0L, null, true, DECISION,
            "Fewest distinct English stop words (the, be, to, of, and, that, have, with).").dropsBelow();
    public static final ParamSpec STOP_WORDS = ParamSpec.strings("stop_words", null, true, MEASURE,
            "Stop words to count instead of the default eight.");
    public static final ParamSpec LANGUAGE = ParamSpec.string("language", "eng", false, MEASURE, "Word tokenizer language.");

    public GopherQualityStep() {
        super(NAME, "Gopher quality", "GopherQualityFilter",
                List.of(MIN_DOC_WORDS, MAX_DOC_WORDS, MIN_AVG_WORD_LENGTH, MAX_AVG_WORD_LENGTH, MAX_SYMBOL_WORD_RATIO,
                        MAX_BULLET_LINES_RATIO, MAX_ELLIPSIS_LINES_RATIO, MAX_NON_ALPHA_WORDS_RATIO, MIN_STOP_WORDS,
                        STOP_WORDS, LANGUAGE),
                GopherQuality.METRICS,
                List.of("gopher_short_doc", "gopher_long_doc", "gopher_below_avg_threshold", "gopher_above_avg_threshold",
                        "gopher_too_many_hashes", "gopher_too_many_ellipsis", "gopher_too_many_bullets",
                        "gopher_too_many_end_ellipsis", "gopher_below_alpha_threshold", "gopher_enough_stop_words"),
                false);
    }

    /** The ratios are undefined where the reference divides by no words or no lines (see {@code GopherQuality}). */
    @Override
    public Optional<String> undefinedReason(String metric) {
        return switch (metric) {
            case "avg_word_length" -> Optional.of("no words other than symbols");
            case "hash_ratio", "ellipsis_ratio", "alpha_words_ratio" -> Optional.of("no words");
            case "bullet_lines_ratio", "end_ellipsis_lines_ratio" -> Optional.of("no lines");
            default -> Optional.empty();
        };
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        GopherQuality.Params params = new GopherQuality.Params(null, null, null, null, null, null, null, null, null,
                p.strings(STOP_WORDS), "eng");
        return Measures.of(metrics(), (doc, out) -> {
            GopherQuality.measure(doc.text(), doc.words(), params, out);
            return doc.text();
        });
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        return new ChecksDecider(reasons(), stepName, table, checks(p));
    }

    /** The reference's checks in its order; a null or 0 threshold leaves its check out. */
    static List<Check> checks(StepParams p) {
        List<Check> c = new ArrayList<>();
        Checks.ifSet(c, p, MIN_DOC_WORDS, "n_non_symbol_words", Check.Op.LT, "gopher_short_doc");
        Checks.ifSet(c, p, MAX_DOC_WORDS, "n_non_symbol_words", Check.Op.GT, "gopher_long_doc");
        Checks.ifSet(c, p, MIN_AVG_WORD_LENGTH, "avg_word_length", Check.Op.LT, "gopher_below_avg_threshold");
        Checks.ifSet(c, p, MAX_AVG_WORD_LENGTH, "avg_word_length", Check.Op.GT, "gopher_above_avg_threshold");
        Checks.ifSet(c, p, MAX_SYMBOL_WORD_RATIO, "hash_ratio", Check.Op.GT, "gopher_too_many_hashes");
        Checks.ifSet(c, p, MAX_SYMBOL_WORD_RATIO, "ellipsis_ratio", Check.Op.GT, "gopher_too_many_ellipsis");
        Checks.ifSet(c, p, MAX_BULLET_LINES_RATIO, "bullet_lines_ratio", Check.Op.GT, "gopher_too_many_bullets");
        Checks.ifSet(c, p, MAX_ELLIPSIS_LINES_RATIO, "end_ellipsis_lines_ratio", Check.Op.GT, "gopher_too_many_end_ellipsis");
        Checks.ifSet(c, p, MAX_NON_ALPHA_WORDS_RATIO, "alpha_words_ratio", Check.Op.LT, "gopher_below_alpha_threshold");
        Checks.ifSet(c, p, MIN_STOP_WORDS, "n_stop_words_present", Check.Op.LT, "gopher_enough_stop_words");
        return c;
    }
}
