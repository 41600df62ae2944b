package org.loupe.engine.read;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens a shard's decompressed byte stream, and classifies the errors decompressors throw. */
public final class ShardStreams {
    private static final int BUFFER = 1 << 16;

    private ShardStreams() {
    }

    /** A decompressed stream plus a counter of the raw (compressed) bytes consumed. */
    public static final class Opened implements AutoCloseable {
        private final InputStream stream;
        private final CountingInputStream raw;

        Opened(InputStream stream, CountingInputStream raw) {
            this.stream = stream;
            this.raw = raw;
        }

        public InputStream stream() {
            return stream;
        }

        public long rawBytesRead() {
            return raw.count();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    public static Opened open(Shard shard) throws IOException {
        CountingInputStream raw = new CountingInputStream(Files.newInputStream(shard.path()));
        try {
            InputStream decompressed = switch (shard.compression()) {
                case NONE -> new BufferedInputStream(raw, BUFFER);
                case GZIP -> new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
                case ZSTD -> new BufferedInputStream(new ZstdInputStreamNoFinalizer(new BufferedInputStream(raw, BUFFER)), BUFFER);
            };
            return new Opened(decompressed, raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Whether an exception thrown while reading a compressed stream means the stream ended early. */
    public static ProblemKind classify(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof EOFException || m.contains("unexpected end") || m.contains("truncated")
                || m.contains("premature") || m.contains("end of stream") || m.contains("unexpected eof")) {
            return ProblemKind.TRUNCATED;
        }
        return ProblemKind.CORRUPT_DATA;
    }

    /** A short description of an I/O error for a problem message. */
    public static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
