package org.loupe.engine.read;

import java.util.Locale;

/** The compression wrapped around a shard's records, found from magic bytes (not the file name). */
public enum Compression {
    NONE, GZIP, ZSTD;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
