package org.loupe.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.dedup.MinHashClusters;
import org.loupe.engine.measure.dedup.SentenceDedup;
import org.loupe.engine.measure.tokens.TokenCounter;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.ExactDedupStep;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.pipeline.steps.SentenceDedupStep;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ReadCounts;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.sample.ProblemLog;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * A full run of a config with dedup steps: dedup is decided across the whole folder, not per shard, in
 * passes over the shards separated by global dedup stages (datatrove's MinHash stages 1–4, URL and exact
 * dedup likewise).
 *
 * <p>The enabled steps are cut at each dedup step. Pass {@code p} reads each shard (the input for the first
 * pass, the documents the previous pass kept for the others), drops what the previous dedup stage removed
 * ({@code removed/<dedup step>/}), measures and decides the filters up to the next dedup step in batches
 * ({@code removed/<step>/}), and writes what survives to {@code work/p<p>/docs/} with the dedup step's
 * records per bucket, sorted, to {@code work/p<p>/runs/}. Its global stage then merges each bucket's runs
 * into a union-find over the survivors numbered in (shard in folder order, record) order — the sample's row
 * order, so a sample of the whole folder and the full run keep the same documents — and writes every
 * survivor's outcome (removed, cluster id, cluster size) to {@code work/p<p>/dedup.bin}. The last pass
 * writes {@code kept/} and the shard's {@code done/} marker. Memory: int arrays over the document count;
 * signatures never all in heap.
 *
 * <p>Sentence dedup (datatrove's three sentence-dedup stages, spec §12) goes the same way with its own
 * records ({@link SentenceRuns}): the pass before it writes, per shard, sorted run files of (window hash,
 * document, window); its global stage merges them in (hash, document ordinal, window) order — the first
 * record of a hash keeps its window, every later one is a duplicate window of its document — and writes
 * each shard's duplicate windows per document to {@code work/p<p>/dups/}, with {@code dedup.bin} (only the
 * offsets) as the stage's marker. The next pass cuts each document with {@link SentenceDedupStep#decide}
 * (the live step's own rule): a dropped one goes to {@code removed/<step>/} with the step's reason and the
 * text it reached the step with, a kept one goes on with its cut text as the text its output lines show,
 * while the dedup steps after it (the only steps the config check lets follow it) measure the text before
 * sentence dedup, as they do in the workbench.
 *
 * <p>Every pass writes a marker per shard after moving its outputs into place, and every global stage its
 * result file atomically, so a rerun after a kill continues where the run stopped and writes exactly the
 * same bytes. The work folder is deleted when every shard is done.
 */
final class PhasedRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    /** Documents whose dedup records are sorted and written together (one run file per bucket). */
    static final int CHUNK = 16_384;

    private final PipelineConfig active;
    private final List<StepConfig> enabled;
    private final List<StepType> types;
    private final int[] dedups;
    private final StepCatalog catalog;
    private final StepResources measures;
    private final ReaderOptions readerOptions;
    private final TokenCounter tokens;
    private final int threads;

    PhasedRun(PipelineConfig active, StepCatalog catalog, StepResources measures, ReaderOptions readerOptions,
              TokenCounter tokens, int threads) {
        this.active = active;
        this.enabled = active.steps();
        this.types = enabled.stream().map(s -> catalog.type(s.type()).orElseThrow()).toList();
        this.dedups = dedupIndices(types);
        this.catalog = catalog;
        this.measures = measures;
        this.readerOptions = readerOptions;
        this.tokens = tokens;
        this.threads = threads;
    }

    /** The positions of the dedup steps among {@code types}. */
    static int[] dedupIndices(List<StepType> types) {
        return java.util.stream.IntStream.range(0, types.size()).filter(k -> types.get(k).decidesOverEarlierKept())
                .toArray();
    }

    /**
     * Why the enabled steps cannot run across a folder, or null: a dedup step full runs do not know, or a step
     * that is not a dedup step after one whose output text depends on the decisions (sentence dedup; the
     * config check refuses that order too).
     */
    static String unsupported(List<StepConfig> steps, List<StepType> types) {
        int cutting = -1;
        for (int k = 0; k < steps.size(); k++) {
            String t = types.get(k).name();
            if (types.get(k).decidesOverEarlierKept() && !t.equals(MinHashDedupStep.NAME) && !t.equals(ExactDedupStep.URL)
                    && !t.equals(ExactDedupStep.EXACT) && !t.equals(SentenceDedupStep.NAME)) {
                return "loupe run cannot deduplicate with step '" + steps.get(k).stepName() + "' (" + t
                        + ") across a folder yet; disable it in the config to run the other steps";
            }
            if (cutting >= 0 && !types.get(k).decidesOverEarlierKept()) {
                return "step '" + steps.get(k).stepName() + "' cannot come after '" + steps.get(cutting).stepName()
                        + "', whose output text depends on which documents the earlier steps keep; move it before";
            }
            if (cutting < 0 && types.get(k).textDependsOnDecisions()) {
                cutting = k;
            }
        }
        return null;
    }

    /** Runs every pass and global stage not yet done; afterwards every shard has its {@code done/} marker. */
    void run(List<Shard> shards, Path output, TaskContext ctx, AtomicInteger skipped, long totalBytes) throws IOException {
        Path work = output.resolve("work");
        int passes = dedups.length + 1;
        boolean allDone = true;
        for (Shard shard : shards) {
            allDone &= Files.exists(FullRun.marker(output, shard));
        }
        if (!allDone) {
            for (int p = 1; p <= passes; p++) {
                Outcomes previous = p == 1 ? null : Outcomes.read(outcomesFile(work, p - 1), shards.size());
                int pass = p;
                AtomicInteger next = new AtomicInteger();
                AtomicLong doneBytes = new AtomicLong();
                Workers.run(threads, "loupe-run", worker -> {
                    int i;
                    while ((i = next.getAndIncrement()) < shards.size()) {
                        ctx.checkCancelled();
                        Shard shard = shards.get(i);
                        if (Files.exists(passMarker(output, pass, shard))) {
                            if (pass == passes) {
                                skipped.incrementAndGet();
                            }
                        } else {
                            ctx.message("Pass " + pass + " of " + passes + ": " + shard.relativePath());
                            runPass(pass, i, shard, output, previous, ctx);
                        }
                        ctx.progress(doneBytes.addAndGet(shard.sizeBytes()), totalBytes, TaskContext.Unit.BYTES);
                    }
                });
                if (p < passes && !Files.exists(outcomesFile(work, p))) {
                    ctx.checkCancelled();
                    ctx.message("Deduplicating across the folder: " + enabled.get(dedups[p - 1]).stepName());
                    globalDedup(p, shards, output, ctx);
                }
            }
        } else {
            skipped.addAndGet(shards.size());
        }
        AtomicFiles.deleteTree(work);
    }

    /** How many of {@code shards} pass {@code pass} (not the last) has finished. */
    static long passDone(Path output, int pass, List<Shard> shards) {
        Path done = passDir(output.resolve("work"), pass).resolve("done");
        return shards.stream().filter(s -> Files.exists(done.resolve(FullRun.safe(s.relativePath()) + ".json"))).count();
    }

    private Path passMarker(Path output, int pass, Shard shard) {
        return pass == dedups.length + 1 ? FullRun.marker(output, shard)
                : passDir(output.resolve("work"), pass).resolve("done").resolve(FullRun.safe(shard.relativePath()) + ".json");
    }

    private static Path passDir(Path work, int pass) {
        return work.resolve("p" + pass);
    }

    private static Path outcomesFile(Path work, int pass) {
        return passDir(work, pass).resolve("dedup.bin");
    }

    private static Path docsFile(Path work, int pass, String stem) {
        return passDir(work, pass).resolve("docs").resolve(stem + ".bin.gz");
    }

    /** Where the global sentence dedup stage of pass {@code p} writes each shard's duplicate windows. */
    private static Path dupsDir(Path work, int pass) {
        return passDir(work, pass).resolve("dups");
    }

    /**
     * A document between passes: what the output lines need, and what the steps added to its metadata.
     * {@code text} is what the next steps measure; {@code cut}, when not null, the text a sentence dedup step
     * handed on (its cut), which the output lines show — the dedup steps after it measure the text before it,
     * as in the workbench.
     */
    private record Doc(String id, String text, String url, Map<String, Object> metadata, Map<String, Object> extra,
                       String cut) {
        Doc(String id, String text, String url, Map<String, Object> metadata, Map<String, Object> extra) {
            this(id, text, url, metadata, extra, null);
        }

        /** The text an output line shows. */
        String shown() {
            return cut != null ? cut : text;
        }

        Doc with(String measured, Map<String, Object> newExtra) {
            return new Doc(id, measured, url, metadata, newExtra, cut);
        }
    }

    /** The dedup step of pass {@code p} (1-based; none for the last pass) and the filters before it. */
    private int[] filtersOf(int pass) {
        int from = pass == 1 ? 0 : dedups[pass - 2] + 1;
        int to = pass <= dedups.length ? dedups[pass - 1] : enabled.size();
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private void runPass(int pass, int shardIndex, Shard shard, Path output, Outcomes previous, TaskContext ctx)
            throws IOException {
        long started = System.nanoTime();
        Path work = output.resolve("work");
        String stem = FullRun.stem(shard);
        boolean last = pass == dedups.length + 1;
        int[] filters = filtersOf(pass);
        int dedup = last ? -1 : dedups[pass - 1];
        List<Measurer.Step> steps = new ArrayList<>();
        List<Integer> measured = new ArrayList<>();
        for (int k : filters) {
            steps.add(new Measurer.Step(enabled.get(k).stepName(), measures.create(types.get(k), enabled.get(k))));
            measured.add(k);
        }
        if (dedup >= 0) {
            steps.add(new Measurer.Step(enabled.get(dedup).stepName(), measures.create(types.get(dedup), enabled.get(dedup))));
            measured.add(dedup);
        }
        List<StepConfig> only = new ArrayList<>();
        for (int k = 0; k < enabled.size(); k++) {
            boolean on = false;
            for (int f : filters) {
                on |= f == k;
            }
            only.add(enabled.get(k).withEnabled(on));
        }
        PassState st = new PassState(pass, shardIndex, stem, output, steps, measured, active.withSteps(only), dedup);
        try {
            if (pass == 1) {
                Path problemsTmp = FullRun.tmp(output.resolve("problems").resolve(stem + ".jsonl"), st.temps);
                try (ProblemLog problems = new ProblemLog(problemsTmp);
                     DocumentReader reader = ShardReaders.open(shard, readerOptions, problems)) {
                    Document d;
                    while ((d = reader.next()) != null) {
                        st.accept(new Doc(d.id(), d.text(), d.url(), d.metadata(), Map.of()), ctx);
                    }
                    st.flush(ctx);
                    ReadCounts counts = reader.counts();
                    if (!counts.conserved()) {
                        throw new IllegalStateException("conservation failed for " + shard.relativePath() + ": records "
                                + counts.records() + ", documents " + counts.documents() + ", skipped "
                                + counts.skippedRecords());
                    }
                    st.records = counts.records();
                    st.documents = counts.documents();
                    st.problems = problems.total();
                }
            } else {
                StepConfig before = enabled.get(dedups[pass - 2]);
                StepType beforeType = types.get(dedups[pass - 2]);
                double fraction = beforeType.keepFraction(before, StepParams.of(beforeType, before));
                boolean minhash = beforeType.name().equals(MinHashDedupStep.NAME);
                boolean sentence = beforeType.name().equals(SentenceDedupStep.NAME);
                StepParams beforeParams = StepParams.of(beforeType, before);
                String reason = beforeType.reasons().get(0);
                long base = previous.offsets[shardIndex];
                long count = previous.offsets[shardIndex + 1] - base;
                try (DataInputStream in = docsIn(docsFile(work, pass - 1, stem));
                     SentenceRuns.Dups dups = sentence
                             ? new SentenceRuns.Dups(SentenceRuns.dupsFile(dupsDir(work, pass - 1), stem)) : null) {
                    for (long local = 0; local < count; local++) {
                        Doc doc = readDoc(in, docsFile(work, pass - 1, stem));
                        st.documents++;
                        if (sentence) {
                            // stage 3, exactly as the live step decides a row with these duplicate windows
                            SentenceDedup.Outcome o = SentenceDedupStep.decide(beforeParams, doc.text, dups.of(local));
                            if (!o.keep() && !Decisions.keptByFraction(RowKeys.hashId(doc.id), active.seed(),
                                    dedups[pass - 2], fraction)) {
                                st.remove(before.stepName(), doc, doc.shown(), reason, doc.extra);
                            } else {
                                st.accept(o.keep() ? new Doc(doc.id, doc.text, doc.url, doc.metadata, doc.extra,
                                        o.textAfter()) : doc, ctx);
                            }
                            continue;
                        }
                        int ord = (int) (base + local);
                        Map<String, Object> extra = doc.extra;
                        if (minhash) {
                            extra = new LinkedHashMap<>(extra);
                            extra.put("minhash_cluster_id", previous.clusterId[ord]);
                            extra.put("minhash_cluster_size", previous.clusterSize[ord]);
                        }
                        boolean removed = previous.removed(ord) && !Decisions.keptByFraction(RowKeys.hashId(doc.id),
                                active.seed(), dedups[pass - 2], fraction);
                        if (removed) {
                            if (!minhash) {
                                extra = new LinkedHashMap<>(extra);
                                extra.put("duplicate_cluster_id", previous.clusterId[ord]);
                                extra.put("duplicate_cluster_size", previous.clusterSize[ord]);
                            }
                            st.remove(before.stepName(), doc, doc.shown(), reason, extra);
                        } else {
                            st.accept(doc.with(doc.text, extra), ctx);
                        }
                    }
                    if (dups != null) {
                        dups.finish();
                    }
                    if (in.readBoolean() || in.read() >= 0) {
                        throw new IOException(docsFile(work, pass - 1, stem) + " holds more documents than its pass counted;"
                                + " delete the output's work folder and run again");
                    }
                }
                st.flush(ctx);
            }
        } catch (IOException | RuntimeException e) {
            st.abort();
            throw e;
        }
        st.finish(shard, started);
    }

    private static DataInputStream docsIn(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16));
    }

    /** What one pass over one shard accumulates and writes. */
    private final class PassState {
        final int pass;
        final int shardIndex;
        final String stem;
        final Path output;
        final List<Measurer.Step> steps;
        final List<Integer> measured;
        final PipelineConfig decideConfig;
        final int dedup;
        final List<Path> temps = new ArrayList<>();
        final Map<String, Writer> writers = new HashMap<>();
        final Map<String, Long> removed = new LinkedHashMap<>();
        final Map<String, Long> removedTokens = new LinkedHashMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, Long> reasonTokens = new TreeMap<>();
        final List<Doc> batch = new ArrayList<>(FullRun.BATCH);
        long records;
        long documents;
        long problems;
        long kept;
        long keptTokens;
        DataOutputStream docsOut;
        // the dedup step's records of the current chunk
        final int buckets;
        final int width;
        long[] values;
        int[] docs;
        int inChunk;
        int chunks;
        // sentence dedup: the current chunk's records (window hash, document, window)
        final boolean sentence;
        int[] windows;

        PassState(int pass, int shardIndex, String stem, Path output, List<Measurer.Step> steps, List<Integer> measured,
                  PipelineConfig decideConfig, int dedup) throws IOException {
            this.pass = pass;
            this.shardIndex = shardIndex;
            this.stem = stem;
            this.output = output;
            this.steps = steps;
            this.measured = measured;
            this.decideConfig = decideConfig;
            this.dedup = dedup;
            enabled.forEach(s -> {
                removed.put(s.stepName(), 0L);
                removedTokens.put(s.stepName(), 0L);
            });
            sentence = dedup >= 0 && types.get(dedup).name().equals(SentenceDedupStep.NAME);
            if (dedup >= 0) {
                boolean minhash = types.get(dedup).name().equals(MinHashDedupStep.NAME);
                StepParams p = StepParams.of(types.get(dedup), enabled.get(dedup));
                buckets = minhash ? (int) p.number(MinHashDedupStep.NUM_BUCKETS) : 1;
                width = minhash ? (int) p.number(MinHashDedupStep.HASHES_PER_BUCKET) : 1;
                int records = sentence ? SentenceRuns.CHUNK : CHUNK;
                values = new long[records * buckets * width];
                docs = new int[records];
                windows = sentence ? new int[records] : null;
                Path target = docsFile(output.resolve("work"), pass, stem);
                Path t = FullRun.tmp(target, temps);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(t), 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                docsOut = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            } else {
                buckets = 0;
                width = 0;
            }
        }

        void accept(Doc doc, TaskContext ctx) throws IOException {
            batch.add(doc);
            if (batch.size() == FullRun.BATCH) {
                flush(ctx);
            }
        }

        void remove(String step, Doc doc, String text, String reason, Map<String, Object> extra) throws IOException {
            long t = tokens.count(text);
            removed.merge(step, 1L, Long::sum);
            removedTokens.merge(step, t, Long::sum);
            reasons.merge(step + "/" + reason, 1L, Long::sum);
            reasonTokens.merge(step + "/" + reason, t, Long::sum);
            FullRun.write(FullRun.writer("removed/" + step, stem, output, writers, temps), doc.id, doc.url, doc.metadata,
                    text, reason, extra);
        }

        /** Measures and decides the batch; writes each document where it belongs. */
        void flush(TaskContext ctx) throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            ctx.checkCancelled();
            int n = batch.size();
            int s = steps.size();
            MetricTable table = new MetricTable(n);
            String[][] after = new String[s][n];
            Decisions decisions = null;
            if (s > 0) {
                new Measurer(1, measures::words).measureDocuments(n,
                        row -> new Measurer.Input(batch.get(row).text, batch.get(row).url, batch.get(row).metadata),
                        steps, false, table, (k, row, text) -> after[k][row] = text, TaskContext.NONE);
                long[] ids = new long[n];
                String[] hosts = new String[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = RowKeys.hashId(batch.get(i).id);
                    hosts[i] = Hosts.host(batch.get(i).url);
                }
                if (s > (dedup >= 0 ? 1 : 0)) {
                    decisions = Decisions.decide(decideConfig, catalog, table, new RowKeys(ids, hosts, new long[n]));
                }
            }
            for (int row = 0; row < n; row++) {
                Doc doc = batch.get(row);
                Map<String, Object> extra = doc.extra;
                for (int k = 0; k < s; k++) {
                    String language = MetricTable.name(steps.get(k).name(), "language");
                    if (table.has(language)) {
                        double[] label = table.column(language);
                        List<String> labels = table.labels(language);
                        int l = (int) label[row];
                        extra = new LinkedHashMap<>(extra);
                        extra.put("language", l >= 0 && l < labels.size() ? labels.get(l) : null);
                        extra.put("language_score", table.column(MetricTable.name(steps.get(k).name(), "language_score"))[row]);
                    }
                }
                int by = decisions == null ? -1 : decisions.removedBy(row);
                if (by >= 0) {
                    int m = measured.indexOf(by);
                    String text = m == 0 ? doc.shown() : after[m - 1][row];
                    remove(enabled.get(by).stepName(), doc, text, decisions.reason(row), extra);
                    continue;
                }
                int lastFilter = dedup >= 0 ? s - 2 : s - 1;
                String text = lastFilter < 0 ? doc.text : after[lastFilter][row];
                if (dedup < 0) {
                    String shown = lastFilter < 0 ? doc.shown() : text;
                    kept++;
                    keptTokens += tokens.count(shown);
                    FullRun.write(FullRun.writer("kept", stem, output, writers, temps), doc.id, doc.url, doc.metadata,
                            shown, null, extra);
                } else {
                    writeDoc(docsOut, doc.with(text, extra));
                    record(table, row, ctx);
                    kept++;
                }
            }
            batch.clear();
        }

        /** Adds the dedup step's record of a surviving row (none when the row has no signature or content). */
        private void record(MetricTable table, int row, TaskContext ctx) throws IOException {
            String name = enabled.get(dedup).stepName();
            if (sentence) {
                SentenceDedup.Windows w = SentenceDedupStep.windows(table, name, row);
                for (int i = 0; i < w.index().length; i++) {
                    values[inChunk] = w.hash()[i];
                    docs[inChunk] = (int) kept;
                    windows[inChunk++] = w.index()[i];
                    if (inChunk == SentenceRuns.CHUNK) {
                        ctx.checkCancelled();
                        spill();
                    }
                }
                return;
            }
            int count = buckets * width;
            int at = inChunk * count;
            if (types.get(dedup).name().equals(MinHashDedupStep.NAME)) {
                double first = table.column(MetricTable.name(name, "_h0"))[row];
                if (Double.isNaN(first)) {
                    return;
                }
                for (int i = 0; i < count; i++) {
                    values[at + i] = MetricTable.bitsOf(table.column(MetricTable.name(name, "_h" + i))[row]);
                }
            } else {
                double hi = table.column(MetricTable.name(name, "_hi"))[row];
                double lo = table.column(MetricTable.name(name, "_lo"))[row];
                if (Double.isNaN(hi)) {
                    return;
                }
                values[at] = ((long) hi) << 32 | (long) lo;
            }
            docs[inChunk++] = (int) (kept);
            if (inChunk == CHUNK) {
                ctx.checkCancelled();
                spill();
            }
        }

        private void spill() throws IOException {
            if (inChunk == 0) {
                return;
            }
            if (sentence) {
                SentenceRuns.write(passDir(output.resolve("work"), pass).resolve("runs"), String.format("%s.%05d", stem,
                        chunks), shardIndex, values, docs, windows, inChunk, temps);
                chunks++;
                inChunk = 0;
                return;
            }
            DedupRuns.write(passDir(output.resolve("work"), pass).resolve("runs"), String.format("%s.%05d", stem, chunks),
                    shardIndex, values, docs, inChunk, buckets, width, temps);
            chunks++;
            inChunk = 0;
        }

        void abort() throws IOException {
            try {
                if (docsOut != null) {
                    docsOut.close();
                }
                FullRun.closeAll(writers);
            } finally {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
            }
        }

        void finish(Shard shard, long started) throws IOException {
            if (dedup >= 0) {
                spill();
                docsOut.writeBoolean(false);
                docsOut.close();
                docsOut = null;
            }
            FullRun.closeAll(writers);
            long removedHere = removed.values().stream().mapToLong(Long::longValue).sum();
            if (documents != kept + removedHere) {
                abort();
                throw new IllegalStateException("conservation failed for " + shard.relativePath() + " in pass " + pass
                        + ": documents " + documents + ", passed on " + kept + ", removed " + removed);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            ShardOutcome outcome = new ShardOutcome(shard.relativePath(), records, documents, problems, kept, keptTokens,
                    removed, removedTokens, reasons, reasonTokens, millis);
            boolean lastPass = dedup < 0;
            if (lastPass) {
                outcome = total(shard, outcome);
                if (!outcome.conserved()) {
                    abort();
                    throw new IllegalStateException("conservation failed for " + shard.relativePath() + ": documents "
                            + outcome.documents() + ", kept " + outcome.kept() + ", removed " + outcome.removed());
                }
            }
            for (Path t : temps) {
                AtomicFiles.move(t, FullRun.finalPath(t));
            }
            ShardOutcome o = outcome;
            AtomicFiles.write(passMarker(output, pass, shard), out -> PRETTY.writeValue(out, o));
        }

        /** The shard's outcome over every pass: read counts of the first, removals of all, kept of the last. */
        private ShardOutcome total(Shard shard, ShardOutcome last) throws IOException {
            ShardOutcome first = last;
            Map<String, Long> rem = new LinkedHashMap<>(last.removed());
            Map<String, Long> remTokens = new LinkedHashMap<>(last.removedTokens());
            Map<String, Long> why = new TreeMap<>(last.reasons());
            Map<String, Long> whyTokens = new TreeMap<>(last.reasonTokens());
            long millis = last.millis();
            for (int p = 1; p < pass; p++) {
                ShardOutcome o = JSON.readValue(passMarker(output, p, shard).toFile(), ShardOutcome.class);
                if (p == 1) {
                    first = o;
                }
                o.removed().forEach((k, v) -> rem.merge(k, v, Long::sum));
                o.removedTokens().forEach((k, v) -> remTokens.merge(k, v, Long::sum));
                o.reasons().forEach((k, v) -> why.merge(k, v, Long::sum));
                o.reasonTokens().forEach((k, v) -> whyTokens.merge(k, v, Long::sum));
                millis += o.millis();
            }
            return new ShardOutcome(shard.relativePath(), first.records(), first.documents(), first.problems(), last.kept(),
                    last.keptTokens(), rem, remTokens, why, whyTokens, millis);
        }
    }

    private static void writeDoc(DataOutputStream out, Doc d) throws IOException {
        out.writeBoolean(true);
        writeString(out, d.id);
        writeString(out, d.text);
        out.writeBoolean(d.url != null);
        if (d.url != null) {
            writeString(out, d.url);
        }
        writeString(out, JSON.writeValueAsString(d.metadata));
        writeString(out, JSON.writeValueAsString(d.extra));
        out.writeBoolean(d.cut != null);
        if (d.cut != null) {
            writeString(out, d.cut);
        }
    }

    private static Doc readDoc(DataInputStream in, Path file) throws IOException {
        try {
            if (!in.readBoolean()) {
                throw new IOException(file + " ends before its pass's count; delete the output's work folder and run again");
            }
            String id = readString(in);
            String text = readString(in);
            String url = in.readBoolean() ? readString(in) : null;
            Map<String, Object> metadata = JSON.readValue(readString(in), MAP);
            Map<String, Object> extra = JSON.readValue(readString(in), MAP);
            String cut = in.readBoolean() ? readString(in) : null;
            return new Doc(id, text, url, metadata, extra, cut);
        } catch (EOFException e) {
            throw new IOException(file + " is cut short; delete the output's work folder and run again", e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A dedup step across the folder: the survivors of the pass numbered in (shard, record) order, every
     * bucket's runs merged into one union-find, and each survivor's outcome written to the pass's result file.
     */
    private void globalDedup(int pass, List<Shard> shards, Path output, TaskContext ctx) throws IOException {
        Path work = output.resolve("work");
        long[] offsets = new long[shards.size() + 1];
        for (int i = 0; i < shards.size(); i++) {
            ShardOutcome o = JSON.readValue(passMarker(output, pass, shards.get(i)).toFile(), ShardOutcome.class);
            offsets[i + 1] = offsets[i] + o.kept();
        }
        long total = offsets[shards.size()];
        if (total > Integer.MAX_VALUE - 64) {
            throw new IllegalStateException(total + " documents reach step '" + enabled.get(dedups[pass - 1]).stepName()
                    + "'; a full run deduplicates at most " + (Integer.MAX_VALUE - 64) + " at once");
        }
        StepType type = types.get(dedups[pass - 1]);
        if (type.name().equals(SentenceDedupStep.NAME)) {
            List<String> stems = shards.stream().map(FullRun::stem).toList();
            SentenceRuns.findDuplicates(passDir(work, pass).resolve("runs"), offsets, stems, dupsDir(work, pass), ctx);
            Outcomes.ofOffsets(offsets).write(outcomesFile(work, pass));
            return;
        }
        int buckets = type.name().equals(MinHashDedupStep.NAME)
                ? (int) StepParams.of(type, enabled.get(dedups[pass - 1])).number(MinHashDedupStep.NUM_BUCKETS) : 1;
        int width = type.name().equals(MinHashDedupStep.NAME)
                ? (int) StepParams.of(type, enabled.get(dedups[pass - 1])).number(MinHashDedupStep.HASHES_PER_BUCKET) : 1;
        MinHashClusters.UnionFind uf = new MinHashClusters.UnionFind((int) total);
        Path runs = passDir(work, pass).resolve("runs");
        for (int b = 0; b < buckets; b++) {
            ctx.checkCancelled();
            DedupRuns.merge(DedupRuns.bucketDir(runs, b), width, offsets, uf, ctx);
        }
        MinHashClusters.Clusters clusters = uf.clusters();
        new Outcomes(offsets, clusters).write(outcomesFile(work, pass));
    }

    /** A global dedup stage's result: per survivor (numbered by {@code offsets}), removed, cluster id and size. */
    static final class Outcomes {
        final long[] offsets;
        final int[] clusterId;
        final int[] clusterSize;
        final long[] keep;

        Outcomes(long[] offsets, int[] clusterId, int[] clusterSize, long[] keep) {
            this.offsets = offsets;
            this.clusterId = clusterId;
            this.clusterSize = clusterSize;
            this.keep = keep;
        }

        Outcomes(long[] offsets, MinHashClusters.Clusters c) {
            this(offsets, new int[c.size()], new int[c.size()], new long[(c.size() + 63) >>> 6]);
            for (int i = 0; i < c.size(); i++) {
                clusterId[i] = c.clusterId(i);
                clusterSize[i] = c.clusterSize(i);
                if (c.keep(i)) {
                    keep[i >>> 6] |= 1L << i;
                }
            }
        }

        /** A stage that decides per document later (sentence dedup): only where each shard's survivors start. */
        static Outcomes ofOffsets(long[] offsets) {
            return new Outcomes(offsets, null, null, null);
        }

        boolean removed(int ord) {
            return (keep[ord >>> 6] & 1L << ord) == 0;
        }

        void write(Path file) throws IOException {
            AtomicFiles.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
                out.writeInt(offsets.length);
                for (long o : offsets) {
                    out.writeLong(o);
                }
                out.writeBoolean(keep != null);
                if (keep == null) {
                    out.flush();
                    return;
                }
                for (int v : clusterId) {
                    out.writeInt(v);
                }
                for (int v : clusterSize) {
                    out.writeInt(v);
                }
                for (long w : keep) {
                    out.writeLong(w);
                }
                out.flush();
            });
        }

        static Outcomes read(Path file, int shards) throws IOException {
            try (InputStream raw = Files.newInputStream(file);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                int count = in.readInt();
                if (count != shards + 1) {
                    throw new IOException(file + " was written for " + (count - 1) + " shards, the folder has " + shards
                            + "; delete the output's work folder and run again");
                }
                long[] offsets = new long[count];
                for (int i = 0; i < count; i++) {
                    offsets[i] = in.readLong();
                }
                if (!in.readBoolean()) {
                    return ofOffsets(offsets);
                }
                int n = (int) offsets[count - 1];
                int[] id = new int[n];
                int[] size = new int[n];
                long[] keep = new long[(n + 63) >>> 6];
                for (int i = 0; i < n; i++) {
                    id[i] = in.readInt();
                }
                for (int i = 0; i < n; i++) {
                    size[i] = in.readInt();
                }
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = in.readLong();
                }
                return new Outcomes(offsets, id, size, keep);
            }
        }
    }
}
