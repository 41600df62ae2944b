package org.loupe.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.app.TestFolders;
import org.loupe.app.context.AppContext;
import org.loupe.app.diff.DiffViewModel;
import org.loupe.app.session.SampleSession;
import org.loupe.app.task.ClockedTaskRunner;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.Presets;

/** The work on a folder is remembered in the workspace and comes back when the folder is opened again. */
class FolderMemoryTest {
    @TempDir
    Path tmp;

    private MainViewModel model(TaskRunner tasks) {
        return new MainViewModel(AppContext.create(tmp.resolve("ws"), tasks));
    }

    /** A window whose pauses never end: only closing it writes the session. */
    private MainViewModel model() {
        return model(new ClockedTaskRunner());
    }

    private Path data() throws Exception {
        Path dir = tmp.resolve("data");
        return Files.isDirectory(dir) ? dir : TestFolders.shards(dir, 60);
    }

    /** The tuned pipeline: a threshold moved, a step off, a keep fraction and a per-domain override. */
    private static PipelineConfig tuned(PipelineConfig c) {
        int gopher = c.indexOf(GopherQualityStep.NAME);
        StepConfig g = c.steps().get(gopher).withParam(GopherQualityStep.MIN_DOC_WORDS, 3L).withKeepFraction(0.25);
        g = new StepConfig(g.type(), g.name(), g.enabled(), g.keepFraction(), g.params(),
                List.of(new StepConfig.DomainOverride(List.of("www.site3.example.org"), Map.of(GopherQualityStep.MIN_DOC_WORDS.name(), 1L))));
        PipelineConfig next = c.withStep(gopher, g);
        int off = gopher == 0 ? 1 : 0;
        return next.withStep(off, next.steps().get(off).withEnabled(false));
    }

    @Test
    void reopeningAFolderRestoresThePipelineTheBaselineAndTheView() throws Exception {
        Path folder = data();
        PipelineConfig tunedConfig;
        try (MainViewModel first = model()) {
            first.openFolder(folder);
            first.diff().pinPreset(Presets.GOPHER);
            assertThat(first.session().edit(tuned(first.session().config()), false)).isTrue();
            tunedConfig = first.session().config();
            first.tune().selectedStepProperty().set(tunedConfig.indexOf(GopherQualityStep.NAME));
            first.diff().sideProperty().set(DiffViewModel.Side.NEWLY_KEPT);
            first.viewProperty().set(MainViewModel.View.DIFFS);
            // Closing the window writes what waits.
        }

        MainViewModel again = model();
        List<Decisions> decided = new ArrayList<>();
        again.session().decisionsProperty().addListener((o, a, d) -> {
            if (d != null) {
                decided.add(d);
            }
        });
        again.openFolder(folder);

        SampleSession session = again.session();
        assertThat(session.config()).isEqualTo(tunedConfig);
        assertThat(session.origin().preset()).isEqualTo(Presets.FINEWEB);
        assertThat(session.modifiedProperty().get()).isTrue();
        assertThat(again.pipelineLabelProperty().get()).isEqualTo("fineweb •");
        assertThat(again.viewProperty().get()).isEqualTo(MainViewModel.View.DIFFS);
        assertThat(again.diff().sideProperty().get()).isEqualTo(DiffViewModel.Side.NEWLY_KEPT);
        assertThat(again.tune().selectedStepProperty().get()).isEqualTo(tunedConfig.indexOf(GopherQualityStep.NAME));
        assertThat(again.diff().hasBaseline()).isTrue();
        assertThat(again.diff().baselineNameProperty().get()).isEqualTo("the preset gopher");
        PipelineConfig gopher = Presets.require(Presets.GOPHER);
        assertThat(again.diff().pinnedProperty().get().config().steps())
                .isEqualTo(gopher.steps().stream().filter(StepConfig::enabled).toList());
        // The first decisions shown are the remembered pipeline's: the defaults never flashed.
        assertThat(decided).isNotEmpty();
        assertThat(decided.get(0).steps()).isEqualTo(session.enabledConfig().steps().stream().map(StepConfig::stepName).toList());
        assertThat(decided.get(0).steps()).hasSize(tunedConfig.steps().size() - 1);
        again.close();
    }

