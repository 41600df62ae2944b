package org.loupe.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

/**
 * Measuring throughput of the four reference quality filters (Gopher quality, Gopher repetition,
 * C4 quality, FineWeb quality) on real text, one thread, CPU time: every document's word list is
 * computed once and shared. Baselines in the same run: the word tokenizer alone, and UTF-8 encoding
 * of the texts (a floor for touching every character).
 */
public final class MeasureBenchmark {
    /** datatrove's four quality filters, MB/s on one core, measured side by side (an older 0.22 was wrong). */
    static final double REFERENCE_MB_PER_S = 0.63;

    private MeasureBenchmark() {
    }

    public static Map<String, Object> run(List<String> texts, int passes) {
        StepCatalog catalog = BuiltinSteps.catalog(Set.of());
        EnglishTokenizer tokenizer = EnglishTokenizer.shared();
        StepResources measures = new StepResources(tokenizer, () -> {
            throw new IllegalStateException("no language step in this benchmark");
        });
        List<StepMeasure> steps = new ArrayList<>();
        for (String name : List.of("gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality")) {
            StepType type = catalog.type(name).orElseThrow();
            steps.add(measures.create(type, StepConfig.of(name)));
        }
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double sink = 0;
        long bestAll = Long.MAX_VALUE;
        long bestWords = Long.MAX_VALUE;
        long bestUtf8 = Long.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (String text : texts) {
                DocumentText doc = new DocumentText(text, tokenizer::words);
                for (StepMeasure m : steps) {
                    double[] out = new double[m.metrics().size()];
                    String after = m.measure(doc, out);
                    sink += out[0] + after.length();
                }
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (String text : texts) {
                sink += tokenizer.words(text).size();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (String text : texts) {
                sink += text.getBytes(StandardCharsets.UTF_8).length;
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            bestAll = Math.min(bestAll, t1 - t0);
            bestWords = Math.min(bestWords, t2 - t1);
            bestUtf8 = Math.min(bestUtf8, t3 - t2);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "measure");
        out.put("documents", texts.size());
        out.put("megabytes", Math.round(bytes / 1e4) / 100.0);
        out.put("passes", passes);
        out.put("filters", "gopher_repetition, gopher_quality, c4_quality, fineweb_quality (one shared word list per document)");
        double mb = bytes / 1e6;
        out.put("MB_per_s_per_core", round(mb / (bestAll / 1e9)));
        out.put("baseline_tokenizer_only_MB_per_s", round(mb / (bestWords / 1e9)));
        out.put("baseline_utf8_encode_MB_per_s", round(mb / (bestUtf8 / 1e9)));
        // datatrove's four quality filters on one core, measured side by side on this kind of machine.
        out.put("reference_MB_per_s_per_core", REFERENCE_MB_PER_S);
        out.put("speedup_vs_reference", round(mb / (bestAll / 1e9) / REFERENCE_MB_PER_S));
        out.put("goal_MB_per_s_per_core", 9.0);
        out.put("timing", "best pass, thread CPU time");
        out.put("checksum", sink);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
