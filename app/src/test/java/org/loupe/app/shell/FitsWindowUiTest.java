package org.loupe.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestWorkbench;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view of the workbench on the demo sample at the smallest supported window (1280×800) and at the
 * default one (1440×900): no number in a table is cut to "…", no control lies outside the window, and no
 * tab header is cut to a letter or two. With {@code -Dloupe.fits.snapshots=DIR} it also writes a PNG of
 * every view there, to look at.
 */
@ExtendWith(ApplicationExtension.class)
class FitsWindowUiTest {
    /** A number as the tables show it: "1,234", "12.3k", "41%", "0.123", "-3", "+5 pp", "×1.2", "<0.1%". */
    private static final Pattern NUMBER = Pattern.compile("[<>+\\-×~]?\\d[\\d,.]*\\s?(%|k|M|B|pp|\\s?pp)?");

    @TempDir
    Path workspace;

    private TestWorkbench workbench;
    private MainViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        workbench = TestWorkbench.show(stage, workspace);
        model = workbench.model();
    }

    @AfterEach
    void stop() {
        workbench.close();
    }

    @Test
    void everyViewFitsTheSmallestAndTheDefaultWindowWithEveryNumberReadable(FxRobot robot) throws Exception {
        robot.interact(model::openDemo);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.sampleProperty().get() != null
                && model.session().decisions() != null);
        List<String> problems = new ArrayList<>();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        for (int[] size : new int[][] {{1280, 800}, {1440, 900}}) {
            if (size[0] > screen.getWidth() || size[1] > screen.getHeight()) {
                continue; // the headless screen is smaller (the build's argLine makes it 1920×1080)
            }
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            for (MainViewModel.View v : MainViewModel.View.values()) {
                visit(robot, v, size, "", problems);
            }
            if (size[0] == 1280) {
                // Duplicates with a dedup step: its cluster table and charts, not only the empty state.
                robot.clickOn("#duplicates-add");
                TableView<?> clusters = robot.lookup("#duplicates-clusters").queryTableView();
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !clusters.getItems().isEmpty());
                visit(robot, MainViewModel.View.DUPLICATES, size, "-dedup", problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    private void visit(FxRobot robot, MainViewModel.View v, int[] size, String suffix, List<String> problems)
            throws InterruptedException {
        robot.interact(() -> model.viewProperty().set(v));
        WaitForAsyncUtils.waitForFxEvents();
        // Let the view's first background work (counts, domain tables) land and lay out.
        Thread.sleep(v == MainViewModel.View.BROWSE ? 200 : 600);
        WaitForAsyncUtils.waitForFxEvents();
        String where = size[0] + "×" + size[1] + " " + v.label() + suffix + ": ";
        robot.interact(() -> {
            Scene scene = stage.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            check(scene, where, problems);
            snapshot(scene, size[0] + "x" + size[1] + "-" + (v.ordinal() + 1) + "-" + v.name().toLowerCase() + suffix);
        });
    }

    private static void check(Scene scene, String where, List<String> problems) {
        double w = scene.getWidth();
        double h = scene.getHeight();
        walk(scene.getRoot(), node -> {
            if (!showing(node)) {
                return;
            }
            if ((node instanceof TableView<?> || node instanceof TreeTableView<?>)) {
                for (Node cell : node.lookupAll(".table-cell")) {
                    if (cell instanceof IndexedCell<?> c && showing(c) && !c.isEmpty() && c.getText() != null
                            && NUMBER.matcher(c.getText().strip()).matches()) {
                        String shown = rendered(c);
                        if (shown != null && !shown.equals(c.getText())) {
                            problems.add(where + "number " + c.getText() + " shown as " + shown + " in " + node.getId());
                        }
                    }
                }
            }
            if (node instanceof TabPane tabs) {
                checkTabs(tabs, where, problems);
            }
            if (node instanceof Control c && !clippedAbove(c)) {
                Bounds b = c.localToScene(c.getLayoutBounds());
                if (b.getWidth() > 0 && (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > w + 1 || b.getMaxY() > h + 1)) {
                    problems.add(String.format("%s%s %s lies at [%.0f, %.0f – %.0f, %.0f] outside the %.0f×%.0f window",
                            where, c.getClass().getSimpleName(), c.getId() != null ? "#" + c.getId() : text(c),
                            b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), w, h));
                }
            }
        });
    }

    /**
     * No tab header is cut: its title is not shortened to a few letters, and the header area does not cut
     * it off part way (tabs that do not fit at all go to the overflow menu, which is fine).
     */
    private static void checkTabs(TabPane tabs, String where, List<String> problems) {
        Node area = tabs.lookup(".tab-header-area");
        if (area == null || !showing(area)) {
            return;
        }
        double limit = area.localToScene(area.getLayoutBounds()).getMaxX();
        Node controls = area.lookup(".control-buttons-tab");
        if (controls != null && showing(controls) && controls.getLayoutBounds().getWidth() > 0) {
            limit = Math.min(limit, controls.localToScene(controls.getLayoutBounds()).getMinX());
        }
        for (Node tab : area.lookupAll(".tab")) {
            if (!showing(tab)) {
                continue;
            }
            Labeled label = (Labeled) tab.lookup(".tab-label");
            String title = label == null ? "?" : label.getText();
            Bounds b = tab.localToScene(tab.getLayoutBounds());
            if (b.getMinX() < limit - 1 && b.getMaxX() > limit + 1) {
                problems.add(String.format("%stab '%s' is cut at the edge of its header area (%.0f of %.0f px show)",
                        where, title, limit - b.getMinX(), b.getWidth()));
            }
            String shown = label == null ? null : rendered(label);
            if (title != null && shown != null && title.length() > 3
                    && shown.replace("…", "").replace("...", "").strip().length() < 4) {
                problems.add(where + "tab '" + title + "' shown as '" + shown + "'");
            }
        }
    }

    /** What a labeled control draws (its skin's text node), or null before it has a skin. */
    private static String rendered(Labeled l) {
        for (Node n : l.getChildrenUnmodifiable()) {
            if (n instanceof Text t && n.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static String text(Control c) {
        return c instanceof Labeled l && l.getText() != null ? "'" + l.getText() + "'" : "";
    }

    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible() || p.getOpacity() == 0) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** Whether an ancestor clips the node (a scroll pane, a list's cells, a table's header): its own bounds may overflow. */
    private static boolean clippedAbove(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null || p instanceof ScrollPane) {
                return true;
            }
        }
        return false;
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visit) {
        visit.accept(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, visit);
            }
        }
    }

    private static void snapshot(Scene scene, String name) {
        String dir = System.getProperty("loupe.fits.snapshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        javafx.scene.image.WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javafx.scene.image.PixelReader px = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(Path.of(dir));
            javax.imageio.ImageIO.write(out, "png", Path.of(dir, name + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
