package org.loupe.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.dedup.MinHasher;
import org.loupe.engine.measure.dedup.TextNormalizer;
import org.loupe.engine.measure.text.EnglishTokenizer;
import picocli.CommandLine.Command;

/**
 * {@code loupe bench minhash --input PATH}: MinHash signature throughput ({@link MinHasher}, datatrove's
 * {@code MinhashDedupSignature}) in MB of UTF-8 input per second of this thread's CPU time, best pass. Baselines
 * in the same run: {@code simplify_text} alone, and {@code simplify_text} plus the English tokenizer (what a
 * signature costs before any shingle is hashed), so the shingle hashing's own share shows.
 */
@Command(name = "minhash", mixinStandardHelpOptions = true,
        description = "Measure MB/s per core of MinHash signatures (xxhash and sha1) on real text against simplify_text "
                + "and tokenizing alone (one thread, CPU time).")
public final class BenchMinhashCommand extends TextBenchCommand {
    public BenchMinhashCommand() {
        super(5);
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
        EnglishTokenizer tokenizer = EnglishTokenizer.shared();
        MinHasher xxhash = new MinHasher(MinHasher.HashFunction.XXHASH, tokenizer);
        MinHasher sha1 = new MinHasher(MinHasher.HashFunction.SHA1, tokenizer);
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long sink = 0;
        int signatures = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += TextNormalizer.simplify(t).length();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += tokenizer.words(TextNormalizer.simplify(t)).size();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            signatures = 0;
            for (String t : texts) {
                long[] s = xxhash.signature(t);
                if (s != null) {
                    sink += s[0];
                    signatures++;
                }
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (String t : texts) {
                long[] s = sha1.signature(t);
                sink += s == null ? 0 : s[0];
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            best[0] = Math.min(best[0], t1 - t0);
            best[1] = Math.min(best[1], t2 - t1);
            best[2] = Math.min(best[2], t3 - t2);
            best[3] = Math.min(best[3], t4 - t3);
        }
        double mb = bytes / 1e6;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "minhash");
        out.put("documents", texts.size());
        out.put("documents_with_signature", signatures);
        out.put("megabytes", Math.round(bytes / 1e4) / 100.0);
        out.put("passes", passes);
        out.put("baseline_simplify_text_MB_per_s", mbPerSecond(mb, best[0]));
        out.put("baseline_simplify_and_tokenize_MB_per_s", mbPerSecond(mb, best[1]));
        out.put("signature_xxhash_MB_per_s", mbPerSecond(mb, best[2]));
        out.put("signature_sha1_MB_per_s", mbPerSecond(mb, best[3]));
        out.put("signature_xxhash_vs_tokenize", Math.round(100.0 * best[1] / Math.max(1, best[2])) / 100.0);
        out.put("goal_MB_per_s", 10.0);
        out.put("timing", "best pass, thread CPU time");
        out.put("checksum", sink);
        return out;
    }

    private static double mbPerSecond(double mb, long nanos) {
        return Math.round(100 * mb / (Math.max(1, nanos) / 1e9)) / 100.0;
    }
}
