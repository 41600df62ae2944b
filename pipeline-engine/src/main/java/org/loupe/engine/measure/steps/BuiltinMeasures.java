package org.loupe.engine.measure.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.filters.C4Quality;
import org.loupe.engine.measure.filters.FineWebQuality;
import org.loupe.engine.measure.filters.GopherQuality;
import org.loupe.engine.measure.filters.GopherRepetition;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;

/**
 * Binds each built-in step type to its reference measure ({@code measure.filters}, {@code measure.lid}),
 * with the step's measure parameters read from the config by the reference's names. Also gives each
 * step's <em>measure key</em>: the parameters that change what is measured, so that a threshold change
 * never re-measures and a measure change re-measures only that step (and, for a text-editing step, the
 * steps after it).
 */
public final class BuiltinMeasures {
    /** The line rules of C4 quality, whose removed-line counts are metrics too. */
    static final List<C4Quality.LineVerdict> C4_LINE_RULES = List.of(C4Quality.LineVerdict.TOO_LONG_WORD,
            C4Quality.LineVerdict.NO_TERMINAL_PUNCT, C4Quality.LineVerdict.TOO_FEW_WORDS, C4Quality.LineVerdict.JAVASCRIPT,
            C4Quality.LineVerdict.POLICY);

    /** C4 quality's metrics: the decision metrics, then lines removed per rule. */
    public static final List<String> C4_METRICS;

    static {
        List<String> m = new ArrayList<>(C4Quality.METRICS);
        for (C4Quality.LineVerdict v : C4_LINE_RULES) {
            m.add("lines_" + v.name().toLowerCase(java.util.Locale.ROOT));
        }
        C4_METRICS = List.copyOf(m);
    }

    private final EnglishTokenizer tokenizer;
    private final Supplier<LanguageIdentifier> lid;
    private LanguageMeasure language;
    private final java.util.function.Function<String, List<String>> badwords =
            org.loupe.engine.measure.badwords.C4BadWordsMeasure.classpathLoader(BuiltinMeasures.class);

    /**
     * @param tokenizer the English word tokenizer (shared by all steps)
     * @param lid       the language identifier, loaded on first use
     */
    public BuiltinMeasures(EnglishTokenizer tokenizer, Supplier<LanguageIdentifier> lid) {
        this.tokenizer = tokenizer;
        this.lid = lid;
    }

    /** The word splitter every step shares (spec §1.2). */
    public List<String> words(String text) {
        return tokenizer.words(text);
    }

    /** The measure of a step with the given effective parameters (defaults filled in). */
    public StepMeasure create(StepType type, Map<String, Object> p) {
        return switch (type.name()) {
            case "gopher_quality" -> gopherQuality(p);
            case "gopher_repetition" -> gopherRepetition(p);
            case "c4_quality" -> c4(p);
            case "fineweb_quality" -> fineweb(p);
            case "language" -> languageMeasure();
            case "url" -> new org.loupe.engine.measure.url.UrlMeasure(p, DocumentText::url);
            case "c4_badwords" -> new org.loupe.engine.measure.badwords.C4BadWordsMeasure(badwords,
                    doc -> doc.attribute("language") instanceof String l ? l : null, (String) p.get("default_language"));
            default -> {
                if (type instanceof org.loupe.engine.pipeline.ExtensionStep e) {
                    yield e.measure(p);
                }
                throw new IllegalArgumentException("no measure for step type " + type.name());
            }
        };
    }

