package org.loupe.app.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.testing.Golden;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Duplicates driven headless on the golden dedup input: no dedup step → add one → clusters listed → a cluster's
 * survivor and a near copy side by side with their differences marked → more buckets of fewer hashes: the S-curve
 * is redrawn and the clusters recounted → a double-click opens a copy in the inspector.
 */
@ExtendWith(ApplicationExtension.class)
class DuplicatesUiTest {
    @TempDir
    Path tmp;

    private TestWorkbench workbench;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        workbench = TestWorkbench.show(stage, tmp.resolve("ws"));
        model = workbench.model();
    }

    @AfterEach
    void stop() {
        workbench.close();
    }

    @Test
    void clustersAreListedAndACopyIsComparedWithItsSurvivorAndTheLayoutRecounts(FxRobot robot) throws Exception {
        Path folder = Golden.copy("dedup/dedup_in.jsonl.gz", tmp.resolve("golden")).getParent();
        robot.interact(() -> model.openFolder(folder));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> model.session().decisions() != null);
        robot.clickOn("#rail-duplicates");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#duplicates-empty").query().isVisible());

        robot.clickOn("#duplicates-add");
        TableView<DuplicateClusters.Cluster> clusters = robot.lookup("#duplicates-clusters").queryTableView();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !clusters.getItems().isEmpty());
        assertThat(robot.lookup("#duplicates-empty").query().isVisible()).isFalse();
        DuplicateGroups groups = model.session().decisions()
                .duplicates(model.session().decisions().stepIndex(MinHashDedupStep.NAME)).orElseThrow();
        assertThat(clusters.getItems()).hasSize(groups.groupCount());
        String summaryBefore = robot.lookup("#duplicates-summary").queryAs(Label.class).getText();
        assertThat(summaryBefore).startsWith(String.format("%,d clusters", groups.groupCount()));

        // A cluster of near copies (not exact ones): its survivor and copy differ in some words.
        DuplicatesViewModel vm = model.duplicates();
        int index = -1;
        for (int i = 0; i < clusters.getItems().size() && index < 0; i++) {
            DuplicateClusters.Cluster c = clusters.getItems().get(i);
            for (int row : groups.members(c.id())) {
                double j = MinHashDedupStep.estimatedJaccard(model.session().table(), MinHashDedupStep.NAME, c.survivor(), row);
                if (j < 0.95) {
                    index = i;
                }
            }
        }
        assertThat(index).isNotNegative();
        int chosen = index;
        robot.interact(() -> clusters.scrollTo(chosen));
        robot.interact(() -> clusters.getSelectionModel().select(chosen));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.comparisonProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<DuplicatesViewModel.MemberRow> members = robot.lookup("#duplicates-members").queryTableView();
        assertThat(members.getItems()).hasSize(clusters.getItems().get(chosen).size());
        assertThat(members.getItems().get(0).survivor()).isTrue();
        // Choose the least similar copy: it is compared with the survivor.
        int last = members.getItems().size() - 1;
        robot.interact(() -> members.getSelectionModel().clearAndSelect(last));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.comparisonProperty().get() != null
                && vm.comparisonProperty().get().right() == members.getItems().get(last).row());
        WaitForAsyncUtils.waitForFxEvents();
        TextFlow left = robot.lookup("#duplicates-left").queryAs(TextFlow.class);
        TextFlow right = robot.lookup("#duplicates-right").queryAs(TextFlow.class);
        assertThat(left.getChildren()).isNotEmpty();
        assertThat(marked(left, "duplicates-deleted") + marked(right, "duplicates-inserted")).isPositive();
        assertThat(marked(left, "duplicates-same")).isPositive();
        assertThat(robot.lookup("#duplicates-jaccard").queryAs(Label.class).getText()).startsWith("Estimated Jaccard 0.");

        // More buckets of fewer hashes: the curve follows at once, the signatures are measured again, the clusters recounted.
        robot.clickOn("#duplicates-curve-tab");
        DuplicateCharts.Curve curve = robot.lookup("#duplicates-curve").queryAs(DuplicateCharts.Curve.class);
        assertThat(curve.drawn().buckets()).isEqualTo(14);
        Spinner<Integer> buckets = robot.lookup("#duplicates-buckets").query();
        Spinner<Integer> hashes = robot.lookup("#duplicates-hashes").query();
        robot.interact(() -> hashes.getValueFactory().setValue(4));
        robot.interact(() -> buckets.getValueFactory().setValue(20));
        assertThat(curve.drawn().buckets()).isEqualTo(20);
        assertThat(curve.drawn().hashesPerBucket()).isEqualTo(4);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !model.session().measuringProperty().get()
                && !vm.busyProperty().get()
                && !robot.lookup("#duplicates-summary").queryAs(Label.class).getText().equals(summaryBefore));
        WaitForAsyncUtils.waitForFxEvents();
        DuplicateGroups after = model.session().decisions()
                .duplicates(model.session().decisions().stepIndex(MinHashDedupStep.NAME)).orElseThrow();
        assertThat(after.groupCount()).isNotEqualTo(groups.groupCount());
        assertThat(clusters.getItems()).hasSize(after.groupCount());
        assertThat(vm.analysisProperty().get().similarities()).hasSize(after.removedCount());

        // A double-click on a member opens it in the inspector.
        robot.clickOn("#duplicates-cluster-tab");
        robot.interact(() -> clusters.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !members.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        int row = members.getItems().get(0).row();
        Node first = robot.lookup("#duplicates-members .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.isVisible() && r.getIndex() == 0).query();
        robot.doubleClickOn(first);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.session().inspector().rowProperty().get() == row);

        // What dedup does per domain: a table of domains, most removed first, and the highest removal rates.
        robot.clickOn("#duplicates-quality-tab");
        javafx.scene.control.ComboBox<String> split = robot.lookup("#duplicates-metric").query();
        robot.interact(() -> split.setValue(DuplicatesViewModel.DOMAIN));
        TableView<CategorySplit.Row> domains = robot.lookup("#duplicates-categories").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !domains.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(domains.isVisible()).isTrue();
        assertThat(robot.lookup("#duplicates-split").query().getParent().isVisible()).isFalse();
        CategorySplit c = vm.categoriesProperty().get();
        assertThat(domains.getItems()).hasSize(c.rows().size() + (c.other() == null ? 0 : 1));
        assertThat(domains.getItems().get(0).removed()).isPositive();
        assertThat(robot.lookup("#duplicates-rates").queryAs(DuplicateCharts.Rates.class).drawn()).isSameAs(c);
        // Numbers are shown whole at 1280 × 800: no cell of a numeric column is cut short.
        assertThat(robot.lookup("#duplicates-categories .table-cell").queryAll()).allSatisfy(n -> {
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) n;
            if (cell.isVisible() && cell.getText() != null && cell.getTableColumn() != domains.getColumns().get(0)) {
                Text shown = (Text) cell.lookup(".text");
                assertThat(shown == null ? cell.getText() : shown.getText()).doesNotContain("…");
            }
        });
    }

    private static long marked(TextFlow flow, String style) {
        return flow.getChildren().stream().filter(n -> n instanceof Text && n.getStyleClass().contains(style)).count();
    }
}
