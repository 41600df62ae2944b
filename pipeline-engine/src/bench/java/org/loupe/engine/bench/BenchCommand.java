package org.loupe.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.read.Compression;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Preview;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleManifest;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench}: performance measured against a baseline in the same run, never by timed unit tests.
 * {@code bench generate} writes a synthetic web-like corpus; {@code bench sample} times Loupe's sampler
 * against {@code zcat} of the same files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that report Loupe's speed as a ratio against a baseline measured in the same run.",
        subcommands = {BenchCommand.Generate.class, BenchCommand.SampleBench.class, BenchDecideCommand.class,
            BenchMeasureCommand.class, BenchTokenizerCommand.class, BenchLidCommand.class,
            BenchMinhashCommand.class, BenchDedupCommand.class})
public final class BenchCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The {@code bench} group of the {@code loupe} command line, added first when it is missing: each module's
     * {@link org.loupe.engine.cli.CliExtension} adds its benchmarks to it, in whatever order they are found.
     */
    public static CommandLine group(CommandLine root) {
        CommandLine bench = root.getSubcommands().get("bench");
        if (bench == null) {
            root.addSubcommand("bench", new BenchCommand());
            bench = root.getSubcommands().get("bench");
        }
        return bench;
    }

    /** {@code loupe bench generate --out DIR --mb 500 [--seed S]}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a deterministic benchmark corpus of web-like .jsonl.gz shards (id, text, url, timestamp, "
                    + "metadata; texts of 200 B to 20 KB made of Zipf-distributed words).")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the shards into (created).")
        Path out;

        @Option(names = "--mb", paramLabel = "MB", description = "Total compressed size in MB (default: ${DEFAULT-VALUE}).")
        int mb = 500;

        @Option(names = "--shard-mb", paramLabel = "MB", description = "Compressed size of each shard in MB (default: ${DEFAULT-VALUE}).")
        int shardMb = 64;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
        long seed = 42;

        @Option(names = "--words-from", paramLabel = "PATH", description = "Take the vocabulary and word frequencies from the texts of this shard or folder "
                + "(only read; default: a built-in pseudo-English generator).")
        Path wordsFrom;

        @Option(names = "--threads", paramLabel = "N", description = "Shards written in parallel (default: all cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (mb <= 0 || shardMb <= 0) {
                throw new ParameterException(spec.commandLine(), "--mb and --shard-mb must be positive");
            }
            long started = System.nanoTime();
            BenchCorpus corpus = wordsFrom == null ? BenchCorpus.builtIn(seed) : BenchCorpus.fromTexts(wordsFrom, seed);
            Files.createDirectories(out);
            long total = (long) mb << 20;
            long perShard = (long) shardMb << 20;
            int shards = (int) ((total + perShard - 1) / perShard);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            long documents = 0;
            long bytes = 0;
            try {
                List<Future<Long>> futures = new ArrayList<>();
                for (int i = 0; i < shards; i++) {
                    int index = i;
                    long target = Math.min(perShard, total - (long) i * perShard);
                    futures.add(pool.submit(() -> corpus.writeShard(BenchCorpus.shardFile(out, index), seed, index, target)));
                }
                for (Future<Long> f : futures) {
                    documents += f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < shards; i++) {
                bytes += Files.size(BenchCorpus.shardFile(out, i));
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("dir", out.toAbsolutePath().normalize().toString());
            o.put("shards", shards);
            o.put("documents", documents);
            o.put("compressed_bytes", bytes);
            o.put("seed", seed);
            o.put("vocabulary", wordsFrom == null ? "built-in pseudo-English" : "from " + wordsFrom.toAbsolutePath().normalize());
            o.put("seconds", round((System.nanoTime() - started) / 1e9));
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(JSON.writeValueAsString(o));
            stdout.flush();
            return 0;
        }
    }

    /** {@code loupe bench sample --input DIR --size 100000 [--threads N] [--repeat R]}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = {"Time Loupe's sampling of a folder of .jsonl.gz shards against zcat of the same files to /dev/null, "
                    + "in the same run; also peak heap while sampling, heap held by the loaded sample, and the time to the first "
                    + "documents of a folder read from scratch. Prints one JSON object.",
                "The goal is ratio = zcat_seconds / loupe_seconds >= 0.8."})
    static final class SampleBench implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of .jsonl.gz shards (e.g. from 'bench generate'); only read.")
        Path input;

        @Option(names = {"-n", "--size"}, paramLabel = "N", description = "Sample size (default: ${DEFAULT-VALUE}).")
        int size = 100_000;

        @Option(names = "--seed", paramLabel = "SEED", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
        long seed = SampleSpec.DEFAULT_SEED;

        @Option(names = "--threads", paramLabel = "N", description = "Sampling threads (default: all cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--repeat", paramLabel = "R", description = "Measure R times, each baseline next to its Loupe run (default: ${DEFAULT-VALUE}).")
        int repeat = 1;

        @Option(names = "--first", paramLabel = "N", description = "Documents to read for the time-to-first-documents figure (default: ${DEFAULT-VALUE}).")
        int first = 100;

        @Option(names = "--tmp", paramLabel = "DIR", description = "Where to create the temporary workspaces (default: the system temp folder).")
        Path tmp;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (size <= 0 || repeat <= 0 || threads <= 0 || first <= 0) {
                throw new ParameterException(spec.commandLine(), "--size, --repeat, --threads and --first must be positive");
            }
            Path folder = input.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--input " + input + " is not a folder");
            }
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter log = spec.commandLine().getErr();

            // (d) first: nothing is cached in this process yet, as when a folder is opened for the first time.
            FirstDocs firstDocs = firstDocuments(folder, first);
            // What the workbench does while the sample is drawn: no full scan (measured second, so in a warmer JVM).
            long p0 = System.nanoTime();
            int previewed = Preview.firstDocuments(folder, ReaderOptions.defaults(), first, TaskContext.NONE).size();
            double previewSeconds = (System.nanoTime() - p0) / 1e9;
            log.printf("first %d documents from scratch: %.3f s (scan + first shard); workbench preview: %.3f s%n",
                    firstDocs.count, firstDocs.seconds, previewSeconds);
            log.flush();

            ScanResult scan = new ShardScanner().scan(folder);
            List<Shard> gz = scan.shards().stream().filter(s -> s.compression() == Compression.GZIP).toList();
            if (gz.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--input " + input + " holds no gzip shards to compare with zcat");
            }
            SampleSpec sampleSpec = SampleSpec.ofSize(size, seed);
            if (gz.size() != scan.shards().size()) {
                // The baseline and Loupe read exactly the same files.
                sampleSpec = sampleSpec.withShards(gz.stream().map(Shard::relativePath).toList());
            }
            List<Path> files = gz.stream().map(Shard::path).toList();
            long compressed = gz.stream().mapToLong(Shard::sizeBytes).sum();
            long uncompressed = 0;
            for (Path f : files) {
                uncompressed += gzipTrailerSize(f);
            }
            boolean zcat = hasZcat();
            String baseline = zcat ? "zcat FILES > /dev/null (one process, as the goal is stated)"
                    : "zcat not found: Java GZIPInputStream decompression to nowhere, one thread";
            warmPageCache(files);

            Path tmpParent = tmp != null ? Files.createDirectories(tmp) : Path.of(System.getProperty("java.io.tmpdir"));
            Path tmpAbs = tmpParent.toAbsolutePath().normalize();
            if (tmpAbs.startsWith(folder)) {
                throw new ParameterException(spec.commandLine(), "--tmp " + tmp + " is inside the input folder; Loupe never writes there");
            }
            ArrayNode runs = JSON.createArrayNode();
            double[] ratios = new double[repeat];
            double[] zcats = new double[repeat];
            double[] loupes = new double[repeat];
            double[] cpuRatios = new double[repeat];
            for (int rep = 0; rep < repeat; rep++) {
                double loadBefore = loadAverage();
                double childCpu0 = childrenCpuSeconds();
                long selfCpu0 = processCpuNanos();
                double zcatSeconds = zcat ? zcat(files) : javaGunzip(files);
                double zcatCpu = zcat ? childrenCpuSeconds() - childCpu0 : (processCpuNanos() - selfCpu0) / 1e9;
                double zcatParallel = zcat ? zcatParallel(files, threads) : Double.NaN;
                LoupeRun run = loupe(folder, sampleSpec, tmpAbs);
                double loadAfter = loadAverage();
                double ratio = zcatSeconds / run.seconds;
                ratios[rep] = ratio;
                zcats[rep] = zcatSeconds;
                loupes[rep] = run.seconds;
                cpuRatios[rep] = zcatCpu / run.cpuSeconds;
                ObjectNode r = runs.addObject();
                r.put("zcat_seconds", round(zcatSeconds));
                if (zcat) {
                    r.put("zcat_parallel_seconds", round(zcatParallel));
                }
                r.put("loupe_seconds", round(run.seconds));
                r.put("loupe_read_seconds", round(run.readSeconds));
                r.put("loupe_store_seconds", round(run.storeSeconds));
                r.put("ratio", round(ratio));
                if (zcat) {
                    r.put("ratio_vs_parallel_zcat", round(zcatParallel / run.seconds));
                }
                r.put("loupe_uncompressed_mb_per_s", round(uncompressed / 1e6 / run.seconds));
                // CPU seconds do not depend on how busy the machine is: a check on wall-clock figures taken on a noisy machine.
                r.put("zcat_cpu_seconds", round(zcatCpu));
                r.put("loupe_cpu_seconds", round(run.cpuSeconds));
                r.put("loupe_jit_seconds", round(run.jitSeconds));
                r.put("loupe_gc_seconds", round(run.gcSeconds));
                r.put("cpu_ratio", round(zcatCpu / run.cpuSeconds));
                r.put("load_average_before", round(loadBefore));
                r.put("load_average_after", round(loadAfter));
                r.put("peak_heap_bytes", run.peakPoolSum);
                r.put("peak_heap_polled_bytes", run.peakPolled);
                r.put("sample_heap_bytes", run.sampleHeap);
                r.put("heap_after_gc_bytes", run.heapAfterGc);
                r.put("rows", run.rows);
                r.put("documents", run.stats.documents());
                r.put("records", run.stats.records());
                r.put("problems", run.stats.problems());
                log.printf("run %d/%d: zcat %.2f s%s, loupe %.2f s (read %.2f + store %.2f), ratio %.2f; CPU zcat %.2f s, loupe %.2f s"
                                + " (JIT %.1f s, GC %.1f s);"
                                + " peak heap %,d MB, sample heap %,d MB; load %.1f -> %.1f%n",
                        rep + 1, repeat, zcatSeconds, zcat ? String.format(" (%d parallel: %.2f s)", threads, zcatParallel) : "",
                        run.seconds, run.readSeconds, run.storeSeconds, ratio, zcatCpu, run.cpuSeconds, run.jitSeconds, run.gcSeconds,
                        run.peakPoolSum >> 20,
                        run.sampleHeap >> 20, loadBefore, loadAfter);
                log.flush();
            }

            ObjectNode o = JSON.createObjectNode();
            o.put("benchmark", "sample");
            ObjectNode machine = o.putObject("machine");
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
            ObjectNode in = o.putObject("input");
            in.put("dir", folder.toString());
            in.put("shards", files.size());
            in.put("compressed_bytes", compressed);
            in.put("uncompressed_bytes", uncompressed);
            o.put("size", size);
            o.put("seed", seed);
            o.put("threads", threads);
            o.put("baseline", baseline);
            ObjectNode fd = o.putObject("first_documents");
            fd.put("count", firstDocs.count);
            fd.put("seconds", round(firstDocs.seconds));
            fd.put("how", "scan of the whole folder + open the first shard + read; first thing in a fresh JVM");
            fd.put("preview_count", previewed);
            fd.put("preview_seconds", round(previewSeconds));
            fd.put("preview_how", "Preview.firstDocuments(folder): sniffs only the first files, as the workbench does; "
                    + "measured second");
            o.set("runs", runs);
            o.put("zcat_seconds", round(median(zcats)));
            o.put("loupe_seconds", round(median(loupes)));
            o.put("ratio", round(median(ratios)));
            o.put("cpu_ratio", round(median(cpuRatios)));
            o.put("goal", 0.8);
            o.put("meets_goal", median(ratios) >= 0.8);
            stdout.println(JSON.writeValueAsString(o));
            stdout.flush();
            return 0;
        }

        private LoupeRun loupe(Path folder, SampleSpec sampleSpec, Path tmpParent) throws IOException {
            Path root = Files.createTempDirectory(tmpParent, "loupe-bench-");
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            try {
                long before = usedAfterGc();
                heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
                HeapPoller poller = new HeapPoller();
                poller.start();
                PhaseClock clock = new PhaseClock();
                long cpu0 = processCpuNanos();
                long jit0 = jitMillis();
                long gc0 = gcMillis();
                long t0 = System.nanoTime();
                Sample sample;
                try {
                    ScanResult scan = new ShardScanner().scan(folder);
                    sample = new Workspace(root).openOrDraw(scan, sampleSpec, ReaderOptions.defaults(), threads, clock);
                } finally {
                    poller.finish();
                }
                long t1 = System.nanoTime();
                double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
                double jitSeconds = (jitMillis() - jit0) / 1e3;
                double gcSeconds = (gcMillis() - gc0) / 1e3;
                double seconds = (t1 - t0) / 1e9;
                double readSeconds = clock.storeStarted == 0 ? Double.NaN : (clock.storeStarted - t0) / 1e9;
                double storeSeconds = clock.storeStarted == 0 ? Double.NaN : (t1 - clock.storeStarted) / 1e9;
                long peakPoolSum = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                try (sample) {
                    long held = usedAfterGc();
                    // Touch the sample after measuring, so that it is reachable during the measurement.
                    return new LoupeRun(seconds, cpuSeconds, jitSeconds, gcSeconds, readSeconds, storeSeconds, peakPoolSum, poller.peak(), held - before, held, sample.size(),
                            sample.manifest().stats());
                }
            } finally {
                AtomicFiles.deleteTree(root);
            }
        }

        private static FirstDocs firstDocuments(Path folder, int n) throws IOException {
            long t0 = System.nanoTime();
            ScanResult scan = new ShardScanner().scan(folder);
            int count = 0;
            for (Shard shard : scan.shards()) {
                try (DocumentReader reader = ShardReaders.open(shard, ReaderOptions.defaults(), ProblemSink.IGNORE)) {
                    while (count < n && reader.next() != null) {
                        count++;
                    }
                }
                if (count >= n) {
                    break;
                }
            }
            return new FirstDocs(count, (System.nanoTime() - t0) / 1e9);
        }
    }

    private record FirstDocs(int count, double seconds) { }

    private record LoupeRun(double seconds, double cpuSeconds, double jitSeconds, double gcSeconds, double readSeconds, double storeSeconds, long peakPoolSum, long peakPolled, long sampleHeap, long heapAfterGc, int rows,
                            SampleManifest.ReadStats stats) { }

    /** A task context that notes when the sampler moves from reading to writing its store. */
    private static final class PhaseClock implements TaskContext {
        volatile long storeStarted;

        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void message(String message) {
            if (storeStarted == 0 && message.startsWith("Writing")) {
                storeStarted = System.nanoTime();
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    /** Samples the used heap every few milliseconds: the peak the whole heap reached at one time. */
    private static final class HeapPoller extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean stop;

        HeapPoller() {
            super("loupe-bench-heap");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() {
            stop = true;
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long peak() {
            return peak.get();
        }
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** CPU time of this JVM, all threads (GC and JIT included), or -1 when the platform does not say. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Time the JIT compilers spent so far (ms; their CPU is part of the process CPU time). */
    static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Time spent in garbage collections so far (ms, summed over collectors; pauses and concurrent cycles). */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * User + system CPU seconds of this process's finished children (Linux {@code /proc/self/stat} fields cutime and
     * cstime, in USER_HZ = 100 ticks per second), or NaN elsewhere.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces) in parentheses.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); cutime and cstime are fields 16 and 17.
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static boolean hasZcat() {
        try {
            Process p = new ProcessBuilder("zcat", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Seconds for one {@code zcat} process to decompress every file to /dev/null. */
    static double zcat(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("zcat");
        files.forEach(f -> cmd.add(f.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IOException("zcat exited with " + code);
        }
        return seconds;
    }

    /** Seconds for {@code n} zcat processes, each over a share of the files (largest first), to finish. */
    static double zcatParallel(List<Path> files, int n) throws IOException, InterruptedException {
        List<List<String>> cmds = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            List<String> c = new ArrayList<>();
            c.add("zcat");
            cmds.add(c);
        }
        List<Path> bySize = new ArrayList<>(files);
        bySize.sort((a, b) -> Long.compare(size(b), size(a)));
        for (Path f : bySize) {
            int least = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            cmds.get(least).add(f.toString());
            load[least] += size(f);
        }
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        for (List<String> c : cmds) {
            if (c.size() > 1) {
                ps.add(new ProcessBuilder(c).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
        }
        for (Process p : ps) {
            if (p.waitFor() != 0) {
                throw new IOException("zcat exited with " + p.exitValue());
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The fallback baseline: Java's gzip decompression of every file, one thread. */
    static double javaGunzip(List<Path> files) throws IOException {
        byte[] buf = new byte[1 << 16];
        long t0 = System.nanoTime();
        for (Path f : files) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
                while (in.read(buf) >= 0) {
                    // discard
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Reads every file once so that neither the baseline nor Loupe pays for the first read from disk. */
    private static void warmPageCache(List<Path> files) throws IOException {
        byte[] buf = new byte[1 << 20];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                while (in.read(buf) >= 0) {
                    // discard
                }
            }
        }
    }

    /** The uncompressed size a single-member gzip file records in its trailer (modulo 2^32). */
    static long gzipTrailerSize(Path f) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            if (raf.length() < 4) {
                return 0;
            }
            raf.seek(raf.length() - 4);
            byte[] b = new byte[4];
            raf.readFully(b);
            return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }
}
