package org.loupe.engine.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loupe.engine.task.TaskContext;

/**
 * A progress bar on stderr for long headless runs: redrawn in place at most every 200 ms when stderr is a
 * terminal, not drawn otherwise (so logs and pipes stay clean), and always closed with one summary line, also
 * when the output is redirected. Counts read as what they count: sizes for bytes read, "1,098 / 2,000 docs" for
 * documents, plain numbers for anything else. {@link #cancel()} (e.g. on Ctrl+C) stops the task at its next check.
 */
public final class TerminalProgress implements TaskContext {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String message = "";
    private long lastDraw;
    private boolean drawn;

    public TerminalProgress(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** A progress bar on {@code System.err}, drawn when stderr is a terminal. */
    public static TerminalProgress onStderr() {
        return new TerminalProgress(System.err, stderrIsTerminal());
    }

    /** Whether stderr goes to a terminal (on Linux read from /proc; elsewhere whether the JVM has a console). */
    static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: fall back on the console
        }
        return System.console() != null;
    }

    @Override
    public void progress(long done, long total) {
        progress(done, total, Unit.ITEMS);
    }

    @Override
    public synchronized void progress(long done, long total, Unit unit) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        double f = total <= 0 ? 0 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        String bar = "#".repeat(filled) + " ".repeat(WIDTH - filled);
        String msg = message.length() > 40 ? "…" + message.substring(message.length() - 39) : message;
        err.printf("\r[%s] %3d%%  %s  %-40s", bar, Math.round(f * 100), counts(done, total, unit), msg);
        err.flush();
        drawn = true;
    }

    /** The counts as the bar shows them: "1.1 MB / 2.0 MB", "1,098 / 2,000 docs" or "3 / 10". */
    static String counts(long done, long total, Unit unit) {
        return switch (unit) {
            case BYTES -> human(done) + " / " + human(total);
            case DOCUMENTS -> String.format(Locale.ROOT, "%,d / %,d docs", done, total);
            case ITEMS -> String.format(Locale.ROOT, "%,d / %,d", done, total);
        };
    }

    @Override
    public void message(String message) {
        this.message = message == null ? "" : message;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Asks the task to stop at its next check ({@link #checkCancelled()}). */
    public void cancel() {
        cancelled.set(true);
    }

    /** Ends the bar (when drawn) and prints the summary with the elapsed time, whether or not stderr is a terminal. */
    public synchronized void finish(String summary) {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 80) + "\r");
            drawn = false;
        }
        err.printf("%s (%.1f s)%n", summary, (System.nanoTime() - started) / 1e9);
        err.flush();
    }

    /** Clears the bar without a summary (before an error or an interruption is reported). */
    public synchronized void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 80) + "\r");
            err.flush();
            drawn = false;
        }
    }

    static String human(long bytes) {
        return org.loupe.engine.io.Sizes.human(bytes);
    }
}
