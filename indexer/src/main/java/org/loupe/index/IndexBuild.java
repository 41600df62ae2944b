package org.loupe.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * Opening a sample's index, or building it: the checks that decide to rebuild (marker, format, Lucene version,
 * document count, languages, file lengths, checksums), the parallel writer, the near-real-time views handed out
 * while it writes, and the marker written last. See {@link SampleIndex#openOrBuild(Sample, String[], TaskContext,
 * java.util.function.Consumer)}.
 */
final class IndexBuild {
    static final String LANGUAGES_FILE = "languages.txt";
    private static final int CHUNK = 64;
    private static final double RAM_BUFFER_MB = 256;
    /** Least time between two near-real-time views during a build. */
    static final long PARTIAL_EVERY_MS = 1500;

    private IndexBuild() {
    }

    /** See {@link SampleIndex#openOrBuild(Sample, String[], TaskContext, java.util.function.Consumer)}. */
    static SampleIndex openOrBuild(Sample sample, String[] languages, TaskContext ctx,
                                   java.util.function.Consumer<SampleIndex> partial) throws IOException {
        Objects.requireNonNull(sample, "sample");
        TaskContext context = ctx == null ? TaskContext.NONE : ctx;
        if (languages != null && languages.length != sample.size()) {
            throw new IllegalArgumentException("languages for " + languages.length + " rows, the sample has " + sample.size());
        }
        Path dir = sample.directory().resolve(SampleIndex.FOLDER);
        String hash = languages == null ? null : hash(languages);
        IndexMarker marker = IndexMarker.read(dir);
        if (marker != null && marker.format() == SampleIndex.FORMAT && Version.LATEST.toString().equals(marker.lucene())
                && marker.documents() == sample.size() && (hash == null || hash.equals(marker.languagesHash()))) {
            SampleIndex opened = tryOpen(sample, dir, marker, languages, false);
            if (opened != null) {
                return opened;
            }
        }
        build(sample, dir, languages, hash, context, partial);
        IndexMarker built = IndexMarker.read(dir);
        SampleIndex opened = built == null ? null : tryOpen(sample, dir, built, languages, true);
        if (opened == null) {
            throw new IOException("the index just built in " + dir + " cannot be opened");
        }
        return opened;
    }

