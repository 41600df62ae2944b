package org.loupe.engine.read;

import java.nio.file.Path;
import java.util.List;

/**
 * What a folder holds: the shards Loupe can read, and a problem for every file it cannot.
 *
 * @param root     the scanned folder (absolute, normalized)
 * @param shards   readable shards, sorted by relative path
 * @param problems unknown, unreadable or empty files
 */
public record ScanResult(Path root, List<Shard> shards, List<Problem> problems) {
    public ScanResult {
        shards = List.copyOf(shards);
        problems = List.copyOf(problems);
    }

    public long totalBytes() {
        return shards.stream().mapToLong(Shard::sizeBytes).sum();
    }
}
