package org.loupe.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.testing.Golden;

class DomainBreakdownTest {

    @Test
    void groupsRowsByHostWithoutWwwAndByFirstPathSegmentSortedByTokens() {
        String[] urls = {"https://news.bbc.co.uk/world/1", "https://www.bbc.co.uk/blog/a", "https://www.bbc.co.uk/blog/b?x=1",
            "https://news.bbc.co.uk/", "http://WWW.bbc.co.uk:80/world#top", null, "https://elsewhere.org/ignored"};
        long[] tokens = {100, 10, 20, 5, 40, 7, 1000};
        IntPredicate kept = r -> r != 1 && r != 4;

        DomainBreakdown b = DomainBreakdown.of(new int[] {0, 1, 2, 3, 4, 5}, i -> urls[i], tokens, kept);

        assertThat(b.byHost()).containsExactly(
                new DomainBreakdown.Group("news.bbc.co.uk", 2, 105, 2),
                new DomainBreakdown.Group("bbc.co.uk", 3, 70, 1),
                new DomainBreakdown.Group(DomainStats.NO_URL, 1, 7, 1));
        assertThat(b.byPathPrefix()).containsExactly(
                new DomainBreakdown.Group("/world", 2, 140, 1),
                new DomainBreakdown.Group("/blog", 2, 30, 1),
                new DomainBreakdown.Group(DomainStats.NO_URL, 1, 7, 1),
                new DomainBreakdown.Group("/", 1, 5, 1));
        assertThat(b.byHost().get(1).removalRate()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void noRowsGiveNoGroups() {
        DomainBreakdown b = DomainBreakdown.of(new int[0], i -> null, new long[0], r -> true);
        assertThat(b.byHost()).isEmpty();
        assertThat(b.byPathPrefix()).isEmpty();
    }

    @Test
    void onTheReferenceDocumentsEveryDomainsGroupsEqualBruteForceSums() throws IOException {
        List<String> urls = new ArrayList<>();
        List<Long> tokenList = new ArrayList<>();
        for (JsonNode doc : Golden.read(Golden.FIXTURES)) {
            urls.add(doc.path("url").asText(null));
            tokenList.add((long) doc.path("text").asText("").split("\\s+").length);
        }
        assertThat(urls).hasSize(1107);
        long[] tokens = tokenList.stream().mapToLong(Long::longValue).toArray();
        IntPredicate kept = r -> tokens[r] >= 200;
        DomainStats stats = DomainStats.of(urls.size(), urls::get, tokens, null);

        checkAgainstBruteForce(IntStream.range(0, urls.size()).toArray(), urls, tokens, kept);
        int multiHost = 0;
        for (DomainStats.Domain d : stats.byTokens()) {
            DomainBreakdown b = checkAgainstBruteForce(d.rows(), urls, tokens, kept);
            assertThat(b.byHost().stream().mapToLong(DomainBreakdown.Group::documents).sum()).isEqualTo(d.documents());
            assertThat(b.byHost().stream().mapToLong(DomainBreakdown.Group::tokens).sum()).isEqualTo(d.tokens());
            assertThat(b.byPathPrefix().stream().mapToLong(DomainBreakdown.Group::tokens).sum()).isEqualTo(d.tokens());
            multiHost += b.byHost().size() > 1 ? 1 : 0;
        }
        assertThat(multiHost).as("domains with more than one host in the fixtures").isPositive();
    }

    /** Asserts both groupings of the rows against counts recomputed row by row; returns the breakdown. */
    private static DomainBreakdown checkAgainstBruteForce(int[] rows, List<String> urls, long[] tokens, IntPredicate kept) {
        DomainBreakdown b = DomainBreakdown.of(rows, urls::get, tokens, kept);
        Function<String, String> host = u -> Hosts.host(u) == null ? DomainStats.NO_URL : Hosts.host(u);
        Function<String, String> prefix = u -> Hosts.host(u) == null ? DomainStats.NO_URL : Domains.pathPrefix(u);
        assertGroups(b.byHost(), rows, urls, tokens, kept, host);
        assertGroups(b.byPathPrefix(), rows, urls, tokens, kept, prefix);
        return b;
    }

    private static void assertGroups(List<DomainBreakdown.Group> groups, int[] rows, List<String> urls, long[] tokens,
                                     IntPredicate kept, Function<String, String> key) {
        Map<String, long[]> expected = new HashMap<>();
        for (int r : rows) {
            long[] e = expected.computeIfAbsent(key.apply(urls.get(r)), k -> new long[3]);
            e[0]++;
            e[1] += tokens[r];
            e[2] += kept.test(r) ? 1 : 0;
        }
        assertThat(groups).hasSize(expected.size());
        for (DomainBreakdown.Group g : groups) {
            assertThat(new long[] {g.documents(), g.tokens(), g.keptDocuments()}).as(g.name())
                    .containsExactly(expected.get(g.name()));
        }
        for (int i = 1; i < groups.size(); i++) {
            assertThat(groups.get(i).tokens()).isLessThanOrEqualTo(groups.get(i - 1).tokens());
        }
    }
}
