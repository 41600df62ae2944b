package org.loupe.app.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.app.TestWorkbench;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.testing.Golden;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clusters driven headless on a 300-document sample: Build, the map is drawn, hovering and clicking a point
 * show and open its document, a cluster's row lists its documents, colouring by kept / removed changes the
 * legend.
 */
@ExtendWith(ApplicationExtension.class)
class ClustersUiTest {
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
    void buildingDrawsTheMapAndAClustersDocumentsAreListed(FxRobot robot) throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        robot.interact(() -> {
            model.sampleSizeProperty().set(300);
            model.openFolder(fixtures);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.tune().decisionsProperty().get() != null);
        robot.clickOn("#rail-clusters");
        ClustersViewModel clusters = model.clusters();
        assertThat(clusters.documentsProperty().get()).isEqualTo(300);

        robot.clickOn("#clusters-build");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> clusters.pointCount() > 0 || !clusters.buildingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clusters.pointCount()).as(clusters.summaryProperty().get()).isEqualTo(300);
        assertThat(robot.lookup("#clusters-summary").queryLabeled().getText()).startsWith("Mapped 300 documents");

        ClusterCanvas canvas = robot.lookup("#clusters-canvas").queryAs(ClusterCanvas.class);
        AtomicInteger painted = new AtomicInteger();
        robot.interact(() -> painted.set(opaquePixels(canvas.image())));
        assertThat(painted.get()).as("pixels the points cover").isPositive();
        assertThat(canvas.paintedPixels()).isEqualTo(painted.get());

        // hover the first point: its document is described; click it: it opens in the inspector
        MapPoints p = clusters.pointsProperty().get();
        Point2D at = canvas.localToScreen(canvas.viewport().screenX(p.x()[0]), canvas.viewport().screenY(p.y()[0]));
        robot.moveTo(at);
        Label hover = robot.lookup("#clusters-hover").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, hover::isVisible);
        Point2D local = canvas.screenToLocal(at);
        int nearest = canvas.pointAt(local.getX(), local.getY());
        assertThat(nearest).isNotNegative();
        assertThat(hover.getText()).startsWith(model.tune().sample().id(p.rows()[nearest]));
        robot.clickOn(at);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.tune().inspector().rowProperty().get() == p.rows()[nearest]);

        TableView<ClusterStats.Row> table = robot.lookup("#clusters-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        ClusterStats.Row first = table.getItems().get(0);
        robot.clickOn(robot.lookup("#clusters-table .table-row-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clusters.selectedClusterProperty().get()).isEqualTo(first.id());
        ListView<Integer> kept = robot.lookup("#clusters-kept").queryListView();
        ListView<Integer> removed = robot.lookup("#clusters-removed").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kept.getItems().size() + removed.getItems().size() > 0);
        List<Integer> members = java.util.Arrays.stream(first.rows()).boxed().toList();
        assertThat(kept.getItems()).isSubsetOf(members).hasSize((int) Math.min(10, first.keptDocuments()));
        assertThat(removed.getItems()).isSubsetOf(members).hasSize((int) Math.min(10, first.documents() - first.keptDocuments()));
        assertThat(robot.lookup("#clusters-selected").queryLabeled().getText()).contains(first.label());

        ComboBox<ColourMode> mode = robot.lookup("#clusters-colour-mode").queryComboBox();
        robot.clickOn(mode);
        robot.clickOn(ColourMode.STATUS.label());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mode.getValue()).isEqualTo(ColourMode.STATUS);
        FlowPane legend = robot.lookup("#clusters-legend").queryAs(FlowPane.class);
        List<Object> entries = legend.getChildren().stream().map(Node::getUserData).toList();
        assertThat(entries).containsExactly("kept", "removed");
        long keptPoints = java.util.Arrays.stream(clusters.colouringProperty().get().category()).filter(c -> c == 0).count();
        assertThat(((Label) legend.getChildren().get(0)).getText()).isEqualTo(String.format("kept  %,d", keptPoints));
        robot.interact(() -> painted.set(opaquePixels(canvas.image())));
        assertThat(painted.get()).isPositive();
    }

    private static int opaquePixels(WritableImage image) {
        PixelReader r = image.getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                if (r.getArgb(x, y) >>> 24 != 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
