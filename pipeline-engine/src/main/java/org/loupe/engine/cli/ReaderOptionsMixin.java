package org.loupe.engine.cli;

import org.loupe.engine.read.FieldMapping;
import org.loupe.engine.read.ReaderOptions;
import picocli.CommandLine.Option;

/** The command-line options that decide how records become documents. */
public final class ReaderOptionsMixin {
    @Option(names = "--text-key", paramLabel = "KEY", description = "Field holding the text (default: auto: text, content, raw_content, t). Dotted paths reach nested fields.")
    String textKey;

    @Option(names = "--id-key", paramLabel = "KEY", description = "Field holding the id (default: auto: id; else <file>#<position>).")
    String idKey;

    @Option(names = "--url-key", paramLabel = "KEY", description = "Field holding the URL (default: auto: url, u, metadata.url, WARC-Target-URI).")
    String urlKey;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", description = "Records larger than this are reported as oversized and skipped (default: ${DEFAULT-VALUE}).")
    long maxRecordBytes = ReaderOptions.DEFAULT_MAX_RECORD_BYTES;

    public ReaderOptions toOptions() {
        return ReaderOptions.defaults().withFieldMapping(new FieldMapping(textKey, idKey, urlKey)).withMaxRecordBytes(maxRecordBytes);
    }
}
