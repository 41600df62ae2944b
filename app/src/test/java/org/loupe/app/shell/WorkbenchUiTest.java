package org.loupe.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.loupe.engine.read.Problem;
import org.loupe.engine.read.ProblemKind;
import org.loupe.engine.testing.SharedData;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real workbench headless (Monocle): the flows a curator uses first. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {
    @TempDir
    Path workspace;

    private TestWorkbench workbench;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        workbench = TestWorkbench.show(stage, workspace);
        model = workbench.model();
    }

    @AfterEach
    void stop() {
        workbench.close();
    }

    @Test
    void startsOnTheDemoSampleAndShowsTheTextOfTheSelectedRow(FxRobot robot) throws Exception {
        robot.interact(model::openDemo);
        TableView<Integer> table = robot.lookup("#browse-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.sampleProperty().get() != null
                && table.getItems().size() == model.sampleProperty().get().size());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(model.sampleProperty().get().size());
        assertThat(table.getItems().size()).isGreaterThan(1000);

        robot.clickOn(robot.lookup("#browse-table .table-row-cell").nth(2).queryAs(javafx.scene.Node.class));
        TextArea text = robot.lookup("#document-text").queryAs(TextArea.class);
        int row = table.getSelectionModel().getSelectedItem();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text.getText().isEmpty());
        assertThat(text.getText()).isEqualTo(model.sampleProperty().get().document(row).text());
    }

    @Test
    void openingTheSharedFixturesListsWarcZstdAndParquetDocumentsAndTheInvalidUtf8Problems(FxRobot robot) throws Exception {
        Path data = SharedData.dir();
        robot.interact(() -> {
            model.sampleSizeProperty().set(20_000);
            model.openFolder(data);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.sampleProperty().get() != null);
        var sample = model.sampleProperty().get();
        java.util.Set<String> shards = new java.util.HashSet<>();
        for (int r = 0; r < sample.size(); r++) {
            shards.add(sample.shardRelativePath(r));
        }
        assertThat(shards).contains("commoncrawl_whirlwind.warc.gz", "commoncrawl_whirlwind.warc.wet.gz",
                "dolma_wget_sample-0000.warc.gz", "hplt_warc2text_cc_sample100.jsonl.zst",
                "img2dataset_laion_url_caption_10000.parquet");
        TableView<Integer> table = robot.lookup("#browse-table").queryTableView();
        assertThat(table.getItems()).hasSize(sample.size());

        robot.clickOn("#rail-problems");
        TableView<Problem> problems = robot.lookup("#problems-table").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> problems.getItems().stream()
                .anyMatch(p -> p.kind() == ProblemKind.INVALID_UTF8));
        assertThat(problems.getItems()).filteredOn(p -> p.kind() == ProblemKind.INVALID_UTF8)
                .allSatisfy(p -> {
                    assertThat(p.file().getFileName().toString()).isEqualTo("hplt_warc2text_cc_sample100.jsonl.zst");
                    assertThat(p.position()).isPositive();
                });
    }
}
