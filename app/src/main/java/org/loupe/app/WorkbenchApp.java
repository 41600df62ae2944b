package org.loupe.app;

import org.loupe.app.context.AppContext;
import org.loupe.app.context.StartupTiming;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.loupe.app.shell.MainView;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.FxTaskRunner;
import org.loupe.engine.workspace.Workspace;

/** The JavaFX workbench. Opens the folder given as the first argument, else the bundled demo sample. */
public final class WorkbenchApp extends Application {
    private FxTaskRunner tasks;
    private MainViewModel model;

    @Override
    public void start(Stage stage) {
        StartupTiming.mark("fx-start");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        tasks = new FxTaskRunner(3);
        AppContext context = AppContext.create(Workspace.defaultRoot(System.getenv()), tasks);
        StartupTiming.mark("context");
        model = new MainViewModel(context);
        StartupTiming.mark("view-model");
        // Reading the folder starts before the window is built: its results reach the FX thread only after
        // start() returns, when the view exists, and the reading overlaps building and showing the window.
        var named = getParameters().getNamed();
        if (named.containsKey("size")) {
            model.sampleSizeProperty().set(Integer.parseInt(named.get("size")));
        }
        if (named.containsKey("seed")) {
            model.seedProperty().set(Long.parseLong(named.get("seed")));
        }
        List<String> args = getParameters().getUnnamed();
        if (args.isEmpty()) {
            model.openDemo();
        } else {
            model.openFolder(Path.of(args.get(0)));
        }
        MainView view = new MainView(model, tasks.running());
        StartupTiming.mark("view");
        Scene scene = new Scene(view, 1440, 900);
        scene.getStylesheets().add(stylesheet());
        view.installShortcuts(scene);
        stage.titleProperty().bind(model.folderLabelProperty().map(label -> "Loupe — " + label));
        stage.setScene(scene);
        stage.show();
        StartupTiming.mark("shown");
    }

    /** The workbench's own style sheet (style classes over AtlantaFX colour tokens). */
    public static String stylesheet() {
        return WorkbenchApp.class.getResource("/org/loupe/app/loupe.css").toExternalForm();
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
        if (tasks != null) {
            tasks.close();
        }
    }
}
