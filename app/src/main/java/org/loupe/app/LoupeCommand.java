package org.loupe.app;

import org.loupe.engine.cli.BenchCommand;
import org.loupe.engine.cli.ExplainCommand;
import org.loupe.engine.cli.ExportCommand;
import org.loupe.engine.cli.InspectCommand;
import org.loupe.engine.cli.PresetsCommand;
import org.loupe.engine.cli.RunCommand;
import org.loupe.engine.cli.SampleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code loupe} command. Each subcommand is implemented in the module that owns it; this
 * class only assembles them. With no subcommand, {@link Main} opens the workbench instead.
 */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = LoupeCommand.Version.class,
        description = {"Loupe: look at your pre-training data, what your filters keep and what they throw away.",
                "",
                "Without a command, opens the workbench: loupe [DIR] [--size=N] [--seed=S]",
                "(on DIR when given, else on the bundled demo sample)."},
        subcommands = {InspectCommand.class, SampleCommand.class, ExplainCommand.class, RunCommand.class, PresetsCommand.class, ExportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class LoupeCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * The command line with every subcommand, including those the app module adds to the engine's
     * groups ({@code bench preview} drives the Tune view model headless).
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LoupeCommand());
        cli.getSubcommands().get("bench").addSubcommand("preview", new org.loupe.app.tune.BenchPreviewCommand());
        cli.getSubcommands().get("bench").addSubcommand("draw", new org.loupe.app.clusters.BenchClustersDrawCommand());
        org.loupe.index.cli.IndexCommands.register(cli);
        cli.addSubcommand("domains", new org.loupe.analysis.cli.DomainsCommand());
        cli.addSubcommand("vocab", new org.loupe.analysis.cli.VocabCommand());
        cli.addSubcommand("clusters", new org.loupe.analysis.cli.ClustersCommand());
        cli.getSubcommands().get("bench").addSubcommand("bpe", new org.loupe.analysis.cli.BenchBpeCommand());
        cli.getSubcommands().get("bench").addSubcommand("clusters", new org.loupe.analysis.cli.BenchClustersCommand());
        return cli;
    }

    /** This build's version ("dev" outside a packaged jar). */
    public static String version() {
        return org.loupe.app.context.AppContext.version();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LoupeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"loupe " + (v == null ? "dev" : v)};
        }
    }

    /** Whether the arguments ask for a headless command rather than the workbench. */
    static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("-V") || first.equals("--version")) {
            return true;
        }
        return commandLine().getSubcommands().containsKey(first);
    }
}
