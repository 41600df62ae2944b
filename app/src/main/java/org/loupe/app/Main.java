package org.loupe.app;

import org.loupe.app.context.StartupTiming;
import org.loupe.engine.cli.CliErrors;

/**
 * Entry point of {@code loupe.jar}: a command runs headless; no command (or a folder) opens the
 * workbench, after {@link DesktopCheck} has found what it needs (exit code 3 and one sentence when not). This
 * class must not extend {@code javafx.application.Application}, so that the shaded jar
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
        DesktopCheck.Machine machine = DesktopCheck.system();
        DesktopCheck.problem(machine).ifPresent(sentence -> {
            System.err.println(sentence);
            System.exit(DesktopCheck.EXIT_NO_DESKTOP);
        });
        try {
            javafx.application.Application.launch(WorkbenchApp.class, args);
        } catch (RuntimeException | Error e) {
            var sentence = DesktopCheck.toolkitFailure(e, machine);
            if (sentence.isEmpty()) {
                throw e;
            }
            System.err.println(sentence.get());
            System.exit(DesktopCheck.EXIT_NO_DESKTOP);
        }
    }
}
