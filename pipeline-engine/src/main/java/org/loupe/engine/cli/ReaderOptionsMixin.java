package org.loupe.engine.cli;

import org.loupe.engine.read.FieldMapping;
import org.loupe.engine.read.ReaderOptions;
import picocli.CommandLine;
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

    /** Checks the options up front: a record size the reader can hold. */
    public void check(CommandLine cli) {
        CommandSupport.range(cli, "--max-record-bytes", maxRecordBytes, 1, Integer.MAX_VALUE - 16);
    }

    public ReaderOptions toOptions() {
        return ReaderOptions.defaults().withFieldMapping(new FieldMapping(textKey, idKey, urlKey)).withMaxRecordBytes(maxRecordBytes);
    }
}
