package org.loupe.engine.read;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Opens a shard's decompressed byte stream, and classifies the errors decompressors throw.
 *
 * <p>Gzip is read by {@link GzipMembersInputStream}, which reads every member and reports cut or
 * corrupt members and trailing garbage (the JDK's {@code GZIPInputStream} silently stops there). The
 * decompressors are buffered so that a decompression error never takes already decompressed bytes with
 * it: a reader gets every byte before the damage, and can say in which record the data ends.
 */
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
            InputStream decompressed = shard.compression() == Compression.NONE
                    ? new BufferedInputStream(raw, BUFFER)
                    : new BufferedInputStream(decompressor(raw, shard.compression()), BUFFER);
            return new Opened(decompressed, raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The decompressed stream of {@code raw} (unbuffered on the output side). Its {@code available()} is 0,
     * so that a {@link BufferedInputStream} on top returns after one read: otherwise, a decompression
     * error in a second read of the same call would throw away the bytes of the first.
     */
    static InputStream decompressor(InputStream raw, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> raw;
            case GZIP -> new GzipMembersInputStream(raw, BUFFER);
            case ZSTD -> new NothingAvailable(new ZstdInputStreamNoFinalizer(new BufferedInputStream(raw, BUFFER)));
        };
    }

    /** Hides {@code available()} of a decompressor (see {@link #decompressor}). */
    private static final class NothingAvailable extends FilterInputStream {
        NothingAvailable(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
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
