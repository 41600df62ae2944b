package org.loupe.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.loupe.app.TestFolders;
import org.loupe.app.shell.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Tune, driven headless: editing a Gopher threshold in the table re-decides the sample. */
@ExtendWith(ApplicationExtension.class)
class TuneUiTest {
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
    void editingAGopherThresholdChangesTheCountsToWhatTheEngineDecides(FxRobot robot) throws Exception {
        Path data = TestFolders.shards(tmp.resolve("data"), 80);
        robot.interact(() -> model.openFolder(data));
        robot.clickOn("#rail-tune");
        Label summary = robot.lookup("#tune-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().startsWith("Kept "));
        TuneViewModel tune = model.tune();
        int gopher = tune.configProperty().get().indexOf("gopher_quality");
        // Only Gopher quality decides: the test documents are short, so every other step would drop them first.
        robot.interact(() -> {
            for (int i = 0; i < tune.steps().size(); i++) {
                if (i != gopher) {
                    tune.setEnabled(i, false);
                }
            }
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> tune.decisionsProperty().get() != null
                && tune.decisionsProperty().get().steps().size() == 1);
        assertThat(tune.cascade().get(0).topReasons()).startsWith("gopher_short_doc");
        robot.clickOn(robot.lookup("#tune-steps .list-cell").nth(gopher).lookup(".label").queryAs(Node.class));
        TableView<TuneViewModel.ParamRow> params = robot.lookup("#tune-params").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !params.getItems().isEmpty());
        Node cell = robot.lookup("#tune-params .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "50".equals(c.getText())).query();
        robot.doubleClickOn(cell).eraseText(4).write("5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        int stopRow = params.getItems().stream().map(TuneViewModel.ParamRow::name).toList().indexOf("min_stop_words");
        robot.interact(() -> params.scrollTo(stopRow));
        WaitForAsyncUtils.waitForFxEvents();
        Node stopWords = robot.lookup("#tune-params .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "2".equals(c.getText())).query();
        robot.doubleClickOn(stopWords).eraseText(3).write("0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(tune.configProperty().get().steps().get(gopher).params()).containsEntry("min_doc_words", 5L)
                .containsEntry("min_stop_words", 0L);
        // The documents are no longer too short, nor short of stop words: another check (the share of
        // alphabetic words) now decides, and the summary shows what the engine decided.
        TableView<TuneViewModel.CascadeRow> cascade = robot.lookup("#tune-cascade").queryTableView();
        assertThat(cascade.getItems().get(0).topReasons()).startsWith("gopher_below_alpha_threshold")
                .doesNotContain("gopher_enough_stop_words");
        long keptAfter = tune.decisionsProperty().get().keptDocuments();
        assertThat(summary.getText()).contains(String.format("Kept %,d of", keptAfter));
    }
}
