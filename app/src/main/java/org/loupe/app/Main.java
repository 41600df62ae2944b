package org.loupe.app;

import org.loupe.engine.cli.CliErrors;

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
        String mistake = LoupeCommand.notACommand(args);
        if (mistake != null) {
            System.err.println(mistake);
            System.exit(CliErrors.USAGE);
        }
        StartupWarmup.start();
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }
}
