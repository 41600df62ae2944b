package org.loupe.app;

import org.loupe.app.context.AppContext;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.loupe.app.shell.MainView;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.FxTaskRunner;

/** The real main window on a test stage, with its own workspace: what TestFX tests drive. */
public record TestWorkbench(MainViewModel model, FxTaskRunner tasks) implements AutoCloseable {

    public static TestWorkbench show(Stage stage, Path workspace) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        FxTaskRunner tasks = new FxTaskRunner(3);
        MainViewModel model = new MainViewModel(AppContext.create(workspace, tasks));
        MainView view = new MainView(model, tasks.running());
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(WorkbenchApp.stylesheet());
        view.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
        return new TestWorkbench(model, tasks);
    }

    @Override
    public void close() {
        model.close();
        tasks.close();
    }
}
