package org.loupe.index.cli;

import picocli.CommandLine;

/** Adds the indexer's commands to the {@code loupe} command line: {@code search}. */
public final class IndexCommands {
    private IndexCommands() {
    }

    /** Registers {@code search} at the top level. */
    public static void register(CommandLine loupe) {
        loupe.addSubcommand("search", new SearchCommand());
    }
}
