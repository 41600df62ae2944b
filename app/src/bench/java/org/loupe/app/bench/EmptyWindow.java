package org.loupe.app.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.loupe.app.context.StartupTiming;

/**
 * The baseline of {@code loupe bench startup}: the same JVM and JavaFX toolkit showing an empty window of
 * the workbench's size, with nothing of Loupe in it. Prints {@code loupe.timing shown at=…} and quits.
 * A plain main class (not an {@link Application}) so that it starts from the shaded jar's class path.
 */
public final class EmptyWindow {
    private EmptyWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The empty window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            StartupTiming.mark("fx-start");
            stage.setScene(new Scene(new Pane(), 1440, 900));
            stage.show();
            // The mark after the first frame, as the workbench's first rows are marked after their pulse.
            Platform.runLater(() -> {
                StartupTiming.mark("shown");
                Platform.exit();
            });
        }
    }
}
