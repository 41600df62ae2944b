package org.loupe.app.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.TestWorkbench;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.testing.Golden;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Vocabulary driven headless: train, read the tables, select a token, open one of its documents. */
@ExtendWith(ApplicationExtension.class)
class VocabularyUiTest {
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
    void trainingFillsTheTablesAndATokensDocumentOpensInTheInspector(FxRobot robot) throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        robot.interact(() -> model.openFolder(fixtures));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.tune().decisionsProperty().get() != null);
        robot.clickOn("#rail-vocabulary");

        TextField size = robot.lookup("#vocab-size .text-field").queryAs(TextField.class);
        robot.clickOn(size);
        robot.interact(size::selectAll);
        robot.write("1000");
        robot.type(KeyCode.ENTER);
        assertThat(model.vocabulary().vocabSizeProperty().get()).isEqualTo(1000);

        robot.clickOn("#vocab-train");
        TableView<VocabReport.Token> longest = robot.lookup("#vocab-longest-bytes").queryTableView();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !longest.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.vocabulary().modelProperty().get().size()).isEqualTo(1000);
        assertThat(robot.lookup("#vocab-summary").queryLabeled().getText()).contains("1,000 tokens");

        robot.clickOn("Rarest");
        TabPane tabs = robot.lookup("#vocab-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Rarest");
        TableView<VocabReport.Token> rarest = robot.lookup("#vocab-rarest").queryTableView();
        assertThat(rarest.getItems()).isNotEmpty();
        int index = 0;
        while (rarest.getItems().get(index).count() == 0) {
            index++;
        }
        VocabReport.Token token = rarest.getItems().get(index);
        int select = index;
        robot.interact(() -> {
            rarest.getSelectionModel().select(select);
            rarest.scrollTo(select);
        });
        assertThat(robot.lookup("#vocab-selected").queryLabeled().getText()).isEqualTo(token.display());

        ListView<VocabularyViewModel.DocumentHit> kept = robot.lookup("#vocab-kept").queryListView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !kept.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        VocabularyViewModel.DocumentHit hit = kept.getItems().get(0);
        Node cell = robot.lookup("#vocab-kept .list-cell").match(n -> n instanceof ListCell<?> c && c.getItem() == hit).query();
        // A long URL makes the cell wider than the list: click near its left edge, where it shows.
        robot.clickOn(robot.point(cell).atPosition(Pos.CENTER_LEFT).atOffset(new Point2D(20, 0)));

        assertThat(kept.getSelectionModel().getSelectedItem()).isEqualTo(hit);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.tune().inspector().rowProperty().get() == hit.row());
        WaitForAsyncUtils.waitForFxEvents();
        String text = model.tune().sample().document(hit.row()).text();
        TextArea shown = robot.lookup("#document-text").queryAs(TextArea.class);
        assertThat(shown.getText()).isEqualTo(text);
    }
}
