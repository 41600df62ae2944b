package org.loupe.engine.sample;

import com.github.luben.zstd.Zstd;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loupe.engine.io.Bytes;
import org.loupe.engine.model.Document;

/**
 * Writes a sample's documents, in row order, into a compact store: blocks of {@value #BLOCK_ROWS}
 * documents compressed with zstd ({@code docs.bin} + {@code blocks.bin}), and a small per-row summary
 * ({@code rows.bin}: id, URL, shard, position, characters, words) that the browse table loads without
 * touching the texts.
 *
 * <p>A block is built from documents already in {@link DocumentCodec} form ({@link #block}), which is
 * thread-safe, so that blocks can be compressed in parallel and then written in order ({@link #write}).
 */
final class SampleStoreWriter implements AutoCloseable {
    static final int BLOCK_ROWS = 64;
    static final String DOCS = "docs.bin";
    static final String BLOCKS = "blocks.bin";
    static final String ROWS = "rows.bin";
    /** zstd level 1: about three times faster than level 3 on web text, for a store 5-10% larger. */
    static final int ZSTD_LEVEL = 1;

    /** One compressed block and the rows.bin entries of its documents. */
    record Block(byte[] compressed, int rawLength, byte[] rows, int count) { }

    private final OutputStream docs;
    private final DataOutputStream blocks;
    private final OutputStream rows;
    private final Bytes pending = new Bytes(1 << 20);
    private int pendingRows;
    private long offset;
    private int count;

    SampleStoreWriter(Path dir) throws IOException {
        docs = new BufferedOutputStream(Files.newOutputStream(dir.resolve(DOCS)), 1 << 16);
        blocks = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(BLOCKS))));
        rows = new BufferedOutputStream(Files.newOutputStream(dir.resolve(ROWS)), 1 << 16);
    }

    /**
     * Builds a block from {@code count} encoded documents laid end to end in {@code raw[0, length)}: computes
     * each document's rows.bin entry from its bytes (no decoding of the text) and compresses the block.
     */
    static Block block(byte[] raw, int length, int count) {
        Bytes row = new Bytes(64 * count);
        Bytes.Reader in = new Bytes.Reader(raw, 0, length);
        for (int i = 0; i < count; i++) {
            DocumentCodec.row(raw, in, row);
        }
        if (in.position() != length) {
            throw new IllegalStateException("block holds more than " + count + " documents");
        }
        byte[] out = new byte[(int) Zstd.compressBound(length)];
        long n = Zstd.compressByteArray(out, 0, out.length, raw, 0, length, ZSTD_LEVEL);
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd: " + Zstd.getErrorName(n));
        }
        return new Block(java.util.Arrays.copyOf(out, (int) n), length, row.toArray(), count);
    }

    /** Appends one document (encoding it); blocks are compressed on this thread. */
    void add(Document doc, int shardIndex) throws IOException {
        DocumentCodec.encode(doc, shardIndex, pending);
        if (++pendingRows == BLOCK_ROWS) {
            flushPending();
        }
    }

    /** Appends a block built by {@link #block}; blocks must come in row order, each full but the last. */
    void write(Block b) throws IOException {
        if (pendingRows != 0) {
            throw new IllegalStateException("write(Block) after add(Document) of a partial block");
        }
        docs.write(b.compressed());
        blocks.writeLong(offset);
        blocks.writeInt(b.compressed().length);
        blocks.writeInt(b.rawLength());
        rows.write(b.rows());
        offset += b.compressed().length;
        count += b.count();
    }

    int count() {
        return count;
    }

    private void flushPending() throws IOException {
        if (pendingRows == 0) {
            return;
        }
        Block b = block(pending.array(), pending.size(), pendingRows);
        pending.clear();
        pendingRows = 0;
        write(b);
    }

    @Override
    public void close() throws IOException {
        try {
            flushPending();
        } finally {
            docs.close();
            blocks.close();
            rows.close();
        }
    }
}
