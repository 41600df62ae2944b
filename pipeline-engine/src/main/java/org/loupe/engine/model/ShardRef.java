package org.loupe.engine.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a record came from: the shard file and the record's position in it.
 *
 * <p>The meaning of {@code position} depends on the shard's format, and is spelled out by
 * {@link PositionKind}: a 1-based line number for line formats (JSONL), a 0-based record index for
 * Parquet rows, and the byte offset of the record for WARC/WET (see {@link PositionKind#BYTE_OFFSET}).
 *
 * @param shard    the shard file, as scanned (absolute)
 * @param position the record's position in the shard
 * @param kind     what {@code position} counts
 */
public record ShardRef(Path shard, long position, PositionKind kind) {
    public ShardRef {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(kind, "kind");
    }

    /** Human-readable form, e.g. {@code c4.jsonl.gz:17} or {@code crawl.warc.gz@1043}. */
    public String display() {
        return shard.getFileName() + kind.separator() + position;
    }

    @Override
    public String toString() {
        return display();
    }
}
