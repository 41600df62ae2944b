package org.loupe.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.context.AppContext;
import org.loupe.app.document.Annotation;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.testing.Golden;
import org.loupe.engine.workspace.Labels;

/**
 * Every Tune interaction, without a window, on the 1,107 reference documents (real web text): dragging a
 * threshold, listing a bar's documents, random kept / removed pages, "why removed", the C4 line diff,
 * labels, and exports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TuneInteractionsTest {
    @TempDir
    static Path tmp;

    private MainViewModel main;
    private TuneViewModel tune;
    private Sample sample;

    @BeforeAll
    void open() throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(fixtures);
        tune = main.tune();
        sample = main.sampleProperty().get();
        assertThat(tune.decisionsProperty().get()).isNotNull();
        assertThat(sample.size()).isEqualTo(1107);
    }

    @org.junit.jupiter.api.BeforeEach
    void fineWeb() {
        tune.usePreset(org.loupe.engine.pipeline.steps.Presets.FINEWEB);
    }

    private int select(String step) {
        int index = tune.configProperty().get().indexOf(step);
        tune.selectedStepProperty().set(index);
        return index;
    }

    private Decisions engine() {
        return Decisions.decide(tune.enabledConfig(), tune.catalog(), tune.table(), tune.keys());
    }

    @Test
    void draggingAThresholdSetsTheParameterAndTheListsFollowTheEngine() {
        int gopher = select("gopher_quality");
        tune.metricProperty().set("n_non_symbol_words");
        Check check = tune.thresholdsProperty().get().stream().filter(c -> c.param().equals("min_doc_words")).findFirst()
                .orElseThrow();
        tune.showRemoved();

        tune.moveThreshold(check, 120.4);

        assertThat(tune.configProperty().get().steps().get(gopher).params()).containsEntry("min_doc_words", 120L);
        assertThat(tune.thresholdsProperty().get()).anySatisfy(c -> assertThat(c.threshold()).isEqualTo(120));
        Decisions expected = engine();
        int k = expected.steps().indexOf("gopher_quality");
        int[] removed = IntStream.range(0, expected.rows()).filter(r -> expected.removedBy(r) == k).toArray();
        assertThat(tune.documents().rows()).containsExactly(removed);
        assertThat(tune.listTitleProperty().get()).startsWith(String.format("%,d documents removed by gopher_quality", removed.length));
        var h = tune.histogramProperty().get();
        assertThat(Arrays.stream(h.removedByStep()).sum()).isEqualTo(removed.length);
        assertThat(main.tune().summaryProperty().get()).contains(String.format("Kept %,d of", expected.keptDocuments()));
    }

    @Test
    void anNGramFractionDragsOnlyItsOwnPair() {
        int rep = select("gopher_repetition");
        tune.metricProperty().set("dup_5_gram_char_frac");
        Check check = tune.thresholdsProperty().get().get(0);
        tune.moveThreshold(check, 0.123456);
        Object pairs = tune.configProperty().get().steps().get(rep).params().get("dup_n_grams");
        assertThat(pairs.toString()).contains("[5, 0.123]").contains("[6, 0.14]");
        assertThat(tune.thresholdsProperty().get().get(0).threshold()).isEqualTo(0.123);
        assertThat(tune.decisionsProperty().get().rows()).isEqualTo(1107);
    }

    @Test
    void anExactThresholdTypedForAMetricIsAppliedAsTyped() {
        int rep = select("gopher_repetition");
        tune.metricProperty().set("dup_6_gram_char_frac");
        tune.setThreshold(tune.thresholdsProperty().get().get(0), "0.12345");
        assertThat(tune.configProperty().get().steps().get(rep).params().get("dup_n_grams").toString()).contains("[6, 0.12345]");
        int gopher = select("gopher_quality");
        tune.metricProperty().set("n_non_symbol_words");
        Check max = tune.thresholdsProperty().get().stream().filter(c -> c.param().equals("max_doc_words")).findFirst().orElseThrow();
        tune.setThreshold(max, "77777");
        assertThat(tune.configProperty().get().steps().get(gopher).params()).containsEntry("max_doc_words", 77777L);
        tune.setThreshold(max, "lots");
        assertThat(tune.errorProperty().get()).contains("max_doc_words");
    }

    @Test
    void clickingABarListsExactlyTheDocumentsInIt() {
        select("fineweb_quality");
        tune.metricProperty().set("line_punct_ratio");
        var h = tune.histogramProperty().get();
        int bin = IntStream.range(0, h.kept().length).filter(i -> h.kept()[i] + h.removedByStep()[i] + h.removedByOther()[i] > 0)
                .findFirst().orElseThrow();
        tune.showBin(bin);
        double[] values = tune.table().column(MetricTable.name("fineweb_quality", "line_punct_ratio"));
        int[] expected = IntStream.range(0, values.length).filter(r -> !Double.isNaN(values[r]) && h.binOf(values[r]) == bin).toArray();
        assertThat(tune.documents().rows()).containsExactly(expected);
        assertThat(expected.length).isEqualTo(h.kept()[bin] + h.removedByStep()[bin] + h.removedByOther()[bin]);
        assertThat(tune.listKindProperty().get()).isEqualTo(TuneViewModel.ListKind.BIN);
    }

    @Test
    void randomPagesAreSeededAndTenMoreExtendsThem() {
        select("gopher_quality");
        tune.showRandomRemoved();
        int[] first = tune.documents().rows();
        Decisions d = tune.decisionsProperty().get();
        int k = d.steps().indexOf("gopher_quality");
        assertThat(first).hasSize(10);
        assertThat(Arrays.stream(first).map(d::removedBy)).containsOnly(k);
        tune.showMore();
        int[] twenty = tune.documents().rows();
        assertThat(twenty).hasSize(20).startsWith(first);
        assertThat(Arrays.stream(twenty).distinct().count()).isEqualTo(20);
        tune.showRandomRemoved();
        assertThat(tune.documents().rows()).containsExactly(first);
        tune.reshuffle();
        assertThat(tune.documents().rows()).isNotEqualTo(first);

        tune.showRandomKept();
        assertThat(tune.documents().rows()).hasSize(10);
        assertThat(Arrays.stream(tune.documents().rows()).allMatch(r -> d.removedBy(r) < 0 || d.removedBy(r) > k)).isTrue();
    }

    @Test
    void whyRemovedShowsEveryThresholdAndWhatHappensWithoutTheStep() {
        Decisions d = tune.decisionsProperty().get();
        int gopher = d.steps().indexOf("gopher_quality");
        int row = IntStream.range(0, d.rows()).filter(r -> d.removedBy(r) == gopher).findFirst().orElseThrow();
        Annotation a = tune.annotate(row, sample.document(row));
        assertThat(a.verdict()).startsWith("Removed by gopher_quality (" + d.reason(row) + ") — without that step: ");
        assertThat(a.why()).anySatisfy(w -> {
            assertThat(w.step()).isEqualTo("gopher_quality");
            assertThat(w.result()).isEqualTo("FAIL");
            assertThat(w.fails()).isTrue();
            assertThat(w.margin()).startsWith("-");
        });
        assertThat(a.why()).extracting(Annotation.WhyRow::step).contains("language", "gopher_repetition", "c4_quality",
                "fineweb_quality");
        int kept = IntStream.range(0, d.rows()).filter(d::kept).findFirst().orElseThrow();
        Annotation k = tune.annotate(kept, sample.document(kept));
        assertThat(k.verdict()).startsWith("Kept");
        assertThat(k.why()).noneMatch(Annotation.WhyRow::fails);
        // A document of another sample is not explained with this one's rows.
        assertThat(tune.annotate(kept, sample.document(row))).isEqualTo(Annotation.NONE);
    }

    @Test
    void theC4LineDiffStrikesTheLinesTheStepRemovedWithTheirRule() {
        double[] removedLines = tune.table().column(MetricTable.name("c4_quality", "lines_too_few_words"));
        int row = IntStream.range(0, removedLines.length).filter(r -> removedLines[r] >= 2).findFirst().orElseThrow();
        Annotation a = tune.annotate(row, sample.document(row));
        assertThat(a.lineStep()).isEqualTo("c4_quality");
        assertThat(a.lines().stream().filter(l -> l.rule().equals("too_few_words")).count())
                .isEqualTo((long) removedLines[row]);
        assertThat(a.lines()).anySatisfy(l -> assertThat(l.removed()).isFalse());
        String text = sample.document(row).text();
        assertThat(a.lines()).allSatisfy(l -> assertThat(text).contains(l.text()));
    }

    @Test
    void labelsPersistInTheWorkspaceAndExportAsJsonLines() throws Exception {
        tune.label(3, Labels.Label.GOOD);
        tune.label(5, Labels.Label.BAD);
        tune.label(7, Labels.Label.BAD);
        tune.label(7, null);
        assertThat(tune.labelOf(3)).isEqualTo(Labels.Label.GOOD);
        assertThat(tune.labelCountProperty().get()).isEqualTo(2);

        TuneViewModel again = new TuneViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        again.setSample(sample);
        assertThat(again.labelOf(5)).isEqualTo(Labels.Label.BAD);
        assertThat(again.labelOf(7)).isNull();

        Path out = tmp.resolve("labels.jsonl");
        tune.exportLabels(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo(sample.id(3));
        assertThat(first.get("label").asText()).isEqualTo("good");
        assertThat(first.get("text").asText()).isEqualTo(sample.document(3).text());
        assertThat(first.get("kept").asBoolean()).isEqualTo(tune.decisionsProperty().get().kept(3));
    }

    @Test
    void anExportedConfigLoadsBackIntoTheSamePipeline() throws Exception {
        select("gopher_quality");
        tune.setParam("max_doc_words", "50000");
        PipelineConfig config = tune.configProperty().get();
        ConfigLoader loader = new ConfigLoader(BuiltinSteps.catalog(Set.of()));
        for (String name : List.of("p.yaml", "p.json")) {
            Path file = tmp.resolve(name);
            tune.saveConfig(file);
            assertThat(loader.read(file)).isEqualTo(config);
        }
        Path script = tmp.resolve("p.py");
        tune.saveDatatrove(script);
        assertThat(Files.readString(script)).contains("GopherQualityFilter").contains("max_doc_words=50000");
        Path report = tmp.resolve("r.html");
        tune.saveReport(report);
        assertThat(Files.readString(report)).contains("<svg").contains("gopher_quality");
    }

    @Test
    void keepFractionAndDomainOverridesAreEditedLikeParameters() {
        int gopher = select("gopher_quality");
        long keptBefore = tune.decisionsProperty().get().keptDocuments();
        tune.setParam(TuneViewModel.KEEP_FRACTION, "0.5");
        assertThat(tune.configProperty().get().steps().get(gopher).keepFraction()).isEqualTo(0.5);
        assertThat(tune.decisionsProperty().get().keptDocuments()).isGreaterThan(keptBefore);

        tune.setParam(TuneViewModel.OVERRIDES, "example.com  blog.example.org: min_doc_words=5, max_doc_words=900; x.net: min_doc_words=1");
        var overrides = tune.configProperty().get().steps().get(gopher).overrides();
        assertThat(overrides).hasSize(2);
        assertThat(overrides.get(0).domains()).containsExactly("example.com", "blog.example.org");
        assertThat(overrides.get(0).params()).containsEntry("min_doc_words", 5L).containsEntry("max_doc_words", 900L);
        assertThat(tune.params()).filteredOn(r -> r.name().equals(TuneViewModel.OVERRIDES)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("example.com blog.example.org: min_doc_words=5, max_doc_words=900; x.net: min_doc_words=1"));

        tune.setParam(TuneViewModel.OVERRIDES, "example.com min_doc_words=5");
        assertThat(tune.errorProperty().get()).contains(TuneViewModel.OVERRIDES);
        tune.setParam(TuneViewModel.OVERRIDES, "example.com: no_such=5");
        assertThat(tune.errorProperty().get()).contains("no_such");
        assertThat(tune.configProperty().get().steps().get(gopher).overrides()).hasSize(2);
        assertThat(tune.params()).filteredOn(r -> r.name().equals("min_doc_words")).singleElement()
                .satisfies(r -> assertThat(r.direction()).isEqualTo("drops below"));
    }

    @Test
    void movingAStepChangesTheOrderAndDecidesAgain() {
        int c4 = select("c4_quality");
        tune.moveStep(c4, -1);
        assertThat(tune.configProperty().get().indexOf("c4_quality")).isEqualTo(c4 - 1);
        assertThat(tune.selectedStepProperty().get()).isEqualTo(c4 - 1);
        assertThat(tune.decisionsProperty().get().steps().indexOf("c4_quality")).isEqualTo(c4 - 1);
    }

    @Test
    void theFullRunDialogRunsTheTunedPipelineOverTheWholeInputWithTheSameVerdicts() throws Exception {
        select("gopher_quality");
        tune.setParam("min_doc_words", "80");
        FullRunModel run = tune.fullRun();
        run.prepare();
        assertThat(run.inputProperty().get()).endsWith("fixtures_in.jsonl.gz");
        run.outputProperty().set(tmp.resolve("run out").toString());
        assertThat(run.commandProperty().get()).startsWith("java -jar loupe.jar run --config '")
                .contains("--input ").contains("--output '");
        run.start();
        assertThat(run.statusProperty().get()).startsWith("Done:");
        JsonNode result = new ObjectMapper().readTree(tmp.resolve("run out/run_result.json").toFile());
        assertThat(result.get("documents").asLong()).isEqualTo(1107);
        assertThat(result.get("kept").asLong()).isEqualTo(tune.decisionsProperty().get().keptDocuments());
        assertThat(new ConfigLoader(BuiltinSteps.catalog(Set.of())).read(tmp.resolve("run out/" + FullRunModel.CONFIG_FILE)))
                .isEqualTo(tune.configProperty().get());
    }
}
