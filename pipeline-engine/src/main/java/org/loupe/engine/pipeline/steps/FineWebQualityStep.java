package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.List;
import java.util.Optional;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.ChecksDecider;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.filters.FineWebQuality;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code FineWebQualityFilter} (spec §6): lines ending in punctuation, short lines,
 * characters in duplicated lines, newlines per word. Its thresholds are never off; an empty document is
 * always dropped ({@code empty}).
 */
public final class FineWebQualityStep extends AbstractStep {
    public static final String NAME = "fineweb_quality";

    public static final ParamSpec LINE_PUNCT_THR = ParamSpec.number("line_punct_thr", 0.12, 0.0, 1.0, false, DECISION,
            "Smallest share of lines ending in terminal punctuation.").dropsBelow();
    public static final ParamSpec LINE_PUNCT_EXCLUDE_ZERO = ParamSpec.bool("line_punct_exclude_zero", false, DECISION,
            "Keep documents where no line ends in punctuation.");
    public static final ParamSpec STOP_CHARS = ParamSpec.strings("stop_chars", null, true, MEASURE,
            "Characters that count as terminal punctuation (default: the reference's set).");
    public static final ParamSpec SHORT_LINE_THR = ParamSpec.number("short_line_thr", 0.67, 0.0, 1.0, false, DECISION,
            "Largest share of short lines.").dropsAbove();
    public static final ParamSpec SHORT_LINE_LENGTH = ParamSpec.integer("short_line_length", 30L, 0L, null, false, MEASURE,
            "A line of at most this many characters is short.");
    public static final ParamSpec CHAR_DUPLICATES_RATIO = ParamSpec.number("char_duplicates_ratio", 0.01, 0.0, 1.0, false,
            DECISION, "Largest share of characters in duplicated lines.").dropsAbove();
    public static final ParamSpec NEW_LINE_RATIO = ParamSpec.number("new_line_ratio", 0.3, 0.0, null, false, DECISION,
            "Most newlines per word.").dropsAbove();
    public static final ParamSpec LANGUAGE = ParamSpec.string("language", "eng", false, MEASURE, "Word tokenizer language.");

    /** The index of the punctuation check in {@link #checks}. */
    private static final int PUNCT_CHECK = 1;

    public FineWebQualityStep() {
        super(NAME, "FineWeb quality", "FineWebQualityFilter",
                List.of(LINE_PUNCT_THR, LINE_PUNCT_EXCLUDE_ZERO, STOP_CHARS, SHORT_LINE_THR, SHORT_LINE_LENGTH,
                        CHAR_DUPLICATES_RATIO, NEW_LINE_RATIO, LANGUAGE),
                FineWebQuality.METRICS, List.of("empty", "line_punct_ratio", "short_line_ratio", "char_dup_ratio", "list_ratio"),
                false);
    }

    /** The ratios are undefined without lines or words (see {@code FineWebQuality}). */
    @Override
    public Optional<String> undefinedReason(String metric) {
        return switch (metric) {
            case "line_punct_ratio", "short_line_ratio", "char_dup_ratio" -> Optional.of("no lines");
            case "list_ratio" -> Optional.of("no words");
            default -> Optional.empty();
        };
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        FineWebQuality.Params params = new FineWebQuality.Params(p.number(LINE_PUNCT_THR), p.flag(LINE_PUNCT_EXCLUDE_ZERO),
                p.strings(STOP_CHARS), p.number(SHORT_LINE_THR), (int) p.integer(SHORT_LINE_LENGTH),
                p.number(CHAR_DUPLICATES_RATIO), p.number(NEW_LINE_RATIO), "eng");
        return Measures.of(metrics(), (doc, out) -> {
            FineWebQuality.measure(doc.text(), doc.words(), params, out);
            return doc.text();
        });
    }

    /** The reference's checks in its order (the first, on an empty document, is always on). */
    static List<Check> checks(StepParams p) {
        return List.of(
                new Check("(always)", "n_lines", Check.Op.LT, 1, "empty"),
                new Check(LINE_PUNCT_THR.name(), "line_punct_ratio", Check.Op.LT, p.number(LINE_PUNCT_THR), "line_punct_ratio"),
                new Check(SHORT_LINE_THR.name(), "short_line_ratio", Check.Op.GT, p.number(SHORT_LINE_THR), "short_line_ratio"),
                new Check(CHAR_DUPLICATES_RATIO.name(), "char_dup_ratio", Check.Op.GT, p.number(CHAR_DUPLICATES_RATIO),
                        "char_dup_ratio"),
                new Check(NEW_LINE_RATIO.name(), "list_ratio", Check.Op.GT, p.number(NEW_LINE_RATIO), "list_ratio"));
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        ChecksDecider base = new ChecksDecider(reasons(), stepName, table, checks(p));
        if (!p.flag(LINE_PUNCT_EXCLUDE_ZERO)) {
            return base;
        }
        double[] punct = table.column(MetricTable.name(stepName, "line_punct_ratio"));
        return new StepDecider() {
            @Override
            public int decide(int row) {
                int r = base.decideFrom(row, 0);
                // line_punct_exclude_zero: a ratio of exactly 0 passes the punctuation check.
                if (r == base.reasonIndexOf(PUNCT_CHECK) && punct[row] == 0) {
                    return base.decideFrom(row, PUNCT_CHECK + 1);
                }
                return r;
            }

            @Override
            public List<Check> checks() {
                return base.checks();
            }

            @Override
            public boolean checkFails(int i, double value) {
                return !(i == PUNCT_CHECK && value == 0) && base.checks().get(i).drops(value);
            }
        };
    }
}
