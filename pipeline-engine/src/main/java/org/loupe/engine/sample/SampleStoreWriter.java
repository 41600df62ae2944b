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
 */
final class SampleStoreWriter implements AutoCloseable {
    static final int BLOCK_ROWS = 64;
    static final String DOCS = "docs.bin";
    static final String BLOCKS = "blocks.bin";
    static final String ROWS = "rows.bin";

    private final OutputStream docs;
    private final DataOutputStream blocks;
    private final OutputStream rows;
    private final Bytes block = new Bytes(1 << 20);
    private final Bytes row = new Bytes(256);
    private int rowsInBlock;
    private long offset;
    private int count;

    SampleStoreWriter(Path dir) throws IOException {
        docs = new BufferedOutputStream(Files.newOutputStream(dir.resolve(DOCS)), 1 << 16);
        blocks = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(BLOCKS))));
        rows = new BufferedOutputStream(Files.newOutputStream(dir.resolve(ROWS)), 1 << 16);
    }

    void add(Document doc, int shardIndex) throws IOException {
        DocumentCodec.encode(doc, shardIndex, block);
        row.clear();
        row.putString(doc.id());
        row.putNullableString(doc.url());
        row.putVarLong(shardIndex);
        row.putVarLong(doc.source().position());
        row.putVarLong(TextCounts.chars(doc.text()));
        row.putVarLong(TextCounts.words(doc.text()));
        rows.write(row.array(), 0, row.size());
        count++;
        if (++rowsInBlock == BLOCK_ROWS) {
            flushBlock();
        }
    }

    int count() {
        return count;
    }

    private void flushBlock() throws IOException {
        if (rowsInBlock == 0) {
            return;
        }
        byte[] compressed = Zstd.compress(block.toArray(), 3);
        docs.write(compressed);
        blocks.writeLong(offset);
        blocks.writeInt(compressed.length);
        blocks.writeInt(block.size());
        offset += compressed.length;
        block.clear();
        rowsInBlock = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBlock();
        } finally {
            docs.close();
            blocks.close();
            rows.close();
        }
    }
}