    @Test
    void theDemoIsRememberedLikeAFolder() throws Exception {
        PipelineConfig tunedConfig;
        try (MainViewModel first = model()) {
            first.sampleSizeProperty().set(50);
            first.openDemo();
            assertThat(first.sampleProperty().get()).isNotNull();
            assertThat(first.session().edit(tuned(first.session().config()), false)).isTrue();
            tunedConfig = first.session().config();
        }
        try (MainViewModel again = model()) {
            again.sampleSizeProperty().set(50);
            again.openDemo();
            assertThat(again.session().config()).isEqualTo(tunedConfig);
        }
    }

    @Test
    void aBurstOfEditsIsWrittenOnceWhenTheyPause() throws Exception {
        ClockedTaskRunner tasks = new ClockedTaskRunner();
        try (MainViewModel model = model(tasks)) {
            model.openFolder(data());
            // What opening changed (the metric the histogram shows) is written after its own pause.
            tasks.pass();
            int before = model.memory().writes();
            PipelineConfig c = model.session().config();
            int gopher = c.indexOf(GopherQualityStep.NAME);
            for (int words = 1; words <= 40; words++) {
                c = c.withStep(gopher, c.steps().get(gopher).withParam(GopherQualityStep.MIN_DOC_WORDS, (long) words));
                assertThat(model.session().edit(c, false)).isTrue();
            }
            assertThat(model.memory().writes()).isEqualTo(before);
            assertThat(tasks.waiting()).isEqualTo(1);
            tasks.pass();

            assertThat(model.memory().writes()).isEqualTo(before + 1);
            String saved = Files.readString(model.memory().file(data()));
            assertThat(saved).contains("\"min_doc_words\" : 40");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"format\": 1, \"pipeline\": |not valid JSON",
            "{\"format\": 1, \"pipeline\": {\"schema_version\": 1, \"steps\": [{\"type\": \"no_such_step\"}]}, \"origin\": {\"preset\": \"fineweb\"}}|unknown step type 'no_such_step'",
            "{\"format\": 99, \"pipeline\": {\"schema_version\": 1, \"steps\": []}, \"origin\": {\"preset\": \"fineweb\"}}|format 99 is not supported"})
    void aDamagedSessionFileIsReportedSetAsideAndTheDefaultsAreUsed(String content, String problem) throws Exception {
        Path folder = data();
        try (MainViewModel model = model()) {
            Path file = model.memory().file(folder);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            // A pipeline tuned on another folder is not what a damaged file falls back to: the defaults are.
            model.tune().usePreset(Presets.GOPHER);

            model.openFolder(folder);

            assertThat(model.noticeProperty().get()).contains(file.toString()).contains(problem)
                    .contains(file.getFileName() + ".damaged");
            assertThat(model.session().config()).isEqualTo(Presets.require(Presets.FINEWEB));
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("fineweb");
            assertThat(model.sampleProperty().get()).isNotNull();
            assertThat(model.session().decisions()).isNotNull();
            Path aside = file.resolveSibling(file.getFileName() + ".damaged");
            assertThat(aside).hasContent(content);

            // Reported once: the file is aside, the next opening finds nothing wrong.
            model.dismissNotice();
            model.openFolder(folder);
            assertThat(model.noticeProperty().get()).isEmpty();
            assertThat(aside).hasContent(content);
        }
    }

    @Test
    void thePipelineShowsItsPresetOrFileAndAMarkWhenItDiffers() throws Exception {
        try (MainViewModel model = model()) {
            model.openFolder(data());
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("fineweb");
            assertThat(model.pipelineModifiedProperty().get()).isFalse();

            PipelineConfig c = model.session().config();
            int gopher = c.indexOf(GopherQualityStep.NAME);
            model.session().edit(c.withStep(gopher, c.steps().get(gopher).withParam(GopherQualityStep.MIN_DOC_WORDS, 7L)), false);
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("fineweb •");
            assertThat(model.pipelineDescriptionProperty().get()).contains("the preset fineweb").contains("not saved");

            model.revertPipeline();
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("fineweb");
            assertThat(model.session().config()).isEqualTo(Presets.require(Presets.FINEWEB));

            model.tune().usePreset(Presets.GOPHER);
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("gopher");

            Path file = tmp.resolve("mine.yaml");
            model.tune().setEnabled(0, false);
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("gopher •");
            model.tune().saveConfig(file);
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("mine.yaml");
            assertThat(model.session().origin().file()).isEqualTo(file.toAbsolutePath().normalize());

            model.tune().usePreset(Presets.FINEWEB);
            model.tune().loadConfig(file);
            assertThat(model.pipelineLabelProperty().get()).isEqualTo("mine.yaml");
            assertThat(model.session().config().steps().get(0).enabled()).isFalse();
        }
    }
}