    /** A view of the documents the writer holds so far (null when none yet); closing it leaves the writer alone. */
    private static SampleIndex nearRealTime(Sample sample, IndexWriter writer, String[] languages) throws IOException {
        DirectoryReader reader = DirectoryReader.open(writer);
        if (reader.numDocs() == 0) {
            reader.close();
            return null;
        }
        int[][] docToRow = new int[reader.leaves().size()][];
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            int[] map = new int[r.maxDoc()];
            NumericDocValues rows = r.getNumericDocValues(IndexSchema.ROW);
            for (int doc = 0; doc < map.length; doc++) {
                map[doc] = rows != null && rows.advanceExact(doc) ? (int) rows.longValue() : 0;
            }
            docToRow[leaf.ord] = map;
        }
        return new SampleIndex(sample, null, reader, IndexSchema.analyzer(), docToRow, languages, true, true);
    }

    /** The index, or null when it is broken in any way (wrong file lengths, unreadable, failed checksums). */
    private static SampleIndex tryOpen(Sample sample, Path dir, IndexMarker marker, String[] languages, boolean rebuilt) {
        Directory directory = null;
        DirectoryReader reader = null;
        try {
            for (Map.Entry<String, Long> f : marker.files().entrySet()) {
                Path file = dir.resolve(f.getKey());
                if (!Files.isRegularFile(file) || Files.size(file) != f.getValue()) {
                    return null;
                }
            }
            String[] langs = languages;
            if (langs == null && marker.languagesHash() != null) {
                langs = readLanguages(dir.resolve(LANGUAGES_FILE), sample.size());
                if (langs == null || !marker.languagesHash().equals(hash(langs))) {
                    return null;
                }
            }
            directory = FSDirectory.open(dir);
            reader = DirectoryReader.open(directory);
            int n = sample.size();
            if (reader.numDocs() != n || reader.maxDoc() != n) {
                throw new IOException("index of " + reader.numDocs() + " documents, sample of " + n);
            }
            boolean[] seen = new boolean[n];
            int[][] docToRow = new int[reader.leaves().size()][];
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                // Every checksum: a file overwritten in place (same length) is caught here, not mid-search.
                r.checkIntegrity();
                int[] map = new int[r.maxDoc()];
                NumericDocValues rows = r.getNumericDocValues(IndexSchema.ROW);
                if (rows == null) {
                    throw new IOException("index without row numbers");
                }
                for (int doc = 0; doc < map.length; doc++) {
                    if (!rows.advanceExact(doc)) {
                        throw new IOException("document without a row number");
                    }
                    long row = rows.longValue();
                    if (row < 0 || row >= n || seen[(int) row]) {
                        throw new IOException("bad or repeated row number " + row);
                    }
                    seen[(int) row] = true;
                    map[doc] = (int) row;
                }
                docToRow[leaf.ord] = map;
            }
            return new SampleIndex(sample, directory, reader, IndexSchema.analyzer(), docToRow, langs, rebuilt, false);
        } catch (Exception | AssertionError e) {
            closeQuietly(reader);
            closeQuietly(directory);
            return null;
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // Already failing: the index is rebuilt.
            }
        }
    }

    /** Builds the index from scratch; the marker is written last, so an interrupted build is never taken as complete. */
    private static void build(Sample sample, Path dir, String[] languages, String hash, TaskContext ctx,
                              java.util.function.Consumer<SampleIndex> partial) throws IOException {
        AtomicFiles.deleteTree(dir);
        Files.createDirectories(dir);
        int n = sample.size();
        ctx.message("Indexing " + n + " documents");
        ctx.progress(0, n, TaskContext.Unit.DOCUMENTS);
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        IndexWriterConfig config = new IndexWriterConfig(IndexSchema.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                // No compound files: packing each flushed segment into one file copies it once more.
                .setUseCompoundFile(false)
                .setCommitOnClose(false);
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setNoCFSRatio(0);
        config.setMergePolicy(merges);
        boolean complete = false;
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            AtomicInteger next = new AtomicInteger();
            AtomicLong done = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "loupe-index");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        int from;
                        while ((from = next.getAndAdd(CHUNK)) < n) {
                            if (ctx.isCancelled()) {
                                return null;
                            }
                            int to = Math.min(n, from + CHUNK);
                            for (int row = from; row < to; row++) {
                                writer.addDocument(IndexSchema.document(row, sample.id(row), sample.url(row),
                                        SampleIndex.domain(sample, row), languages == null ? null : languages[row],
                                        sample.document(row).text()));
                            }
                            ctx.progress(done.addAndGet(to - from), n, TaskContext.Unit.DOCUMENTS);
                        }
                        return null;
                    }));
                }
                long step = Math.max(CHUNK, n / 5);
                long shown = 0;
                // The first view as soon as a fifth is indexed, later ones no more often than every PARTIAL_EVERY_MS.
                long shownAt = System.nanoTime() - PARTIAL_EVERY_MS * 1_000_000L;
                for (Future<?> f : futures) {
                    while (true) {
                        try {
                            f.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                            break;
                        } catch (java.util.concurrent.TimeoutException stillRunning) {
                            long now = done.get();
                            if (partial != null && now - shown >= step && now < n
                                    && System.nanoTime() - shownAt >= PARTIAL_EVERY_MS * 1_000_000L) {
                                SampleIndex view = nearRealTime(sample, writer, languages);
                                if (view != null) {
                                    partial.accept(view);
                                }
                                shown = now;
                                shownAt = System.nanoTime();
                            }
                        }
                    }
                }
            } catch (ExecutionException e) {
                writer.rollback();
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof java.io.UncheckedIOException u) {
                    throw u.getCause();
                }
                throw new IOException("indexing failed: " + c, c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.rollback();
                throw new CancellationException("interrupted");
            } finally {
                pool.shutdownNow();
            }
            if (ctx.isCancelled()) {
                writer.rollback();
                throw new CancellationException("cancelled");
            }
            ctx.message("Committing the index");
            writer.commit();
            complete = true;
        } finally {
            if (!complete) {
                AtomicFiles.deleteTree(dir);
            }
        }
        if (languages != null) {
            StringBuilder b = new StringBuilder(n * 3);
            for (String l : languages) {
                b.append(l == null ? "" : l).append('\n');
            }
            AtomicFiles.writeString(dir.resolve(LANGUAGES_FILE), b.toString());
        }
        Map<String, Long> files = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals("write.lock") && !name.equals(IndexMarker.FILE)) {
                    files.put(name, Files.size(f));
                }
            }
        }
        new IndexMarker(SampleIndex.FORMAT, Version.LATEST.toString(), n, hash, files).write(dir);
        ctx.progress(n, n, TaskContext.Unit.DOCUMENTS);
    }

    private static String[] readLanguages(Path file, int rows) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() != rows) {
            return null;
        }
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = lines.get(i).isEmpty() ? null : lines.get(i);
        }
        return out;
    }

    private static String hash(String[] languages) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String l : languages) {
                md.update((l == null ? "" : l).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
