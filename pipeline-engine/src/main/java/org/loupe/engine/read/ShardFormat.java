package org.loupe.engine.read;

import java.util.Locale;

/** The record format of a shard, after any compression is removed. */
public enum ShardFormat {
    /** One JSON object per line (JSONL, NDJSON, ".json" lines). */
    JSONL,
    /** Apache Parquet; one row per record. */
    PARQUET,
    /** WARC with response records (HTML is turned into text). */
    WARC,
    /** WET: WARC with conversion records that already hold plain text. */
    WET,
    /** Not a format Loupe reads. */
    UNKNOWN;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
