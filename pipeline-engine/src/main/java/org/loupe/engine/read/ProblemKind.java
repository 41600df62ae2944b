package org.loupe.engine.read;

import java.util.Locale;

/** What went wrong with a file or a record. */
public enum ProblemKind {
    /** The file could not be opened or read (permissions, I/O error). */
    UNREADABLE_FILE,
    /** The file is not in a format Loupe reads. */
    UNKNOWN_FORMAT,
    /** The file holds no records: it is empty (0 bytes), decompresses to nothing, or has only blank lines. */
    EMPTY_FILE,
    /** The compressed stream or file ends early; the records after this position are lost. */
    TRUNCATED,
    /** The compressed stream or container is corrupt; reading of this file stops here. */
    CORRUPT_DATA,
    /** A line is not valid JSON. */
    INVALID_JSON,
    /** A line is valid JSON but not an object. */
    NOT_AN_OBJECT,
    /** The record's bytes are not valid UTF-8; the bad sequences were replaced by U+FFFD and the record kept. */
    INVALID_UTF8,
    /** The record has no text field (none of the mapped or auto-detected keys). */
    MISSING_TEXT,
    /** The record's text field is null. */
    NULL_TEXT,
    /** The record's text field is not a string. */
    NOT_TEXT,
    /** The record's text is empty or only whitespace. */
    EMPTY_TEXT,
    /** The record is larger than the configured cap. */
    OVERSIZED,
    /** A WARC record that holds content but not text Loupe can read (an image, a PDF, ...). */
    UNSUPPORTED_CONTENT,
    /** A WARC record whose HTML yielded no text, or whose payload could not be parsed. */
    EXTRACTION_FAILED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
