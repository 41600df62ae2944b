package org.loupe.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
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
 *
 * <p>The work is in three parts: {@link IndexBuild} (opening, checking, building), {@link IndexSearch}
 * (search, filters, facets, pages) and {@link Highlights} (match offsets, snippets).
 */
public final class SampleIndex implements Closeable {
    /** The index layout version; another value in the marker means rebuild. */
    public static final int FORMAT = 2;
    /** The folder of the index inside the sample's folder. */
    public static final String FOLDER = "index";

    private final Sample sample;
    private final Directory directory;
    private final DirectoryReader reader;
    private final boolean rebuilt;
    private final boolean partial;
    private final int[][] docToRow;
    private final ExecutorService executor = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "loupe-search");
                t.setDaemon(true);
                return t;
            });
    private final Highlights highlights;
    private final IndexSearch search;

    /**
     * An open index (made by {@link IndexBuild}).
     *
     * @param directory the index's directory, closed with it; null for a near-real-time view (the writer's)
     * @param docToRow  the sample row of each document, per segment
     * @param languages the language code per row, or null when not known
     * @param partial   whether this is a near-real-time view of a build in progress
     */
    SampleIndex(Sample sample, Directory directory, DirectoryReader reader, Analyzer analyzer, int[][] docToRow,
                String[] languages, boolean rebuilt, boolean partial) {
        this.sample = sample;
        this.directory = directory;
        this.reader = reader;
        this.docToRow = docToRow;
        this.rebuilt = rebuilt;
        this.partial = partial;
        // Queries run over the segments in parallel (all cores) and snippets of a page are built in parallel.
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        int perSlice = Math.max(1, (reader.maxDoc() + cores - 1) / cores);
        IndexSearcher searcher = new IndexSearcher(reader, executor) {
            @Override
            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                // About one slice per core (Lucene's default would put a 100k-document sample in one slice).
                return slices(leaves, perSlice, Integer.MAX_VALUE);
            }
        };
        highlights = new Highlights(sample, analyzer, executor);
        search = new IndexSearch(sample, searcher, docToRow, highlights, languages);
    }

    /** A row's domain as indexed: the URL's host, lowercase; null when none. */
    static String domain(Sample sample, int row) {
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
     * {@value IndexBuild#PARTIAL_EVERY_MS} ms), so that a search can start before the index is complete. Each view is
     * an open index over part of the sample ({@link #isPartial()}); the receiver closes it.
     */
    public static SampleIndex openOrBuild(Sample sample, String[] languages, TaskContext ctx,
                                          Consumer<SampleIndex> partial) throws IOException {
        return IndexBuild.openOrBuild(sample, languages, ctx, partial);
    }

    /** Whether this is a near-real-time view of a build in progress (part of the sample). */
    public boolean isPartial() {
        return partial;
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
        return search.language(row);
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
        return search.search(request, status);
    }

    /**
     * Every match of the query's text terms in one text (UTF-16 {@code [start, end)} offsets, ascending, not
     * overlapping), for highlighting a whole document. Phrases match as a whole; field queries on other fields
     * than the text match nothing here.
     *
     * @throws QuerySyntaxException when the query cannot be parsed
     */
    public List<int[]> matches(String query, String text) throws QuerySyntaxException, IOException {
        return highlights.matches(search.parse(query), text == null ? "" : text);
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
}
