package org.loupe.app.context;

import java.lang.management.ManagementFactory;

/**
 * Start-up milestones printed on stderr when the JVM runs with {@code -Dloupe.timing=1}: milliseconds since
 * the JVM started, for the cold-start benchmark in docs/benchmarks.md. Silent otherwise.
 */
public final class StartupTiming {
    private static final boolean ON = System.getProperty("loupe.timing") != null;

    private StartupTiming() {
    }

    /** Prints {@code loupe.timing <what> at=<ms since JVM start>} when timing is on. */
    public static void mark(String what) {
        if (ON) {
            long since = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.printf("loupe.timing %s at=%d%n", what, since);
        }
    }
}
