package org.loupe.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestFolders;
import org.loupe.app.TestWorkbench;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.testing.Golden;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Domains driven headless: select a domain, see its documents, block it, the counts change; open the Top URLs,
 * click one, see all its documents and open one in the inspector.
 */
@ExtendWith(ApplicationExtension.class)
class DomainsUiTest {
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
    void selectingADomainListsItsDocumentsAndBlockingItRemovesThem(FxRobot robot) throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        robot.interact(() -> model.openFolder(fixtures));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.tune().decisionsProperty().get() != null);
        robot.clickOn("#rail-domains");
        TableView<DomainsViewModel.Row> table = robot.lookup("#domains-table").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        int index = 0;
        while (table.getItems().get(index).keptDocuments() == 0) {
            index++;
        }
        DomainsViewModel.Row row = table.getItems().get(index);
        int select = index;
        robot.interact(() -> table.getSelectionModel().select(select));
        ListView<Integer> kept = robot.lookup("#domains-kept").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !kept.getItems().isEmpty());
        assertThat(kept.getItems()).hasSizeLessThanOrEqualTo(10);
        long keptBefore = model.tune().decisionsProperty().get().keptDocuments();

        robot.clickOn("#domains-block");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.tune().decisionsProperty().get() != null
                && model.tune().decisionsProperty().get().steps().contains("url"));
        // the domains are recounted in the background
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .filter(r -> r.domain().equals(row.domain())).findFirst().orElseThrow().keptDocuments() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.tune().decisionsProperty().get().keptDocuments()).isEqualTo(keptBefore - row.keptDocuments());
        assertThat(kept.getItems()).isEmpty();
    }

    @Test
    void clickingATopUrlListsAllItsDocumentsAndOpensThemInTheInspector(FxRobot robot) throws Exception {
        Path shards = TestFolders.withRepeatedUrls(tmp.resolve("shards"));
        robot.interact(() -> model.openFolder(shards));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.tune().decisionsProperty().get() != null);
        robot.clickOn("#rail-domains");
        robot.clickOn("#domains-urls-tab");
        TableView<DomainsViewModel.UrlRow> urls = robot.lookup("#domains-urls").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !urls.getItems().isEmpty());
        assertThat(urls.getItems()).hasSize(TestFolders.REPEATED_URLS);
        DomainsViewModel.UrlRow top = urls.getItems().get(0);
        assertThat(top.documents()).isEqualTo(4);

        robot.clickOn(robot.lookup("#domains-urls .table-row-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();

        ListView<Integer> kept = robot.lookup("#domains-kept").queryListView();
        ListView<Integer> removed = robot.lookup("#domains-removed").queryListView();
        var sample = model.tune().sample();
        int[] rows = IntStream.range(0, sample.size()).filter(r -> top.url().equals(sample.url(r))).toArray();
        assertThat(Stream.concat(kept.getItems().stream(), removed.getItems().stream()).sorted())
                .containsExactly(IntStream.of(rows).boxed().toArray(Integer[]::new));
        assertThat(kept.getItems()).hasSize(top.keptDocuments());
        assertThat(removed.getItems()).hasSize(top.removedDocuments());
        assertThat(robot.lookup("#domains-selected").queryAs(Label.class).getText()).isEqualTo(top.url());

        ListView<Integer> list = kept.getItems().isEmpty() ? removed : kept;
        int first = list.getItems().get(0);
        robot.clickOn(robot.lookup("#" + list.getId() + " .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.tune().inspector().rowProperty().get() == first);
    }
}
