package org.loupe.engine.cli;

import java.io.PrintStream;
import org.loupe.engine.task.TaskContext;

/**
 * A progress bar on stderr for long headless runs: redrawn in place at most every 200 ms on a terminal,
 * silent when stderr is not a terminal (so logs and pipes stay clean), and always closed with one line.
 */
public final class TerminalProgress implements TaskContext {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private volatile String message = "";
    private long lastDraw;
    private boolean drawn;

    public TerminalProgress(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    public static TerminalProgress onStderr() {
        return new TerminalProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void progress(long done, long total) {
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
        err.printf("\r[%s] %3d%%  %s / %s  %-40s", bar, Math.round(f * 100), human(done), human(total), msg);
        err.flush();
        drawn = true;
    }

    @Override
    public void message(String message) {
        this.message = message == null ? "" : message;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    /** Ends the bar with a newline and the elapsed time. */
    public synchronized void finish(String summary) {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 80) + "\r");
        }
        if (interactive) {
            err.printf("%s (%.1f s)%n", summary, (System.nanoTime() - started) / 1e9);
        }
        err.flush();
    }

    static String human(long bytes) {
        return org.loupe.engine.io.Sizes.human(bytes);
    }
}
