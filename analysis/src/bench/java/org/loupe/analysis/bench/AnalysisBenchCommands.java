package org.loupe.analysis.bench;

import org.loupe.engine.bench.BenchCommand;
import org.loupe.engine.cli.CliExtension;
import picocli.CommandLine;

/** Adds the analysis module's benchmarks to {@code loupe bench}: {@code bench bpe} and {@code bench clusters}. */
public final class AnalysisBenchCommands implements CliExtension {

    @Override
    public void register(CommandLine root) {
        CommandLine bench = BenchCommand.group(root);
        bench.addSubcommand("bpe", new BenchBpeCommand());
        bench.addSubcommand("clusters", new BenchClustersCommand());
    }
}
