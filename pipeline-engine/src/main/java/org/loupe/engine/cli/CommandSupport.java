package org.loupe.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What the commands share to check their arguments up front, before anything is loaded, read or written: the
 * input exists, numbers are in range, outputs are writable and outside the input folder. Every mistake is a
 * {@link ParameterException} naming the option (exit 2, one line through {@link CliErrors}).
 */
public final class CommandSupport {
    /** More threads than this is a typo, not a machine. */
    public static final int MAX_THREADS = 1024;

    private CommandSupport() {
    }

    /** Scans a folder or file; one that does not exist is a bad argument. */
    public static ScanResult scan(CommandSpec spec, Path dirOrFile) throws IOException {
        return scan(spec.commandLine(), dirOrFile);
    }

    /** Scans a folder or file; one that does not exist is a bad argument. */
    public static ScanResult scan(CommandLine cli, Path dirOrFile) throws IOException {
        try {
            return new ShardScanner().scan(dirOrFile);
        } catch (NoSuchFileException e) {
            throw new ParameterException(cli, "no such file or folder: " + dirOrFile);
        }
    }

    /** The folder an input lives in: itself, or the parent of a single shard. */
    public static Path base(Path input) {
        Path abs = input.toAbsolutePath().normalize();
        return Files.isRegularFile(abs) && abs.getParent() != null ? abs.getParent() : abs;
    }

    /** {@code value} must be in {@code [min, max]}. */
    public static void range(CommandLine cli, String option, long value, long min, long max) {
        if (value < min || value > max) {
            String allowed = max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max;
            throw new ParameterException(cli, option + " must be " + allowed + ", not " + value);
        }
    }

    /** {@code value} must be in {@code [min, max]}. */
    public static void range(CommandLine cli, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(cli, option + (max == Double.MAX_VALUE ? " must be at least " + min
                    : " must be in [" + min + ", " + max + "]") + ", not " + value);
        }
    }

    /** A thread count: 1..{@value #MAX_THREADS}. */
    public static int threads(CommandLine cli, String option, int threads) {
        range(cli, option, threads, 1, MAX_THREADS);
        return threads;
    }

    /**
     * An output file ({@code folder} false) or folder: not inside the input folder {@code inputBase} (may be null
     * when the command has no input), not an existing folder for a file (or file for a folder), and in a place
     * this process can write, probed by creating and deleting a file in the nearest existing folder.
     */
    public static void writable(CommandLine cli, String option, Path output, Path inputBase, boolean folder) {
        Path target = output.toAbsolutePath().normalize();
        if (inputBase != null && target.startsWith(inputBase)) {
            throw new ParameterException(cli, option + " " + output + " is inside the input folder " + inputBase
                    + "; Loupe never writes into an input folder");
        }
        if (folder ? Files.isRegularFile(target) : Files.isDirectory(target)) {
            throw new ParameterException(cli, option + " " + output + " is " + (folder ? "a file; give a folder"
                    : "a folder; give a file name"));
        }
        Path existing = folder && Files.isDirectory(target) ? target : target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ParameterException(cli, option + " " + output + ": no folder of that path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new ParameterException(cli, option + " " + output + ": " + existing + " is a file, not a folder");
        }
        if (folder && existing.equals(target) || Files.exists(target)) {
            if (!Files.isWritable(target)) {
                throw new ParameterException(cli, option + " " + output + " is not writable");
            }
        }
        if (!Files.isWritable(existing) || !probe(existing)) {
            throw new ParameterException(cli, option + " " + output + ": cannot write in " + existing + " (read-only)");
        }
    }

    /** Whether a file can be created (and is then deleted) in {@code folder}: write permission is not enough as root. */
    private static boolean probe(Path folder) {
        try {
            Path p = Files.createTempFile(folder, ".loupe-write-check", ".tmp");
            Files.deleteIfExists(p);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
