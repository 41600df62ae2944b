package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code LanguageFilter} (spec §7) with fastText's {@code lid.176}: the best label and its
 * score, and the top five labels and scores (for thresholds below 0.5, where another requested language
 * may pass too).
 */
public final class LanguageStep extends AbstractStep {
    public static final String NAME = "language";
    /** The top labels and scores kept per document. */
    static final int TOP = 5;

    public static final ParamSpec LANGUAGES = ParamSpec.strings("languages", null, true, DECISION,
            "Languages to keep (null: any language whose score passes).");
    public static final ParamSpec LANGUAGE_THRESHOLD = ParamSpec.number("language_threshold", 0.65, 0.0, 1.0, false,
            DECISION, "Keep when the score is above this (strictly).").dropsBelow();
    public static final ParamSpec BACKEND = ParamSpec.string("backend", "ft176", false, MEASURE,
            "Language-ID model (ft176: fastText lid.176).");
    public static final ParamSpec LABEL_ONLY = ParamSpec.bool("label_only", false, DECISION,
            "Only label the language, never drop.");
    public static final ParamSpec KEEP_TOP_PAIRS_THRESHOLD = ParamSpec.number("keep_top_pairs_threshold", -1.0, -1.0, 1.0,
            false, DECISION, "Also record every language scoring above this (-1: off).");

    public LanguageStep() {
        super(NAME, "Language ID", "LanguageFilter",
                List.of(LANGUAGES, LANGUAGE_THRESHOLD, BACKEND, LABEL_ONLY, KEEP_TOP_PAIRS_THRESHOLD),
                List.of("language", "language_score", "top_label_1", "top_score_1", "top_label_2", "top_score_2",
                        "top_label_3", "top_score_3", "top_label_4", "top_score_4", "top_label_5", "top_score_5"),
                List.of("language"), false);
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        return resources.languageMeasure();
    }

    @Override
    public boolean usesLanguageModel() {
        return true;
    }

    @Override
    public void check(String at, Map<String, Object> params, StepCatalog catalog, List<String> problems) {
        if (!(params.get(LANGUAGES.name()) instanceof List<?> langs) || catalog.languageLabels().isEmpty()) {
            return;
        }
        for (Object lang : langs) {
            if (!catalog.languageLabels().contains(String.valueOf(lang))) {
                problems.add(at + "." + LANGUAGES.name() + ": unknown language code '" + lang
                        + "' for the language-ID model (it knows " + catalog.languageLabels().size()
                        + " codes such as en, de, fr, zh, ja)");
            }
        }
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        return new Decider(stepName, table, p);
    }

    /**
     * The language step's decision (spec §7): keep when {@code label_only}; else, with {@code languages}
     * given, when the best label is one of them and its score is strictly above the threshold; else when
     * the best score is strictly above the threshold.
     *
     * <p>Equivalence with the reference, which keeps when ANY requested language scores above the
     * threshold: probabilities sum to at most 1, so for thresholds of 0.5 and more only the best label can
     * pass. For lower thresholds the measure also keeps the scores of the top labels
     * ({@code top_label_i}/{@code top_score_i}) and they are consulted.
     */
    private static final class Decider implements StepDecider {
        private final double[] label;
        private final double[] score;
        private final double[][] topLabels;
        private final double[][] topScores;
        private final boolean labelOnly;
        private final double threshold;
        private final boolean[] wanted;
        private final List<Check> checks;

        Decider(String step, MetricTable table, StepParams p) {
            String labelColumn = MetricTable.name(step, "language");
            label = table.column(labelColumn);
            score = table.column(MetricTable.name(step, "language_score"));
            List<String> labels = table.labels(labelColumn);
            labelOnly = p.flag(LABEL_ONLY);
            threshold = p.number(LANGUAGE_THRESHOLD);
            List<String> langs = p.strings(LANGUAGES);
            if (langs != null) {
                Set<String> set = new HashSet<>(langs);
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
            checks = List.of(new Check(LANGUAGE_THRESHOLD.name(), "language_score", Check.Op.NOT_GT, threshold, "language"));
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

        @Override
        public boolean checkFails(int i, double value) {
            return !labelOnly && checks.get(i).drops(value);
        }
    }
}
