package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.List;
import java.util.Set;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepType;

/**
 * The step types Loupe ships, with every parameter named and defaulted as in datatrove 0.10.0
 * ({@code spec/filters.md} §3–§7). Thresholds that the reference disables with {@code None}/{@code 0}
 * (Gopher) or {@code -1} (C4) keep that meaning here.
 */
public final class BuiltinSteps {
    private BuiltinSteps() {
    }

    /** A plain description of a step type. */
    public record Simple(String name, String title, String referenceClass, List<ParamSpec> params, List<String> metrics,
                         List<String> reasons, boolean editsText) implements StepType {
        public Simple {
            params = List.copyOf(params);
            metrics = List.copyOf(metrics);
            reasons = List.copyOf(reasons);
        }
    }

    public static final StepType GOPHER_QUALITY = new Simple("gopher_quality", "Gopher quality", "GopherQualityFilter",
            List.of(
                    ParamSpec.integer("min_doc_words", 50L, 0L, null, true, DECISION, "Fewest non-symbol words a document may have (null or 0 disables)."),
                    ParamSpec.integer("max_doc_words", 100_000L, 0L, null, true, DECISION, "Most non-symbol words a document may have (null or 0 disables)."),
                    ParamSpec.number("min_avg_word_length", 3.0, 0.0, null, true, DECISION, "Smallest mean length of non-symbol words, in characters."),
                    ParamSpec.number("max_avg_word_length", 10.0, 0.0, null, true, DECISION, "Largest mean length of non-symbol words, in characters."),
                    ParamSpec.number("max_symbol_word_ratio", 0.1, 0.0, null, true, DECISION, "Most '#' and most ellipses per word."),
                    ParamSpec.number("max_bullet_lines_ratio", 0.9, 0.0, 1.0, true, DECISION, "Largest share of lines starting with a bullet (• or -)."),
                    ParamSpec.number("max_ellipsis_lines_ratio", 0.3, 0.0, 1.0, true, DECISION, "Largest share of lines ending with an ellipsis."),
                    ParamSpec.number("max_non_alpha_words_ratio", 0.8, 0.0, 1.0, true, DECISION, "Smallest share of words with a letter (the reference names this minimum 'max_')."),
                    ParamSpec.integer("min_stop_words", 2L, 0L, null, true, DECISION, "Fewest distinct English stop words (the, be, to, of, and, that, have, with)."),
                    ParamSpec.strings("stop_words", null, true, MEASURE, "Stop words to count instead of the default eight."),
                    ParamSpec.string("language", "eng", false, MEASURE, "Word tokenizer language.")),
            List.of("n_words", "n_non_symbol_words", "avg_word_length", "hash_ratio", "ellipsis_ratio", "n_lines",
                    "bullet_lines_ratio", "end_ellipsis_lines_ratio", "alpha_words_ratio", "n_stop_words_present"),
            List.of("gopher_short_doc", "gopher_long_doc", "gopher_below_avg_threshold", "gopher_above_avg_threshold",
                    "gopher_too_many_hashes", "gopher_too_many_ellipsis", "gopher_too_many_bullets",
                    "gopher_too_many_end_ellipsis", "gopher_below_alpha_threshold", "gopher_enough_stop_words"),
            false);

    public static final StepType GOPHER_REPETITION = new Simple("gopher_repetition", "Gopher repetition", "GopherRepetitionFilter",
            List.of(
                    ParamSpec.number("dup_line_frac", 0.3, 0.0, 1.0, true, DECISION, "Largest share of duplicated lines."),
                    ParamSpec.number("dup_para_frac", 0.3, 0.0, 1.0, true, DECISION, "Largest share of duplicated paragraphs."),
                    ParamSpec.number("dup_line_char_frac", 0.2, 0.0, 1.0, true, DECISION, "Largest share of characters in duplicated lines."),
                    ParamSpec.number("dup_para_char_frac", 0.2, 0.0, 1.0, true, DECISION, "Largest share of characters in duplicated paragraphs."),
                    ParamSpec.pairs("top_n_grams", List.of(List.of(2, 0.2), List.of(3, 0.18), List.of(4, 0.16)), DECISION,
                            "For n = 2, 3, 4: the largest share of characters in the most frequent n-gram."),
                    ParamSpec.pairs("dup_n_grams", List.of(List.of(5, 0.15), List.of(6, 0.14), List.of(7, 0.13), List.of(8, 0.12),
                            List.of(9, 0.11), List.of(10, 0.10)), DECISION, "For n = 5..10: the largest share of characters in duplicated n-grams."),
                    ParamSpec.string("language", "eng", false, MEASURE, "Word tokenizer language.")),
            List.of("len_text", "n_paragraphs", "dup_para_frac", "dup_para_char_frac", "n_lines", "dup_line_frac",
                    "dup_line_char_frac", "top_2_gram_char_frac", "top_3_gram_char_frac", "top_4_gram_char_frac",
                    "dup_5_gram_char_frac", "dup_6_gram_char_frac", "dup_7_gram_char_frac", "dup_8_gram_char_frac",
                    "dup_9_gram_char_frac", "dup_10_gram_char_frac"),
            List.of("dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac", "top_2_gram", "top_3_gram",
                    "top_4_gram", "duplicated_5_n_grams", "duplicated_6_n_grams", "duplicated_7_n_grams",
                    "duplicated_8_n_grams", "duplicated_9_n_grams", "duplicated_10_n_grams"),
            false);

