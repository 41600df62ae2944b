package org.loupe.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

class DomainStatsTest {
    private static final String[] URLS = {"https://a.example.com/1", "https://b.example.com/2", "http://news.bbc.co.uk/x",
        "https://www.bbc.co.uk/y", null, "https://c.org/", "https://c.org/", "http://10.0.0.1/z"};

    /** Decisions of a one-step pipeline (Gopher's word count) over given word counts. */
    private static Decisions decide(double[] words, long[] tokens) {
        int n = words.length;
        MetricTable t = new MetricTable(n);
        for (String m : BuiltinSteps.catalog(Set.of()).type("gopher_quality").orElseThrow().metrics()) {
            double[] c = new double[n];
            Arrays.fill(c, m.equals("n_non_symbol_words") ? 0 : m.equals("alpha_words_ratio") ? 1 : m.equals("avg_word_length") ? 5
                    : m.equals("n_stop_words_present") ? 10 : 0);
            t.put(MetricTable.name("gopher_quality", m), c);
        }
        t.put(MetricTable.name("gopher_quality", "n_non_symbol_words"), words);
        long[] ids = new long[n];
        String[] hosts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        PipelineConfig c = PipelineConfig.of("t", List.of(StepConfig.of("gopher_quality")));
        return Decisions.decide(c, BuiltinSteps.catalog(Set.of()), t, new RowKeys(ids, hosts, tokens));
    }

    @Test
    void countsPerRegistrableDomainSortedByTokens() {
        long[] tokens = {10, 20, 30, 40, 5, 7, 7, 1};
        double[] words = {100, 10, 100, 100, 100, 10, 100, 100};
        DomainStats s = DomainStats.of(URLS.length, i -> URLS[i], tokens, decide(words, tokens));
        assertThat(s.byTokens()).extracting(DomainStats.Domain::domain)
                .containsExactly("bbc.co.uk", "example.com", "c.org", DomainStats.NO_URL, "10.0.0.1");
        DomainStats.Domain example = s.byTokens().get(1);
        assertThat(example.documents()).isEqualTo(2);
        assertThat(example.tokens()).isEqualTo(30);
        assertThat(example.keptDocuments()).isEqualTo(1);
        assertThat(example.keptTokens()).isEqualTo(10);
        assertThat(example.removedBy()).containsEntry("gopher_quality", 1L);
        assertThat(example.rows()).containsExactly(0, 1);
        assertThat(example.removalRate()).isEqualTo(0.5);
        assertThat(s.repeatedUrls()).singleElement().satisfies(u -> {
            assertThat(u.url()).isEqualTo("https://c.org/");
            assertThat(u.documents()).isEqualTo(2);
            assertThat(u.rows()).containsExactly(5, 6);
            assertThat(u.keptDocuments()).isEqualTo(1);
            assertThat(u.removedDocuments()).isEqualTo(1);
        });
        assertThat(s.byRemovalRate().get(0).removalRate()).isEqualTo(0.5);
    }

    @Property(tries = 50)
    void perDomainCountsAddUpToTheBruteForceSums(@ForAll @IntRange(min = 1, max = 200) int n, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        String[] urls = new String[n];
        long[] tokens = new long[n];
        double[] words = new double[n];
        for (int i = 0; i < n; i++) {
            urls[i] = r.nextInt(10) == 0 ? null : "https://h" + r.nextInt(5) + ".site" + r.nextInt(7) + ".co.uk/p" + r.nextInt(3);
            tokens[i] = r.nextInt(1000);
            words[i] = r.nextInt(200);
        }
        Decisions d = decide(words, tokens);
        DomainStats s = DomainStats.of(n, i -> urls[i], tokens, d);
        for (DomainStats.Domain dom : s.byTokens()) {
            int[] rows = IntStream.range(0, n).filter(i -> dom.domain().equals(urls[i] == null ? DomainStats.NO_URL
                    : Hosts.site(urls[i]))).toArray();
            assertThat(dom.rows()).containsExactly(rows);
            assertThat(dom.tokens()).isEqualTo(Arrays.stream(rows).mapToLong(i -> tokens[i]).sum());
            assertThat(dom.keptDocuments()).isEqualTo(Arrays.stream(rows).filter(d::kept).count());
            assertThat(dom.keptTokens()).isEqualTo(Arrays.stream(rows).filter(d::kept).mapToLong(i -> tokens[i]).sum());
            assertThat(dom.documents() - dom.keptDocuments()).isEqualTo(dom.removedBy().values().stream().mapToLong(Long::longValue).sum());
        }
        assertThat(s.byTokens().stream().mapToLong(DomainStats.Domain::documents).sum()).isEqualTo(n);
    }

    @Property(tries = 50)
    void repeatedUrlsAreEveryUrlOfMoreThanOneRowWithItsRowsAndKeptCount(@ForAll @IntRange(min = 1, max = 300) int n,
                                                                         @ForAll long seed) {
        Random r = new Random(seed);
        String[] urls = new String[n];
        long[] tokens = new long[n];
        double[] words = new double[n];
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(12);
            urls[i] = pick == 0 ? null : pick == 1 ? " " : "https://s" + r.nextInt(4) + ".example.org/p/" + r.nextInt(n);
            tokens[i] = r.nextInt(1000);
            words[i] = r.nextInt(200);
        }
        Decisions d = decide(words, tokens);
        DomainStats s = DomainStats.of(n, i -> urls[i], tokens, d);
        // Brute force: every non-blank URL with more than one row, its rows ascending, most rows first then by URL.
        Map<String, List<Integer>> rowsOf = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (urls[i] != null && !urls[i].isBlank()) {
                rowsOf.computeIfAbsent(urls[i], k -> new ArrayList<>()).add(i);
            }
        }
        List<String> expected = rowsOf.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .sorted(Map.Entry.<String, List<Integer>>comparingByValue(Comparator.comparingInt(List::size)).reversed())
                .map(Map.Entry::getKey).toList();
        assertThat(s.repeatedUrls()).extracting(DomainStats.RepeatedUrl::url).containsExactlyElementsOf(expected);
        for (DomainStats.RepeatedUrl u : s.repeatedUrls()) {
            List<Integer> rows = rowsOf.get(u.url());
            assertThat(u.rows()).containsExactly(rows.stream().mapToInt(Integer::intValue).toArray());
            assertThat(u.documents()).isEqualTo(rows.size());
            assertThat(u.keptDocuments()).isEqualTo((int) rows.stream().filter(d::kept).count());
            assertThat(u.removedDocuments()).isEqualTo((int) rows.stream().filter(x -> !d.kept(x)).count());
        }
    }

    @Test
    void withoutDecisionsEveryRepeatedUrlIsKept() {
        DomainStats s = DomainStats.of(URLS.length, i -> URLS[i], new long[URLS.length], null);
        assertThat(s.repeatedUrls()).singleElement().satisfies(u -> {
            assertThat(u.keptDocuments()).isEqualTo(2);
            assertThat(u.removedDocuments()).isZero();
        });
    }
}
