package org.loupe.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.task.TaskContext;

/** Searching the index of the 1,107 reference documents, checked against brute force over every text. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleIndexSearchTest {
    @TempDir
    static Path tmp;

    private FixtureSample fx;
    private SampleIndex index;
    private RowStatus status;

    @BeforeAll
    void open() throws IOException {
        fx = FixtureSample.open(tmp);
        index = SampleIndex.openOrBuild(fx.sample, fx.languages, TaskContext.NONE);
        status = RowStatus.of(fx.decided.decisions());
    }

    @AfterAll
    void close() throws IOException {
        // Both null when opening failed.
        if (index != null) {
            index.close();
        }
        if (fx != null) {
            fx.sample.close();
        }
    }

    /** Case-insensitive words separated by anything but letters and digits, not inside a longer word. */
    private static Pattern words(String phrase) {
        String body = Stream.of(phrase.split(" ")).map(Pattern::quote).collect(Collectors.joining("[^\\p{L}\\p{N}]+"));
        // Word boundaries as Unicode word segmentation (StandardTokenizer) has them: "school’s" and "a.b" are one word.
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?<![\\p{L}\\p{N}][.'’:])" + body
                + "(?![\\p{L}\\p{N}_])(?![.'’:][\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private Set<Integer> bruteForce(Pattern p) {
        Set<Integer> rows = new TreeSet<>();
        for (int row = 0; row < fx.sample.size(); row++) {
            if (p.matcher(fx.text(row)).find()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Hit> all(SearchRequest r) throws Exception {
        return index.search(r.withPage(0, Integer.MAX_VALUE), status).hits();
    }

    private Set<Integer> rows(SearchRequest r) throws Exception {
        return all(r).stream().map(Hit::row).collect(Collectors.toCollection(TreeSet<Integer>::new));
    }

    @Test
    void theIndexHoldsEveryRowOfTheSample() {
        assertThat(fx.sample.size()).isEqualTo(1107);
        assertThat(index.documents()).isEqualTo(1107);
    }

    @ParameterizedTest
    @ValueSource(strings = {"united states", "new york", "high school", "social media", "all rights reserved", "click here", "of the", "one of the", "it is a", "in the united states"})
    void aPhraseQueryFindsExactlyTheDocumentsContainingThePhrase(String phrase) throws Exception {
        Set<Integer> expected = bruteForce(words(phrase));
        assertThat(expected).hasSizeGreaterThan(3);

        SearchResult r = index.search(SearchRequest.of("\"" + phrase + "\""), status);

        assertThat(r.total()).isEqualTo(expected.size());
        assertThat(rows(SearchRequest.of("\"" + phrase + "\""))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"selection", "thursday", "construction", "Competition"})
    void aTermQueryFindsExactlyTheDocumentsContainingTheWord(String word) throws Exception {
        Set<Integer> expected = bruteForce(words(word));
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(rows(SearchRequest.of(word))).isEqualTo(expected);
    }

    @Test
    void booleanQueriesCombineTheirClauses() throws Exception {
        Set<Integer> a = bruteForce(words("united states"));
        Set<Integer> b = bruteForce(words("construction"));
        Set<Integer> and = new TreeSet<>(a);
        and.retainAll(b);
        Set<Integer> not = new TreeSet<>(a);
        not.removeAll(b);
        assertThat(rows(SearchRequest.of("\"united states\" AND construction"))).isEqualTo(and);
        assertThat(rows(SearchRequest.of("\"united states\" NOT construction"))).isEqualTo(not);
    }

    @Test
    void anEmptyQueryMatchesEveryDocumentAndTheStatusFacetEqualsTheDecisions() throws Exception {
        Decisions d = fx.decided.decisions();
        SearchResult r = index.search(SearchRequest.of("  "), status);
        assertThat(r.total()).isEqualTo(1107);
        assertThat(r.statusFacet()).isEqualTo(expectedStatusFacet(d));
        assertThat(r.statusFacet().keySet()).startsWith("kept", "removed").containsAll(d.steps());
    }

    private static Map<String, Long> expectedStatusFacet(Decisions d) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("kept", d.keptDocuments());
        m.put("removed", d.rows() - d.keptDocuments());
        for (Decisions.StepCounts c : d.counts()) {
            m.put(c.step(), c.removedDocs());
        }
        return m;
    }

    @Test
    void afterAThresholdChangeTheFacetsFollowTheNewDecisionsWithoutReindexing() throws Exception {
        Map<String, Long> files = snapshot(index.directory());
        PipelineConfig config = fx.config;
        int gopher = config.indexOf("gopher_quality");
        PipelineConfig stricter = config.withStep(gopher, config.steps().get(gopher).withParam("min_doc_words", 400));
        Decisions before = fx.decided.decisions();
        Decisions after = fx.decided.redecide(stricter);
        assertThat(after.keptDocuments()).isLessThan(before.keptDocuments());

        try (SampleIndex again = SampleIndex.openOrBuild(fx.sample, fx.languages, TaskContext.NONE)) {
            SearchResult r = again.search(SearchRequest.of(""), RowStatus.of(after));
            assertThat(again.rebuilt()).isFalse();
            assertThat(r.statusFacet()).isEqualTo(expectedStatusFacet(after));
            assertThat(r.statusFacet().get("gopher_quality")).isGreaterThan(expectedStatusFacet(before).get("gopher_quality"));
        }
        assertThat(snapshot(index.directory())).isEqualTo(files);
    }

    private static Map<String, Long> snapshot(Path dir) throws IOException {
        Map<String, Long> m = new HashMap<>();
        try (var list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                m.put(f.getFileName().toString(), Files.size(f) * 31 + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return m;
    }

    @Test
    void aStepStatusFilterReturnsExactlyTheMatchingRowsRemovedByThatStep() throws Exception {
        Decisions d = fx.decided.decisions();
        int k = d.steps().indexOf("gopher_quality");
        String q = "the";
        Set<Integer> expected = rows(SearchRequest.of(q)).stream().filter(row -> d.removedBy(row) == k)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).isNotEmpty();

        List<Hit> hits = all(SearchRequest.of(q).withStatus("gopher_quality"));

        Set<Integer> got = hits.stream().map(Hit::row).collect(Collectors.toCollection(TreeSet::new));
        assertThat(got).isEqualTo(expected);
        assertThat(hits).allSatisfy(h -> {
            assertThat(h.status()).isEqualTo("gopher_quality");
            assertThat(h.reason()).isEqualTo(d.reason(h.row()));
        });
        assertThat(all(SearchRequest.of(q).withStatus("kept"))).allSatisfy(h -> assertThat(h.status()).isEqualTo("kept"))
                .hasSize((int) index.search(SearchRequest.of(q), status).statusFacet().get("kept").longValue());
        assertThat(all(SearchRequest.of(q).withStatus("removed"))).allSatisfy(h -> assertThat(h.reason()).isNotNull());
    }

    @Test
    void anUnknownStatusIsAClearError() {
        assertThatThrownBy(() -> index.search(SearchRequest.of("").withStatus("nonsense"), status))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense").hasMessageContaining("gopher_quality");
    }

    @Test
    void domainAndLanguageFiltersKeepOnlyThoseDocuments() throws Exception {
        SearchResult any = index.search(SearchRequest.of(""), status);
        String domain = any.domainFacet().keySet().iterator().next();
        long count = any.domainFacet().get(domain);
        List<Hit> byDomain = all(SearchRequest.of("").withDomain(domain.toUpperCase()));
        assertThat(byDomain).hasSize((int) count).allSatisfy(h -> assertThat(fx.sample.host(h.row())).isEqualToIgnoringCase(domain));

        assertThat(any.languageFacet()).containsKey("en");
        List<Hit> english = all(SearchRequest.of("").withLanguage("en"));
        assertThat(english).hasSize((int) any.languageFacet().get("en").longValue())
                .allSatisfy(h -> assertThat(fx.languages[h.row()]).isEqualTo("en"));
        assertThat(rows(SearchRequest.of("language:en"))).isEqualTo(english.stream().map(Hit::row).collect(Collectors.toSet()));
        assertThat(rows(SearchRequest.of("domain:" + domain))).hasSize((int) count);
        assertThat(all(SearchRequest.of("").withDomain("no-such-host.example"))).isEmpty();
    }

    @Test
    void facetsAreCountedDrillSideways() throws Exception {
        String q = "the";
        SearchRequest base = SearchRequest.of(q);
        String domain = index.search(base, status).domainFacet().keySet().iterator().next();
        SearchRequest filtered = base.withStatus("kept").withDomain(domain).withLanguage("en");
        SearchResult r = index.search(filtered, status);

        List<Hit> matching = all(base);
        Decisions d = fx.decided.decisions();
        Map<String, Long> statusCounts = new LinkedHashMap<>(Map.of("kept", 0L, "removed", 0L));
        Map<String, Long> domainCounts = new HashMap<>();
        Map<String, Long> languageCounts = new HashMap<>();
        long total = 0;
        for (Hit h : matching) {
            boolean kept = d.kept(h.row());
            boolean inDomain = domain.equals(h.domain());
            boolean english = "en".equals(h.language());
            if (inDomain && english) {
                statusCounts.merge(kept ? "kept" : "removed", 1L, Long::sum);
            }
            if (kept && english && h.domain() != null) {
                domainCounts.merge(h.domain(), 1L, Long::sum);
            }
            if (kept && inDomain && h.language() != null) {
                languageCounts.merge(h.language(), 1L, Long::sum);
            }
            if (kept && inDomain && english) {
                total++;
            }
        }
        assertThat(r.total()).isEqualTo(total);
        assertThat(r.statusFacet().get("kept")).isEqualTo(statusCounts.get("kept"));
        assertThat(r.statusFacet().get("removed")).isEqualTo(statusCounts.get("removed"));
        assertThat(r.languageFacet()).isEqualTo(languageCounts);
        Map<String, Long> top = domainCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(20).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(r.domainFacet()).containsExactlyEntriesOf(top);
        assertThat(r.hits()).allSatisfy(h -> {
            assertThat(h.status()).isEqualTo("kept");
            assertThat(h.domain()).isEqualTo(domain);
            assertThat(h.language()).isEqualTo("en");
        });
    }

    private double[] metric(String suffix) {
        String name = fx.decided.table().names().stream().filter(n -> n.endsWith(suffix)).findFirst().orElseThrow();
        return fx.decided.table().column(name);
    }

    @Test
    void aMetricRangeKeepsOnlyRowsWithinItInclusive() throws Exception {
        double[] words = metric("n_non_symbol_words");
        List<Hit> hits = all(SearchRequest.of("").withRanges(List.of(new MetricRange("words", words, 100, 300))));
        Set<Integer> expected = IntStream.range(0, words.length).filter(r -> words[r] >= 100 && words[r] <= 300).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).isNotEmpty().hasSizeLessThan(1107);
        Set<Integer> got = hits.stream().map(Hit::row).collect(Collectors.toCollection(TreeSet::new));
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void sortingByAMetricDescendingPutsNaNLast() throws Exception {
        double[] words = metric("n_non_symbol_words").clone();
        words[0] = Double.NaN;
        List<Hit> hits = all(SearchRequest.of("").withSort(SortBy.metric("words", words, true)));
        assertThat(hits).hasSize(1107);
        assertThat(hits.get(hits.size() - 1).row()).isZero();
        for (int i = 1; i < hits.size() - 1; i++) {
            assertThat(words[hits.get(i).row()]).isLessThanOrEqualTo(words[hits.get(i - 1).row()]);
        }
        List<Hit> asc = all(SearchRequest.of("").withSort(SortBy.metric("words", words, false)));
        assertThat(words[asc.get(0).row()]).isLessThanOrEqualTo(words[asc.get(1).row()]);
        assertThat(asc.get(asc.size() - 1).row()).isZero();
    }

    @Test
    void relevanceOrderIsByScoreThenRow() throws Exception {
        List<Hit> hits = all(SearchRequest.of("school OR construction"));
        for (int i = 1; i < hits.size(); i++) {
            Hit a = hits.get(i - 1);
            Hit b = hits.get(i);
            assertThat(a.score() > b.score() || a.score() == b.score() && a.row() < b.row()).isTrue();
        }
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        SearchRequest q = SearchRequest.of("school OR states");
        List<Integer> whole = all(q).stream().map(Hit::row).toList();
        List<Integer> paged = new ArrayList<>();
        for (int offset = 0; offset < whole.size(); offset += 7) {
            SearchResult page = index.search(q.withPage(offset, 7), status);
            assertThat(page.total()).isEqualTo(whole.size());
            page.hits().forEach(h -> paged.add(h.row()));
        }
        assertThat(paged).isEqualTo(whole);
        assertThat(index.search(q.withPage(whole.size() + 5, 10), status).hits()).isEmpty();
        assertThat(index.search(SearchRequest.of("school"), status).hits()).hasSizeLessThanOrEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"united states", "school AND", "(school OR states", "title:[a TO"})
    void aQuerySyntaxErrorNamesTheQueryAndWhatIsWrong(String q) {
        assertThatThrownBy(() -> index.search(SearchRequest.of(q), status))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining(q)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("column", "Encountered", "Lexical"));
    }

    @Test
    void snippetsMarkEveryOccurrenceOfTheQueryTermsTheyShow() throws Exception {
        Pattern school = words("school");
        Pattern states = words("united states");
        List<Hit> hits = all(SearchRequest.of("school OR \"united states\"")).subList(0, 25);
        for (Hit h : hits) {
            Snippet s = h.snippet();
            assertThat(s.text().length()).isBetween(1, 2 * 260 + 3);
            assertThat(s.matches()).isNotEmpty();
            for (Pattern p : List.of(school, states)) {
                Matcher m = p.matcher(s.text());
                while (m.find()) {
                    int at = m.start();
                    assertThat(s.matches()).as("'%s' at %d in %s", m.group(), at, s.text())
                            .anySatisfy(x -> assertThat(at).isBetween(x[0], x[1] - 1));
                }
            }
            for (int[] x : s.matches()) {
                String marked = s.text().substring(x[0], x[1]);
                assertThat(school.matcher(marked).matches() || states.matcher(marked).matches()).as(marked).isTrue();
            }
            assertThat(s.marked()).contains("<b>");
        }
    }

    @Test
    void matchesPointAtEveryOccurrenceInTheWholeText() throws Exception {
        Pattern p = words("school");
        Hit h = all(SearchRequest.of("school")).get(0);
        String text = fx.text(h.row());
        List<int[]> m = index.matches("school", text);
        List<Integer> expected = new ArrayList<>();
        Matcher x = p.matcher(text);
        while (x.find()) {
            expected.add(x.start());
        }
        assertThat(m.stream().map(a -> a[0]).toList()).isEqualTo(expected);
        assertThat(m).allSatisfy(a -> assertThat(text.substring(a[0], a[1])).isEqualToIgnoringCase("school"));
        assertThat(index.matches("", text)).isEmpty();
        assertThat(index.matches("url:school", text)).isEmpty();
        List<int[]> wild = index.matches("schoo*", text);
        assertThat(wild).isNotEmpty().allSatisfy(a -> assertThat(text.substring(a[0], a[1]).toLowerCase()).startsWith("schoo"));
    }
}