    public static final StepType C4_QUALITY = new Simple("c4_quality", "C4 quality", "C4QualityFilter",
            List.of(
                    ParamSpec.bool("split_paragraph", true, MEASURE, "Judge lines (true) or spaCy sentences (false)."),
                    ParamSpec.bool("remove_citations", true, MEASURE, "Remove [1], [edit], [citation needed] markers."),
                    ParamSpec.bool("filter_no_terminal_punct", true, MEASURE, "Remove lines that do not end in . ? ! \" '."),
                    ParamSpec.integer("min_num_sentences", 5L, -1L, null, false, DECISION, "Fewest sentences left after line removal (-1 disables)."),
                    ParamSpec.integer("min_words_per_line", 3L, -1L, null, false, MEASURE, "Remove lines with fewer words."),
                    ParamSpec.integer("max_word_length", 1000L, -1L, null, false, MEASURE, "Remove lines with a longer word (-1 disables)."),
                    ParamSpec.bool("filter_lorem_ipsum", true, DECISION, "Drop documents with 'lorem ipsum'."),
                    ParamSpec.bool("filter_javascript", true, MEASURE, "Remove lines mentioning javascript."),
                    ParamSpec.bool("filter_curly_bracket", true, DECISION, "Drop documents with a '{' in a kept line."),
                    ParamSpec.bool("filter_policy", true, MEASURE, "Remove lines with policy phrases (terms of use, cookies...)."),
                    ParamSpec.string("language", "eng", false, MEASURE, "Sentence splitter language.")),
            List.of("num_sentences", "n_lines", "n_lines_kept", "lorem_ipsum_line", "curly_bracket_line",
                    "lines_too_long_word", "lines_no_terminal_punct", "lines_too_few_words", "lines_javascript", "lines_policy"),
            List.of("lorem_ipsum", "curly_bracket", "too_few_sentences"),
            true);

    public static final StepType FINEWEB_QUALITY = new Simple("fineweb_quality", "FineWeb quality", "FineWebQualityFilter",
            List.of(
                    ParamSpec.number("line_punct_thr", 0.12, 0.0, 1.0, false, DECISION, "Smallest share of lines ending in terminal punctuation."),
                    ParamSpec.bool("line_punct_exclude_zero", false, DECISION, "Keep documents where no line ends in punctuation."),
                    ParamSpec.strings("stop_chars", null, true, MEASURE, "Characters that count as terminal punctuation (default: the reference's set)."),
                    ParamSpec.number("short_line_thr", 0.67, 0.0, 1.0, false, DECISION, "Largest share of short lines."),
                    ParamSpec.integer("short_line_length", 30L, 0L, null, false, MEASURE, "A line of at most this many characters is short."),
                    ParamSpec.number("char_duplicates_ratio", 0.01, 0.0, 1.0, false, DECISION, "Largest share of characters in duplicated lines."),
                    ParamSpec.number("new_line_ratio", 0.3, 0.0, null, false, DECISION, "Most newlines per word."),
                    ParamSpec.string("language", "eng", false, MEASURE, "Word tokenizer language.")),
            List.of("n_lines", "line_punct_ratio", "short_line_ratio", "char_dup_ratio", "n_words", "list_ratio"),
            List.of("empty", "line_punct_ratio", "short_line_ratio", "char_dup_ratio", "list_ratio"),
            false);

    public static final StepType LANGUAGE = new Simple("language", "Language ID", "LanguageFilter",
            List.of(
                    ParamSpec.strings("languages", null, true, DECISION, "Languages to keep (null: any language whose score passes)."),
                    ParamSpec.number("language_threshold", 0.65, 0.0, 1.0, false, DECISION, "Keep when the score is above this (strictly)."),
                    ParamSpec.string("backend", "ft176", false, MEASURE, "Language-ID model (ft176: fastText lid.176)."),
                    ParamSpec.bool("label_only", false, DECISION, "Only label the language, never drop."),
                    ParamSpec.number("keep_top_pairs_threshold", -1.0, -1.0, 1.0, false, DECISION, "Also record every language scoring above this (-1: off).")),
            List.of("language", "language_score", "top_label_1", "top_score_1", "top_label_2", "top_score_2",
                    "top_label_3", "top_score_3", "top_label_4", "top_score_4", "top_label_5", "top_score_5"),
            List.of("language"),
            false);

    /** Every built-in step type, in the FineWeb order where it applies. */
    public static List<StepType> all() {
        return List.of(ListSteps.URL, LANGUAGE, GOPHER_REPETITION, GOPHER_QUALITY, C4_QUALITY, FINEWEB_QUALITY,
                ListSteps.C4_BADWORDS);
    }

    /**
     * The catalog of built-in steps and of the {@link org.loupe.engine.pipeline.ExtensionStep extension steps}
     * on the class path; {@code languageLabels} are the LID model's codes (empty: not checked).
     */
    public static StepCatalog catalog(Set<String> languageLabels) {
        List<StepType> types = new java.util.ArrayList<>(all());
        types.addAll(org.loupe.engine.pipeline.ExtensionStep.load());
        return StepCatalog.of(types, languageLabels);
    }
}
