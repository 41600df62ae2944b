package org.loupe.engine.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds where a WARC record could start after damaged bytes, so that one corrupt record in a multi-GB
 * crawl file does not cost the rest of the file. A candidate is the start of a gzip member (a
 * {@code .warc.gz} compressed record by record, as crawlers write them) or, in an
 * uncompressed WARC, a line that starts with {@code WARC/1.}. Candidates are only guesses: the reader
 * confirms one by reading a record there, and tries the next one when that fails.
 *
 * <p>Reads with positional reads, so the channel's own position (used by jwarc) is not moved.
 */
final class WarcRecordStarts {
    private static final int CHUNK = 1 << 16;
    private static final byte[] WARC = {'W', 'A', 'R', 'C', '/', '1', '.'};

    private final FileChannel channel;
    private final Compression compression;

    WarcRecordStarts(FileChannel channel, Compression compression) {
        this.channel = channel;
        this.compression = compression;
    }

    /** The first candidate record start at or after {@code from}, or -1 when there is none. */
    long find(long from) throws IOException {
        long size = channel.size();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long offset = Math.max(0, from);
        int overlap = WARC.length; // enough for every pattern, plus the byte before a WARC line
        while (offset < size) {
            buf.clear();
            int n = 0;
            while (buf.hasRemaining()) {
                int r = channel.read(buf, offset + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n <= 0) {
                return -1;
            }
            byte[] b = buf.array();
            for (int i = 0; i < n; i++) {
                if (matches(b, i, n, offset + i)) {
                    return offset + i;
                }
            }
            if (offset + n >= size) {
                return -1;
            }
            offset += Math.max(1, n - overlap);
        }
        return -1;
    }

    private boolean matches(byte[] b, int i, int n, long absolute) throws IOException {
        return switch (compression) {
            // gzip magic, deflate, no reserved flag bits
            case GZIP -> i + 3 < n && (b[i] & 0xFF) == 0x1F && (b[i + 1] & 0xFF) == 0x8B && b[i + 2] == 8
                    && (b[i + 3] & 0xE0) == 0;
            // zstd WARCs are read as one decompressed stream, which cannot be re-entered
            case ZSTD -> false;
            case NONE -> i + WARC.length <= n && startsWith(b, i, WARC) && (absolute == 0 || lineStartAt(b, i, absolute));
        };
    }

    private boolean lineStartAt(byte[] b, int i, long absolute) throws IOException {
        if (i > 0) {
            return b[i - 1] == '\n';
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, absolute - 1) == 1 && one.get(0) == '\n';
    }

    private static boolean startsWith(byte[] b, int i, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (b[i + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
