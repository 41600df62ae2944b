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
import java.util.ArrayDeque;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
        ctx.checkCancelled();
        Files.createDirectories(dir);
        List<Worker> workers = new ArrayList<>();
        try {
            Path spillDir = Files.createDirectories(dir.resolve("spill"));
            Selection selection = new Selection(spec);
            for (int w = 0; w < threads; w++) {
                workers.add(new Worker(w, spillDir.resolve("spill-" + w + ".bin")));
            }
            long totalBytes = shards.stream().mapToLong(Shard::sizeBytes).sum();
            AtomicLong doneBytes = new AtomicLong();
            ReadTotals totals = new ReadTotals();
            readAll(shards, spec, options, workers, selection, totals, doneBytes, totalBytes, spillDir, ctx);
            for (Worker w : workers) {
                w.closeSpill();
            }
            ctx.checkCancelled();
            ctx.message("Writing the sample store");
            List<Entry> chosen = selection.chosen();
            chosen.sort(Comparator.comparingInt(Entry::shard).thenComparingLong(Entry::position));
            int written = writeStore(dir, chosen, workers, ctx);
            mergeProblems(spillDir, shards.size(), dir.resolve(ProblemLog.FILE));
            SampleManifest manifest = new SampleManifest(SampleManifest.FORMAT_VERSION, scan.root().toString(), spec,
                    shards.stream().map(Sampler::entry).toList(),
                    new SampleManifest.FieldMappingEntry(options.fieldMapping().textKey(),
                            options.fieldMapping().idKey(), options.fieldMapping().urlKey()),
                    options.maxRecordBytes(), totals.stats(), written, Instant.now().toString(),
                    (System.nanoTime() - started) / 1_000_000);
            AtomicFiles.deleteTree(spillDir);
            ctx.checkCancelled();
            AtomicFiles.write(dir.resolve(MANIFEST), out -> JSON.writeValue(out, manifest));
            ctx.progress(totalBytes, totalBytes, TaskContext.Unit.BYTES);
        } catch (IOException | RuntimeException | Error e) {
            for (Worker w : workers) {
                try {
                    w.closeSpill();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
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

    private void readAll(List<Shard> shards, SampleSpec spec, ReaderOptions options, List<Worker> workers,
                         Selection selection, ReadTotals totals, AtomicLong doneBytes, long totalBytes, Path spillDir,
                         TaskContext ctx) throws IOException {
        // Largest shards first balances the threads; the result does not depend on this order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> shards.get(i).sizeBytes()).reversed().thenComparing(i -> i));
        AtomicInteger next = new AtomicInteger();
        // Set when any worker fails (or is cancelled): the others stop at their next check.
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-sampler");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Worker worker : workers) {
                futures.add(pool.submit(() -> {
                    try {
                        int k;
                        while (!stop.get() && (k = next.getAndIncrement()) < order.size()) {
                            int shardIndex = order.get(k);
                            Shard shard = shards.get(shardIndex);
                            ctx.checkCancelled();
                            ctx.message("Reading " + shard.relativePath());
                            worker.read(shard, shardIndex, spec, options, selection, totals, doneBytes, totalBytes,
                                    spillDir.resolve("problems-" + shardIndex + ".jsonl"), stop, ctx);
                        }
                        return null;
                    } catch (Throwable t) {
                        stop.set(true);
                        throw t;
                    }
                }));
            }
            // Wait for every worker, so that none is still writing when the caller cleans up.
            Throwable first = null;
            boolean interrupted = false;
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (ExecutionException e) {
                        if (first == null || first instanceof CancellationException && !(e.getCause() instanceof CancellationException)) {
                            first = e.getCause();
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        stop.set(true);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first instanceof Error err) {
                throw err;
            }
            if (first != null) {
                throw new IllegalStateException(first);
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
                  ReadTotals totals, AtomicLong doneBytes, long totalBytes, Path problemFile, AtomicBoolean stop,
                  TaskContext ctx) throws IOException {
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
                        if (stop.get()) {
                            return;
                        }
                        ctx.checkCancelled();
                        long now = Math.min(reader.counts().bytesRead(), shard.sizeBytes());
                        ctx.progress(doneBytes.addAndGet(now - reported), totalBytes, TaskContext.Unit.BYTES);
                        reported = now;
                    }
                }
                totals.add(reader.counts(), problems);
            }
            ctx.progress(doneBytes.addAndGet(shard.sizeBytes() - reported), totalBytes, TaskContext.Unit.BYTES);
        }

        void closeSpill() throws IOException {
            out.close();
        }
    }

    /**
     * Copies the chosen documents, in row order, from the spill files into the store. The spilled bytes are
     * already in the store's document form, so nothing is decoded: blocks are assembled, their row entries
     * counted on the bytes and compressed on all threads, and written in order.
     */
    private int writeStore(Path dir, List<Entry> chosen, List<Worker> workers, TaskContext ctx) throws IOException {
        List<FileChannel> channels = new ArrayList<>();
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-sample-store");
            t.setDaemon(true);
            return t;
        });
        try (SampleStoreWriter writer = new SampleStoreWriter(dir)) {
            for (Worker w : workers) {
                channels.add(FileChannel.open(w.spill, StandardOpenOption.READ));
            }
            int rows = SampleStoreWriter.BLOCK_ROWS;
            int blocks = (chosen.size() + rows - 1) / rows;
            ArrayDeque<Future<SampleStoreWriter.Block>> inFlight = new ArrayDeque<>();
            for (int b = 0; b < blocks; b++) {
                List<Entry> part = chosen.subList(b * rows, Math.min(chosen.size(), (b + 1) * rows));
                if (pool == null) {
                    writer.write(block(part, channels, workers));
                } else {
                    inFlight.add(pool.submit(() -> block(part, channels, workers)));
                    while (inFlight.size() > 4 * threads) {
                        writer.write(await(inFlight.poll()));
                    }
                }
                if (b % 16 == 0) {
                    ctx.checkCancelled();
                }
            }
            while (!inFlight.isEmpty()) {
                writer.write(await(inFlight.poll()));
            }
            return writer.count();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            for (FileChannel ch : channels) {
                ch.close();
            }
        }
    }

    private static SampleStoreWriter.Block block(List<Entry> part, List<FileChannel> channels, List<Worker> workers)
            throws IOException {
        int total = 0;
        for (Entry e : part) {
            total = Math.addExact(total, e.length);
        }
        byte[] raw = new byte[total];
        int at = 0;
        for (Entry e : part) {
            ByteBuffer buf = ByteBuffer.wrap(raw, at, e.length);
            FileChannel ch = channels.get(e.worker);
            long from = e.offset - at;
            while (buf.hasRemaining()) {
                if (ch.read(buf, from + buf.position()) < 0) {
                    throw new IOException("spill file cut short: " + workers.get(e.worker).spill);
                }
            }
            at += e.length;
        }
        return SampleStoreWriter.block(raw, total, part.size());
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
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
