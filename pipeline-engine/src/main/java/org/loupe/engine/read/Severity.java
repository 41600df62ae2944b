package org.loupe.engine.read;

/**
 * What a problem did to the data. For every shard:
 * {@code records read = documents yielded + problems of severity SKIPPED}.
 */
public enum Severity {
    /** The record was not turned into a document. */
    SKIPPED,
    /** The record was repaired (e.g. invalid UTF-8 replaced) and is a document. */
    REPAIRED,
    /**
     * A stretch of the file could not be read from this position: the records there were never seen.
     * Readers that can resynchronise (WARC) go on after the stretch; the others stop.
     */
    FILE;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
