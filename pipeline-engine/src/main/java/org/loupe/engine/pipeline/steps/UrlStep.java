package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.url.UrlMeasure;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code URLFilter} (spec §9): block lists of domains, hosts and URLs, banned words and
 * subwords of the URL, soft-banned words counted against a threshold. The reference's integrated UT1 and
 * word lists are not available, so lists come from files named by parameters and inline lists; every
 * list check is measured as a 0/1 metric and only the soft-word count is a threshold.
 */
public final class UrlStep extends AbstractStep {
    public static final String NAME = "url";

    public static final ParamSpec SOFT_WORD_THRESHOLD = ParamSpec.integer("soft_word_threshold", 2L, null, null, false,
            DECISION, "Drop when at least this many soft-banned words are words of the URL.").dropsAbove();
    public static final ParamSpec USE_INTEGRATED_LISTS = ParamSpec.bool("use_integrated_lists", false, MEASURE,
            "The reference's bundled UT1 and word lists; not available in Loupe (must stay false).");
    public static final ParamSpec BLOCK_DOMAINS_FILE = ParamSpec.string("block_domains_file", null, true, MEASURE,
            "File of blocked domains, one a line (UT1 'domains' format); matched against the registered domain and the full host.");
    public static final ParamSpec BLOCK_URLS_FILE = ParamSpec.string("block_urls_file", null, true, MEASURE,
            "File of blocked URLs, one a line (UT1 'urls' format), matched exactly.");
    public static final ParamSpec BANNED_WORDS_FILE = ParamSpec.string("banned_words_file", null, true, MEASURE,
            "File of banned words, one a line; any of them as a word of the URL drops it.");
    public static final ParamSpec BANNED_SUBWORDS_FILE = ParamSpec.string("banned_subwords_file", null, true, MEASURE,
            "File of banned subwords, one a line; any of them inside the normalised URL drops it.");
    public static final ParamSpec SOFT_BANNED_WORDS_FILE = ParamSpec.string("soft_banned_words_file", null, true, MEASURE,
            "File of soft-banned words, one a line; counted against soft_word_threshold.");
    public static final ParamSpec EXTRA_DOMAINS = ParamSpec.strings("extra_domains", null, true, MEASURE, "More blocked domains.");
    public static final ParamSpec EXTRA_URLS = ParamSpec.strings("extra_urls", null, true, MEASURE, "More blocked URLs.");
    public static final ParamSpec BANNED_WORDS = ParamSpec.strings("banned_words", null, true, MEASURE, "More banned words.");
    public static final ParamSpec BANNED_SUBWORDS = ParamSpec.strings("banned_subwords", null, true, MEASURE,
            "More banned subwords.");
    public static final ParamSpec SOFT_BANNED_WORDS = ParamSpec.strings("soft_banned_words", null, true, MEASURE,
            "More soft-banned words.");
    public static final ParamSpec USER_REGEXES = ParamSpec.strings("user_regexes", null, true, MEASURE,
            "RE2 patterns searched in the URL; a match drops the document (reason user_regex, a Loupe extension).");

    private static final String[] HITS = {"domain_hit", "subdomain_hit", "url_hit", "hard_word_hit", null, "subword_hit",
            "user_regex_hit"};
    private static final String[] REASONS = {"domain", "subdomain", "url", "hard_blacklisted", "soft_blacklisted",
            "blacklisted_subword", "user_regex"};

    public UrlStep() {
        super(NAME, "URL filter", "URLFilter",
                List.of(SOFT_WORD_THRESHOLD, USE_INTEGRATED_LISTS, BLOCK_DOMAINS_FILE, BLOCK_URLS_FILE, BANNED_WORDS_FILE,
                        BANNED_SUBWORDS_FILE, SOFT_BANNED_WORDS_FILE, EXTRA_DOMAINS, EXTRA_URLS, BANNED_WORDS,
                        BANNED_SUBWORDS, SOFT_BANNED_WORDS, USER_REGEXES),
                UrlMeasure.METRICS, List.of(REASONS), false);
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        return new UrlMeasure(p.asMap(), DocumentText::url);
    }

    @Override
    Set<String> loupeOnlyParams() {
        return Set.of(BLOCK_DOMAINS_FILE.name(), BLOCK_URLS_FILE.name(), BANNED_WORDS_FILE.name(),
                BANNED_SUBWORDS_FILE.name(), SOFT_BANNED_WORDS_FILE.name(), USER_REGEXES.name(), USE_INTEGRATED_LISTS.name());
    }

    @Override
    public Optional<DatatroveCall> datatrove(StepConfig step) {
        DatatroveCall call = super.datatrove(step).orElseThrow();
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>(call.args());
        args.put(USE_INTEGRATED_LISTS.name(), false);
        return Optional.of(new DatatroveCall(call.module(), call.cls(), args, call.comments()));
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        return new Decider(this, stepName, table, p);
    }

    /**
     * The URL step's decision (spec §9), over the 0/1 metrics of {@code UrlMeasure}, in the reference's
     * order: {@code domain}, {@code subdomain}, {@code url}, {@code hard_blacklisted}, {@code soft_blacklisted}
     * (when {@code n_soft_words >= soft_word_threshold}), {@code blacklisted_subword}, then Loupe's
     * {@code user_regex}. A document without a URL ({@code no_url}) is kept (the reference asserts).
     */
    private static final class Decider implements StepDecider {
        private final double[] noUrl;
        private final double[] soft;
        private final double[][] hits = new double[HITS.length][];
        private final int[] reasons = new int[HITS.length];
        private final double softThreshold;
        private final List<Check> checks = new ArrayList<>();

        Decider(UrlStep type, String step, MetricTable table, StepParams p) {
            noUrl = table.column(MetricTable.name(step, "no_url"));
            soft = table.column(MetricTable.name(step, "n_soft_words"));
            softThreshold = p.number(SOFT_WORD_THRESHOLD);
            for (int i = 0; i < HITS.length; i++) {
                if (HITS[i] != null) {
                    hits[i] = table.column(MetricTable.name(step, HITS[i]));
                    checks.add(new Check("(lists)", HITS[i], Check.Op.GT, 0, REASONS[i]));
                } else {
                    // n >= t drops; counts are integers, so this is n > t - 1 (shown as such in histograms).
                    checks.add(new Check(SOFT_WORD_THRESHOLD.name(), "n_soft_words", Check.Op.GT,
                            Math.ceil(softThreshold) - 1, REASONS[i]));
                }
                reasons[i] = type.reasons().indexOf(REASONS[i]);
            }
        }

        @Override
        public int decide(int row) {
            if (noUrl[row] != 0) {
                return -1;
            }
            for (int i = 0; i < HITS.length; i++) {
                boolean drop = hits[i] != null ? hits[i][row] > 0 : soft[row] >= softThreshold;
                if (drop) {
                    return reasons[i];
                }
            }
            return -1;
        }

        @Override
        public List<Check> checks() {
            return checks;
        }
    }
}
