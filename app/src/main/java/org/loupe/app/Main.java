package org.loupe.app;


/**
 * Entry point of {@code loupe.jar}: a command runs headless; no command (or a folder) opens the
 * workbench. This class must not extend {@code javafx.application.Application}, so that the shaded jar
 * starts JavaFX from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        StartupTiming.mark("main");
        if (LoupeCommand.isCommand(args)) {
            int code = LoupeCommand.commandLine().execute(args);
            System.exit(code);
        }
        StartupWarmup.start();
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }
}
