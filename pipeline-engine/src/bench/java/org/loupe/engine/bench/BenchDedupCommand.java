package org.loupe.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.run.FullRun;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loupe bench dedup [--docs N | --input DIR]}: a full run with {@code minhash_dedup} only over a folder
 * with 30% near-duplicates, timed against reading and decompressing the same shards in the same run (Loupe's
 * reader, the same threads), with the peak heap of the run. The generated folder: originals cut from
 * pseudo-English texts ({@link BenchCorpus#texts}) with a third of their words replaced, and copies of recent
 * originals with 1–3% of their words replaced, deleted or inserted (Jaccard of 5-gram sets ≈ 0.8–0.95).
 */
@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = {"Time a full run with minhash_dedup over a folder with 30%% near-duplicates against reading and "
                + "decompressing the same shards in the same run; also peak heap and documents removed. Prints JSON.",
            "Goals: full run <= 3x the read baseline, peak heap <= 2 GB."})
public final class BenchDedupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    @Option(names = "--docs", paramLabel = "N", description = "Documents to generate (default: ${DEFAULT-VALUE}).")
    int docs = 1_000_000;

    @Option(names = "--input", paramLabel = "DIR", description = "Use this folder instead of generating one (only read).")
    Path input;

    @Option(names = "--work", paramLabel = "DIR", description = "Where to write the generated folder and the run's output "
            + "(default: a temporary folder, deleted afterwards).")
    Path work;

    @Option(names = "--docs-per-shard", paramLabel = "N", description = "Documents per generated shard (default: ${DEFAULT-VALUE}).")
    int perShard = 50_000;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the generated folder (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (docs < 1 || perShard < 1 || threads < 1) {
            throw new ParameterException(spec.commandLine(), "--docs, --docs-per-shard and --threads must be positive");
        }
        Path root = work != null ? Files.createDirectories(work) : Files.createTempDirectory("loupe-bench-dedup");
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "dedup");
            Path folder = input;
            if (folder == null) {
                folder = root.resolve("in");
                long started = System.nanoTime();
                long copies = generate(folder, docs, perShard, seed, threads);
                out.put("generated_documents", docs);
                out.put("generated_near_duplicates", copies);
                out.put("generate_seconds", seconds(System.nanoTime() - started));
            }
            ScanResult scan = new ShardScanner().scan(folder);
            out.put("shards", scan.shards().size());
            out.put("compressed_bytes", scan.totalBytes());
            out.put("threads", threads);

            long t0 = System.nanoTime();
            long read = readAll(scan, threads);
            long t1 = System.nanoTime();
            out.put("documents", read);
            out.put("read_baseline_seconds", seconds(t1 - t0));

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            Path output = root.resolve("out");
            AtomicFiles.deleteTree(output);
            PipelineConfig config = PipelineConfig.of("bench-dedup", List.of(StepConfig.of(MinHashDedupStep.NAME)));
            long t2 = System.nanoTime();
            FullRun.RunResult r = new FullRun(config, BuiltinSteps.catalog(java.util.Set.of()),
                    new StepResources(EnglishTokenizer.shared(), () -> null), ReaderOptions.defaults(), threads)
                    .run(scan, output, TaskContext.NONE);
            long t3 = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean p : heap) {
                peak += p.getPeakUsage().getUsed();
            }
            out.put("full_run_seconds", seconds(t3 - t2));
            out.put("ratio_full_run_to_read", Math.round(100.0 * (t3 - t2) / Math.max(1, t1 - t0)) / 100.0);
            out.put("goal_ratio", 3.0);
            out.put("documents_removed", r.removed().get(MinHashDedupStep.NAME));
            out.put("documents_kept", r.kept());
            out.put("peak_heap_mb", peak >> 20);
            out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
            out.put("goal_peak_heap_mb", 2048);
            out.put("peak_heap", "sum of the heap pools' peak usage during the full run (MemoryPoolMXBean)");
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(JSON.writeValueAsString(out));
            stdout.flush();
            return 0;
        } finally {
            if (work == null) {
                AtomicFiles.deleteTree(root);
            }
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    /** Reads and decompresses every shard with Loupe's reader, shards in parallel; returns the documents read. */
    static long readAll(ScanResult scan, int threads) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong count = new AtomicLong();
        AtomicLong chars = new AtomicLong();
        List<Shard> shards = scan.shards();
        Workers.run(threads, "bench-read", w -> {
            int i;
            while ((i = next.getAndIncrement()) < shards.size()) {
                try (DocumentReader reader = ShardReaders.open(shards.get(i), ReaderOptions.defaults(), p -> { })) {
                    Document d;
                    long n = 0;
                    long c = 0;
                    while ((d = reader.next()) != null) {
                        n++;
                        c += d.text().length();
                    }
                    count.addAndGet(n);
                    chars.addAndGet(c);
                }
            }
        });
        return count.get();
    }

    /**
     * Writes {@code docs} documents in shards of {@code perShard}: 70% originals, 30% near-copies of one of the
     * last 4,096 originals of the same shard. Returns the number of copies. The same seed gives the same files.
     */
    static long generate(Path dir, int docs, int perShard, long seed, int threads) throws Exception {
        Files.createDirectories(dir);
        List<String[]> pool = new ArrayList<>();
        for (String t : BenchCorpus.texts(2048, seed)) {
            pool.add(t.split("\\s+"));
        }
        String[] vocabulary = pool.stream().flatMap(java.util.Arrays::stream).distinct().sorted().toArray(String[]::new);
        int shards = (docs + perShard - 1) / perShard;
        AtomicInteger next = new AtomicInteger();
        AtomicLong copies = new AtomicLong();
        Workers.run(threads, "bench-generate", w -> {
            int s;
            while ((s = next.getAndIncrement()) < shards) {
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + s);
                int from = s * perShard;
                int to = Math.min(docs, from + perShard);
                String[][] recent = new String[4096][];
                int originals = 0;
                long shardCopies = 0;
                Path file = dir.resolve(String.format("dedup-%05d.jsonl.gz", s));
                try (Writer out = new BufferedWriter(new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
                    for (int i = from; i < to; i++) {
                        String[] words;
                        if (originals > 0 && r.nextInt(10) < 3) {
                            words = edit(recent[r.nextInt(Math.min(originals, recent.length))], vocabulary, r,
                                    0.01 + 0.02 * r.nextDouble());
                            shardCopies++;
                        } else {
                            String[] base = pool.get(r.nextInt(pool.size()));
                            int length = 30 + r.nextInt(370);
                            int start = r.nextInt(base.length);
                            words = new String[length];
                            for (int k = 0; k < length; k++) {
                                words[k] = r.nextInt(3) == 0 ? vocabulary[r.nextInt(vocabulary.length)]
                                        : base[(start + k) % base.length];
                            }
                            recent[originals++ % recent.length] = words;
                        }
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("id", "d" + i);
                        doc.put("text", String.join(" ", words));
                        doc.put("url", "https://site" + (i % 997) + ".example/page/" + i);
                        out.write(LINE.writeValueAsString(doc));
                        out.write('\n');
                    }
                }
                copies.addAndGet(shardCopies);
            }
        });
        return copies.get();
    }

    /** A copy of {@code words} with about {@code rate} of them replaced, deleted or preceded by an inserted word. */
    private static String[] edit(String[] words, String[] vocabulary, SplittableRandom r, double rate) {
        List<String> out = new ArrayList<>(words.length + 8);
        for (String w : words) {
            if (r.nextDouble() >= rate) {
                out.add(w);
                continue;
            }
            switch (r.nextInt(3)) {
                case 0 -> out.add(vocabulary[r.nextInt(vocabulary.length)]);
                case 1 -> { }
                default -> {
                    out.add(vocabulary[r.nextInt(vocabulary.length)]);
                    out.add(w);
                }
            }
        }
        return out.toArray(String[]::new);
    }
}
