package org.loupe.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.common.DocumentRow;
import org.loupe.app.context.AppContext;
import org.loupe.app.diff.DiffViewModel;
import org.loupe.app.document.Annotation;
import org.loupe.app.domains.DomainsViewModel;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.GopherRepetitionStep;
import org.loupe.engine.pipeline.steps.LanguageStep;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.steps.UrlStep;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.testing.Golden;

/**
 * Every list of documents shows the same row (id, domain, one-line snippet, kept or removed under the live
 * decisions), and the "why" table answers first; on the 1,107 reference documents (English and not) under
 * the FineWeb pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentListsTest {
    @TempDir
    static Path tmp;

    private AppContext context;
    private MainViewModel main;
    private TuneViewModel tune;
    private SampleSession session;

    @BeforeAll
    void open() {
        context = AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner());
        main = new MainViewModel(context);
        main.openFolder(Golden.fixtures(tmp.resolve("golden")));
        tune = main.tune();
        session = main.session();
        assertThat(session.decisions()).isNotNull();
    }

    @BeforeEach
    void reset() {
        tune.usePreset(Presets.FINEWEB);
    }

    private Sample sample() {
        return session.sample();
    }

    private Decisions decisions() {
        return session.decisions();
    }

    private String language(int row) {
        String column = LanguageStep.NAME + ".language";
        double v = session.table().column(column)[row];
        return Double.isNaN(v) ? "" : session.table().labels(column).get((int) v);
    }

    private static void assertComplete(DocumentRow d, Sample s) {
        assertThat(d.id()).isEqualTo(s.id(d.row()));
        assertThat(d.domain()).isEqualTo(s.host(d.row()) == null ? "" : s.host(d.row()));
        assertThat(d.snippet()).isNotBlank().doesNotContain("\n");
        assertThat(d.snippet().length()).isLessThanOrEqualTo(DocumentRow.SNIPPET);
        assertThat(DocumentRow.snippet(s.document(d.row()).text(), DocumentRow.SNIPPET)).isEqualTo(d.snippet());
        assertThat(d.status()).isNotEqualTo(DocumentRow.Status.UNDECIDED);
    }

    @Test
    void aRowSaysWhatTheDocumentIsAndWhatThePipelineDoesWithIt() {
        Decisions d = decisions();
        int removed = IntStream.range(0, d.rows()).filter(r -> !d.kept(r)).findFirst().orElseThrow();
        int kept = IntStream.range(0, d.rows()).filter(d::kept).findFirst().orElseThrow();

        DocumentRow r = session.documentRows().row(removed);

        assertComplete(r, sample());
        assertThat(r.removed()).isTrue();
        assertThat(r.statusText()).isEqualTo(d.steps().get(d.removedBy(removed)) + ": " + d.reason(removed));
        assertThat(session.documentRows().row(kept).statusText()).isEqualTo("kept");
        assertThat(session.documentRows().read(sample(), d, new int[] {removed})).containsExactly(
                new DocumentRow(removed, r.id(), r.domain(), r.snippet(), r.status(), r.step(), r.reason(), ""));
    }

    @Test
    void tunesListShowsRowsWhoseStatusFollowsAThresholdChange() {
        tune.selectedStepProperty().set(tune.configProperty().get().indexOf(GopherQualityStep.NAME));
        tune.showRemoved();
        assertThat(tune.documents()).isNotEmpty();
        int row = tune.documents().row(0);
        DocumentRow before = session.documentRows().row(row);
        assertComplete(before, sample());
        assertThat(before.step()).isEqualTo(GopherQualityStep.NAME);
        int[] version = {session.documentRows().versionProperty().get()};

        // Gopher quality off: the document is kept, or removed by a later step.
        tune.setEnabled(tune.configProperty().get().indexOf(GopherQualityStep.NAME), false);

        DocumentRow after = session.documentRows().row(row);
        assertThat(after.step()).isNotEqualTo(GopherQualityStep.NAME);
        assertThat(session.documentRows().versionProperty().get()).isGreaterThan(version[0]);
    }

    @Test
    void diffsListShowsTheDocumentsThatChangedSidesAsTheyAreNow() {
        DiffViewModel diff = new DiffViewModel(context, session);
        diff.pinCurrent();
        tune.selectedStepProperty().set(tune.configProperty().get().indexOf(GopherQualityStep.NAME));
        tune.setParam("min_doc_words", "200");

        diff.sideProperty().set(DiffViewModel.Side.NEWLY_REMOVED);
        assertThat(diff.documents()).isNotEmpty();
        for (int i = 0; i < Math.min(5, diff.documents().size()); i++) {
            DocumentRow d = session.documentRows().row(diff.documents().row(i));
            assertComplete(d, sample());
            assertThat(d.removed()).isTrue();
            assertThat(d.step()).isEqualTo(GopherQualityStep.NAME);
        }
    }

    @Test
    void domainsAndTopUrlsListRowsThatTurnRemovedWhenTheDomainIsBlocked() {
        DomainsViewModel domains = new DomainsViewModel(new ImmediateTaskRunner(), session);
        domains.refresh();
        DomainsViewModel.Row domain = domains.rows().stream().filter(r -> r.keptDocuments() > 0).findFirst().orElseThrow();
        domains.select(domain.domain());
        assertThat(domains.kept()).isNotEmpty();
        int row = domains.kept().get(0);
        assertComplete(session.documentRows().row(row), sample());
        assertThat(session.documentRows().row(row).kept()).isTrue();

        domains.blockSelected();

        assertThat(session.documentRows().row(row).removed()).isTrue();
        assertThat(session.documentRows().row(row).step()).isEqualTo(UrlStep.NAME);
        assertThat(domains.removed()).contains(row);

        if (!domains.topUrls().isEmpty()) {
            domains.selectUrl(domains.topUrls().get(0).url());
            List<Integer> listed = new java.util.ArrayList<>(domains.kept());
            listed.addAll(domains.removed());
            assertThat(listed).isNotEmpty().allSatisfy(r -> assertComplete(session.documentRows().row(r), sample()));
        }
    }

    @Test
    void browseShowsTheLiveStatusOfTheSessionsSample() {
        var browse = main.browse();
        int row = browse.rows().get(0);
        DocumentRow before = browse.status(row);
        assertThat(before).isNotNull();
        assertThat(before.status()).isEqualTo(decisions().kept(row) ? DocumentRow.Status.KEPT : DocumentRow.Status.REMOVED);
        String host = sample().host(row);
        if (host != null && before.kept()) {
            tune.blockDomain(host);
            assertThat(browse.status(row).removed()).isTrue();
            assertThat(browse.status(row).step()).isEqualTo(UrlStep.NAME);
        }
    }

    @Test
    void theWhyOfADocumentRemovedForItsLanguageStartsWithTheLanguageCheck() {
        Decisions d = decisions();
        int row = IntStream.range(0, d.rows()).filter(r -> d.removedBy(r) >= 0
                && d.steps().get(d.removedBy(r)).equals(LanguageStep.NAME)
                && !language(r).equals("en")).findFirst().orElseThrow();
        String label = language(row);

        Annotation a = session.annotate(row, sample().document(row));

        Annotation.WhyRow first = a.why().get(0);
        assertThat(first.step()).isEqualTo(LanguageStep.NAME);
        assertThat(first.result()).isEqualTo("FAIL");
        assertThat(first.fails()).isTrue();
        assertThat(first.value()).startsWith(label + " (score ");
        assertThat(first.threshold()).contains("en").contains("0.65");
        assertThat(first.note()).startsWith("drops: language");
        assertThat(a.verdict()).startsWith("Removed by language");
    }

    @Test
    void theFailingCheckOfTheRemovingStepComesFirst() {
        Decisions d = decisions();
        for (int row = 0; row < d.rows(); row++) {
            if (d.removedBy(row) < 0) {
                continue;
            }
            Annotation a = session.annotate(row, sample().document(row));
            String by = d.steps().get(d.removedBy(row));
            assertThat(a.why()).as("row %d removed by %s", row, by).isNotEmpty();
            assertThat(a.why().get(0).step()).as("row %d", row).isEqualTo(by);
            assertThat(a.why().get(0).result()).as("row %d", row).isEqualTo("FAIL");
        }
    }

    @Test
    void valuesThatAreNotNumbersSayWhy() {
        assertThat(WhyAnnotator.valueText(new GopherRepetitionStep(), "top_4_gram_char_frac", Double.NaN))
                .isEqualTo("not measured: fewer than 4 words");
        assertThat(WhyAnnotator.valueText(new GopherQualityStep(), "hash_ratio", Double.NaN)).isEqualTo("not measured: no words");
        assertThat(WhyAnnotator.valueText(new GopherQualityStep(), "n_words", Double.NaN)).isEqualTo("not measured");
        assertThat(WhyAnnotator.valueText(new GopherQualityStep(), "n_words", 12)).isEqualTo("12");
        // In the sample: every value the table shows is a number or says it was not measured (never "NaN").
        Decisions d = decisions();
        for (int row = 0; row < Math.min(200, d.rows()); row++) {
            for (Annotation.WhyRow w : session.annotate(row, sample().document(row)).why()) {
                assertThat(w.value()).as("row %d %s", row, w.test()).doesNotContain("NaN");
            }
        }
    }
}
