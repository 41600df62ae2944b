package org.loupe.index.cli;

import picocli.CommandLine;

/** Adds the indexer's commands to the {@code loupe} command line: {@code search} and {@code bench search}. */
public final class IndexCommands {
    private IndexCommands() {
    }

    /**
     * Registers {@code search} at the top level and {@code search} under the existing {@code bench} subcommand.
     *
     * @throws IllegalArgumentException when {@code loupe} has no {@code bench} subcommand
     */
    public static void register(CommandLine loupe) {
        loupe.addSubcommand("search", new SearchCommand());
        CommandLine bench = loupe.getSubcommands().get("bench");
        if (bench == null) {
            throw new IllegalArgumentException("the command line has no bench subcommand to add 'bench search' to");
        }
        bench.addSubcommand("search", new BenchSearchCommand());
    }
}
