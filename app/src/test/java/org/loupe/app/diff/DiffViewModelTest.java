package org.loupe.app.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.loupe.engine.testing.Golden;

/** Diffs without a window: pin a baseline, change a threshold, and the lists are exactly the set differences. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffViewModelTest {
    @TempDir
    static Path tmp;

    private TuneViewModel tune;
    private DiffViewModel diff;

    @BeforeAll
    void open() {
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(Golden.fixtures(tmp.resolve("golden")));
        tune = main.tune();
        diff = main.diff();
    }

    @BeforeEach
    void fineWeb() {
        diff.clearBaseline();
        tune.usePreset(Presets.FINEWEB);
    }

    @Test
    void aPinnedBaselineGivesTheExactSetDifferencesAfterAThresholdChange() {
        diff.pinCurrent();
        Decisions before = tune.decisionsProperty().get();
        assertThat(diff.steps().get(0).newlyRemoved()).isZero();

        tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
        tune.setParam("min_doc_words", "150");
        tune.setParam("max_symbol_word_ratio", "0.2");
        Decisions after = tune.decisionsProperty().get();

        int[] newlyRemoved = IntStream.range(0, after.rows()).filter(r -> before.kept(r) && !after.kept(r)).toArray();
        int[] newlyKept = IntStream.range(0, after.rows()).filter(r -> !before.kept(r) && after.kept(r)).toArray();
        assertThat(newlyRemoved).isNotEmpty();
        assertThat(diff.selectedProperty().get()).isZero();
        assertThat(diff.documents().rows()).containsExactly(newlyRemoved);
        diff.sideProperty().set(DiffViewModel.Side.NEWLY_KEPT);
        assertThat(diff.documents().rows()).containsExactly(newlyKept);
        diff.sideProperty().set(DiffViewModel.Side.NEWLY_REMOVED);

        // Per step: the rows Gopher quality drops now and did not before.
        int line = diff.steps().stream().map(DiffViewModel.StepRow::step).toList().indexOf("gopher_quality");
        diff.selectedProperty().set(line);
        int k = after.steps().indexOf("gopher_quality");
        int[] stepNew = IntStream.range(0, after.rows()).filter(r -> after.drops(k, r) && !before.drops(k, r)).toArray();
        assertThat(diff.documents().rows()).containsExactly(stepNew);
        DiffViewModel.DiffRow row = diff.documents().get(0);
        assertThat(row.metric()).startsWith("gopher_quality.");
        assertThat(row.oldThreshold()).isNotEqualTo(row.newThreshold());
        assertThat(diff.summaryProperty().get()).contains(String.format("%,d documents", newlyRemoved.length));
        assertThat(diff.overlapProperty().get().steps()).isEqualTo(after.steps());
    }

    @Test
    void aPresetBaselineIsMeasuredAndComparedStepByStep() {
        diff.pinPreset(Presets.GOPHER);
        assertThat(diff.hasBaseline()).isTrue();
        assertThat(diff.baselineNameProperty().get()).contains("gopher");
        Decisions now = tune.decisionsProperty().get();
        assertThat(diff.steps()).extracting(DiffViewModel.StepRow::step).contains(DiffViewModel.OVERALL, "fineweb_quality");
        DiffViewModel.StepRow overall = diff.steps().get(0);
        // Removed now = removed before + newly removed - newly kept.
        assertThat(now.rows() - now.keptDocuments())
                .isEqualTo(overall.baselineDrops() + overall.newlyRemoved() - overall.newlyKept());
    }
}
