package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.List;
import org.loupe.engine.measure.badwords.C4BadWordsMeasure;
import org.loupe.engine.measure.url.UrlMeasure;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepType;

/**
 * The steps that check documents against word or block lists: datatrove's {@code URLFilter}
 * ({@code url}, spec §9) and {@code C4BadWordsFilter} ({@code c4_badwords}, spec §5.2). Parameters are
 * named as in the reference; where the reference's lists are not available (UT1, datatrove's word
 * lists) the lists come from files named by parameters.
 */
public final class ListSteps {
    private ListSteps() {
    }

    public static final StepType URL = new BuiltinSteps.Simple("url", "URL filter", "URLFilter",
            List.of(
                    ParamSpec.integer("soft_word_threshold", 2L, null, null, false, DECISION,
                            "Drop when at least this many soft-banned words are words of the URL."),
                    ParamSpec.bool("use_integrated_lists", false, MEASURE,
                            "The reference's bundled UT1 and word lists; not available in Loupe (must stay false)."),
                    ParamSpec.string("block_domains_file", null, true, MEASURE,
                            "File of blocked domains, one a line (UT1 'domains' format); matched against the registered domain and the full host."),
                    ParamSpec.string("block_urls_file", null, true, MEASURE, "File of blocked URLs, one a line (UT1 'urls' format), matched exactly."),
                    ParamSpec.string("banned_words_file", null, true, MEASURE, "File of banned words, one a line; any of them as a word of the URL drops it."),
                    ParamSpec.string("banned_subwords_file", null, true, MEASURE, "File of banned subwords, one a line; any of them inside the normalised URL drops it."),
                    ParamSpec.string("soft_banned_words_file", null, true, MEASURE, "File of soft-banned words, one a line; counted against soft_word_threshold."),
                    ParamSpec.strings("extra_domains", null, true, MEASURE, "More blocked domains."),
                    ParamSpec.strings("extra_urls", null, true, MEASURE, "More blocked URLs."),
                    ParamSpec.strings("banned_words", null, true, MEASURE, "More banned words."),
                    ParamSpec.strings("banned_subwords", null, true, MEASURE, "More banned subwords."),
                    ParamSpec.strings("soft_banned_words", null, true, MEASURE, "More soft-banned words."),
                    ParamSpec.strings("user_regexes", null, true, MEASURE,
                            "RE2 patterns searched in the URL; a match drops the document (reason user_regex, a Loupe extension).")),
            UrlMeasure.METRICS,
            List.of("domain", "subdomain", "url", "hard_blacklisted", "soft_blacklisted", "blacklisted_subword", "user_regex"),
            false);

    public static final StepType C4_BADWORDS = new BuiltinSteps.Simple("c4_badwords", "C4 bad words", "C4BadWordsFilter",
            List.of(
                    ParamSpec.number("keep_fraction", 0.0, 0.0, 1.0, false, DECISION,
                            "Fraction of documents with a bad word kept anyway (the same as the step's keep fraction; the larger applies)."),
                    ParamSpec.bool("fail_on_missing_language", true, DECISION,
                            "Documents in a language without a word list: drop them with reason missing_language (the reference raises an error) or keep them."),
                    ParamSpec.integer("seed", null, null, null, true, DECISION,
                            "Accepted for compatibility; Loupe draws keep fractions from the document id and the pipeline seed."),
                    ParamSpec.string("default_language", "en", false, MEASURE, "Language of documents without a language.")),
            C4BadWordsMeasure.METRICS,
            List.of("document_removed_with_badwords", "missing_language"),
            false);

    /** The list steps, in the FineWeb order (url first; c4_badwords is not in the FineWeb recipe). */
    public static List<StepType> all() {
        return List.of(URL, C4_BADWORDS);
    }
}
