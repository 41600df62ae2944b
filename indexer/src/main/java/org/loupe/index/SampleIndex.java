package org.loupe.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * The Lucene index of a sample, kept in the sample's folder ({@code index/}), and the searches over it.
 *
 * <p>One Lucene document per sample row: {@code row}, {@code id}, {@code url}, {@code domain} (the URL's host,
 * lowercase), {@code language} (when known) and {@code text} (analyzed with offsets, not stored: snippets read the
 * text from the sample). Queries use the classic Lucene syntax ({@code "phrases"}, {@code AND/OR/NOT}, wildcards,
 * {@code url:}, {@code domain:}, {@code language:}, {@code id:}) over {@code text} by default.
 *
 * <p>Only the text and the row identity are indexed. Everything a pipeline config decides is applied at query
 * time from live data: the status filter and facet come from the current {@link RowStatus} (the decisions), and
 * metric ranges and metric sorting from the current metric columns. A threshold change or another config
 * therefore never reindexes. Facets are drill-sideways (see {@link SearchResult}).
 *
 * <p>The index is complete only once its marker ({@code loupe-index.json}: format, Lucene version, document
 * count, file lengths) is written, last. {@link #openOrBuild} rebuilds an index that is missing, of another
 * format or Lucene version, of another number of documents, or that fails to open or verify (a corrupt file):
 * it never fails on a broken index. Thread-safe for searching.
 */
public final class SampleIndex implements Closeable {
    /** The index layout version; another value in the marker means rebuild. */
    public static final int FORMAT = 2;
    /** The folder of the index inside the sample's folder. */
    public static final String FOLDER = "index";
    static final String LANGUAGES_FILE = "languages.txt";
    private static final int CHUNK = 64;
    private static final double RAM_BUFFER_MB = 256;

    private final Sample sample;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private boolean partial;
    private final Analyzer queryAnalyzer = IndexSchema.queryAnalyzer();
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "loupe-search");
                t.setDaemon(true);
                return t;
            });
    private final UnifiedHighlighter highlighter;
    private final int[][] docToRow;
    private final boolean rebuilt;
    private final int[] domainId;
    private final String[] domainNames;
    private final Map<String, Integer> domainIds;
    private final int[] languageId;
    private final String[] languageNames;
    private final Map<String, Integer> languageIds;

    private SampleIndex(Sample sample, Directory directory, DirectoryReader reader, Analyzer analyzer, int[][] docToRow,
                        String[] languages, boolean rebuilt) {
        this.sample = sample;
        this.directory = directory;
        this.reader = reader;
        // Queries run over the segments in parallel (all cores) and snippets of a page are built in parallel.
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        int perSlice = Math.max(1, (reader.maxDoc() + cores - 1) / cores);
        this.searcher = new IndexSearcher(reader, executor) {
            @Override
            protected LeafSlice[] slices(List<org.apache.lucene.index.LeafReaderContext> leaves) {
                // About one slice per core (Lucene's default would put a 100k-document sample in one slice).
                return slices(leaves, perSlice, Integer.MAX_VALUE);
            }
        };
        this.analyzer = analyzer;
        this.docToRow = docToRow;
        this.rebuilt = rebuilt;
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withBreakIterator(WholeBreakIterator::new)
                .withMaxLength(Integer.MAX_VALUE - 1)
                .withMaxNoHighlightPassages(0)
                .withFormatter(new MatchFormatter())
                .build();
        int n = sample.size();
        domainId = new int[n];
        domainIds = new HashMap<>();
        List<String> dn = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            domainId[row] = id(domain(sample, row), domainIds, dn);
        }
        domainNames = dn.toArray(String[]::new);
        languageId = new int[n];
        languageIds = new HashMap<>();
        List<String> ln = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            languageId[row] = id(languages == null ? null : languages[row], languageIds, ln);
        }
        languageNames = ln.toArray(String[]::new);
    }

    private static int id(String value, Map<String, Integer> ids, List<String> names) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        return ids.computeIfAbsent(value, v -> {
            names.add(v);
            return names.size() - 1;
        });
    }

    private static String domain(Sample sample, int row) {
        String h = sample.host(row);
        return h == null ? null : h.toLowerCase(Locale.ROOT);
    }

    /**
     * Opens the index of a sample in {@code sample.directory().resolve("index")}, building it when it is missing,
     * of another {@link #FORMAT} or Lucene version, for another number of documents, for other languages, or
     * corrupt (any failure opening or verifying it: the folder is deleted and the index rebuilt).
     *
     * @param languages the language code per row (e.g. {@code "en"}; null entries for unknown), or null when not
     *                  known: then an index built with languages is reused with them, else built without
     * @param ctx       progress (documents indexed of all) and cancellation; a cancelled build leaves no index that
     *                  would be taken as complete
     * @throws IllegalArgumentException when {@code languages} has not one entry per row
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static SampleIndex openOrBuild(Sample sample, String[] languages, TaskContext ctx) throws IOException {
        return openOrBuild(sample, languages, ctx, null);
    }

    /**
     * As {@link #openOrBuild(Sample, String[], TaskContext)}, and while a build runs, hands {@code partial}
     * near-real-time views of the documents indexed so far (about every fifth of the sample, at most every
     * {@value #PARTIAL_EVERY_MS} ms), so that a search can start before the index is complete. Each view is
     * an open index over part of the sample ({@link #isPartial()}); the receiver closes it.
     */
    public static SampleIndex openOrBuild(Sample sample, String[] languages, TaskContext ctx,
                                          java.util.function.Consumer<SampleIndex> partial) throws IOException {
        Objects.requireNonNull(sample, "sample");
        TaskContext context = ctx == null ? TaskContext.NONE : ctx;
        if (languages != null && languages.length != sample.size()) {
            throw new IllegalArgumentException("languages for " + languages.length + " rows, the sample has " + sample.size());
        }
        Path dir = sample.directory().resolve(FOLDER);
        String hash = languages == null ? null : hash(languages);
        IndexMarker marker = IndexMarker.read(dir);
        if (marker != null && marker.format() == FORMAT && Version.LATEST.toString().equals(marker.lucene())
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
        SampleIndex view = new SampleIndex(sample, null, reader, IndexSchema.analyzer(), docToRow, languages, true);
        view.partial = true;
        return view;
    }

    /** Whether this is a near-real-time view of a build in progress (part of the sample). */
    public boolean isPartial() {
        return partial;
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
            return new SampleIndex(sample, directory, reader, IndexSchema.analyzer(), docToRow, langs, rebuilt);
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
    /** Least time between two near-real-time views during a build. */
    static final long PARTIAL_EVERY_MS = 1500;

    private static void build(Sample sample, Path dir, String[] languages, String hash, TaskContext ctx,
                              java.util.function.Consumer<SampleIndex> partial) throws IOException {
        AtomicFiles.deleteTree(dir);
        Files.createDirectories(dir);
        int n = sample.size();
        ctx.message("Indexing " + n + " documents");
        ctx.progress(0, n);
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
                                        domain(sample, row), languages == null ? null : languages[row],
                                        sample.document(row).text()));
                            }
                            ctx.progress(done.addAndGet(to - from), n);
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
        new IndexMarker(FORMAT, Version.LATEST.toString(), n, hash, files).write(dir);
        ctx.progress(n, n);
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

    /** Whether this open built the index (it was missing, outdated or broken). */
    public boolean rebuilt() {
        return rebuilt;
    }

    /** The number of documents (= sample rows). */
    public int documents() {
        return docToRow.length == 0 ? 0 : reader.numDocs();
    }

    /** The folder holding the index. */
    public Path directory() {
        return sample.directory().resolve(FOLDER);
    }

    /** The language of a row as indexed, or null. */
    public String language(int row) {
        int l = languageId[row];
        return l < 0 ? null : languageNames[l];
    }

    /**
     * Runs a search: the query over the index, then the filters, facets, order and page over the live status and
     * metric columns.
     *
     * @throws QuerySyntaxException     when the query cannot be parsed
     * @throws IllegalArgumentException when the status names no step, or a column or the status has another number
     *                                  of rows than the index
     */
    public SearchResult search(SearchRequest request, RowStatus status) throws QuerySyntaxException, IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        long t0 = System.nanoTime();
        int n = sample.size();
        if (status.rows() != n) {
            throw new IllegalArgumentException("row status of " + status.rows() + " rows, the index has " + n);
        }
        List<String> steps = status.steps();
        int statusFilter = statusFilter(request.status(), steps);
        int domainFilter = filterId(request.domain() == null ? null : normalizeDomain(request.domain()), domainIds);
        int languageFilter = filterId(request.language(), languageIds);
        List<MetricRange> ranges = request.ranges();
        for (MetricRange r : ranges) {
            if (r.column().length != n) {
                throw new IllegalArgumentException("metric " + r.name() + " has " + r.column().length + " values, the index "
                        + n + " rows");
            }
        }
        SortBy sort = request.sort();
        if (!sort.relevance() && sort.column().length != n) {
            throw new IllegalArgumentException("sort metric " + sort.name() + " has " + sort.column().length
                    + " values, the index " + n + " rows");
        }
        Query query = parse(request.query());
        RowCollector hits = collect(query);

        long[] statusCounts = new long[steps.size() + 2];
        long[] domainCounts = new long[domainNames.length];
        long[] languageCounts = new long[languageNames.length];
        int[] passing = new int[hits.count];
        int total = 0;
        for (int i = 0; i < hits.count; i++) {
            int row = hits.rows[i];
            int removedBy = status.removedBy(row);
            boolean ps = statusFilter == ANY || (statusFilter == KEPT ? removedBy < 0
                    : statusFilter == REMOVED ? removedBy >= 0 : removedBy == statusFilter);
            int d = domainId[row];
            boolean pd = domainFilter == ANY || d == domainFilter;
            int l = languageId[row];
            boolean pl = languageFilter == ANY || l == languageFilter;
            boolean pr = true;
            for (MetricRange r : ranges) {
                if (!r.contains(r.column()[row])) {
                    pr = false;
                    break;
                }
            }
            if (pd && pl && pr) {
                if (removedBy < 0) {
                    statusCounts[0]++;
                } else {
                    statusCounts[1]++;
                    statusCounts[2 + removedBy]++;
                }
            }
            if (ps && pl && pr && d >= 0) {
                domainCounts[d]++;
            }
            if (ps && pd && pr && l >= 0) {
                languageCounts[l]++;
            }
            if (ps && pd && pl && pr) {
                passing[total++] = i;
            }
        }
        Map<String, Long> statusFacet = new LinkedHashMap<>();
        statusFacet.put("kept", statusCounts[0]);
        statusFacet.put("removed", statusCounts[1]);
        for (int k = 0; k < steps.size(); k++) {
            statusFacet.merge(steps.get(k), statusCounts[2 + k], Long::sum);
        }
        int[] page = page(hits, passing, total, sort, request.offset(), request.limit());
        int[] pageRows = new int[page.length];
        for (int j = 0; j < page.length; j++) {
            pageRows[j] = hits.rows[page[j]];
        }
        List<Snippet> snippets = snippets(query, pageRows);
        List<Hit> list = new ArrayList<>(page.length);
        for (int j = 0; j < page.length; j++) {
            int i = page[j];
            int row = hits.rows[i];
            int removedBy = status.removedBy(row);
            Snippet snippet = snippets.get(j);
            list.add(new Hit(row, sample.id(row), sample.url(row), domainId[row] < 0 ? null : domainNames[domainId[row]],
                    language(row), hits.scores[i], removedBy < 0 ? "kept" : steps.get(removedBy),
                    status.reason(row), snippet));
        }
        return new SearchResult(total, statusFacet, top(domainCounts, domainNames), top(languageCounts, languageNames),
                list, (System.nanoTime() - t0) / 1000);
    }

    private static final int ANY = -3;
    private static final int REMOVED = -2;
    private static final int KEPT = -1;
    private static final int NONE = -4;
    private static final int FACET_SIZE = 20;

    private static int statusFilter(String status, List<String> steps) {
        if (status == null || status.isBlank()) {
            return ANY;
        }
        if (status.equals("kept")) {
            return KEPT;
        }
        if (status.equals("removed")) {
            return REMOVED;
        }
        int k = steps.indexOf(status);
        if (k < 0) {
            throw new IllegalArgumentException("unknown status \"" + status + "\": expected kept, removed or a step name "
                    + steps);
        }
        return k;
    }

    private static String normalizeDomain(String d) {
        String h = d.trim().toLowerCase(Locale.ROOT);
        return h.startsWith("www.") ? h.substring(4) : h;
    }

    private static int filterId(String value, Map<String, Integer> ids) {
        if (value == null || value.isBlank()) {
            return ANY;
        }
        Integer id = ids.get(value.trim());
        return id == null ? NONE : id;
    }

    private static Map<String, Long> top(long[] counts, String[] names) {
        Integer[] order = new Integer[counts.length];
        int m = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                order[m++] = i;
            }
        }
        Integer[] nonzero = Arrays.copyOf(order, m);
        Arrays.sort(nonzero, Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(i -> names[i]));
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(FACET_SIZE, nonzero.length); i++) {
            out.put(names[nonzero[i]], counts[nonzero[i]]);
        }
        return out;
    }

    /** The positions (into the collected hits) of the requested page, in order. */
    private static int[] page(RowCollector hits, int[] passing, int total, SortBy sort, int offset, int limit) {
        if (offset >= total || limit == 0) {
            return new int[0];
        }
        int end = (int) Math.min(total, (long) offset + limit);
        java.util.function.IntBinaryOperator order;
        if (sort.relevance()) {
            // Higher score first, then lower row.
            order = (a, b) -> {
                int c = Float.compare(hits.scores[b], hits.scores[a]);
                return c != 0 ? c : Integer.compare(hits.rows[a], hits.rows[b]);
            };
        } else {
            double[] column = sort.column();
            boolean desc = sort.descending();
            // The metric (NaN last), then higher score, then lower row.
            order = (a, b) -> {
                double x = column[hits.rows[a]];
                double y = column[hits.rows[b]];
                boolean xn = Double.isNaN(x);
                boolean yn = Double.isNaN(y);
                if (xn != yn) {
                    return xn ? 1 : -1;
                }
                if (!xn) {
                    int c = desc ? Double.compare(y, x) : Double.compare(x, y);
                    if (c != 0) {
                        return c;
                    }
                }
                int c = Float.compare(hits.scores[b], hits.scores[a]);
                return c != 0 ? c : Integer.compare(hits.rows[a], hits.rows[b]);
            };
        }
        int[] first = smallest(passing, total, end, order);
        return Arrays.copyOfRange(first, offset, end);
    }

    /**
     * The {@code k} smallest of {@code values[0..n)} under {@code order}, sorted: a bounded heap on
     * primitive ints (a page of 20 out of 100,000 hits costs a pass, not a sort of every hit).
     */
    static int[] smallest(int[] values, int n, int k, java.util.function.IntBinaryOperator order) {
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int v = values[i];
            if (size < k) {
                heap[size] = v;
                // sift up (max-heap: the largest kept value at the root)
                int c = size++;
                while (c > 0) {
                    int p = (c - 1) >>> 1;
                    if (order.applyAsInt(heap[c], heap[p]) <= 0) {
                        break;
                    }
                    int t = heap[c];
                    heap[c] = heap[p];
                    heap[p] = t;
                    c = p;
                }
            } else if (order.applyAsInt(v, heap[0]) < 0) {
                heap[0] = v;
                siftDown(heap, size, order);
            }
        }
        // Pop the heap from the back: ascending order.
        int[] out = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, order);
        }
        return out;
    }

    /** Restores the max-heap order of {@code heap[0..size)} after its root was replaced. */
    private static void siftDown(int[] heap, int size, java.util.function.IntBinaryOperator order) {
        int p = 0;
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int m = r < size && order.applyAsInt(heap[r], heap[l]) > 0 ? r : l;
            if (order.applyAsInt(heap[m], heap[p]) <= 0) {
                return;
            }
            int t = heap[m];
            heap[m] = heap[p];
            heap[p] = t;
            p = m;
        }
    }

    /**
     * Every match of the query's text terms in one text (UTF-16 {@code [start, end)} offsets, ascending, not
     * overlapping), for highlighting a whole document. Phrases match as a whole; field queries on other fields
     * than the text match nothing here.
     *
     * @throws QuerySyntaxException when the query cannot be parsed
     */
    public List<int[]> matches(String query, String text) throws QuerySyntaxException, IOException {
        return matches(parse(query), text == null ? "" : text);
    }

    @SuppressWarnings("unchecked")
    private List<int[]> matches(Query query, String text) throws IOException {
        if (text.isEmpty() || query instanceof MatchAllDocsQuery) {
            return List.of();
        }
        Object r = highlighter.highlightWithoutSearcher(IndexSchema.TEXT, query, text, 1);
        return r == null ? List.of() : (List<int[]>) r;
    }

    /** Parses a query; blank means every document. */
    Query parse(String query) throws QuerySyntaxException {
        if (query == null || query.isBlank()) {
            return new MatchAllDocsQuery();
        }
        QueryParser parser = new QueryParser(IndexSchema.TEXT, queryAnalyzer);
        parser.setAllowLeadingWildcard(true);
        try {
            return parser.parse(query);
        } catch (ParseException e) {
            throw new QuerySyntaxException(query, describe(e), e);
        } catch (BooleanQuery.TooManyClauses e) {
            throw new QuerySyntaxException(query, "it expands to too many terms", e);
        } catch (RuntimeException e) {
            throw new QuerySyntaxException(query, String.valueOf(e.getMessage()), e);
        }
    }

    /** The parser's message without the echoed query and the long list of expected tokens. */
    private static String describe(ParseException e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf("': ");
        if (m.startsWith("Cannot parse '") && colon > 0) {
            m = m.substring(colon + 3);
        }
        int nl = m.indexOf('\n');
        String first = (nl < 0 ? m : m.substring(0, nl)).trim();
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        return first.isEmpty() ? "syntax error" : first;
    }

    private RowCollector collect(Query query) throws IOException {
        // One collector per slice of segments (run in parallel), merged in slice order.
        return searcher.search(query, new org.apache.lucene.search.CollectorManager<RowCollector, RowCollector>() {
            @Override
            public RowCollector newCollector() {
                return new RowCollector(docToRow);
            }

            @Override
            public RowCollector reduce(java.util.Collection<RowCollector> collectors) {
                RowCollector all = new RowCollector(docToRow);
                int size = 0;
                for (RowCollector c : collectors) {
                    size += c.count;
                }
                all.rows = new int[Math.max(1, size)];
                all.scores = new float[Math.max(1, size)];
                for (RowCollector c : collectors) {
                    System.arraycopy(c.rows, 0, all.rows, all.count, c.count);
                    System.arraycopy(c.scores, 0, all.scores, all.count, c.count);
                    all.count += c.count;
                }
                return all;
            }
        });
    }

    /** Snippets of a page of hits, built in parallel (each re-reads and re-analyzes one text). */
    private List<Snippet> snippets(Query query, int[] rows) throws IOException {
        List<java.util.concurrent.Callable<Snippet>> work = new ArrayList<>();
        for (int row : rows) {
            work.add(() -> {
                String text = sample.document(row).text();
                return Snippets.of(text, matches(query, text));
            });
        }
        List<Snippet> out = new ArrayList<>(rows.length);
        try {
            for (java.util.concurrent.Future<Snippet> f : executor.invokeAll(work)) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while building snippets");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        executor.shutdownNow();
        try {
            reader.close();
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }

    /** Collects the match offsets of the single whole-text passage. */
    private static final class MatchFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<int[]> out = new ArrayList<>();
            for (Passage p : passages) {
                int[] starts = p.getMatchStarts();
                int[] ends = p.getMatchEnds();
                for (int i = 0; i < p.getNumMatches(); i++) {
                    out.add(new int[] {starts[i], ends[i]});
                }
            }
            out.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            List<int[]> merged = new ArrayList<>(out.size());
            for (int[] m : out) {
                int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && m[0] < last[1]) {
                    last[1] = Math.max(last[1], m[1]);
                } else {
                    merged.add(m);
                }
            }
            return merged;
        }
    }
}
