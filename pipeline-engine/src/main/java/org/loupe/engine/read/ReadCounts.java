package org.loupe.engine.read;

/**
 * Counters of one reader. Invariant once a reader is closed: {@code records == documents + skipped}.
 * {@code repaired} counts documents that were kept after a repair (they are also in {@code documents}).
 * {@code ignored} counts records that are not documents by nature (WARC request, warcinfo, metadata
 * records) and are therefore in neither count.
 */
public final class ReadCounts {
    private long records;
    private long documents;
    private long skipped;
    private long repaired;
    private long ignored;
    private long bytesRead;

    public void record() { records++; }
    public void document() { documents++; }
    public void skipped() { skipped++; }
    public void repaired() { repaired++; }
    public void ignored() { ignored++; }
    public void bytesRead(long bytes) { bytesRead = bytes; }

    public long records() { return records; }
    public long documents() { return documents; }
    public long skippedRecords() { return skipped; }
    public long repairedDocuments() { return repaired; }
    public long ignoredRecords() { return ignored; }
    /** Bytes of the shard file consumed so far (compressed bytes for compressed files). */
    public long bytesRead() { return bytesRead; }

    public boolean conserved() {
        return records == documents + skipped;
    }

    @Override
    public String toString() {
        return "records=" + records + " documents=" + documents + " skipped=" + skipped + " repaired=" + repaired
                + " ignored=" + ignored;
    }
}
