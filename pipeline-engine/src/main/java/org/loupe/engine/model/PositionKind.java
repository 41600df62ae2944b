package org.loupe.engine.model;

/** What a record position counts in its shard. */
public enum PositionKind {
    /** 1-based line number in the uncompressed text (JSONL). */
    LINE(":"),
    /** 0-based record (row) index (Parquet). */
    RECORD("#"),
    /**
     * Byte offset of the record: in a record-by-record gzip WARC the compressed offset of its gzip member
     * in the file (the offset CDX indexes store); in an uncompressed file the offset in the file.
     */
    BYTE_OFFSET("@");

    private final String separator;

    PositionKind(String separator) {
        this.separator = separator;
    }

    public String separator() {
        return separator;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
