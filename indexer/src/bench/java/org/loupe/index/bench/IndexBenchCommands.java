package org.loupe.index.bench;

import org.loupe.engine.bench.BenchCommand;
import org.loupe.engine.cli.CliExtension;
import picocli.CommandLine;

/** Adds the indexer's benchmark to {@code loupe bench}: {@code bench search}. */
public final class IndexBenchCommands implements CliExtension {

    @Override
    public void register(CommandLine root) {
        BenchCommand.group(root).addSubcommand("search", new BenchSearchCommand());
    }
}
