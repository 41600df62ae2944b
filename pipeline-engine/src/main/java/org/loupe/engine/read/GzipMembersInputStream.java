package org.loupe.engine.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A strict gzip decompressor for shards: every member of a multi-member file (RFC 1952) is read and
 * checked (header, deflate data, CRC-32 and length), and anything that is not a clean end is an error.
 *
 * <p>{@link java.util.zip.GZIPInputStream} silently stops at a second member whose header is corrupt or
 * cut, and at trailing garbage, so the records there would vanish without a problem. Here, bytes after a
 * member that are not another member are a {@link ZipException} (corrupt), and a file that ends inside a
 * member (header, data or trailer) is an {@link EOFException} (truncated). Trailing zero bytes (padding
 * some writers add) are accepted, like gzip(1) does.
 *
 * <p>{@link #available()} is always 0, so that a {@link java.io.BufferedInputStream} on top returns the
 * bytes it already has instead of asking again in the same call: a failing second read would take the
 * bytes decompressed by the first with it.
 */
final class GzipMembersInputStream extends InputStream {
    private static final int RESERVED_FLAGS = 0xE0;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private enum State { HEADER, DATA, NEXT_MEMBER, END }

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input;
    private int inputPos;
    private int inputLen;
    /** Compressed bytes consumed before {@link #input}'s first byte (for messages). */
    private long inputBase;
    private State state = State.HEADER;
    private int member;
    private long memberSize;
    private boolean closed;

    GzipMembersInputStream(InputStream in, int bufferSize) {
        this.in = in;
        this.input = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            switch (state) {
                case END:
                    return -1;
                case HEADER:
                    readHeader(false);
                    break;
                case NEXT_MEMBER:
                    if (!readHeader(true)) {
                        state = State.END;
                        return -1;
                    }
                    break;
                case DATA:
                    int n = inflate(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    /** Inflates into b; 0 when the member ended (the trailer was checked) and more must be looked at. */
    private int inflate(byte[] b, int off, int len) throws IOException {
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data in gzip member " + member + " near compressed byte "
                        + compressedOffset() + ": " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                inputPos = inputLen - inflater.getRemaining();
                readTrailer();
                state = State.NEXT_MEMBER;
                return 0;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("gzip member " + member + " needs a preset dictionary, which gzip does not allow");
            }
            if (inflater.needsInput()) {
                inputPos = inputLen;
                if (!fill()) {
                    throw new EOFException("Unexpected end of gzip stream: the file ends inside the compressed data of member "
                            + member + " (truncated)");
                }
                inflater.setInput(input, inputPos, inputLen - inputPos);
            }
        }
    }

    /**
     * Reads a member header. With {@code optional}, a clean end of the file (or only zero padding) before
     * the header returns false.
     */
    private boolean readHeader(boolean optional) throws IOException {
        long at = compressedOffset();
        int id1 = readByteOrEnd();
        if (id1 < 0) {
            if (optional) {
                return false;
            }
            throw new EOFException("Unexpected end of gzip stream: the file ends before the gzip header (truncated)");
        }
        if (optional && id1 == 0) {
            skipZeroPadding(at);
            return false;
        }
        int id2 = readByteOrEnd();
        if (id1 != 0x1F || (id2 >= 0 && id2 != 0x8B)) {
            throw new ZipException(optional
                    ? "unexpected bytes after gzip member " + member + " at compressed byte " + at + ": not a gzip header (trailing garbage)"
                    : "not in gzip format");
        }
        if (id2 < 0) {
            throw truncatedHeader();
        }
        int method = readHeaderByte();
        if (method != 8) {
            throw new ZipException("unsupported compression method " + method + " in gzip member " + (member + 1)
                    + " at compressed byte " + at);
        }
        int flags = readHeaderByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ZipException("reserved flag bits set in the header of gzip member " + (member + 1)
                    + " at compressed byte " + at);
        }
        for (int i = 0; i < 6; i++) {
            readHeaderByte(); // MTIME, XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = readHeaderByte() | (readHeaderByte() << 8);
            for (int i = 0; i < xlen; i++) {
                readHeaderByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (readHeaderByte() != 0) {
                // file name, zero-terminated
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (readHeaderByte() != 0) {
                // comment, zero-terminated
            }
        }
        if ((flags & FHCRC) != 0) {
            readHeaderByte();
            readHeaderByte();
        }
        member++;
        memberSize = 0;
        crc.reset();
        inflater.reset();
        if (inputPos < inputLen) {
            inflater.setInput(input, inputPos, inputLen - inputPos);
        }
        state = State.DATA;
        return true;
    }

    private void skipZeroPadding(long at) throws IOException {
        int b;
        while ((b = readByteOrEnd()) >= 0) {
            if (b != 0) {
                throw new ZipException("unexpected bytes after gzip member " + member + " at compressed byte " + at
                        + ": not a gzip header (trailing garbage)");
            }
        }
    }

    private void readTrailer() throws IOException {
        long expectedCrc = readTrailerInt();
        long expectedSize = readTrailerInt();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("Corrupt GZIP trailer: CRC-32 mismatch in gzip member " + member
                    + " (the decompressed data is damaged)");
        }
        if (expectedSize != (memberSize & 0xFFFFFFFFL)) {
            throw new ZipException("Corrupt GZIP trailer: length mismatch in gzip member " + member);
        }
    }

    private long readTrailerInt() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = readByteOrEnd();
            if (b < 0) {
                throw new EOFException("Unexpected end of gzip stream: the file ends inside the trailer of member "
                        + member + " (truncated)");
            }
            v |= (long) b << (8 * i);
        }
        return v;
    }

    private int readHeaderByte() throws IOException {
        int b = readByteOrEnd();
        if (b < 0) {
            throw truncatedHeader();
        }
        return b;
    }

    private EOFException truncatedHeader() {
        return new EOFException("Unexpected end of gzip stream: the file ends inside the header of member "
                + (member + 1) + " (truncated)");
    }

    private int readByteOrEnd() throws IOException {
        if (inputPos >= inputLen && !fill()) {
            return -1;
        }
        return input[inputPos++] & 0xFF;
    }

    /** Replaces the (fully consumed) input buffer with the next bytes; false at the end of the file. */
    private boolean fill() throws IOException {
        inputBase += inputLen;
        inputPos = 0;
        inputLen = 0;
        int n;
        do {
            n = in.read(input, 0, input.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        inputLen = n;
        return true;
    }

    private long compressedOffset() {
        return inputBase + (state == State.DATA ? inputLen - inflater.getRemaining() : inputPos);
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
