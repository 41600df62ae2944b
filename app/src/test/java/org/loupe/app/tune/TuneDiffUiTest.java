package org.loupe.app.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.loupe.app.diff.DiffViewModel;
import org.loupe.app.document.Annotation;
import org.loupe.app.shell.MainViewModel;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.testing.Golden;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Tune and Diffs driven headless on the 1,107 reference documents: a threshold dragged on the histogram
 * moves the status bar, the histogram and the removed list to what the engine decides; a pinned baseline
 * lists exactly the documents that changed sides; the C4 line diff strikes removed lines.
 */
@ExtendWith(ApplicationExtension.class)
class TuneDiffUiTest {
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

    private TuneViewModel openTune(FxRobot robot) throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        robot.interact(() -> model.openFolder(fixtures));
        robot.clickOn("#rail-tune");
        // The view is built on the click; on a loaded machine it may take a moment to be in the scene.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#tune-summary").tryQuery().isPresent());
        Label summary = robot.lookup("#tune-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> summary.getText().startsWith("Kept "));
        return model.tune();
    }

    private Decisions engine(TuneViewModel tune) {
        return Decisions.decide(tune.enabledConfig(), tune.catalog(), tune.table(), tune.keys());
    }

    @Test
    void draggingTheGopherThresholdMovesCountsHistogramAndRemovedListToTheEnginesValues(FxRobot robot) throws Exception {
        TuneViewModel tune = openTune(robot);
        int gopher = tune.configProperty().get().indexOf("gopher_quality");
        assertThat(tune.selectedStepProperty().get()).isEqualTo(gopher);
        robot.interact(() -> tune.metricProperty().set("n_non_symbol_words"));
        robot.interact(() -> tune.logScaleProperty().set(true));
        HistogramChart chart = robot.lookup("#tune-histogram").queryAs(HistogramChart.class);
        Check min = tune.thresholdsProperty().get().stream().filter(c -> c.param().equals("min_doc_words")).findFirst().orElseThrow();
        Bounds b = chart.localToScreen(chart.getBoundsInLocal());
        Point2D from = new Point2D(b.getMinX() + chart.xOf(min.threshold()), b.getMinY() + b.getHeight() / 2);
        Point2D to = new Point2D(b.getMinX() + chart.xOf(400), from.getY());
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        long moved = ((Number) tune.configProperty().get().steps().get(gopher).params().get("min_doc_words")).longValue();
        assertThat(moved).isBetween(300L, 500L);
        Decisions expected = engine(tune);
        int k = expected.steps().indexOf("gopher_quality");
        int[] removed = IntStream.range(0, expected.rows()).filter(r -> expected.removedBy(r) == k).toArray();
        Label status = robot.lookup("#status-kept").queryAs(Label.class);
        assertThat(status.getText()).contains(String.format("Kept %,d of 1,107 documents", expected.keptDocuments()));
        var h = tune.histogramProperty().get();
        assertThat(java.util.Arrays.stream(h.removedByStep()).sum()).isEqualTo(removed.length);
        assertThat(tune.thresholdsProperty().get()).anySatisfy(c -> assertThat((long) c.threshold()).isEqualTo(moved));

        robot.clickOn("#tune-documents-tab");
        robot.clickOn("#tune-list-removed");
        TableView<TuneViewModel.DocRow> docs = robot.lookup("#tune-documents").queryTableView();
        assertThat(docs.getItems()).extracting(TuneViewModel.DocRow::row).containsExactly(
                IntStream.of(removed).boxed().toArray(Integer[]::new));
        assertThat(docs.getItems().get(0).status()).startsWith("gopher_quality: ");
        // Each row shows its status as a badge, and the beginning of its text once read in the background.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#tune-documents .badge-removed").tryQuery().isPresent());
        assertThat(robot.lookup("#tune-documents .badge-removed").queryAs(Label.class).getText()).startsWith("gopher_quality: ");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#tune-documents .table-cell").queryAllAs(
                javafx.scene.control.TableCell.class).stream().anyMatch(cell -> "document-text".equals(cell.getTableColumn().getId())
                && cell.getText() != null && cell.getText().length() > 20));

        // A drag on another metric keeps that metric (the step list must not lose its selection meanwhile).
        robot.interact(() -> tune.metricProperty().set("alpha_words_ratio"));
        robot.interact(() -> tune.logScaleProperty().set(false));
        Check alpha = tune.thresholdsProperty().get().get(0);
        assertThat(alpha.param()).isEqualTo("max_non_alpha_words_ratio");
        Bounds c = chart.localToScreen(chart.getBoundsInLocal());
        Point2D at = new Point2D(c.getMinX() + chart.xOf(alpha.threshold()), c.getMinY() + c.getHeight() / 2);
        robot.drag(at, MouseButton.PRIMARY).moveTo(new Point2D(c.getMinX() + chart.xOf(0.7), at.getY()))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tune.metricProperty().get()).isEqualTo("alpha_words_ratio");
        assertThat(((Number) tune.configProperty().get().steps().get(gopher).params().get("max_non_alpha_words_ratio"))
                .doubleValue()).isBetween(0.65, 0.75);
        assertThat(robot.lookup("#tune-steps").queryListView().getSelectionModel().getSelectedIndex()).isEqualTo(gopher);

        // "Add to URL blocklist" puts a URL step in front: the list, the heading and the table stay on Gopher quality.
        robot.interact(() -> {
            var config = tune.configProperty().get();
            tune.session().replace(config.withSteps(config.steps().stream().filter(st -> !st.type().equals("url")).toList()), false);
            tune.blockDomain("example.com");
        });
        WaitForAsyncUtils.waitForFxEvents();
        int sel = tune.selectedStepProperty().get();
        assertThat(tune.steps().get(0).type()).isEqualTo("url");
        assertThat(tune.steps().get(sel).stepName()).isEqualTo("gopher_quality");
        assertThat(robot.lookup("#tune-steps").queryListView().getSelectionModel().getSelectedIndex()).isEqualTo(sel);
        assertThat(robot.lookup("#tune-params-title").queryLabeled().getText()).isEqualTo("Parameters of gopher_quality");
        assertThat(tune.params()).extracting(TuneViewModel.ParamRow::name).contains("min_doc_words");
    }

    @Test
    void aPinnedBaselineListsExactlyTheDocumentsThatChangedSides(FxRobot robot) throws Exception {
        TuneViewModel tune = openTune(robot);
        robot.clickOn("#rail-diffs");
        robot.clickOn("#diff-pin");
        Decisions before = tune.decisionsProperty().get();
        robot.interact(() -> {
            tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
            tune.setParam("min_doc_words", "150");
            // FineWeb quality is the last step: what it no longer removes is kept.
            tune.selectedStepProperty().set(tune.configProperty().get().indexOf("fineweb_quality"));
            tune.setParam("line_punct_thr", "0");
            tune.setParam("short_line_thr", "1");
            tune.setParam("char_duplicates_ratio", "1");
            tune.setParam("new_line_ratio", "1");
        });
        Decisions after = tune.decisionsProperty().get();
        TableView<DiffViewModel.DiffRow> docs = robot.lookup("#diff-documents").queryTableView();
        Integer[] newlyRemoved = IntStream.range(0, after.rows()).filter(r -> before.kept(r) && !after.kept(r)).boxed()
                .toArray(Integer[]::new);
        Integer[] newlyKept = IntStream.range(0, after.rows()).filter(r -> !before.kept(r) && after.kept(r)).boxed()
                .toArray(Integer[]::new);
        assertThat(newlyRemoved).isNotEmpty();
        assertThat(newlyKept).isNotEmpty();
        assertThat(docs.getItems()).extracting(DiffViewModel.DiffRow::row).containsExactly(newlyRemoved);
        robot.clickOn("#diff-newly-kept");
        assertThat(docs.getItems()).extracting(DiffViewModel.DiffRow::row).containsExactly(newlyKept);
        Label summary = robot.lookup("#diff-summary").queryAs(Label.class);
        assertThat(summary.getText()).contains(String.format("%,d documents", newlyRemoved.length));
        robot.interact(() -> docs.getSelectionModel().select(0));
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> tune.inspector().annotationProperty().get().verdict().startsWith("Kept"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("verdict: " + tune.inspector().annotationProperty().get().verdict() + " row "
                    + tune.inspector().rowProperty().get() + " header " + tune.inspector().headerProperty().get());
        }
        assertThat(robot.lookup("#document-verdict").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).startsWith("Kept"));
    }

    @Test
    void aDocumentThatLostLinesShowsThemStruckThroughWithTheirRule(FxRobot robot) throws Exception {
        TuneViewModel tune = openTune(robot);
        double[] lost = tune.table().column(MetricTable.name("c4_quality", "lines_too_few_words"));
        int row = IntStream.range(0, lost.length).filter(r -> lost[r] >= 2).findFirst().orElseThrow();
        robot.interact(() -> tune.open(row));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !tune.inspector().annotationProperty().get().lines().isEmpty());
        robot.clickOn(robot.lookup("#tune-inspector .tab").match(n -> n.getId() != null && n.getId().equals("document-lines-tab"))
                .queryAs(Node.class));
        ListView<Annotation.LineRow> lines = robot.lookup("#tune-inspector #document-lines").queryListView();
        long removedLines = lines.getItems().stream().filter(Annotation.LineRow::removed).count();
        assertThat(removedLines).isGreaterThanOrEqualTo((long) lost[row]);
        int first = IntStream.range(0, lines.getItems().size()).filter(i -> lines.getItems().get(i).removed()).findFirst().orElseThrow();
        robot.interact(() -> lines.scrollTo(first));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tune-inspector #document-lines .line-removed").queryAll())
                .isNotEmpty().allSatisfy(n -> assertThat(((Text) n).isStrikethrough()).isTrue());
        assertThat(robot.lookup("#tune-inspector #document-lines .label").queryAllAs(Label.class))
                .extracting(Label::getText).contains("too_few_words");
    }
}
