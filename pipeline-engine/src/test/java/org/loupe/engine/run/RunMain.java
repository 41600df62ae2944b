package org.loupe.engine.run;

import org.loupe.engine.cli.RunCommand;
import picocli.CommandLine;

/** {@code loupe run} as its own process, for the kill-and-resume test. */
public final class RunMain {
    private RunMain() {
    }

    public static void main(String[] args) {
        System.exit(org.loupe.engine.cli.CliErrors.install(new CommandLine(new RunCommand())).execute(args));
    }
}
