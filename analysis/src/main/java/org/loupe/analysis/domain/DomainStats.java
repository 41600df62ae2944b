package org.loupe.analysis.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.loupe.analysis.group.GroupCounts;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.model.Hosts;

/**
 * Per registrable domain of a sample: documents and tokens, how many each step removed, what is kept;
 * sorted by tokens (the seed talk's "sort by domain per token"). Also the exact URLs that occur more than
 * once (a duplication signal). A document's domain is {@link Hosts#site}: the registered domain as the URL
 * step sees it (ICANN suffixes only, so {@code x.blogspot.com} is under {@code blogspot.com}), or the
 * host itself when it has none.
 */
public final class DomainStats {

    /**
     * One domain.
     *
     * @param domain         the registrable domain, lower case, in Unicode ({@link Hosts#site}; "(no url)" for
     *                       documents without a host)
     * @param documents      documents of the domain in the sample
     * @param tokens         their tokens
     * @param keptDocuments  documents the pipeline keeps
     * @param keptTokens     their tokens
     * @param removedBy      documents removed per step (the step that removed them), in pipeline order
     * @param rows           the sample rows of the domain, ascending
     */
    public record Domain(String domain, long documents, long tokens, long keptDocuments, long keptTokens,
                         Map<String, Long> removedBy, int[] rows) {
        /** The share of the domain's documents the pipeline removes. */
        public double removalRate() {
            return documents == 0 ? 0 : 1.0 - (double) keptDocuments / documents;
        }
    }

    /**
     * An exact URL that more than one sampled document has.
     *
     * @param url           the URL as the documents hold it
     * @param documents     sampled documents with this URL (at least two)
     * @param keptDocuments of those, the documents the pipeline keeps
     * @param rows          the sample rows with this URL, ascending
     */
    public record RepeatedUrl(String url, int documents, int keptDocuments, int[] rows) {
        /** Documents with this URL the pipeline removes. */
        public int removedDocuments() {
            return documents - keptDocuments;
        }
    }

    /** The domain of documents without a URL host. */
    public static final String NO_URL = "(no url)";

    private final List<Domain> domains;
    private final List<RepeatedUrl> repeatedUrls;

    private DomainStats(List<Domain> domains, List<RepeatedUrl> repeatedUrls) {
        this.domains = domains;
        this.repeatedUrls = repeatedUrls;
    }

    /**
     * Counts a sample.
     *
     * @param rows      sample rows
     * @param url       the URL of a row (may be null)
     * @param tokens    the tokens of every row
     * @param decisions the pipeline's decisions over the same rows (null: everything kept, no steps)
     */
    public static DomainStats of(int rows, IntFunction<String> url, long[] tokens, Decisions decisions) {
        if (tokens.length != rows || decisions != null && decisions.rows() != rows) {
            throw new IllegalArgumentException("tokens, decisions and the sample must have the same rows");
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] domainOf = new int[rows];
        // Exact URLs in the same pass: an id per distinct URL, its count and kept count, and a chain of its
        // rows (lastRow[id] -> previousRow[row] -> ... -> -1), so the rows of a repeated URL need no second pass.
        Map<String, Integer> urlIds = new HashMap<>();
        List<String> urlNames = new ArrayList<>();
        int[] urlCount = new int[rows];
        int[] urlKept = new int[rows];
        int[] lastRow = new int[rows];
        int[] previousRow = new int[rows];
        Map<String, String> domainCache = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            String u = url.apply(r);
            String host = Hosts.host(u);
            String d = host == null ? NO_URL : domainCache.computeIfAbsent(host, Hosts::siteOfHost);
            Integer id = index.get(d);
            if (id == null) {
                id = names.size();
                index.put(d, id);
                names.add(d);
            }
            domainOf[r] = id;
            if (u != null && !u.isBlank()) {
                Integer uid = urlIds.get(u);
                if (uid == null) {
                    uid = urlNames.size();
                    urlIds.put(u, uid);
                    urlNames.add(u);
                    lastRow[uid] = -1;
                }
                urlCount[uid]++;
                if (decisions == null || decisions.kept(r)) {
                    urlKept[uid]++;
                }
                previousRow[r] = lastRow[uid];
                lastRow[uid] = r;
            }
        }
        List<Domain> out = new ArrayList<>(names.size());
        for (GroupCounts.Group g : GroupCounts.count(names.size(), domainOf, tokens, decisions)) {
            out.add(new Domain(names.get(g.id()), g.documents(), g.tokens(), g.keptDocuments(), g.keptTokens(), g.removedBy(),
                    g.rows()));
        }
        out.sort(Comparator.comparingLong(Domain::tokens).reversed().thenComparing(Domain::domain));
        List<RepeatedUrl> repeated = new ArrayList<>();
        for (int uid = 0; uid < urlNames.size(); uid++) {
            int c = urlCount[uid];
            if (c > 1) {
                int[] urlRows = new int[c];
                for (int r = lastRow[uid], i = c - 1; r >= 0; r = previousRow[r], i--) {
                    urlRows[i] = r;
                }
                repeated.add(new RepeatedUrl(urlNames.get(uid), c, urlKept[uid], urlRows));
            }
        }
        repeated.sort(Comparator.comparingInt(RepeatedUrl::documents).reversed().thenComparing(RepeatedUrl::url));
        return new DomainStats(List.copyOf(out), List.copyOf(repeated));
    }

    /** Domains by tokens, most first (ties by name). */
    public List<Domain> byTokens() {
        return domains;
    }

    /** Domains by removal rate, highest first (ties by tokens). */
    public List<Domain> byRemovalRate() {
        List<Domain> l = new ArrayList<>(domains);
        l.sort(Comparator.comparingDouble(Domain::removalRate).reversed()
                .thenComparing(Comparator.comparingLong(Domain::tokens).reversed()));
        return l;
    }

    /** Exact URLs that occur in more than one sampled document, most documents first (ties by URL). */
    public List<RepeatedUrl> repeatedUrls() {
        return repeatedUrls;
    }
}
