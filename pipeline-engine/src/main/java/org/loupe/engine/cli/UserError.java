package org.loupe.engine.cli;

/**
 * A mistake the user has to fix that is not a bad argument picocli can see, e.g. a folder in which nothing could be
 * read: {@link CliErrors} prints its message as one line and exits with its code, without a stack trace.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code ({@link CliErrors#USAGE} or {@link CliErrors#NOTHING_READ}). */
    public int exitCode() {
        return exitCode;
    }
}
