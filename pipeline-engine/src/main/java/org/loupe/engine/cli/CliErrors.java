package org.loupe.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.pipeline.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one place where a user's mistake becomes one line on stderr and an exit code, never a stack trace nor the
 * usage text: bad arguments (picocli's own parse errors, and every {@link ParameterException} a command throws
 * after checking its options up front), a {@link UserError}, a config that cannot be used ({@link ConfigException}),
 * and a file that is missing, unreadable or unwritable ({@link IOException}). Anything else is a bug and keeps its stack trace.
 *
 * <p>The exit codes, shown by every command's {@code --help}: {@value #USAGE} for bad arguments,
 * {@value #NOTHING_READ} when nothing could be read (or a run failed), 0 otherwise.
 */
public final class CliErrors {
    /** Exit code of bad arguments: an unknown command, option, preset, step or value; a missing input. */
    public static final int USAGE = 2;
    /** Exit code when nothing could be read (no document, an unreadable file) or a run failed. */
    public static final int NOTHING_READ = 1;

    /** The exit code list's line for {@value #NOTHING_READ}, for commands' {@code exitCodeList}. */
    public static final String EXIT_NOTHING_READ = "1:nothing could be read (no document, an unreadable file)";
    /** The exit code list's line for {@value #USAGE}, for commands' {@code exitCodeList}. */
    public static final String EXIT_USAGE = "2:bad arguments: an unknown command, option, preset, step or token "
            + "encoding, a value out of range, a missing input or config, an output inside the input or not writable";
    /** The exit codes of a command that does not list its own. */
    public static final Map<String, String> DEFAULT_EXIT_CODES = exitCodes("0:done", EXIT_NOTHING_READ, EXIT_USAGE);

    private CliErrors() {
    }

    private static Map<String, String> exitCodes(String... lines) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return codes;
    }

    /**
     * Installs the handlers on {@code cli} (they apply to its subcommands too, which must be added first) and
     * gives every command without its own list the exit codes in its {@code --help}.
     */
    public static CommandLine install(CommandLine cli) {
        cli.setParameterExceptionHandler(CliErrors::badArguments);
        cli.setExecutionExceptionHandler(CliErrors::failed);
        documentExitCodes(cli);
        return cli;
    }

    private static void documentExitCodes(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (spec.usageMessage().exitCodeList().isEmpty()) {
            spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(DEFAULT_EXIT_CODES);
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            documentExitCodes(sub);
        }
    }

    /** A bad argument: one line, with a hint to the command's help for a parse error; exit {@value #USAGE}. */
    static int badArguments(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String message = oneLine(e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
            }
        }
        if (isParseError(e)) {
            message += " (see " + name(cli) + " --help)";
        }
        print(cli, message);
        return USAGE;
    }

    private static boolean isParseError(ParameterException e) {
        return e instanceof CommandLine.UnmatchedArgumentException || e instanceof CommandLine.MissingParameterException
                || e instanceof CommandLine.MutuallyExclusiveArgsException || e instanceof CommandLine.OverwrittenOptionException
                || e instanceof CommandLine.MaxValuesExceededException
                || e.getMessage() != null && e.getMessage().startsWith("Invalid value");
    }

    /**
     * A command failed: a config that cannot be used is a bad argument ({@value #USAGE}); a missing file too, an
     * unreadable or unwritable one exits {@value #NOTHING_READ}. Anything else is rethrown with its stack trace.
     */
    static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof UserError u) {
            print(cli, u.getMessage());
            return u.exitCode();
        }
        if (cause instanceof ConfigException c) {
            print(cli, c.getMessage());
            return USAGE;
        }
        if (!(cause instanceof IOException io)) {
            throw e;
        }
        print(cli, describe(io));
        return cause instanceof NoSuchFileException ? USAGE : NOTHING_READ;
    }

    /** What went wrong with a file, naming it. */
    public static String describe(IOException io) {
        String file = io instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
        if (io instanceof NoSuchFileException) {
            return "no such file or folder: " + (file != null ? file : io.getMessage());
        }
        if (io instanceof AccessDeniedException) {
            return "permission denied: " + (file != null ? file : io.getMessage());
        }
        if (io instanceof FileSystemException fs && file != null) {
            return file + ": " + (fs.getReason() != null ? fs.getReason() : io.getClass().getSimpleName());
        }
        return io.getMessage() != null ? io.getMessage() : "input/output error";
    }

    /** {@code loupe <command>: message} on the command's stderr, on one line. */
    public static void print(CommandLine cli, String message) {
        PrintWriter err = cli.getErr();
        err.println(name(cli) + ": " + oneLine(message));
        err.flush();
    }

    /** The command's full name as typed: {@code loupe bench minhash}. */
    public static String name(CommandLine cli) {
        String qualified = cli.getCommandSpec().qualifiedName();
        return qualified.startsWith("loupe") ? qualified : "loupe " + qualified;
    }

    /** A message on one line: a list of problems ("...:\n  - a\n  - b") becomes "...: a; b". */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.strip().replaceAll(":\\s*\\R\\s*-\\s+", ": ").replaceAll("\\s*\\R\\s*-\\s+", "; ");
        return s.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The error of a command that could read no document in {@code input}. */
    public static UserError nothingRead(java.nio.file.Path input, String detail) {
        return new UserError(NOTHING_READ, "nothing could be read in " + input + (detail == null ? "" : ": " + detail));
    }
}
