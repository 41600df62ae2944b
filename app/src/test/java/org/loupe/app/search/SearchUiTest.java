package org.loupe.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.testing.Golden;
import org.loupe.index.Hit;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Search driven headless: type a query, see highlighted results, filter to one step's removals, open a hit. */
@ExtendWith(ApplicationExtension.class)
class SearchUiTest {
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
    void aQueryGivesHighlightedResultsThatFilterByStepAndOpen(FxRobot robot) throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        robot.interact(() -> model.openFolder(fixtures));
        robot.clickOn("#rail-search");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.search().readyProperty().get()
                && model.tune().decisionsProperty().get() != null);
        robot.clickOn("#search-query").write("government").type(KeyCode.ENTER);
        ListView<Hit> results = robot.lookup("#search-results").queryListView();
        // The empty query's results show first (every document); wait for this query's.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !results.getItems().isEmpty()
                && results.getItems().stream().allMatch(h -> h.snippet().marked().toLowerCase().contains("<b>government")));
        assertThat(model.search().history()).first().isEqualTo("government");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#search-results .search-snippet-match").queryAllAs(Text.class))
                .isNotEmpty().allSatisfy(t -> assertThat(t.getText()).startsWithIgnoringCase("government"));

        Node chip = robot.lookup("#search-status-chips .toggle-button")
                .match(n -> "gopher_quality".equals(((ToggleButton) n).getUserData())).query();
        robot.clickOn(chip);
        Decisions d = model.tune().decisionsProperty().get();
        int k = d.steps().indexOf("gopher_quality");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !results.getItems().isEmpty()
                && results.getItems().stream().allMatch(h -> h.status().equals("gopher_quality")));
        assertThat(results.getItems()).allSatisfy(h -> assertThat(d.removedBy(h.row())).isEqualTo(k));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(robot.lookup("#search-results .list-cell").nth(0).queryAs(Node.class));
        Label header = robot.lookup("#search-doc-header").queryAs(Label.class);
        Hit first = results.getItems().get(0);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> header.getText().startsWith(first.id()));
        assertThat(robot.lookup("#search-document .search-match").queryAllAs(Text.class))
                .isNotEmpty().allSatisfy(t -> assertThat(t.getText()).startsWithIgnoringCase("government"));
        assertThat(robot.lookup("#search-doc-status").queryAs(Label.class).getText()).startsWith("removed by gopher_quality");
        robot.clickOn("#search-next-match");
        assertThat(robot.lookup("#search-match-position").queryAs(Label.class).getText()).contains("/");
    }
}
