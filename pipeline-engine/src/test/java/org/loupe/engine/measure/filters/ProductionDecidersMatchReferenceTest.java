package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.task.TaskContext;

/**
 * The one decision path Loupe has — a step type's decider, run by {@link Decisions} over measured
 * columns — against the reference's decision functions ({@link ReferenceDecisions}, datatrove's filter
 * code transcribed line by line) at random thresholds for every thresholded parameter of Gopher quality,
 * Gopher repetition, C4 quality and FineWeb quality. The metrics are the production measures of the 1,107
 * golden documents, so the thresholds fall among real values; a third of the thresholds are set exactly
 * to a document's value, where {@code <} and {@code <=} part ways; null and 0 (the reference's "off") are
 * drawn too.
 */
class ProductionDecidersMatchReferenceTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static MetricTable table;
    private static RowKeys keys;

    /** Every golden document measured once by the production measures of the four steps. */
    private static synchronized MetricTable table() {
        if (table == null) {
            List<ReferenceGolden.Doc> docs = ReferenceGolden.docs();
            StepResources resources = new StepResources(EnglishTokenizer.shared(), () -> {
                throw new IllegalStateException("no language step here");
            });
            List<Measurer.Step> steps = new ArrayList<>();
            for (StepType type : List.of(BuiltinSteps.GOPHER_QUALITY, BuiltinSteps.GOPHER_REPETITION,
                    BuiltinSteps.C4_QUALITY, BuiltinSteps.FINEWEB_QUALITY)) {
                steps.add(new Measurer.Step(type.name(), resources.create(type, StepConfig.of(type.name()))));
            }
            int n = docs.size();
            MetricTable t = new MetricTable(n);
            new Measurer(2, resources::words).measure(n, row -> docs.get(row).text(), steps, true, t, TaskContext.NONE);
            table = t;
            keys = new RowKeys(new long[n], new String[n], new long[n]);
        }
        return table;
    }

    /** A threshold drawn among the documents' values, at a value, null, 0, or anywhere in [lo, hi]. */
    private static Double threshold(Random r, String column, double lo, double hi, boolean nullable, boolean integer) {
        int pick = r.nextInt(10);
        double v;
        if (nullable && pick == 0) {
            return null;
        } else if (pick == 1) {
            v = 0;
        } else if (pick < 5) {
            double[] values = table().column(column);
            v = values[r.nextInt(values.length)];
            if (Double.isNaN(v)) {
                v = lo;
            }
        } else {
            v = lo + r.nextDouble() * (hi - lo);
        }
        v = Math.max(lo, Math.min(hi, v));
        return integer ? (double) Math.round(v) : v;
    }

    private static Integer asInt(Double d) {
        return d == null ? null : (int) Math.round(d);
    }

    /**
     * Decides one step config with production code and with the oracle (given each row's metrics in the
     * filter's own order) and asserts the same reason on every document.
     */
    private static void assertSameDecisions(StepConfig step, List<String> metrics, Function<double[], String> oracle) {
        MetricTable t = table();
        Decisions d = Decisions.decide(PipelineConfig.of("p", List.of(step)), CATALOG, t, keys);
        double[][] columns = new double[metrics.size()][];
        for (int i = 0; i < metrics.size(); i++) {
            columns[i] = t.column(MetricTable.name(step.stepName(), metrics.get(i)));
        }
        List<String> mismatches = new ArrayList<>();
        double[] m = new double[metrics.size()];
        for (int row = 0; row < t.rows(); row++) {
            for (int i = 0; i < m.length; i++) {
                m[i] = columns[i][row];
            }
            String expected = oracle.apply(m);
            if (!Objects.equals(expected, d.stepReason(0, row)) && mismatches.size() < 10) {
                mismatches.add("row " + row + ": reference " + expected + ", Loupe " + d.stepReason(0, row));
            }
        }
        assertThat(mismatches).as("%s", step.params()).isEmpty();
    }

    @Property(tries = 150)
    void gopherQualityAtRandomThresholds(@ForAll long seed) {
        Random r = new Random(seed);
        String p = "gopher_quality.";
        Double minWords = threshold(r, p + "n_non_symbol_words", 0, 400, true, true);
        Double maxWords = threshold(r, p + "n_non_symbol_words", 0, 5000, true, true);
        Double minAvg = threshold(r, p + "avg_word_length", 0, 8, true, false);
        Double maxAvg = threshold(r, p + "avg_word_length", 0, 15, true, false);
        Double symbol = threshold(r, p + "hash_ratio", 0, 0.5, true, false);
        Double bullets = threshold(r, p + "bullet_lines_ratio", 0, 1, true, false);
        Double ellipsis = threshold(r, p + "end_ellipsis_lines_ratio", 0, 1, true, false);
        Double alpha = threshold(r, p + "alpha_words_ratio", 0, 1, true, false);
        Double stop = threshold(r, p + "n_stop_words_present", 0, 8, true, true);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("min_doc_words", minWords == null ? null : Math.round(minWords));
        values.put("max_doc_words", maxWords == null ? null : Math.round(maxWords));
        values.put("min_avg_word_length", minAvg);
        values.put("max_avg_word_length", maxAvg);
        values.put("max_symbol_word_ratio", symbol);
        values.put("max_bullet_lines_ratio", bullets);
        values.put("max_ellipsis_lines_ratio", ellipsis);
        values.put("max_non_alpha_words_ratio", alpha);
        values.put("min_stop_words", stop == null ? null : Math.round(stop));
        GopherQuality.Params reference = new GopherQuality.Params(asInt(minWords), asInt(maxWords), minAvg, maxAvg, symbol,
                bullets, ellipsis, alpha, asInt(stop), null, "eng");
        assertSameDecisions(step("gopher_quality", values), GopherQuality.METRICS,
                m -> ReferenceDecisions.gopherQuality(m, reference));
    }

    @Property(tries = 150)
    void gopherRepetitionAtRandomThresholds(@ForAll long seed) {
        Random r = new Random(seed);
        String p = "gopher_repetition.";
        Double lineFrac = threshold(r, p + "dup_line_frac", 0, 1, true, false);
        Double paraFrac = threshold(r, p + "dup_para_frac", 0, 1, true, false);
        Double lineChar = threshold(r, p + "dup_line_char_frac", 0, 1, true, false);
        Double paraChar = threshold(r, p + "dup_para_char_frac", 0, 1, true, false);
        List<GopherRepetition.NGram> top = new ArrayList<>();
        List<List<Number>> topValue = new ArrayList<>();
        for (int n = 2; n <= 4; n++) {
            double f = threshold(r, p + "top_" + n + "_gram_char_frac", 0, 1, false, false);
            top.add(new GopherRepetition.NGram(n, f));
            topValue.add(List.of((long) n, f));
        }
        List<GopherRepetition.NGram> dup = new ArrayList<>();
        List<List<Number>> dupValue = new ArrayList<>();
        for (int n = 5; n <= 10; n++) {
            double f = threshold(r, p + "dup_" + n + "_gram_char_frac", 0, 1, false, false);
            dup.add(new GopherRepetition.NGram(n, f));
            dupValue.add(List.of((long) n, f));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dup_line_frac", lineFrac);
        values.put("dup_para_frac", paraFrac);
        values.put("dup_line_char_frac", lineChar);
        values.put("dup_para_char_frac", paraChar);
        values.put("top_n_grams", topValue);
        values.put("dup_n_grams", dupValue);
        GopherRepetition.Params reference = new GopherRepetition.Params(lineFrac, paraFrac, lineChar, paraChar, top, dup, "eng");
        assertSameDecisions(step("gopher_repetition", values), GopherRepetition.metricNames(reference),
                m -> ReferenceDecisions.gopherRepetition(m, reference));
    }

    @Property(tries = 150)
    void c4QualityDocumentChecksAtRandomThresholds(@ForAll long seed) {
        Random r = new Random(seed);
        int minSentences = r.nextInt(8) == 0 ? -1 : (int) Math.round(threshold(r, "c4_quality.num_sentences", 0, 30, false, true));
        boolean lorem = r.nextBoolean();
        boolean curly = r.nextBoolean();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("min_num_sentences", (long) minSentences);
        values.put("filter_lorem_ipsum", lorem);
        values.put("filter_curly_bracket", curly);
        C4Quality.Params reference = new C4Quality.Params(true, true, true, minSentences, 3, 1000, lorem, true, curly, true, "eng");
        assertSameDecisions(step("c4_quality", values), C4Quality.METRICS, m -> ReferenceDecisions.c4Quality(m, reference));
    }

    @Property(tries = 150)
    void fineWebQualityAtRandomThresholds(@ForAll long seed) {
        Random r = new Random(seed);
        String p = "fineweb_quality.";
        double punct = threshold(r, p + "line_punct_ratio", 0, 1, false, false);
        boolean excludeZero = r.nextBoolean();
        double shortLines = threshold(r, p + "short_line_ratio", 0, 1, false, false);
        double charDup = threshold(r, p + "char_dup_ratio", 0, 1, false, false);
        double newLines = threshold(r, p + "list_ratio", 0, 2, false, false);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("line_punct_thr", punct);
        values.put("line_punct_exclude_zero", excludeZero);
        values.put("short_line_thr", shortLines);
        values.put("char_duplicates_ratio", charDup);
        values.put("new_line_ratio", newLines);
        FineWebQuality.Params reference = new FineWebQuality.Params(punct, excludeZero, null, shortLines, 30, charDup,
                newLines, "eng");
        assertSameDecisions(step("fineweb_quality", values), FineWebQuality.METRICS,
                m -> ReferenceDecisions.fineWebQuality(m, reference));
    }

    private static StepConfig step(String type, Map<String, Object> values) {
        return new StepConfig(type, null, true, 0, values, List.of());
    }
}
