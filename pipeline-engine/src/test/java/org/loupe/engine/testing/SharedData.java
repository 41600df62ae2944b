package org.loupe.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The large public data files next to the project ({@code ../shared/data}, see its SOURCES.md): C4, Dolma and
 * HPLT shards, WARC/WET, Parquet. They are not in the repository, so the build passes their location as the
 * system property {@code loupe.shared.data}, and tests that read them skip, naming the missing file, when they
 * are absent. The reference outputs that the fidelity tests compare against are test resources instead (see
 * {@link Golden}) and never skip.
 */
public final class SharedData {
    private SharedData() {
    }

    private static Path location() {
        String prop = System.getProperty("loupe.shared.data");
        Path dir = prop == null ? Path.of("..", "..", "shared", "data") : Path.of(prop);
        return dir.toAbsolutePath().normalize();
    }

    /** The data folder, or a skipped test when it is absent. */
    public static Path dir() {
        Path dir = location();
        assumeTrue(Files.isDirectory(dir), "shared data folder not found at " + dir
                + " (set -Dloupe.shared.data=DIR); skipping a test that reads real public data");
        return dir;
    }

    /** One data file ({@code name} relative to the folder), or a skipped test naming it when it is absent. */
    public static Path file(String name) {
        Path f = location().resolve(name);
        assumeTrue(Files.isRegularFile(f), "shared data file " + name + " not found at " + f
                + " (set -Dloupe.shared.data=DIR); skipping a test that reads real public data");
        return f;
    }
}
