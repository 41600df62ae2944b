package org.loupe.engine.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.io.Bytes;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ReadCounts;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.task.TaskContext;

/**
 * Draws a {@link SampleSpec} from the shards of a folder into a sample store, streaming, with bounded
 * memory, on several threads.
 *
 * <p>Every document gets a key from (seed, shard, position) ({@link SampleKeys}). Shards are read in
 * parallel; a document whose key can still make the sample is encoded and appended to its worker's
 * spill file, and only its key and spill address stay in memory (a bounded max-heap of {@code size}
 * entries for size samples). Since the chosen set is "the smallest keys", it does not depend on
 * the order in which shards finish, so the result is the same for any number of threads. At the end
 * the chosen documents are copied, in (shard, position) order, into the compressed store. Every record
 * read is either a document or a problem in {@code problems.jsonl}.
 */
public final class Sampler {
    public static final String MANIFEST = "sample.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CHECK_EVERY = 256;

    private final int threads;

    public Sampler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
    }

    /** One chosen (or candidate) document: its key, where it is, and where its bytes are spilled. */
    private record Entry(long key, int shard, long position, int worker, long offset, int length) { }

    private static final Comparator<Entry> BY_KEY = (a, b) -> {
        int c = Long.compareUnsigned(a.key, b.key);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.shard, b.shard);
        return c != 0 ? c : Long.compare(a.position, b.position);
    };

    /**
     * Draws the sample into {@code dir} (created; must not exist or be empty). On failure or
     * cancellation nothing is left in {@code dir}'s place.
     */
    public void draw(ScanResult scan, SampleSpec spec, ReaderOptions options, Path dir, TaskContext ctx)
            throws IOException {
        long started = System.nanoTime();
        List<Shard> shards = select(scan, spec);
        Files.createDirectories(dir);
        Path spillDir = Files.createDirectories(dir.resolve("spill"));
        try {
            Selection selection = new Selection(spec);
            List<Worker> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(new Worker(w, spillDir.resolve("spill-" + w + ".bin")));
            }
            long totalBytes = shards.stream().mapToLong(Shard::sizeBytes).sum();
            AtomicLong doneBytes = new AtomicLong();
            ReadTotals totals = new ReadTotals();
            readAll(scan.root(), shards, spec, options, workers, selection, totals, doneBytes, totalBytes, spillDir, ctx);
            for (Worker w : workers) {
                w.closeSpill();
            }
            ctx.message("Writing the sample store");
            List<Entry> chosen = selection.chosen();
            chosen.sort(Comparator.comparingInt(Entry::shard).thenComparingLong(Entry::position));
            List<Path> shardPaths = shards.stream().map(Shard::path).toList();
            int written = writeStore(dir, chosen, workers, shardPaths, ctx);
            mergeProblems(spillDir, shards.size(), dir.resolve(ProblemLog.FILE));
            SampleManifest manifest = new SampleManifest(SampleManifest.FORMAT_VERSION, scan.root().toString(), spec,
                    shards.stream().map(Sampler::entry).toList(),
                    new SampleManifest.FieldMappingEntry(options.fieldMapping().textKey(),
                            options.fieldMapping().idKey(), options.fieldMapping().urlKey()),
                    options.maxRecordBytes(), totals.stats(), written, Instant.now().toString(),
                    (System.nanoTime() - started) / 1_000_000);
            AtomicFiles.deleteTree(spillDir);
            AtomicFiles.write(dir.resolve(MANIFEST), out -> JSON.writeValue(out, manifest));
            ctx.progress(totalBytes, totalBytes);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteTree(dir);
            throw e;
        }
    }

    static SampleManifest.ShardEntry entry(Shard s) {
        long mtime;
        try {
            mtime = Files.getLastModifiedTime(s.path()).toMillis();
        } catch (IOException e) {
            mtime = -1;
        }
        return new SampleManifest.ShardEntry(s.relativePath(), s.format().jsonName(), s.compression().jsonName(),
                s.sizeBytes(), mtime);
    }

    /** The shards a spec asks for, in folder order; unknown names are an error that names them. */
    public static List<Shard> select(ScanResult scan, SampleSpec spec) {
        if (spec.shards().isEmpty()) {
            return scan.shards();
        }
        Set<String> wanted = new HashSet<>(spec.shards());
        List<Shard> selected = scan.shards().stream().filter(s -> wanted.contains(s.relativePath())).toList();
        if (selected.size() != wanted.size()) {
            Set<String> missing = new HashSet<>(wanted);
            selected.forEach(s -> missing.remove(s.relativePath()));
            throw new IllegalArgumentException("sample spec names shards that are not in " + scan.root() + ": " + missing);
        }
        return selected;
    }

    private void readAll(Path root, List<Shard> shards, SampleSpec spec, ReaderOptions options, List<Worker> workers,
                         Selection selection, ReadTotals totals, AtomicLong doneBytes, long totalBytes, Path spillDir,
                         TaskContext ctx) throws IOException {
        // Largest shards first balances the threads; the result does not depend on this order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> shards.get(i).sizeBytes()).reversed().thenComparing(i -> i));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-sampler");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Worker worker : workers) {
                futures.add(pool.submit(() -> {
                    int k;
                    while ((k = next.getAndIncrement()) < order.size()) {
                        int shardIndex = order.get(k);
                        Shard shard = shards.get(shardIndex);
                        ctx.message("Reading " + shard.relativePath());
                        worker.read(shard, shardIndex, spec, options, selection, totals, doneBytes, totalBytes,
                                spillDir.resolve("problems-" + shardIndex + ".jsonl"), ctx);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The documents chosen so far: a bounded max-heap (size samples) or a list (fraction samples). */
    private static final class Selection {
        private final SampleSpec spec;
        private final PriorityQueue<Entry> heap;
        private final List<Entry> list = new ArrayList<>();
        private volatile long threshold = -1L; // unsigned max: everything passes until the heap is full

        Selection(SampleSpec spec) {
            this.spec = spec;
            this.heap = spec.bySize() ? new PriorityQueue<>(Math.min(spec.size(), 1 << 16) + 1, BY_KEY.reversed()) : null;
        }

        /** Whether a key may enter the sample (cheap pre-check without the lock). */
        boolean mayEnter(long key) {
            return spec.bySize() ? Long.compareUnsigned(key, threshold) <= 0 : SampleKeys.inFraction(key, spec.fraction());
        }

        synchronized void offer(Entry e) {
            if (!spec.bySize()) {
                list.add(e);
                return;
            }
            if (heap.size() < spec.size()) {
                heap.add(e);
            } else if (BY_KEY.compare(e, heap.peek()) < 0) {
                heap.poll();
                heap.add(e);
            } else {
                return;
            }
            if (heap.size() == spec.size()) {
                threshold = heap.peek().key;
            }
        }

        synchronized List<Entry> chosen() {
            return spec.bySize() ? new ArrayList<>(heap) : new ArrayList<>(list);
        }
    }

    /** Sums of the readers' counters. */
    private static final class ReadTotals {
        private long records;
        private long documents;
        private long skipped;
        private long repaired;
        private long ignored;
        private final Map<String, Long> problemsByKind = new TreeMap<>();
        private long problems;

        synchronized void add(ReadCounts c, ProblemLog log) {
            records += c.records();
            documents += c.documents();
            skipped += c.skippedRecords();
            repaired += c.repairedDocuments();
            ignored += c.ignoredRecords();
            problems += log.total();
            log.byKind().forEach((k, v) -> problemsByKind.merge(k, v, Long::sum));
        }

        synchronized SampleManifest.ReadStats stats() {
            return new SampleManifest.ReadStats(records, documents, skipped, repaired, ignored, problems,
                    new TreeMap<>(problemsByKind));
        }
    }

    /** One reading thread with its own spill file. */
    private static final class Worker {
        private final int id;
        private final Path spill;
        private final OutputStream out;
        private long offset;
        private final Bytes buffer = new Bytes(1 << 16);

        Worker(int id, Path spill) throws IOException {
            this.id = id;
            this.spill = spill;
            this.out = new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16);
        }

        void read(Shard shard, int shardIndex, SampleSpec spec, ReaderOptions options, Selection selection,
                  ReadTotals totals, AtomicLong doneBytes, long totalBytes, Path problemFile, TaskContext ctx)
                throws IOException {
            long shardHash = SampleKeys.shardHash(shard.relativePath());
            long reported = 0;
            try (ProblemLog problems = new ProblemLog(problemFile);
                 DocumentReader reader = ShardReaders.open(shard, options, problems)) {
                Document doc;
                long n = 0;
                while ((doc = reader.next()) != null) {
                    long key = SampleKeys.key(spec.seed(), shardHash, doc.source().position());
                    if (selection.mayEnter(key)) {
                        buffer.clear();
                        DocumentCodec.encode(doc, shardIndex, buffer);
                        Entry e = new Entry(key, shardIndex, doc.source().position(), id, offset, buffer.size());
                        out.write(buffer.array(), 0, buffer.size());
                        offset += buffer.size();
                        selection.offer(e);
                    }
                    if (++n % CHECK_EVERY == 0) {
                        ctx.checkCancelled();
                        long now = Math.min(reader.counts().bytesRead(), shard.sizeBytes());
                        ctx.progress(doneBytes.addAndGet(now - reported), totalBytes);
                        reported = now;
                    }
                }
                totals.add(reader.counts(), problems);
            }
            ctx.progress(doneBytes.addAndGet(shard.sizeBytes() - reported), totalBytes);
        }

        void closeSpill() throws IOException {
            out.close();
        }
    }

    private static int writeStore(Path dir, List<Entry> chosen, List<Worker> workers, List<Path> shardPaths,
                                  TaskContext ctx) throws IOException {
        List<FileChannel> channels = new ArrayList<>();
        try (SampleStoreWriter writer = new SampleStoreWriter(dir)) {
            for (Worker w : workers) {
                channels.add(FileChannel.open(w.spill, StandardOpenOption.READ));
            }
            int i = 0;
            for (Entry e : chosen) {
                ByteBuffer buf = ByteBuffer.allocate(e.length);
                FileChannel ch = channels.get(e.worker);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, e.offset + buf.position()) < 0) {
                        throw new IOException("spill file cut short: " + workers.get(e.worker).spill);
                    }
                }
                byte[] bytes = buf.array();
                Document doc = DocumentCodec.decode(new Bytes.Reader(bytes, 0, bytes.length), shardPaths);
                writer.add(doc, e.shard);
                if (++i % 1024 == 0) {
                    ctx.checkCancelled();
                }
            }
            return writer.count();
        } finally {
            for (FileChannel ch : channels) {
                ch.close();
            }
        }
    }

    private static void mergeProblems(Path spillDir, int shards, Path target) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            for (int i = 0; i < shards; i++) {
                Path p = spillDir.resolve("problems-" + i + ".jsonl");
                if (Files.exists(p)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        in.transferTo(out);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
