package org.loupe.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.testing.SharedData;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Domains driven headless: select a domain, see its documents, block it, the counts change. */
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
        Path fixtures = SharedData.specDir().resolve("golden/fixtures_in.jsonl.gz");
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
        WaitForAsyncUtils.waitForFxEvents();
        DomainsViewModel.Row after = table.getItems().stream().filter(r -> r.domain().equals(row.domain())).findFirst().orElseThrow();
        assertThat(after.keptDocuments()).isZero();
        assertThat(model.tune().decisionsProperty().get().keptDocuments()).isEqualTo(keptBefore - row.keptDocuments());
        assertThat(kept.getItems()).isEmpty();
    }
}
