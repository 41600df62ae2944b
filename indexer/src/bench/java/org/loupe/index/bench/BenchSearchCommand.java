package org.loupe.index.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.workspace.Workspace;
import org.loupe.index.RowStatus;
import org.loupe.index.SampleIndex;
import org.loupe.index.SearchRequest;
import org.loupe.index.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench search --input DIR --size 100000}: the time to index a sample from scratch against a baseline
 * measured in the same run (reading every text from the sample store and running the StandardAnalyzer over it, on
 * the same number of threads), then the latency of 50 fixed queries with facets and snippets for the first page.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Time indexing a sample against reading + analyzing its texts (same threads, same run), then "
                + "50 fixed queries (terms, phrases, boolean, wildcard, field) with facets and snippets of the first page, "
                + "5 rounds after a warm-up. Prints one JSON object.",
            "Queries use the vocabulary of 'bench generate' (built-in pseudo-English)."})
public final class BenchSearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The fixed queries: words of the built-in benchmark vocabulary (function words, generated syllables, a few non-ASCII words). */
    static final List<String> QUERIES = List.of(
            "time", "people", "year", "good", "because", "through", "café", "zürich", "naïve", "résumé",
            "\"of the\"", "\"in the\"", "\"it was\"", "\"people who\"", "\"first time\"", "\"the new year\"",
            "\"make use of\"", "\"would not be\"", "\"one of the\"", "\"good people\"",
            "time AND people", "good OR well", "people AND NOT time", "+because +through", "(first OR new) AND year",
            "year AND (good OR people) NOT back", "\"of the\" AND café", "because AND \"it was\"", "zürich OR são",
            "most AND much AND very",
            "st*", "tr*", "ch*ng", "th?", "sh*", "pl*st", "gr?", "*ee", "br*nd", "fr*",
            "url:com", "url:org AND time", "domain:*.com", "domain:*.de AND people", "people AND domain:*.org",
            "time~1", "\"people year\"~5", "peopl* AND year", "the", "");

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of shards (e.g. from 'bench generate'); only read.")
    Path input;

    @Option(names = {"-n", "--size"}, paramLabel = "N", description = "Sample size (default: ${DEFAULT-VALUE}).")
    int size = 100_000;

    @Option(names = "--seed", paramLabel = "SEED", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed = SampleSpec.DEFAULT_SEED;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for sampling, the baseline and indexing (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--rounds", paramLabel = "R", description = "Timed rounds of the queries after one warm-up (default: ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--tmp", paramLabel = "DIR", description = "Where to create the temporary workspace (default: the system temp folder).")
    Path tmp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (size <= 0 || threads <= 0 || rounds <= 0) {
            throw new ParameterException(spec.commandLine(), "--size, --threads and --rounds must be positive");
        }
        Path folder = input.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            throw new ParameterException(spec.commandLine(), "--input " + input + " does not exist");
        }
        Path parent = tmp != null ? Files.createDirectories(tmp) : Path.of(System.getProperty("java.io.tmpdir"));
        if (parent.toAbsolutePath().normalize().startsWith(folder)) {
            throw new ParameterException(spec.commandLine(), "--tmp is inside the input folder; Loupe never writes there");
        }
        PrintWriter log = spec.commandLine().getErr();
        Path root = Files.createTempDirectory(parent.toAbsolutePath(), "loupe-bench-search-");
        try {
            long t0 = System.nanoTime();
            ScanResult scan = new ShardScanner().scan(folder);
            try (Sample sample = new Workspace(root).openOrDraw(scan, SampleSpec.ofSize(size, seed), ReaderOptions.defaults(),
                    threads, TaskContext.NONE)) {
                double sampleSeconds = seconds(t0);
                log.printf("sampled %,d documents in %.1f s%n", sample.size(), sampleSeconds);
                log.flush();
                // Baseline first (also warms the page cache and the JIT for reading), then the index from scratch.
                Baseline warm = baseline(sample, threads);
                log.printf("baseline warm-up: read %.2f s, read + analyze %.2f s%n", warm.readSeconds, warm.seconds);
                Baseline base = baseline(sample, threads);
                log.printf("baseline: read %.2f s, read + analyze %.2f s (%,d tokens)%n", base.readSeconds, base.seconds, base.tokens);
                log.flush();
                AtomicFiles.deleteTree(sample.directory().resolve(SampleIndex.FOLDER));
                long i0 = System.nanoTime();
                SampleIndex built = SampleIndex.openOrBuild(sample, null, TaskContext.NONE);
                double indexSeconds = seconds(i0);
                built.close();
                long indexBytes = folderBytes(sample.directory().resolve(SampleIndex.FOLDER));
                log.printf("index: %.2f s (%,.0f docs/s), %,d MB%n", indexSeconds, sample.size() / indexSeconds, indexBytes >> 20);
                log.flush();
                long o0 = System.nanoTime();
                try (SampleIndex index = SampleIndex.openOrBuild(sample, null, TaskContext.NONE)) {
                    double openSeconds = seconds(o0);
                    if (index.rebuilt()) {
                        throw new IllegalStateException("the index was rebuilt on reopening");
                    }
                    RowStatus status = syntheticStatus(sample.size());
                    ObjectNode o = JSON.createObjectNode();
                    o.put("benchmark", "search");
                    ObjectNode machine = o.putObject("machine");
                    machine.put("cores", Runtime.getRuntime().availableProcessors());
                    machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
                    machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
                    o.put("input", folder.toString());
                    o.put("documents", sample.size());
                    o.put("text_chars", base.chars);
                    o.put("threads", threads);
                    o.put("sample_seconds", round(sampleSeconds));
                    o.put("baseline", "read every text from the sample store + StandardAnalyzer token stream (terms and offsets), "
                            + threads + " threads");
                    o.put("baseline_read_seconds", round(base.readSeconds));
                    o.put("baseline_seconds", round(base.seconds));
                    o.put("index_seconds", round(indexSeconds));
                    o.put("index_docs_per_second", Math.round(sample.size() / indexSeconds));
                    o.put("ratio", round(indexSeconds / base.seconds));
                    o.put("index_bytes", indexBytes);
                    o.put("open_seconds", round(openSeconds));
                    queries(index, status, o, log);
                    spec.commandLine().getOut().println(JSON.writeValueAsString(o));
                    spec.commandLine().getOut().flush();
                }
            }
        } finally {
            AtomicFiles.deleteTree(root);
        }
        return 0;
    }

    private void queries(SampleIndex index, RowStatus status, ObjectNode o, PrintWriter log) throws Exception {
        for (String q : QUERIES) {
            index.search(SearchRequest.of(q), status);
        }
        double[] all = new double[QUERIES.size() * rounds];
        double[][] perQuery = new double[QUERIES.size()][rounds];
        long[] totals = new long[QUERIES.size()];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < QUERIES.size(); q++) {
                long t = System.nanoTime();
                SearchResult res = index.search(SearchRequest.of(QUERIES.get(q)), status);
                double ms = (System.nanoTime() - t) / 1e6;
                all[k++] = ms;
                perQuery[q][r] = ms;
                totals[q] = res.total();
            }
        }
        Arrays.sort(all);
        ObjectNode qo = o.putObject("queries");
        qo.put("count", QUERIES.size());
        qo.put("rounds", rounds);
        qo.put("page", SearchRequest.DEFAULT_LIMIT);
        qo.put("p50_ms", round(percentile(all, 0.50)));
        qo.put("p95_ms", round(percentile(all, 0.95)));
        qo.put("max_ms", round(all[all.length - 1]));
        ArrayNode each = qo.putArray("each");
        for (int q = 0; q < QUERIES.size(); q++) {
            double[] t = perQuery[q].clone();
            Arrays.sort(t);
            ObjectNode e = each.addObject();
            e.put("query", QUERIES.get(q));
            e.put("total", totals[q]);
            e.put("median_ms", round(percentile(t, 0.5)));
        }
        log.printf("queries: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", percentile(all, 0.5), percentile(all, 0.95), all[all.length - 1]);
        log.flush();
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A stand-in for decisions: about a third of the rows removed by four steps, deterministically. */
    static RowStatus syntheticStatus(int rows) {
        List<String> steps = List.of("language", "gopher_repetition", "gopher_quality", "fineweb_quality");
        return new RowStatus() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int removedBy(int row) {
                long h = row * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
                int bucket = (int) Math.floorMod(h, 12L);
                return bucket < 4 ? bucket : -1;
            }

            @Override
            public List<String> steps() {
                return steps;
            }

            @Override
            public String reason(int row) {
                int s = removedBy(row);
                return s < 0 ? null : steps.get(s) + "_reason";
            }
        };
    }

    private record Baseline(double seconds, double readSeconds, long tokens, long chars) { }

    /** Reads every text (timed alone), then reads and analyzes every text, on {@code threads} threads. */
    private static Baseline baseline(Sample sample, int threads) throws Exception {
        int n = sample.size();
        AtomicLong chars = new AtomicLong();
        long r0 = System.nanoTime();
        parallel(n, threads, row -> chars.addAndGet(sample.document(row).text().length()));
        double read = seconds(r0);
        AtomicLong tokens = new AtomicLong();
        try (Analyzer analyzer = new StandardAnalyzer()) {
            long t0 = System.nanoTime();
            parallel(n, threads, row -> {
                String text = sample.document(row).text();
                long count = 0;
                try (TokenStream ts = analyzer.tokenStream("text", text)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        count += term.length() > 0 && offset.endOffset() >= 0 ? 1 : 0;
                    }
                    ts.end();
                }
                tokens.addAndGet(count);
            });
            return new Baseline(seconds(t0), read, tokens.get(), chars.get());
        }
    }

    private interface RowTask {
        void run(int row) throws IOException;
    }

    private static void parallel(int n, int threads, RowTask task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    int from;
                    while ((from = next.getAndAdd(64)) < n) {
                        for (int row = from; row < Math.min(n, from + 64); row++) {
                            task.run(row);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
