package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.filters.C4Quality;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code C4QualityFilter} (spec §5): removes lines (too long a word, no terminal punctuation,
 * too few words, javascript, policy phrases, citations) and rewrites the text; drops the document on a
 * lorem-ipsum or curly-bracket line, or with too few sentences left. The line rules are measured (they
 * change the text the next steps see); the three document checks are decided.
 */
public final class C4QualityStep extends AbstractStep {
    public static final String NAME = "c4_quality";

    public static final ParamSpec SPLIT_PARAGRAPH = ParamSpec.bool("split_paragraph", true, MEASURE,
            "Judge lines (true) or spaCy sentences (false).");
    public static final ParamSpec REMOVE_CITATIONS = ParamSpec.bool("remove_citations", true, MEASURE,
            "Remove [1], [edit], [citation needed] markers.");
    public static final ParamSpec FILTER_NO_TERMINAL_PUNCT = ParamSpec.bool("filter_no_terminal_punct", true, MEASURE,
            "Remove lines that do not end in . ? ! \" '.");
    public static final ParamSpec MIN_NUM_SENTENCES = ParamSpec.integer("min_num_sentences", 5L, -1L, null, false,
            DECISION, "Fewest sentences left after line removal (-1 disables).").dropsBelow();
    public static final ParamSpec MIN_WORDS_PER_LINE = ParamSpec.integer("min_words_per_line", 3L, -1L, null, false,
            MEASURE, "Remove lines with fewer words.");
    public static final ParamSpec MAX_WORD_LENGTH = ParamSpec.integer("max_word_length", 1000L, -1L, null, false, MEASURE,
            "Remove lines with a longer word (-1 disables).");
    public static final ParamSpec FILTER_LOREM_IPSUM = ParamSpec.bool("filter_lorem_ipsum", true, DECISION,
            "Drop documents with 'lorem ipsum'.");
    public static final ParamSpec FILTER_JAVASCRIPT = ParamSpec.bool("filter_javascript", true, MEASURE,
            "Remove lines mentioning javascript.");
    public static final ParamSpec FILTER_CURLY_BRACKET = ParamSpec.bool("filter_curly_bracket", true, DECISION,
            "Drop documents with a '{' in a kept line.");
    public static final ParamSpec FILTER_POLICY = ParamSpec.bool("filter_policy", true, MEASURE,
            "Remove lines with policy phrases (terms of use, cookies...).");
    public static final ParamSpec LANGUAGE = ParamSpec.string("language", "eng", false, MEASURE, "Sentence splitter language.");

    /** The line rules whose removed-line counts are metrics too (datatrove's line-filter-* statistics). */
    static final List<C4Quality.LineVerdict> LINE_RULES = List.of(C4Quality.LineVerdict.TOO_LONG_WORD,
            C4Quality.LineVerdict.NO_TERMINAL_PUNCT, C4Quality.LineVerdict.TOO_FEW_WORDS, C4Quality.LineVerdict.JAVASCRIPT,
            C4Quality.LineVerdict.POLICY);

    /** The metrics: the decision metrics, then lines removed per rule. */
    public static final List<String> METRICS;

    static {
        List<String> m = new ArrayList<>(C4Quality.METRICS);
        for (C4Quality.LineVerdict v : LINE_RULES) {
            m.add("lines_" + v.name().toLowerCase(Locale.ROOT));
        }
        METRICS = List.copyOf(m);
    }

    public C4QualityStep() {
        super(NAME, "C4 quality", "C4QualityFilter",
                List.of(SPLIT_PARAGRAPH, REMOVE_CITATIONS, FILTER_NO_TERMINAL_PUNCT, MIN_NUM_SENTENCES, MIN_WORDS_PER_LINE,
                        MAX_WORD_LENGTH, FILTER_LOREM_IPSUM, FILTER_JAVASCRIPT, FILTER_CURLY_BRACKET, FILTER_POLICY, LANGUAGE),
                METRICS, List.of("lorem_ipsum", "curly_bracket", "too_few_sentences"), true);
    }

    static C4Quality.Params params(StepParams p) {
        return new C4Quality.Params(p.flag(SPLIT_PARAGRAPH), p.flag(REMOVE_CITATIONS), p.flag(FILTER_NO_TERMINAL_PUNCT),
                (int) p.integer(MIN_NUM_SENTENCES), (int) p.integer(MIN_WORDS_PER_LINE), (int) p.integer(MAX_WORD_LENGTH),
                p.flag(FILTER_LOREM_IPSUM), p.flag(FILTER_JAVASCRIPT), p.flag(FILTER_CURLY_BRACKET), p.flag(FILTER_POLICY),
                "eng");
    }

