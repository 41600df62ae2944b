package org.loupe.index;

import java.util.List;
import java.util.Map;

/**
 * What a search found.
 *
 * <p>Facets are counted "drill-sideways": each facet over the query and every <em>other</em> filter (the status
 * counts ignore the status filter, the domain counts the domain filter, and so on), so that each count says what
 * choosing that value would give. {@code total} counts the documents matching the query and all filters.
 *
 * @param total         documents matching the query and every filter
 * @param statusFacet   {@code "kept"}, {@code "removed"}, then every step name (also with 0), in that order
 * @param domainFacet   the 20 most frequent domains, by count descending then name
 * @param languageFacet the 20 most frequent languages, by count descending then code
 * @param hits          the requested page
 * @param tookMicros    time spent searching, in microseconds
 */
public record SearchResult(long total, Map<String, Long> statusFacet, Map<String, Long> domainFacet,
                           Map<String, Long> languageFacet, List<Hit> hits, long tookMicros) {
    public SearchResult {
        statusFacet = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statusFacet));
        domainFacet = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(domainFacet));
        languageFacet = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(languageFacet));
        hits = List.copyOf(hits);
    }
}