    /** The parameters that decide what a step measures, as a stable map (the step's measure key). */
    public static Map<String, Object> measureKey(StepType type, Map<String, Object> effective) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("type", type.name());
        for (ParamSpec spec : type.params()) {
            if (spec.role() == ParamSpec.Role.MEASURE) {
                key.put(spec.name(), effective.get(spec.name()));
            }
        }
        if (type.name().equals("gopher_repetition")) {
            key.put("n", repetitionParams(effective).topNGrams().stream().map(GopherRepetition.NGram::n).toList());
            key.put("m", repetitionParams(effective).dupNGrams().stream().map(GopherRepetition.NGram::n).toList());
        }
        return key;
    }

    private synchronized LanguageMeasure languageMeasure() {
        if (language == null) {
            language = new LanguageMeasure(lid.get());
        }
        return language;
    }

    private StepMeasure gopherQuality(Map<String, Object> p) {
        GopherQuality.Params params = new GopherQuality.Params(null, null, null, null, null, null, null, null, null,
                strings(p.get("stop_words")), "eng");
        return new Simple(GopherQuality.METRICS, (doc, out) -> {
            GopherQuality.measure(doc.text(), doc.words(), params, out);
            return doc.text();
        });
    }

    private StepMeasure gopherRepetition(Map<String, Object> p) {
        GopherRepetition.Params params = repetitionParams(p);
        return new Simple(GopherRepetition.metricNames(params), (doc, out) -> {
            GopherRepetition.measure(doc.text(), doc.words(), params, out);
            return doc.text();
        });
    }

    /**
     * The n-grams to measure: the reference's default n's plus any the config adds, so that changing
     * a fraction, or dropping an n, decides again without measuring again.
     */
    static GopherRepetition.Params repetitionParams(Map<String, Object> p) {
        List<GopherRepetition.NGram> top = union(GopherRepetition.Params.DEFAULTS.topNGrams(), pairs(p.get("top_n_grams")));
        List<GopherRepetition.NGram> dup = union(GopherRepetition.Params.DEFAULTS.dupNGrams(), pairs(p.get("dup_n_grams")));
        return new GopherRepetition.Params(null, null, null, null, top, dup, "eng");
    }

    private static List<GopherRepetition.NGram> union(List<GopherRepetition.NGram> base, List<GopherRepetition.NGram> extra) {
        List<GopherRepetition.NGram> out = new ArrayList<>(base);
        for (GopherRepetition.NGram g : extra) {
            if (out.stream().noneMatch(b -> b.n() == g.n())) {
                out.add(g);
            }
        }
        return out;
    }

    private static C4Quality.Params c4Params(Map<String, Object> p) {
        return new C4Quality.Params(bool(p, "split_paragraph"), bool(p, "remove_citations"),
                bool(p, "filter_no_terminal_punct"), integer(p, "min_num_sentences"), integer(p, "min_words_per_line"),
                integer(p, "max_word_length"), bool(p, "filter_lorem_ipsum"), bool(p, "filter_javascript"),
                bool(p, "filter_curly_bracket"), bool(p, "filter_policy"), "eng");
    }

    private C4Quality.SentenceSplitter c4Sentences() {
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

    /** One line (unit) of C4 quality's loop: its span in the original text and what the step did with it. */
    public record C4Line(int start, int end, C4Quality.LineVerdict verdict) { }

    /**
     * C4 quality's line-by-line outcome for one text under the step's effective parameters, for the line
     * diff: every line the loop visited with its verdict (kept, the rule that removed it, the line that
     * dropped the document, or not reached).
     */
    public List<C4Line> c4Lines(Map<String, Object> effective, String text) {
        C4Quality.Params params = c4Params(effective);
        C4Quality.Lines lines = C4Quality.measure(text, c4Sentences(), params, new double[C4Quality.METRICS.size()]);
        List<C4Quality.LineVerdict> verdicts = lines.verdicts(params);
        List<C4Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(new C4Line(lines.start(i), lines.end(i), verdicts.get(i)));
        }
        return out;
    }

    private StepMeasure c4(Map<String, Object> p) {
        C4Quality.Params params = c4Params(p);
        C4Quality.SentenceSplitter sentences = c4Sentences();
        C4Quality.Params lineRulesOnly = params.withDocumentChecks(false, false, params.minNumSentences());
        int base = C4Quality.METRICS.size();
        return new Simple(C4_METRICS, (doc, out) -> {
            C4Quality.Lines lines = C4Quality.measure(doc.text(), sentences, params, out);
            // Per-rule line counters (datatrove's line-filter-* statistics).
            for (int i = 0; i < C4_LINE_RULES.size(); i++) {
                out[base + i] = 0;
            }
            for (C4Quality.LineVerdict v : lines.verdicts(lineRulesOnly)) {
                int rule = C4_LINE_RULES.indexOf(v);
                if (rule >= 0) {
                    out[base + rule]++;
                }
            }
            return lines.textAfter();
        });
    }

    private StepMeasure fineweb(Map<String, Object> p) {
        FineWebQuality.Params params = new FineWebQuality.Params(number(p, "line_punct_thr"),
                bool(p, "line_punct_exclude_zero"), strings(p.get("stop_chars")), number(p, "short_line_thr"),
                integer(p, "short_line_length"), number(p, "char_duplicates_ratio"), number(p, "new_line_ratio"), "eng");
        return new Simple(FineWebQuality.METRICS, (doc, out) -> {
            FineWebQuality.measure(doc.text(), doc.words(), params, out);
            return doc.text();
        });
    }

    /** A measure made of its metric names and a function. */
    private record Simple(List<String> metrics, Body body) implements StepMeasure {
        @Override
        public String measure(DocumentText doc, double[] out) {
            return body.measure(doc, out);
        }
    }

    @FunctionalInterface
    private interface Body {
        String measure(DocumentText doc, double[] out);
    }

    private static boolean bool(Map<String, Object> p, String k) {
        return Boolean.TRUE.equals(p.get(k));
    }

    private static int integer(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).intValue();
    }

    private static double number(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    private static List<GopherRepetition.NGram> pairs(Object v) {
        List<GopherRepetition.NGram> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object pair : l) {
                List<?> nf = (List<?>) pair;
                out.add(new GopherRepetition.NGram(((Number) nf.get(0)).intValue(), ((Number) nf.get(1)).doubleValue()));
            }
        }
        return out;
    }

    /** Convenience for callers that hold a step config. */
    public StepMeasure create(StepType type, StepConfig step) {
        return create(type, org.loupe.engine.pipeline.ConfigLoader.effectiveParams(type, step, null));
    }
}
