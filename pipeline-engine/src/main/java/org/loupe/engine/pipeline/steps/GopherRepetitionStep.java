package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.ChecksDecider;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.filters.GopherRepetition;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code GopherRepetitionFilter} (spec §4): duplicated lines and paragraphs (by count and by
 * characters), the share of characters in the most frequent n-gram for n = 2..4 and in duplicated n-grams
 * for n = 5..10. The n's are measured, the fractions decided: the reference's default n's are always
 * measured, plus any a config adds, so moving a fraction or dropping an n decides without measuring.
 */
public final class GopherRepetitionStep extends AbstractStep {
    public static final String NAME = "gopher_repetition";

    public static final ParamSpec DUP_LINE_FRAC = ParamSpec.number("dup_line_frac", 0.3, 0.0, 1.0, true, DECISION,
            "Largest share of duplicated lines.").dropsAbove();
    public static final ParamSpec DUP_PARA_FRAC = ParamSpec.number("dup_para_frac", 0.3, 0.0, 1.0, true, DECISION,
            "Largest share of duplicated paragraphs.").dropsAbove();
    public static final ParamSpec DUP_LINE_CHAR_FRAC = ParamSpec.number("dup_line_char_frac", 0.2, 0.0, 1.0, true,
            DECISION, "Largest share of characters in duplicated lines.").dropsAbove();
    public static final ParamSpec DUP_PARA_CHAR_FRAC = ParamSpec.number("dup_para_char_frac", 0.2, 0.0, 1.0, true,
            DECISION, "Largest share of characters in duplicated paragraphs.").dropsAbove();
    public static final ParamSpec TOP_N_GRAMS = ParamSpec.pairs("top_n_grams",
            List.of(List.of(2, 0.2), List.of(3, 0.18), List.of(4, 0.16)), DECISION,
            "For n = 2, 3, 4: the largest share of characters in the most frequent n-gram.").dropsAbove();
    public static final ParamSpec DUP_N_GRAMS = ParamSpec.pairs("dup_n_grams",
            List.of(List.of(5, 0.15), List.of(6, 0.14), List.of(7, 0.13), List.of(8, 0.12), List.of(9, 0.11),
                    List.of(10, 0.10)), DECISION,
            "For n = 5..10: the largest share of characters in duplicated n-grams.").dropsAbove();
    public static final ParamSpec LANGUAGE = ParamSpec.string("language", "eng", false, MEASURE, "Word tokenizer language.");

    public GopherRepetitionStep() {
        super(NAME, "Gopher repetition", "GopherRepetitionFilter",
                List.of(DUP_LINE_FRAC, DUP_PARA_FRAC, DUP_LINE_CHAR_FRAC, DUP_PARA_CHAR_FRAC, TOP_N_GRAMS, DUP_N_GRAMS,
                        LANGUAGE),
                GopherRepetition.METRICS,
                List.of("dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac", "top_2_gram",
                        "top_3_gram", "top_4_gram", "duplicated_5_n_grams", "duplicated_6_n_grams",
                        "duplicated_7_n_grams", "duplicated_8_n_grams", "duplicated_9_n_grams", "duplicated_10_n_grams"),
                false);
    }

    /**
     * The character fractions are undefined for an empty text, the top n-gram fractions also when the text
     * has fewer than n words (the reference skips the check; see {@code GopherRepetition}).
     */
    @Override
    public Optional<String> undefinedReason(String metric) {
        java.util.regex.Matcher top = TOP_N_GRAM.matcher(metric);
        if (top.matches()) {
            return Optional.of("fewer than " + top.group(1) + " words");
        }
        if (metric.endsWith("_char_frac")) {
            return Optional.of("an empty text");
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern TOP_N_GRAM = java.util.regex.Pattern.compile("top_(\\d+)_gram_char_frac");

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        GopherRepetition.Params params = measured(p);
        return Measures.of(GopherRepetition.metricNames(params), (doc, out) -> {
            GopherRepetition.measure(doc.text(), doc.words(), params, out);
            return doc.text();
        });
    }

    @Override
    public Map<String, Object> measureKey(StepParams p) {
        Map<String, Object> key = super.measureKey(p);
        GopherRepetition.Params m = measured(p);
        key.put("n", m.topNGrams().stream().map(GopherRepetition.NGram::n).toList());
        key.put("m", m.dupNGrams().stream().map(GopherRepetition.NGram::n).toList());
        return key;
    }

    /** The n-grams to measure: the reference's default n's plus any the config adds. */
    static GopherRepetition.Params measured(StepParams p) {
        List<GopherRepetition.NGram> top = union(GopherRepetition.Params.DEFAULTS.topNGrams(), p.pairs(TOP_N_GRAMS));
        List<GopherRepetition.NGram> dup = union(GopherRepetition.Params.DEFAULTS.dupNGrams(), p.pairs(DUP_N_GRAMS));
        return new GopherRepetition.Params(null, null, null, null, top, dup, "eng");
    }

    private static List<GopherRepetition.NGram> union(List<GopherRepetition.NGram> base, List<StepParams.Pair> extra) {
        List<GopherRepetition.NGram> out = new ArrayList<>(base);
        for (StepParams.Pair g : extra) {
            if (out.stream().noneMatch(b -> b.n() == g.n())) {
                out.add(new GopherRepetition.NGram(g.n(), g.fraction()));
            }
        }
        return out;
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        return new ChecksDecider(reasons(), stepName, table, checks(p));
    }

    /** The reference's checks in its order: paragraphs, lines, top n-grams, duplicated n-grams. */
    static List<Check> checks(StepParams p) {
        List<Check> c = new ArrayList<>();
        Checks.ifSet(c, p, DUP_PARA_FRAC, "dup_para_frac", Check.Op.GT, "dup_para_frac");
        Checks.ifSet(c, p, DUP_PARA_CHAR_FRAC, "dup_para_char_frac", Check.Op.GT, "dup_para_char_frac");
        Checks.ifSet(c, p, DUP_LINE_FRAC, "dup_line_frac", Check.Op.GT, "dup_line_frac");
        Checks.ifSet(c, p, DUP_LINE_CHAR_FRAC, "dup_line_char_frac", Check.Op.GT, "dup_line_char_frac");
        for (StepParams.Pair g : p.pairs(TOP_N_GRAMS)) {
            c.add(new Check(TOP_N_GRAMS.name(), "top_" + g.n() + "_gram_char_frac", Check.Op.GT, g.fraction(),
                    "top_" + g.n() + "_gram"));
        }
        for (StepParams.Pair g : p.pairs(DUP_N_GRAMS)) {
            c.add(new Check(DUP_N_GRAMS.name(), "dup_" + g.n() + "_gram_char_frac", Check.Op.GT, g.fraction(),
                    "duplicated_" + g.n() + "_n_grams"));
        }
        return c;
    }
}
