package org.loupe.app.bench;

import org.loupe.engine.bench.BenchCommand;
import org.loupe.engine.cli.CliExtension;
import picocli.CommandLine;

/**
 * Adds the app's benchmarks to {@code loupe bench}: {@code bench preview} (the Tune view model driven headless)
 * {@code bench draw} (the cluster map's redraw) and {@code bench startup} (cold start to the demo's first documents).
 */
public final class AppBenchCommands implements CliExtension {

    @Override
    public void register(CommandLine root) {
        CommandLine bench = BenchCommand.group(root);
        bench.addSubcommand("preview", new BenchPreviewCommand());
        bench.addSubcommand("draw", new BenchClustersDrawCommand());
        bench.addSubcommand("startup", new BenchStartupCommand());
    }
}
