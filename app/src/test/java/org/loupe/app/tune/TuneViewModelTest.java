package org.loupe.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.context.AppContext;
import org.loupe.app.TestFolders;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.task.TaskContext;

class TuneViewModelTest {
    @TempDir
    Path tmp;

    private MainViewModel opened() throws Exception {
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(TestFolders.shards(tmp.resolve("data"), 60));
        return main;
    }

    @Test
    void aSampleGetsACascadeWhoseCountsAddUp() throws Exception {
        TuneViewModel tune = opened().tune();
        assertThat(tune.cascade()).hasSize(5);
        Decisions d = tune.decisionsProperty().get();
        long removed = tune.cascade().stream().mapToLong(TuneViewModel.CascadeRow::removedDocs).sum();
        assertThat(removed + d.keptDocuments()).isEqualTo(d.rows());
        assertThat(tune.summaryProperty().get()).startsWith("Kept ");
    }

    @Test
    void aThresholdChangeDecidesAgainAsTheEngineDoesForThatConfig() throws Exception {
        MainViewModel main = opened();
        TuneViewModel tune = main.tune();
        int gopher = tune.configProperty().get().indexOf("gopher_quality");
        tune.selectedStepProperty().set(gopher);
        assertThat(tune.params()).extracting(TuneViewModel.ParamRow::name).contains("min_doc_words");

        tune.setParam("min_doc_words", "3");

        PipelineConfig c = tune.configProperty().get();
        assertThat(c.steps().get(gopher).params()).containsEntry("min_doc_words", 3L);
        var sample = main.sampleProperty().get();
        var catalog = BuiltinSteps.catalog(Set.of());
        MetricTable t = new SampleMeasurements(sample, catalog,
                new StepResources(EnglishTokenizer.shared(), org.loupe.engine.measure.lid.LanguageIdentifier::lid176), 1)
                .measure(c, TaskContext.NONE);
        long[] ids = new long[sample.size()];
        String[] hosts = new String[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            ids[i] = RowKeys.hashId(sample.id(i));
            hosts[i] = sample.host(i);
        }
        Decisions expected = Decisions.decide(c, catalog, t, new RowKeys(ids, hosts,
                SampleMeasurements.tokens(sample, "r50k_base", 1, TaskContext.NONE)));
        Decisions shown = tune.decisionsProperty().get();
        for (int i = 0; i < sample.size(); i++) {
            assertThat(shown.reason(i)).isEqualTo(expected.reason(i));
        }
    }

    @Test
    void invalidValuesAreReportedAndNotApplied() throws Exception {
        TuneViewModel tune = opened().tune();
        tune.selectedStepProperty().set(tune.configProperty().get().indexOf("fineweb_quality"));
        PipelineConfig before = tune.configProperty().get();
        tune.setParam("short_line_thr", "1.7");
        assertThat(tune.errorProperty().get()).contains("short_line_thr");
        tune.setParam("short_line_thr", "abc");
        assertThat(tune.errorProperty().get()).contains("short_line_thr");
        assertThat(tune.configProperty().get()).isEqualTo(before);
    }

    @Test
    void disablingEveryStepKeepsEverything() throws Exception {
        TuneViewModel tune = opened().tune();
        for (int i = 0; i < tune.steps().size(); i++) {
            tune.setEnabled(i, false);
        }
        Decisions d = tune.decisionsProperty().get();
        assertThat(d.keptDocuments()).isEqualTo(d.rows());
        assertThat(List.copyOf(tune.steps())).allSatisfy(s -> assertThat(s.enabled()).isFalse());
        assertThat(tune.steps()).extracting(StepConfig::stepName).contains("language", "c4_quality");
    }

    @Test
    void theSelectedStepsHistogramCountsEveryDocumentOnce() throws Exception {
        TuneViewModel tune = opened().tune();
        tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
        assertThat(tune.metrics()).contains("n_non_symbol_words", "alpha_words_ratio");
        assertThat(tune.metricProperty().get()).isEqualTo("n_non_symbol_words");
        var h = tune.histogramProperty().get();
        long counted = h.nan();
        for (int i = 0; i < h.kept().length; i++) {
            counted += h.kept()[i] + h.removedByStep()[i] + h.removedByOther()[i];
        }
        assertThat(counted).isEqualTo(tune.decisionsProperty().get().rows());
        assertThat(tune.histogramCaptionProperty().get()).contains("min_doc_words").contains("gopher_short_doc");
        // A metric opens on log-spaced bins exactly when its values are counts with a long tail; the box re-bins.
        boolean countLike = org.loupe.app.common.HistogramScale.countLike(
                tune.table().column(org.loupe.engine.measure.MetricTable.name("gopher_quality", "n_non_symbol_words")));
        assertThat(tune.logScaleProperty().get()).isEqualTo(countLike);
        assertThat(h.scale().logX()).isEqualTo(countLike);
        tune.logScaleProperty().set(!countLike);
        assertThat(tune.histogramProperty().get()).isNotSameAs(h);
        assertThat(tune.histogramProperty().get().scale().logX()).isEqualTo(!countLike);
        assertThat(TuneViewModel.shortNumber(1214.05)).isEqualTo("1210");
        assertThat(TuneViewModel.shortNumber(0.123456)).isEqualTo("0.123");
    }

    /** The heading, the selection and the parameter table all name the selected step. */
    private static void assertShowsStep(TuneViewModel tune, String name) {
        int sel = tune.selectedStepProperty().get();
        assertThat(tune.steps().get(sel).stepName()).isEqualTo(name);
        assertThat(tune.configProperty().get().steps().get(sel).stepName()).isEqualTo(name);
        assertThat(tune.parametersTitleProperty().get()).isEqualTo("Parameters of " + name);
        List<String> expected = tune.catalog().type(tune.steps().get(sel).type()).orElseThrow().params().stream()
                .map(org.loupe.engine.pipeline.ParamSpec::name).toList();
        assertThat(tune.params()).extracting(TuneViewModel.ParamRow::name).containsAll(expected);
    }

    @Test
    void theParameterTableFollowsTheSelectedStepWhenStepsAreAddedMovedOrRemoved() throws Exception {
        TuneViewModel tune = opened().tune();
        PipelineConfig c = tune.configProperty().get();
        tune.selectedStepProperty().set(c.indexOf("gopher_quality"));
        assertShowsStep(tune, "gopher_quality");

        // Removed before it: the selection moves up with its step.
        List<StepConfig> withoutUrl = new java.util.ArrayList<>(c.steps());
        withoutUrl.removeIf(st -> st.type().equals("url"));
        tune.session().replace(c.withSteps(withoutUrl), true);
        assertShowsStep(tune, "gopher_quality");

        // "Add to URL blocklist" puts a URL step in front: the selection stays on Gopher quality.
        tune.blockDomain("example.com");
        assertThat(tune.steps().get(0).type()).isEqualTo("url");
        assertShowsStep(tune, "gopher_quality");

        // Moved down and up.
        tune.moveStep(tune.selectedStepProperty().get(), 1);
        assertShowsStep(tune, "gopher_quality");
        tune.moveStep(tune.selectedStepProperty().get(), -1);
        assertShowsStep(tune, "gopher_quality");

        // The selected step removed: the step that takes its place is shown, heading and table alike.
        int at = tune.selectedStepProperty().get();
        List<StepConfig> without = new java.util.ArrayList<>(tune.configProperty().get().steps());
        without.remove(at);
        tune.session().replace(tune.configProperty().get().withSteps(without), true);
        assertShowsStep(tune, without.get(at).stepName());
        assertThat(tune.metrics()).isNotEmpty();
    }
}
