package org.loupe.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.measure.text.TokenizedText;
import picocli.CommandLine.Command;

/**
 * {@code loupe bench tokenizer --input PATH}: the English (spaCy-compatible) tokenizer's throughput, in MB of
 * UTF-8 per second of this thread's CPU time (other processes on the machine do not count), best pass. "cold"
 * is a new tokenizer (empty chunk cache) per pass, as for the first documents of a run; "warm" reuses one, as in
 * a long run. Baseline in the same run: UTF-8 encoding of the texts (a floor for touching every character).
 */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Measure MB/s per core of the English tokenizer on real text: words with a cold and a warm cache, "
                + "words + sentences (one thread, CPU time).")
public final class BenchTokenizerCommand extends TextBenchCommand {
    public BenchTokenizerCommand() {
        super(6);
    }

    @Override
    Map<String, Object> measure(List<String> texts, int passes) {
        return run(texts, passes);
    }

    static Map<String, Object> run(List<String> texts, int passes) {
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        EnglishTokenizer warm = EnglishTokenizer.create();
        long bestCold = Long.MAX_VALUE;
        long bestWarm = Long.MAX_VALUE;
        long bestBoth = Long.MAX_VALUE;
        long bestUtf8 = Long.MAX_VALUE;
        long sink = 0;
        for (int pass = 0; pass < passes; pass++) {
            EnglishTokenizer cold = EnglishTokenizer.create();
            long t0 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += cold.words(t).size();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += warm.words(t).size();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                TokenizedText tt = warm.analyze(t);
                sink += tt.words().size() + tt.sentencePieces().size();
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += t.getBytes(StandardCharsets.UTF_8).length;
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            bestCold = Math.min(bestCold, t1 - t0);
            bestWarm = Math.min(bestWarm, t2 - t1);
            bestBoth = Math.min(bestBoth, t3 - t2);
            bestUtf8 = Math.min(bestUtf8, t4 - t3);
        }
        double mb = bytes / 1e6;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "tokenizer");
        out.put("documents", texts.size());
        out.put("megabytes", Math.round(bytes / 1e4) / 100.0);
        out.put("passes", passes);
        out.put("words_cold_cache_MB_per_s", mbPerSecond(mb, bestCold));
        out.put("words_warm_cache_MB_per_s", mbPerSecond(mb, bestWarm));
        out.put("words_and_sentences_warm_cache_MB_per_s", mbPerSecond(mb, bestBoth));
        out.put("baseline_utf8_encode_MB_per_s", mbPerSecond(mb, bestUtf8));
        out.put("timing", "best pass, thread CPU time");
        out.put("checksum", sink);
        return out;
    }

    private static double mbPerSecond(double mb, long nanos) {
        return Math.round(100 * mb / (Math.max(1, nanos) / 1e9)) / 100.0;
    }
}
