package org.loupe.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.context.AppContext;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.testing.Golden;
import org.loupe.index.Hit;

/** Search without a window, on the 1,107 reference documents: queries, facets that follow Tune, matches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchViewModelTest {
    @TempDir
    static Path tmp;

    private MainViewModel main;
    private SearchViewModel search;
    private TuneViewModel tune;
    private Sample sample;

    @BeforeAll
    void open() {
        main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(Golden.fixtures(tmp.resolve("golden")));
        search = main.search();
        tune = main.tune();
        sample = main.sampleProperty().get();
        assertThat(search.readyProperty().get()).isTrue();
    }

    @BeforeEach
    void reset() {
        tune.usePreset(Presets.FINEWEB);
        search.searchFor("");
    }

    @Test
    void anEmptyQueryListsEveryDocumentAndTheStatusChipsAreTheDecisionCounts() {
        Decisions d = tune.decisionsProperty().get();
        assertThat(search.totalProperty().get()).isEqualTo(sample.size());
        assertThat(search.statusChips()).filteredOn(c -> c.value().equals("kept")).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(d.keptDocuments()));
        for (var c : d.counts()) {
            assertThat(search.statusChips()).filteredOn(chip -> chip.value().equals(c.step())).singleElement()
                    .satisfies(chip -> assertThat(chip.count()).isEqualTo(c.removedDocs()));
        }
    }

    @Test
    void aThresholdChangeInTuneReFacetsTheResults() {
        search.searchFor("the");
        tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
        tune.setParam("min_doc_words", "400");
        Decisions d = tune.decisionsProperty().get();
        int k = d.steps().indexOf("gopher_quality");
        search.toggle(search.statusChips().stream().filter(c -> c.value().equals("gopher_quality")).findFirst().orElseThrow());
        assertThat(search.hits()).isNotEmpty().allSatisfy(h -> {
            assertThat(h.status()).isEqualTo("gopher_quality");
            assertThat(d.removedBy(h.row())).isEqualTo(k);
        });
    }

    @Test
    void aPhraseFindsTheDocumentsThatContainItAndOpeningOneHighlightsEveryMatch() {
        search.searchFor("\"united states\"");
        Pattern p = Pattern.compile("\\bunited\\W+states\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        long expected = IntStream.range(0, sample.size()).filter(r -> p.matcher(sample.document(r).text()).find()).count();
        assertThat(expected).isPositive();
        assertThat(search.totalProperty().get()).isEqualTo(expected);
        Hit first = search.hits().get(0);
        assertThat(first.snippet().marked().toLowerCase()).contains("<b>united states</b>");
        search.open(first);
        SearchViewModel.Shown shown = search.shownProperty().get();
        assertThat(shown.row()).isEqualTo(first.row());
        assertThat(shown.matches()).isNotEmpty();
        for (int[] m : shown.matches()) {
            assertThat(shown.text().substring(m[0], m[1])).matches("(?iu)united\\W+states|united|states");
        }
        assertThat(search.currentMatchProperty().get()).isZero();
        search.nextMatch();
        assertThat(search.currentMatchProperty().get()).isEqualTo(shown.matches().size() > 1 ? 1 : 0);
        search.previousMatch();
        assertThat(search.currentMatchProperty().get()).isZero();
        assertThat(search.history()).first().isEqualTo("\"united states\"");
    }

    @Test
    void decisionsThatChangeWhileSearchIsHiddenReFacetWhenItIsShownAgain() {
        search.setActive(false);
        tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
        tune.setParam("min_doc_words", "300");
        long keptNow = tune.decisionsProperty().get().keptDocuments();
        assertThat(search.statusChips()).filteredOn(c -> c.value().equals("kept")).singleElement()
                .satisfies(c -> assertThat(c.count()).isNotEqualTo(keptNow));
        search.setActive(true);
        assertThat(search.statusChips()).filteredOn(c -> c.value().equals("kept")).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(keptNow));
    }

    @Test
    void aSyntaxErrorIsReportedAndClearsTheResults() {
        search.searchFor("\"unclosed");
        assertThat(search.messageProperty().get()).containsIgnoringCase("unclosed");
        assertThat(search.hits()).isEmpty();
    }

    @Test
    void resultsSortByAMetricOfThePipeline() {
        search.sortProperty().set("gopher_quality.n_non_symbol_words");
        search.descendingProperty().set(true);
        search.resort();
        double[] words = tune.table().column("gopher_quality.n_non_symbol_words");
        double previous = Double.POSITIVE_INFINITY;
        for (Hit h : search.hits()) {
            assertThat(words[h.row()]).isLessThanOrEqualTo(previous);
            previous = words[h.row()];
        }
        search.sortProperty().set(SearchViewModel.RELEVANCE);
    }

    @Test
    void otherViewsJumpToASearchOfADomain() {
        String host = IntStream.range(0, sample.size()).mapToObj(sample::host).filter(h -> h != null).findFirst().orElseThrow();
        main.searchFor("domain:\"" + host + "\"");
        assertThat(main.viewProperty().get()).isEqualTo(MainViewModel.View.SEARCH);
        long expected = IntStream.range(0, sample.size()).filter(r -> host.equals(sample.host(r))).count();
        assertThat(search.totalProperty().get()).isEqualTo(expected);
    }
}
