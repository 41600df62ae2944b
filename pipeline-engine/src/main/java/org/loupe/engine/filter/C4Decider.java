package org.loupe.engine.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepType;

/**
 * C4 quality's decision (spec §5). While walking the lines, the reference drops the document at the
 * first surviving line with "lorem ipsum" (when {@code filter_lorem_ipsum}) or a '{' (when
 * {@code filter_curly_bracket}); the measure records the index of the first such line of each kind
 * ({@code lorem_ipsum_line}, {@code curly_bracket_line}; NaN when there is none), so either toggle can
 * change without measuring again. On the same line lorem ipsum is checked first. Otherwise the document
 * is dropped when it has fewer than {@code min_num_sentences} sentences ({@code -1}: never).
 */
final class C4Decider implements StepDecider {
    private final double[] lorem;
    private final double[] curly;
    private final double[] sentences;
    private final boolean useLorem;
    private final boolean useCurly;
    private final double minSentences;
    private final int loremReason;
    private final int curlyReason;
    private final int fewReason;
    private final List<Check> checks = new ArrayList<>();

    C4Decider(StepType type, String step, MetricTable table, Map<String, Object> p) {
        lorem = table.column(MetricTable.name(step, "lorem_ipsum_line"));
        curly = table.column(MetricTable.name(step, "curly_bracket_line"));
        sentences = table.column(MetricTable.name(step, "num_sentences"));
        useLorem = Boolean.TRUE.equals(p.get("filter_lorem_ipsum"));
        useCurly = Boolean.TRUE.equals(p.get("filter_curly_bracket"));
        minSentences = Deciders.number(p, "min_num_sentences");
        loremReason = type.reasons().indexOf("lorem_ipsum");
        curlyReason = type.reasons().indexOf("curly_bracket");
        fewReason = type.reasons().indexOf("too_few_sentences");
        if (minSentences != -1) {
            checks.add(new Check("min_num_sentences", "num_sentences", Check.Op.LT, minSentences, "too_few_sentences"));
        }
    }

    @Override
    public int decide(int row) {
        double l = useLorem ? lorem[row] : Double.NaN;
        double c = useCurly ? curly[row] : Double.NaN;
        if (!Double.isNaN(l) && (Double.isNaN(c) || l <= c)) {
            return loremReason;
        }
        if (!Double.isNaN(c)) {
            return curlyReason;
        }
        if (minSentences != -1 && sentences[row] < minSentences) {
            return fewReason;
        }
        return -1;
    }

    @Override
    public List<Check> checks() {
        return checks;
    }
}
