package org.loupe.app;

import java.util.ServiceLoader;
import org.loupe.engine.cli.CliErrors;
import org.loupe.engine.cli.CliExtension;
import org.loupe.engine.cli.DedupCommand;
import org.loupe.engine.cli.ExplainCommand;
import org.loupe.engine.cli.ExportCommand;
import org.loupe.engine.cli.InspectCommand;
import org.loupe.engine.cli.PresetsCommand;
import org.loupe.engine.cli.RunCommand;
import org.loupe.engine.cli.SampleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code loupe} command. Each subcommand is implemented in the module that owns it; this
 * class only assembles them. The benchmarks ({@code loupe bench}) are not named here: they come from the
 * modules' bench source sets as {@link CliExtension}s (docs/adr/0012-bench-source-set.md). With no
 * subcommand, {@link Main} opens the workbench instead.
 */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = LoupeCommand.Version.class,
        description = {"Loupe: look at your pre-training data, what your filters keep and what they throw away.",
                "",
                "Without a command, opens the workbench: loupe [DIR] [--size=N] [--seed=S]",
                "(on DIR when given, else on the bundled demo sample)."},
        exitCodeListHeading = "%nExit codes (of every command):%n",
        exitCodeList = {"0:done", CliErrors.EXIT_NOTHING_READ, CliErrors.EXIT_USAGE},
        subcommands = {InspectCommand.class, SampleCommand.class, ExplainCommand.class, DedupCommand.class, RunCommand.class, PresetsCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class LoupeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The command line with every subcommand: the engine's, the other modules', and those of every
     * {@link CliExtension} on the class path ({@code bench} and its benchmarks), in class-path order.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LoupeCommand());
        org.loupe.index.cli.IndexCommands.register(cli);
        cli.addSubcommand("domains", new org.loupe.analysis.cli.DomainsCommand());
        cli.addSubcommand("vocab", new org.loupe.analysis.cli.VocabCommand());
        cli.addSubcommand("clusters", new org.loupe.analysis.cli.ClustersCommand());
        for (CliExtension extension : ServiceLoader.load(CliExtension.class, LoupeCommand.class.getClassLoader())) {
            extension.register(cli);
        }
        return CliErrors.install(cli);
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

    /**
     * The sentence for a first argument that is neither a command, an option of the workbench nor an existing
     * folder or file to open (a mistyped command must not start the workbench), or null.
     */
    public static String notACommand(String[] args) {
        if (args.length == 0 || isCommand(args) || args[0].startsWith("-")
                || java.nio.file.Files.exists(java.nio.file.Path.of(args[0]))) {
            return null;
        }
        return "loupe: '" + args[0] + "' is not a command or a folder; see loupe --help";
    }
}