    /** spaCy-compatible sentences from the shared tokenizer. */
    static C4Quality.SentenceSplitter sentences(EnglishTokenizer tokenizer) {
        return new C4Quality.SentenceSplitter() {
            @Override
            public List<String> splitIntoSentences(String text) {
                return tokenizer.splitIntoSentences(text);
            }

            @Override
            public int countSentences(String text) {
                return Math.max(1, tokenizer.analyze(text).sentenceCount());
            }
        };
    }

    /** The two line-index metrics are undefined when no line has the thing they point at (see {@code C4Quality}). */
    @Override
    public Optional<String> undefinedReason(String metric) {
        return switch (metric) {
            case "lorem_ipsum_line" -> Optional.of("no line contains \"lorem ipsum\"");
            case "curly_bracket_line" -> Optional.of("no line contains \"{\"");
            default -> Optional.empty();
        };
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        C4Quality.Params params = params(p);
        C4Quality.SentenceSplitter sentences = sentences(resources.tokenizer());
        C4Quality.Params lineRulesOnly = params.withDocumentChecks(false, false, params.minNumSentences());
        int base = C4Quality.METRICS.size();
        return Measures.of(METRICS, (doc, out) -> {
            C4Quality.Lines lines = C4Quality.measure(doc.text(), sentences, params, out);
            for (int i = 0; i < LINE_RULES.size(); i++) {
                out[base + i] = 0;
            }
            for (C4Quality.LineVerdict v : lines.verdicts(lineRulesOnly)) {
                int rule = LINE_RULES.indexOf(v);
                if (rule >= 0) {
                    out[base + rule]++;
                }
            }
            return lines.textAfter();
        });
    }

    @Override
    public Optional<List<LineOutcome>> lineOutcomes(StepParams p, String text, StepResources resources) {
        C4Quality.Params params = params(p);
        C4Quality.Lines lines = C4Quality.measure(text, sentences(resources.tokenizer()), params,
                new double[C4Quality.METRICS.size()]);
        List<C4Quality.LineVerdict> verdicts = lines.verdicts(params);
        List<LineOutcome> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            C4Quality.LineVerdict v = verdicts.get(i);
            String rule = switch (v) {
                case KEPT -> "kept";
                case NOT_REACHED -> "not reached";
                case LOREM_IPSUM, CURLY_BRACKET -> "drops the document: " + v.name().toLowerCase(Locale.ROOT);
                default -> v.name().toLowerCase(Locale.ROOT);
            };
            boolean removed = v != C4Quality.LineVerdict.KEPT && v != C4Quality.LineVerdict.NOT_REACHED;
            out.add(new LineOutcome(lines.start(i), lines.end(i), rule, removed));
        }
        return Optional.of(out);
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        return new Decider(this, stepName, table, p);
    }

    /**
     * C4 quality's decision (spec §5). While walking the lines, the reference drops the document at the
     * first surviving line with "lorem ipsum" (when {@code filter_lorem_ipsum}) or a '{' (when
     * {@code filter_curly_bracket}); the measure records the index of the first such line of each kind
     * ({@code lorem_ipsum_line}, {@code curly_bracket_line}; NaN when there is none), so either toggle can
     * change without measuring again. On the same line lorem ipsum is checked first. Otherwise the document
     * is dropped when it has fewer than {@code min_num_sentences} sentences ({@code -1}: never).
     */
    private static final class Decider implements StepDecider {
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

        Decider(C4QualityStep type, String step, MetricTable table, StepParams p) {
            lorem = table.column(MetricTable.name(step, "lorem_ipsum_line"));
            curly = table.column(MetricTable.name(step, "curly_bracket_line"));
            sentences = table.column(MetricTable.name(step, "num_sentences"));
            useLorem = p.flag(FILTER_LOREM_IPSUM);
            useCurly = p.flag(FILTER_CURLY_BRACKET);
            minSentences = p.number(MIN_NUM_SENTENCES);
            loremReason = type.reasons().indexOf("lorem_ipsum");
            curlyReason = type.reasons().indexOf("curly_bracket");
            fewReason = type.reasons().indexOf("too_few_sentences");
            if (minSentences != -1) {
                checks.add(new Check(MIN_NUM_SENTENCES.name(), "num_sentences", Check.Op.LT, minSentences, "too_few_sentences"));
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
}
