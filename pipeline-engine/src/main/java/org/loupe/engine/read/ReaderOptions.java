package org.loupe.engine.read;

import java.util.Objects;

/**
 * How readers turn records into documents.
 *
 * @param fieldMapping     which fields hold text, id and URL
 * @param maxRecordBytes   records larger than this are reported as {@link ProblemKind#OVERSIZED} and skipped
 * @param htmlExtractor    turns WARC HTML payloads into main text
 */
public record ReaderOptions(FieldMapping fieldMapping, long maxRecordBytes, HtmlTextExtractor htmlExtractor) {

    /** 10 MiB: larger than any real web document, small enough that one bad line cannot exhaust memory. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 10L * 1024 * 1024;

    public ReaderOptions {
        Objects.requireNonNull(fieldMapping, "fieldMapping");
        Objects.requireNonNull(htmlExtractor, "htmlExtractor");
        if (maxRecordBytes <= 0 || maxRecordBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxRecordBytes must be in 1.." + (Integer.MAX_VALUE - 16) + ": " + maxRecordBytes);
        }
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(FieldMapping.auto(), DEFAULT_MAX_RECORD_BYTES, HtmlTextExtractor.defaultExtractor());
    }

    public ReaderOptions withFieldMapping(FieldMapping mapping) {
        return new ReaderOptions(mapping, maxRecordBytes, htmlExtractor);
    }

    public ReaderOptions withMaxRecordBytes(long max) {
        return new ReaderOptions(fieldMapping, max, htmlExtractor);
    }
}
