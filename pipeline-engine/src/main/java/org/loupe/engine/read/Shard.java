package org.loupe.engine.read;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a dataset, with the format and compression found by {@link ShardScanner}.
 *
 * @param path         absolute path of the file
 * @param relativePath path relative to the scanned folder, with '/' separators (stable across machines)
 * @param format       record format
 * @param compression  compression found from magic bytes
 * @param sizeBytes    file size on disk
 */
public record Shard(Path path, String relativePath, ShardFormat format, Compression compression, long sizeBytes) {
    public Shard {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
    }

    /** "jsonl+gzip", "parquet", "wet+gzip": what the UI and the CLI print. */
    public String formatLabel() {
        return compression == Compression.NONE ? format.jsonName() : format.jsonName() + "+" + compression.jsonName();
    }
}
