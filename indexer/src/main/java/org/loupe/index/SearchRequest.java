package org.loupe.index;

import java.util.List;

/**
 * One search: a query in the classic Lucene syntax (an empty or blank query matches every document), filters
 * on the live status, the domain and the language, metric ranges, an order and a page.
 *
 * @param query    the query text (null is the same as empty)
 * @param status   null for any, {@code "kept"}, {@code "removed"}, or a step name (removed by that step)
 * @param domain   null for any, else a host (case-insensitive)
 * @param language null for any, else a language code such as {@code "en"}
 * @param ranges   metric ranges every hit must fall in
 * @param sort     the order of the hits
 * @param offset   the first hit of the page (0-based)
 * @param limit    the page size
 */
public record SearchRequest(String query, String status, String domain, String language, List<MetricRange> ranges,
                            SortBy sort, int offset, int limit) {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 20;

    public SearchRequest {
        query = query == null ? "" : query;
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        sort = sort == null ? SortBy.RELEVANCE : sort;
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("page offset and limit must not be negative, got offset " + offset
                    + ", limit " + limit);
        }
    }

    /** A query over every document: no filters, relevance order, the first 20 hits. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, null, null, List.of(), SortBy.RELEVANCE, 0, DEFAULT_LIMIT);
    }

    public SearchRequest withQuery(String q) {
        return new SearchRequest(q, status, domain, language, ranges, sort, offset, limit);
    }

    public SearchRequest withStatus(String s) {
        return new SearchRequest(query, s, domain, language, ranges, sort, offset, limit);
    }

    public SearchRequest withDomain(String d) {
        return new SearchRequest(query, status, d, language, ranges, sort, offset, limit);
    }

    public SearchRequest withLanguage(String l) {
        return new SearchRequest(query, status, domain, l, ranges, sort, offset, limit);
    }

    public SearchRequest withRanges(List<MetricRange> r) {
        return new SearchRequest(query, status, domain, language, r, sort, offset, limit);
    }

    public SearchRequest withSort(SortBy s) {
        return new SearchRequest(query, status, domain, language, ranges, s, offset, limit);
    }

    public SearchRequest withPage(int newOffset, int newLimit) {
        return new SearchRequest(query, status, domain, language, ranges, sort, newOffset, newLimit);
    }
}
