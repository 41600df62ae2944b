package org.loupe.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.tokens.TokenCounter;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ReadCounts;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.sample.ProblemLog;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * Runs a pipeline config over every shard of a folder, with the very measure and decide code the
 * workbench uses on the sample. Streaming (batches of documents), shards in parallel, resumable:
 *
 * <ul>
 *   <li>{@code kept/<shard>.jsonl.gz}: kept documents with their final text;</li>
 *   <li>{@code removed/<step>/<shard>.jsonl.gz}: documents each step removed, with
 *       {@code metadata.filter_reason} (datatrove's exclusion writers), as the text reached the step;</li>
 *   <li>{@code problems/<shard>.jsonl}: every problem met while reading; {@code problems/folder.jsonl}: the
 *       folder's files that are not shards (unknown format, empty, unreadable), as {@code loupe inspect} lists them;</li>
 *   <li>{@code done/<shard>.json}: the shard's completion marker ({@link ShardOutcome}), written last —
 *       a rerun skips shards that have one;</li>
 *   <li>{@code run_result.json}: totals per step and reason in documents and tokens, timings, config hash.</li>
 * </ul>
 * A shard's outputs are written to temporary files and moved into place only when the whole shard is
 * done and conservation holds (documents = kept + removed); otherwise the run fails loudly.
 */
public final class FullRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int BATCH = 512;

    private final PipelineConfig config;
    private final StepCatalog catalog;
    private final StepResources measures;
    private final ReaderOptions readerOptions;
    private final TokenCounter tokens;
    private final int threads;

    public FullRun(PipelineConfig config, StepCatalog catalog, StepResources measures, ReaderOptions readerOptions,
                   int threads) {
        this.config = config;
        this.catalog = catalog;
        this.measures = measures;
        this.readerOptions = readerOptions;
        this.tokens = TokenCounter.named(config.tokenEncoding());
        this.threads = Math.max(1, threads);
    }

    /**
     * The totals of a run, as written to {@code run_result.json}. {@code problems} counts the problems met while
     * reading the shards and the files of the folder that are not shards ({@code unreadableFiles}: unknown
     * format, empty, unreadable; listed in {@code problems/folder.jsonl}).
     */
    public record RunResult(String configHash, String config, int shards, int shardsSkipped, long records, long documents,
                            long problems, long kept, long keptTokens, Map<String, Long> removed,
                            Map<String, Long> removedTokens, Map<String, Long> reasons, Map<String, Long> reasonTokens,
                            long millis, String finishedAt, int unreadableFiles) { }

    /** The problems file of the folder's files that are not shards (a shard's stem has no '.', so no clash). */
    static final String FOLDER_PROBLEMS = "folder.jsonl";

    /**
     * Why this run's config cannot run across a folder (a dedup step full runs do not support yet), or null.
     */
    public String unsupported() {
        List<StepConfig> enabled = config.steps().stream().filter(StepConfig::enabled).toList();
        return PhasedRun.unsupported(enabled, enabled.stream().map(s -> catalog.type(s.type()).orElseThrow()).toList());
    }

    /**
     * Runs the config over every shard. With dedup steps, the run goes in passes and deduplicates across the
     * whole folder ({@link PhasedRun}); dedup-removed documents carry {@code metadata.filter_reason} and, for
     * MinHash, {@code minhash_cluster_id} and {@code minhash_cluster_size} (as datatrove's filter writes them on
     * every document).
     *
     * @throws IllegalArgumentException when the output is inside the input, or a step cannot run ({@link #unsupported})
     */
    public RunResult run(ScanResult scan, Path output, TaskContext ctx) throws IOException {
        String refused = unsupported();
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        long started = System.nanoTime();
        String outside = outsideInput(scan, output);
        if (outside != null) {
            throw new IllegalArgumentException(outside);
        }
        Files.createDirectories(output.resolve("done"));
        String hash = configHash();
        Path configCopy = output.resolve("config.yaml");
        String yaml = new ConfigLoader(catalog).toYaml(config);
        String other = otherConfig(output);
        if (other != null) {
            throw new IllegalStateException(other);
        }
        AtomicFiles.write(configCopy, out -> out.write(yaml.getBytes(StandardCharsets.UTF_8)));
        writeFolderProblems(scan, output);
        List<Shard> shards = scan.shards();
        List<StepConfig> enabled = config.steps().stream().filter(StepConfig::enabled).toList();
        List<StepType> types = enabled.stream().map(s -> catalog.type(s.type()).orElseThrow()).toList();
        if (PhasedRun.dedupIndices(types).length > 0) {
            AtomicInteger skipped = new AtomicInteger();
            new PhasedRun(config.withSteps(enabled), catalog, measures, readerOptions, tokens, threads)
                    .run(shards, output, ctx, skipped, scan.totalBytes());
            RunResult result = aggregate(output, scan, skipped.get(), hash, yaml, (System.nanoTime() - started) / 1_000_000);
            AtomicFiles.write(output.resolve("run_result.json"), out -> PRETTY.writeValue(out, result));
            return result;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicLong doneBytes = new AtomicLong();
        long totalBytes = scan.totalBytes();
        Workers.run(threads, "loupe-run", worker -> {
            int i;
            while ((i = next.getAndIncrement()) < shards.size()) {
                ctx.checkCancelled();
                Shard shard = shards.get(i);
                if (Files.exists(marker(output, shard))) {
                    skipped.incrementAndGet();
                } else {
                    ctx.message("Running " + shard.relativePath());
                    runShard(shard, output, ctx);
                }
                ctx.progress(doneBytes.addAndGet(shard.sizeBytes()), totalBytes, TaskContext.Unit.BYTES);
            }
        });
        RunResult result = aggregate(output, scan, skipped.get(), hash, yaml, (System.nanoTime() - started) / 1_000_000);
        AtomicFiles.write(output.resolve("run_result.json"), out -> PRETTY.writeValue(out, result));
        return result;
    }

    /**
     * Why this run cannot go into {@code output}, or null: a step full runs do not support, an output inside the
     * input folder, an output folder that holds a run of another config. Checked before anything is written.
     */
    public String refusal(ScanResult scan, Path output) throws IOException {
        String refused = unsupported();
        if (refused == null) {
            refused = outsideInput(scan, output);
        }
        return refused != null ? refused : otherConfig(output);
    }

    private static String outsideInput(ScanResult scan, Path output) {
        Path base = Files.isRegularFile(scan.root()) ? scan.root().getParent() : scan.root();
        if (output.toAbsolutePath().normalize().startsWith(base)) {
            return "the output folder " + output + " is inside the input folder " + base
                    + "; Loupe never writes into an input folder";
        }
        return null;
    }

    private String otherConfig(Path output) throws IOException {
        Path configCopy = output.resolve("config.yaml");
        if (Files.isRegularFile(configCopy)
                && !Files.readString(configCopy).equals(new ConfigLoader(catalog).toYaml(config))) {
            return "the output folder " + output + " holds a run of another config (" + configCopy
                    + "); use a new output folder";
        }
        return null;
    }

    /** The folder's files that are not shards (unknown format, empty, unreadable), as problems, as inspect reports them. */
    private static void writeFolderProblems(ScanResult scan, Path output) throws IOException {
        Path file = output.resolve("problems").resolve(FOLDER_PROBLEMS);
        if (scan.problems().isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FOLDER_PROBLEMS + ".tmp");
        try (ProblemLog log = new ProblemLog(tmp)) {
            scan.problems().forEach(log::report);
        }
        AtomicFiles.move(tmp, file);
    }

    /**
     * What a run in {@code output} has finished so far, in words: the shards done and, for a run in passes, how
     * far each pass got. What an interrupted run tells the user before a rerun resumes it.
     */
    public String finished(ScanResult scan, Path output) {
        List<Shard> shards = scan.shards();
        long done = shards.stream().filter(s -> Files.exists(marker(output, s))).count();
        StringBuilder b = new StringBuilder(String.format("%,d of %,d shards finished", done, shards.size()));
        List<StepType> types = config.steps().stream().filter(StepConfig::enabled)
                .map(s -> catalog.type(s.type()).orElseThrow()).toList();
        int dedups = PhasedRun.dedupIndices(types).length;
        if (dedups > 0 && done < shards.size()) {
            for (int p = 1; p <= dedups; p++) {
                long passed = PhasedRun.passDone(output, p, shards);
                b.append(String.format("; pass %d of %d done for %,d shards", p, dedups + 1, passed));
            }
        }
        return b.toString();
    }

    static Path marker(Path output, Shard shard) {
        return output.resolve("done").resolve(safe(shard.relativePath()) + ".json");
    }

    static String safe(String relativePath) {
        return relativePath.replace('/', '~');
    }

    /** A file-name stem unique per shard: the relative path with '/' and '.' replaced. */
    static String stem(Shard shard) {
        return safe(shard.relativePath()).replace('.', '_');
    }

    private void runShard(Shard shard, Path output, TaskContext ctx) throws IOException {
        long started = System.nanoTime();
        String stem = stem(shard);
        List<StepConfig> enabled = config.steps().stream().filter(StepConfig::enabled).toList();
        List<StepType> types = enabled.stream().map(s -> catalog.type(s.type()).orElseThrow()).toList();
        List<Measurer.Step> steps = new ArrayList<>();
        for (int k = 0; k < enabled.size(); k++) {
            steps.add(new Measurer.Step(enabled.get(k).stepName(),
                    measures.create(types.get(k), enabled.get(k))));
        }
        PipelineConfig active = config.withSteps(enabled);
        Map<String, Long> removed = new LinkedHashMap<>();
        Map<String, Long> removedTokens = new LinkedHashMap<>();
        enabled.forEach(s -> {
            removed.put(s.stepName(), 0L);
            removedTokens.put(s.stepName(), 0L);
        });
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> reasonTokens = new TreeMap<>();
        long kept = 0;
        long keptTokens = 0;
        List<Path> temps = new ArrayList<>();
        Map<String, Writer> writers = new HashMap<>();
        Path problemsTmp = tmp(output.resolve("problems").resolve(stem + ".jsonl"), temps);
        ReadCounts counts;
        long problemCount;
        try (ProblemLog problems = new ProblemLog(problemsTmp);
             DocumentReader reader = ShardReaders.open(shard, readerOptions, problems)) {
            List<Document> batch = new ArrayList<>(BATCH);
            Document d;
            while (true) {
                d = reader.next();
                if (d != null) {
                    batch.add(d);
                }
                if (batch.size() == BATCH || (d == null && !batch.isEmpty())) {
                    ctx.checkCancelled();
                    long[] k = decideBatch(batch, steps, active, output, stem, writers, temps, removed, removedTokens, reasons,
                            reasonTokens);
                    kept += k[0];
                    keptTokens += k[1];
                    batch.clear();
                }
                if (d == null) {
                    break;
                }
            }
            counts = reader.counts();
            problemCount = problems.total();
        } catch (IOException | RuntimeException e) {
            closeAll(writers);
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
            throw e;
        }
        closeAll(writers);
        ShardOutcome outcome = new ShardOutcome(shard.relativePath(), counts.records(), counts.documents(), problemCount,
                kept, keptTokens, removed, removedTokens, reasons, reasonTokens, (System.nanoTime() - started) / 1_000_000);
        if (!outcome.conserved() || !counts.conserved()) {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
            throw new IllegalStateException("conservation failed for " + shard.relativePath() + ": records "
                    + counts.records() + ", documents " + counts.documents() + ", skipped " + counts.skippedRecords()
                    + ", kept " + kept + ", removed " + removed);
        }
        for (Path t : temps) {
            AtomicFiles.move(t, finalPath(t));
        }
        AtomicFiles.write(marker(output, shard), out -> PRETTY.writeValue(out, outcome));
    }

    /** Measures and decides one batch; writes each document where it belongs. Returns {kept docs, kept tokens}. */
    private long[] decideBatch(List<Document> batch, List<Measurer.Step> steps, PipelineConfig active, Path output,
                               String stem, Map<String, Writer> writers, List<Path> temps, Map<String, Long> removed,
                               Map<String, Long> removedTokens, Map<String, Long> reasons,
                               Map<String, Long> reasonTokens) throws IOException {
        int n = batch.size();
        int s = steps.size();
        MetricTable table = new MetricTable(n);
        String[][] after = new String[s][n];
        new Measurer(1, measures::words).measureDocuments(n,
                row -> new Measurer.Input(batch.get(row).text(), batch.get(row).url(), batch.get(row).metadata()),
                steps, false, table, (k, row, text) -> after[k][row] = text, TaskContext.NONE);
        long[] ids = new long[n];
        String[] hosts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = RowKeys.hashId(batch.get(i).id());
            hosts[i] = Hosts.host(batch.get(i).url());
        }
        for (int k = 0; k < s; k++) {
            int step = k;
            table.attachTexts(steps.get(k).name(), row -> step == 0 ? batch.get(row).text() : after[step - 1][row]);
        }
        Decisions decisions = Decisions.decide(active, catalog, table, new RowKeys(ids, hosts, new long[n]));
        long kept = 0;
        long keptTokens = 0;
        for (int row = 0; row < n; row++) {
            Document doc = batch.get(row);
            int by = decisions.removedBy(row);
            Map<String, Object> extra = new LinkedHashMap<>();
            for (int k = 0; k < s; k++) {
                if (table.has(MetricTable.name(steps.get(k).name(), "language"))) {
                    double[] label = table.column(MetricTable.name(steps.get(k).name(), "language"));
                    List<String> labels = table.labels(MetricTable.name(steps.get(k).name(), "language"));
                    int l = (int) label[row];
                    extra.put("language", l >= 0 && l < labels.size() ? labels.get(l) : null);
                    extra.put("language_score", table.column(MetricTable.name(steps.get(k).name(), "language_score"))[row]);
                }
            }
            if (by < 0) {
                String text = textBefore(decisions, s, doc, after, row);
                long t = tokens.count(text);
                kept++;
                keptTokens += t;
                write(writer("kept", stem, output, writers, temps), doc, text, null, extra);
            } else {
                String step = steps.get(by).name();
                String text = textBefore(decisions, by, doc, after, row);
                String reason = decisions.reason(row);
                removed.merge(step, 1L, Long::sum);
                long t = tokens.count(text);
                removedTokens.merge(step, t, Long::sum);
                reasons.merge(step + "/" + reason, 1L, Long::sum);
                reasonTokens.merge(step + "/" + reason, t, Long::sum);
                write(writer("removed/" + step, stem, output, writers, temps), doc, text, reason, extra);
            }
        }
        return new long[] {kept, keptTokens};
    }

    /**
     * The text a row has before step {@code step} (after all steps when it is the step count): the measured
     * chain, or the cut text of a step whose output depends on the decisions (sentence dedup), which only
     * dedup steps, not editing the text, may follow.
     */
    private static String textBefore(Decisions decisions, int step, Document doc, String[][] after, int row) {
        String text = step == 0 ? doc.text() : after[step - 1][row];
        for (int k = 0; k < step; k++) {
            if (decisions.stepType(k).textDependsOnDecisions()) {
                java.util.Optional<org.loupe.engine.pipeline.StepType.DecidedText> cut = decisions.decidedText(k, row);
                if (cut.isPresent() && cut.get().textAfter() != null) {
                    text = cut.get().textAfter();
                }
            }
        }
        return text;
    }

    private static void write(Writer w, Document doc, String text, String reason, Map<String, Object> extra) throws IOException {
        write(w, doc.id(), doc.url(), doc.metadata(), text, reason, extra);
    }

    /** One output line: the text, the id, and the metadata with the URL, what the steps added, and the reason. */
    static void write(Writer w, String id, String url, Map<String, Object> docMetadata, String text, String reason,
                      Map<String, Object> extra) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>(docMetadata);
        if (url != null) {
            metadata.putIfAbsent("url", url);
        }
        metadata.putAll(extra);
        if (reason != null) {
            metadata.put("filter_reason", reason);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("text", text);
        line.put("id", id);
        line.put("metadata", metadata);
        w.write(JSON.writeValueAsString(line));
        w.write('\n');
    }

    static Writer writer(String folder, String stem, Path output, Map<String, Writer> writers, List<Path> temps)
            throws IOException {
        Writer w = writers.get(folder);
        if (w == null) {
            Path target = output.resolve(folder).resolve(stem + ".jsonl.gz");
            Path t = tmp(target, temps);
            OutputStream out = new GZIPOutputStream(Files.newOutputStream(t), 1 << 16);
            w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writers.put(folder, w);
        }
        return w;
    }

    static Path tmp(Path target, List<Path> temps) throws IOException {
        Files.createDirectories(target.getParent());
        Path t = target.resolveSibling(target.getFileName() + ".tmp");
        temps.add(t);
        return t;
    }

    static Path finalPath(Path tmp) {
        String name = tmp.getFileName().toString();
        return tmp.resolveSibling(name.substring(0, name.length() - ".tmp".length()));
    }

    static void closeAll(Map<String, Writer> writers) throws IOException {
        IOException first = null;
        for (Writer w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        writers.clear();
        if (first != null) {
            throw first;
        }
    }

    private RunResult aggregate(Path output, ScanResult scan, int skipped, String hash, String yaml, long millis)
            throws IOException {
        List<Shard> shards = scan.shards();
        long records = 0;
        long documents = 0;
        long problems = scan.problems().size();
        long kept = 0;
        long keptTokens = 0;
        Map<String, Long> removed = new LinkedHashMap<>();
        Map<String, Long> removedTokens = new LinkedHashMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> reasonTokens = new TreeMap<>();
        for (Shard shard : shards) {
            ShardOutcome o = JSON.readValue(marker(output, shard).toFile(), ShardOutcome.class);
            records += o.records();
            documents += o.documents();
            problems += o.problems();
            kept += o.kept();
            keptTokens += o.keptTokens();
            o.removed().forEach((k, v) -> removed.merge(k, v, Long::sum));
            o.removedTokens().forEach((k, v) -> removedTokens.merge(k, v, Long::sum));
            o.reasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            o.reasonTokens().forEach((k, v) -> reasonTokens.merge(k, v, Long::sum));
        }
        return new RunResult(hash, yaml, shards.size(), skipped, records, documents, problems, kept, keptTokens, removed,
                removedTokens, reasons, reasonTokens, millis, Instant.now().toString(), scan.problems().size());
    }

    private String configHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(new ConfigLoader(catalog).toJson(config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
