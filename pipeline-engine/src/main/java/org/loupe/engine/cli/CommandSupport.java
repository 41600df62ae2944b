package org.loupe.engine.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the commands share: turning a user's mistake into a bad-arguments exit (2) instead of a stack trace. */
final class CommandSupport {
    private CommandSupport() {
    }

    /** Scans a folder or file; one that does not exist is a bad argument. */
    static ScanResult scan(CommandSpec spec, Path dirOrFile) throws IOException {
        try {
            return new ShardScanner().scan(dirOrFile);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no such file or folder: " + dirOrFile);
        }
    }
}
