package org.loupe.app.shell;

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
import org.loupe.app.TestFolders;
import org.loupe.app.TestWorkbench;
import org.loupe.app.tune.TuneViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A threshold changed in Tune survives closing the window: reopening the folder shows it again. */
@ExtendWith(ApplicationExtension.class)
class SessionMemoryUiTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private TestWorkbench workbench;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        workbench = TestWorkbench.show(stage, tmp.resolve("ws"));
    }

    @AfterEach
    void stop() {
        workbench.close();
    }

    @Test
    void aThresholdChangedBeforeClosingIsThereWhenTheFolderIsOpenedAgain(FxRobot robot) throws Exception {
        Path data = TestFolders.shards(tmp.resolve("data"), 40);
        MainViewModel model = workbench.model();
        robot.interact(() -> model.openFolder(data));
        robot.clickOn("#rail-tune");
        Label summary = robot.lookup("#tune-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().startsWith("Kept "));
        Label origin = robot.lookup("#pipeline-origin").queryAs(Label.class);
        assertThat(origin.getText()).isEqualTo("Pipeline: fineweb");
        int gopher = model.tune().configProperty().get().indexOf("gopher_quality");
        robot.clickOn(robot.lookup("#tune-steps .list-cell").nth(gopher).lookup(".label").queryAs(Node.class));
        TableView<TuneViewModel.ParamRow> params = robot.lookup("#tune-params").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !params.getItems().isEmpty());
        Node cell = robot.lookup("#tune-params .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "50".equals(c.getText())).query();
        robot.doubleClickOn(cell).eraseText(4).write("7").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.tune().configProperty().get().steps().get(gopher).params()).containsEntry("min_doc_words", 7L);
        assertThat(origin.getText()).isEqualTo("Pipeline: fineweb •");
        assertThat(robot.lookup("#pipeline-revert").queryButton().isVisible()).isTrue();

        // Closing the window (what the application's stop does), then a new window on the same workspace.
        robot.interact(() -> {
            workbench.close();
            workbench = TestWorkbench.show(stage, tmp.resolve("ws"));
        });
        MainViewModel again = workbench.model();
        robot.interact(() -> again.openFolder(data));
        // The session is read in the background, before the sample is measured: Tune comes back first.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> again.viewProperty().get() == MainViewModel.View.TUNE);
        WaitForAsyncUtils.waitForFxEvents();
        Label summaryAgain = robot.lookup("#tune-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summaryAgain.getText().startsWith("Kept "));
        WaitForAsyncUtils.waitForFxEvents();

        // The view, the selected step and the threshold are back.
        assertThat(again.viewProperty().get()).isEqualTo(MainViewModel.View.TUNE);
        assertThat(again.tune().selectedStepProperty().get()).isEqualTo(gopher);
        TableView<TuneViewModel.ParamRow> paramsAgain = robot.lookup("#tune-params").queryTableView();
        assertThat(paramsAgain.getItems()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("min_doc_words");
            assertThat(r.value()).isEqualTo("7");
        });
        assertThat(robot.lookup("#pipeline-origin").queryAs(Label.class).getText()).isEqualTo("Pipeline: fineweb •");
    }
}
