package org.loupe.engine.filter;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loupe.engine.measure.MetricTable;

/**
 * The language step's decision (spec §7): keep when {@code label_only}; else, with {@code languages}
 * given, when the best label is one of them and its score is strictly above the threshold; else when
 * the best score is strictly above the threshold.
 *
 * <p>Equivalence with the reference, which keeps when ANY requested language scores above the
 * threshold: probabilities sum to at most 1, so for thresholds of 0.5 and more only the best label can
 * pass. For lower thresholds the measure also keeps the scores of the top labels
 * ({@code top_k_label_i}/{@code top_k_score_i}) and they are consulted.
 */
final class LanguageDecider implements StepDecider {
    static final int TOP = 5;
    private final double[] label;
    private final double[] score;
    private final double[][] topLabels;
    private final double[][] topScores;
    private final boolean labelOnly;
    private final double threshold;
    private final boolean[] wanted;
    private final List<Check> checks;

    LanguageDecider(String step, MetricTable table, Map<String, Object> p) {
        String labelColumn = MetricTable.name(step, "language");
        label = table.column(labelColumn);
        score = table.column(MetricTable.name(step, "language_score"));
        List<String> labels = table.labels(labelColumn);
        labelOnly = Boolean.TRUE.equals(p.get("label_only"));
        threshold = Deciders.number(p, "language_threshold");
        Object langs = p.get("languages");
        if (langs instanceof List<?> l) {
            Set<String> set = new HashSet<>();
            l.forEach(x -> set.add(String.valueOf(x)));
            wanted = new boolean[labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                wanted[i] = set.contains(labels.get(i));
            }
        } else {
            wanted = null;
        }
        boolean needTop = wanted != null && threshold < 0.5;
        topLabels = new double[needTop ? TOP : 0][];
        topScores = new double[needTop ? TOP : 0][];
        for (int k = 0; needTop && k < TOP; k++) {
            topLabels[k] = table.column(MetricTable.name(step, "top_label_" + (k + 1)));
            topScores[k] = table.column(MetricTable.name(step, "top_score_" + (k + 1)));
        }
        checks = List.of(new Check("language_threshold", "language_score", Check.Op.NOT_GT, threshold, "language"));
    }

    @Override
    public int decide(int row) {
        if (labelOnly) {
            return -1;
        }
        if (wanted == null) {
            return score[row] > threshold ? -1 : 0;
        }
        if (topLabels.length == 0) {
            int l = (int) label[row];
            return l >= 0 && l < wanted.length && wanted[l] && score[row] > threshold ? -1 : 0;
        }
        for (int k = 0; k < topLabels.length; k++) {
            int l = (int) topLabels[k][row];
            if (l >= 0 && l < wanted.length && wanted[l] && topScores[k][row] > threshold) {
                return -1;
            }
        }
        return 0;
    }

    @Override
    public List<Check> checks() {
        return checks;
    }
}
