package org.loupe.index.cli;

import picocli.CommandLine;

/**
 * Runs the indexer's commands by hand, outside the app (benchmarks):
 * {@code java -cp indexer/target/test-classes:app/target/loupe.jar org.loupe.index.cli.BenchMain bench search --input DIR}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        CommandLine loupe = new CommandLine(new SearchCommandTest.Root());
        IndexCommands.register(loupe);
        System.exit(loupe.execute(args));
    }
}
