package org.loupe.engine.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepType;

/**
 * The URL step's decision (spec §9), over the 0/1 metrics of {@code UrlMeasure}, in the reference's
 * order: {@code domain}, {@code subdomain}, {@code url}, {@code hard_blacklisted}, {@code soft_blacklisted}
 * (when {@code n_soft_words >= soft_word_threshold}), {@code blacklisted_subword}, then Loupe's
 * {@code user_regex}. A document without a URL ({@code no_url}) is kept (the reference asserts).
 */
final class UrlDecider implements StepDecider {
    private static final String[] HITS = {"domain_hit", "subdomain_hit", "url_hit", "hard_word_hit", null, "subword_hit", "user_regex_hit"};
    private static final String[] REASONS = {"domain", "subdomain", "url", "hard_blacklisted", "soft_blacklisted",
            "blacklisted_subword", "user_regex"};
    private final double[] noUrl;
    private final double[] soft;
    private final double[][] hits = new double[HITS.length][];
    private final int[] reasons = new int[HITS.length];
    private final double softThreshold;
    private final List<Check> checks = new ArrayList<>();

    UrlDecider(StepType type, String step, MetricTable table, Map<String, Object> p) {
        noUrl = table.column(MetricTable.name(step, "no_url"));
        soft = table.column(MetricTable.name(step, "n_soft_words"));
        softThreshold = Deciders.number(p, "soft_word_threshold");
        for (int i = 0; i < HITS.length; i++) {
            if (HITS[i] != null) {
                hits[i] = table.column(MetricTable.name(step, HITS[i]));
                checks.add(new Check("(lists)", HITS[i], Check.Op.GT, 0, REASONS[i]));
            } else {
                // n >= t drops; counts are integers, so this is n > t - 1 (shown as such in histograms).
                checks.add(new Check("soft_word_threshold", "n_soft_words", Check.Op.GT, Math.ceil(softThreshold) - 1, REASONS[i]));
            }
            reasons[i] = type.reasons().indexOf(REASONS[i]);
            if (reasons[i] < 0) {
                throw new IllegalStateException(type.name() + " has no reason " + REASONS[i]);
            }
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
