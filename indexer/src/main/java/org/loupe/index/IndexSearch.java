package org.loupe.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.loupe.engine.sample.Sample;

/**
 * The searches over an open index: the query over the text, then the filters (status, domain, language,
 * metric ranges), the drill-sideways facets, the order and the page, all over live per-row data (the
 * decisions' {@link RowStatus}, metric columns) and the domain and language of each row.
 */
final class IndexSearch {
    private final Sample sample;
    private final IndexSearcher searcher;
    private final int[][] docToRow;
    private final Highlights highlights;
    private final Analyzer queryAnalyzer = IndexSchema.queryAnalyzer();
    private final int[] domainId;
    private final String[] domainNames;
    private final Map<String, Integer> domainIds;
    private final int[] languageId;
    private final String[] languageNames;
    private final Map<String, Integer> languageIds;

    /** @param languages the language code per row (null entries for unknown), or null when not known */
    IndexSearch(Sample sample, IndexSearcher searcher, int[][] docToRow, Highlights highlights, String[] languages) {
        this.sample = sample;
        this.searcher = searcher;
        this.docToRow = docToRow;
        this.highlights = highlights;
        int n = sample.size();
        domainId = new int[n];
        domainIds = new HashMap<>();
        List<String> dn = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            domainId[row] = id(SampleIndex.domain(sample, row), domainIds, dn);
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

    /** The language of a row as indexed, or null. */
    String language(int row) {
        int l = languageId[row];
        return l < 0 ? null : languageNames[l];
    }

    /** See {@link SampleIndex#search}. */
    SearchResult search(SearchRequest request, RowStatus status) throws QuerySyntaxException, IOException {
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
        List<Snippet> snippets = highlights.snippets(query, pageRows);
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
}
