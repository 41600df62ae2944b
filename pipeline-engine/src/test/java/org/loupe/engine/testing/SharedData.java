package org.loupe.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real public fixtures next to the project ({@code ../shared/data}, see its SOURCES.md). The build
 * passes their location as the system property {@code loupe.shared.data}; tests that need them skip
 * with a clear message when the folder is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The fixtures folder, or a skipped test when it is absent. */
    public static Path dir() {
        String prop = System.getProperty("loupe.shared.data");
        Path dir = prop == null ? Path.of("..", "..", "shared", "data") : Path.of(prop);
        assumeTrue(Files.isDirectory(dir),
                "shared fixtures not found at " + dir.toAbsolutePath().normalize()
                        + " (set -Dloupe.shared.data=DIR); skipping a test that reads real public data");
        return dir.toAbsolutePath().normalize();
    }

    /** One fixture file, or a skipped test when it is absent. */
    public static Path file(String name) {
        Path f = dir().resolve(name);
        assumeTrue(Files.isRegularFile(f), "shared fixture " + name + " not found in " + dir() + "; skipping");
        return f;
    }

    /** The shared spec folder ({@code ../shared/spec}), or a skipped test when it is absent. */
    public static Path specDir() {
        String prop = System.getProperty("loupe.shared.spec");
        Path dir = prop == null ? Path.of("..", "..", "shared", "spec") : Path.of(prop);
        assumeTrue(Files.isDirectory(dir), "shared spec not found at " + dir.toAbsolutePath().normalize() + "; skipping");
        return dir.toAbsolutePath().normalize();
    }
}
