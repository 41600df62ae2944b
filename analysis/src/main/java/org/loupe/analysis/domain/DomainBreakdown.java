package org.loupe.analysis.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.loupe.engine.model.Hosts;

/**
 * Some rows of a sample (typically one registrable domain's) grouped two ways: by host ("news.bbc.co.uk",
 * "www.bbc.co.uk") and by URL path prefix, the first path segment ("/blog"). Each group counts documents,
 * tokens and kept documents; both lists are sorted by tokens, most first (ties by name). Rows without a
 * URL host fall in the {@link DomainStats#NO_URL} group of either list.
 *
 * @see Hosts#host(String)
 * @see Domains#pathPrefix(String)
 */
public final class DomainBreakdown {

    /**
     * One host or path prefix.
     *
     * @param name          the host or path prefix
     * @param documents     rows in the group
     * @param tokens        their tokens
     * @param keptDocuments rows the pipeline keeps
     */
    public record Group(String name, long documents, long tokens, long keptDocuments) {
        /** The share of the group's documents the pipeline removes. */
        public double removalRate() {
            return documents == 0 ? 0 : 1.0 - (double) keptDocuments / documents;
        }
    }

    private final List<Group> hosts;
    private final List<Group> pathPrefixes;

    private DomainBreakdown(List<Group> hosts, List<Group> pathPrefixes) {
        this.hosts = hosts;
        this.pathPrefixes = pathPrefixes;
    }

    /**
     * Groups rows in one pass.
     *
     * @param rows   the sample rows to group (say, one domain's)
     * @param url    the URL of a sample row (may be null)
     * @param tokens the tokens of every sample row, indexed by row
     * @param kept   whether the pipeline keeps a sample row
     */
    public static DomainBreakdown of(int[] rows, IntFunction<String> url, long[] tokens, IntPredicate kept) {
        Map<String, long[]> hosts = new HashMap<>();
        Map<String, long[]> prefixes = new HashMap<>();
        for (int r : rows) {
            String u = url.apply(r);
            String host = Hosts.host(u);
            boolean k = kept.test(r);
            add(hosts, host == null ? DomainStats.NO_URL : host, tokens[r], k);
            add(prefixes, host == null ? DomainStats.NO_URL : Domains.pathPrefix(u), tokens[r], k);
        }
        return new DomainBreakdown(sorted(hosts), sorted(prefixes));
    }

    private static void add(Map<String, long[]> groups, String name, long tokens, boolean kept) {
        long[] g = groups.computeIfAbsent(name, x -> new long[3]);
        g[0]++;
        g[1] += tokens;
        if (kept) {
            g[2]++;
        }
    }

    private static List<Group> sorted(Map<String, long[]> groups) {
        List<Group> out = new ArrayList<>(groups.size());
        groups.forEach((name, g) -> out.add(new Group(name, g[0], g[1], g[2])));
        out.sort(Comparator.comparingLong(Group::tokens).reversed().thenComparing(Group::name));
        return List.copyOf(out);
    }

    /** Hosts by tokens, most first (ties by name). */
    public List<Group> byHost() {
        return hosts;
    }

    /** Path prefixes by tokens, most first (ties by name). */
    public List<Group> byPathPrefix() {
        return pathPrefixes;
    }
}
