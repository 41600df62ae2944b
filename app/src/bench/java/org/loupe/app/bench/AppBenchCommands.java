package org.loupe.app.bench;

import org.loupe.engine.bench.BenchCommand;
import org.loupe.engine.cli.CliExtension;
import picocli.CommandLine;

/**
 * Adds the app's benchmarks to {@code loupe bench}: {@code bench preview} (the Tune view model driven headless)
 * and {@code bench draw} (the cluster map's redraw).
 */
public final class AppBenchCommands implements CliExtension {

    @Override
    public void register(CommandLine root) {
        CommandLine bench = BenchCommand.group(root);
        bench.addSubcommand("preview", new BenchPreviewCommand());
        bench.addSubcommand("draw", new BenchClustersDrawCommand());
    }
}
