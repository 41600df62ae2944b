package org.loupe.analysis.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;
import org.loupe.engine.task.TaskContext;

/**
 * The embeddings of a sample's documents, cached in the sample's workspace folder
 * ({@code embeddings/<model>.f32}): a header (magic, format, dimension, rows), a bitmap of the rows done,
 * and a vector slot per row. Any subset of rows can be asked for; only the rows not done yet are embedded,
 * in batches, and each batch is written (vectors first, then its bits) before the next, so a cancelled run
 * keeps what it finished. A file that does not match (another model size, another sample size, damaged
 * header) is started again.
 */
public final class EmbeddingStore {
    private static final int MAGIC = 0x4C454D42; // "LEMB"
    private static final int FORMAT = 2;
    private static final int HEADER = 16;
    private static final int BATCH = 256;

    private EmbeddingStore() {
    }

    /** The cache file of a model in a sample folder. */
    public static Path file(Path sampleDir, TextEmbedder embedder) {
        return sampleDir.resolve("embeddings").resolve(embedder.name() + ".f32");
    }

    /** The vectors of all rows {@code 0..size-1}. */
    public static float[][] embed(Path sampleDir, int size, IntFunction<String> text, TextEmbedder embedder, TaskContext ctx)
            throws IOException {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        return embed(sampleDir, size, all, text, embedder, ctx);
    }

    /**
     * The vectors of some rows, in the order given.
     *
     * @param sampleDir the sample's workspace folder
     * @param size      the sample's size
     * @param rows      the rows wanted (each in {@code 0..size-1})
     * @param text      a row's text
     */
    public static float[][] embed(Path sampleDir, int size, int[] rows, IntFunction<String> text, TextEmbedder embedder,
                                  TaskContext ctx) throws IOException {
        int dim = embedder.dimension();
        Path file = file(sampleDir, embedder);
        Files.createDirectories(file.getParent());
        int bitmapBytes = (size + 7) / 8;
        long vectorsAt = HEADER + bitmapBytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            byte[] bitmap = new byte[bitmapBytes];
            if (!matches(ch, dim, size, bitmap)) {
                ch.truncate(0);
                ByteBuffer h = ByteBuffer.allocate(HEADER + bitmapBytes).order(ByteOrder.LITTLE_ENDIAN);
                h.putInt(MAGIC).putInt(FORMAT).putInt(dim).putInt(size).put(new byte[bitmapBytes]).flip();
                write(ch, h, 0);
                java.util.Arrays.fill(bitmap, (byte) 0);
            }
            float[][] out = new float[rows.length][];
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                if ((bitmap[r >>> 3] & (1 << (r & 7))) != 0) {
                    out[i] = readVector(ch, vectorsAt + (long) r * dim * 4, dim);
                } else {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                ctx.message("Embedding " + missing.size() + " documents with " + embedder.name());
            }
            for (int from = 0; from < missing.size(); from += BATCH) {
                if (ctx.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                int to = Math.min(missing.size(), from + BATCH);
                List<String> texts = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    texts.add(text.apply(rows[missing.get(k)]));
                }
                float[][] v = embedder.embed(texts);
                for (int k = from; k < to; k++) {
                    int i = missing.get(k);
                    int r = rows[i];
                    out[i] = v[k - from];
                    ByteBuffer buf = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (float f : out[i]) {
                        buf.putFloat(f);
                    }
                    buf.flip();
                    write(ch, buf, vectorsAt + (long) r * dim * 4);
                }
                for (int k = from; k < to; k++) {
                    int r = rows[missing.get(k)];
                    bitmap[r >>> 3] |= (byte) (1 << (r & 7));
                }
                write(ch, ByteBuffer.wrap(bitmap), HEADER);
                ctx.progress(to, missing.size(), TaskContext.Unit.DOCUMENTS);
            }
            if (!missing.isEmpty()) {
                ch.force(false);
            }
            return out;
        }
    }

    private static boolean matches(FileChannel ch, int dim, int size, byte[] bitmap) throws IOException {
        if (ch.size() < HEADER + bitmap.length) {
            return false;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(h, 0);
        h.flip();
        if (h.getInt() != MAGIC || h.getInt() != FORMAT || h.getInt() != dim || h.getInt() != size) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bitmap);
        while (b.hasRemaining()) {
            if (ch.read(b, HEADER + b.position()) < 0) {
                return false;
            }
        }
        // a bit whose vector lies beyond the end of the file is not done
        long vectorsAt = HEADER + bitmap.length;
        for (int r = 0; r < size; r++) {
            if ((bitmap[r >>> 3] & (1 << (r & 7))) != 0 && ch.size() < vectorsAt + (long) (r + 1) * dim * 4) {
                bitmap[r >>> 3] &= (byte) ~(1 << (r & 7));
            }
        }
        return true;
    }

    private static float[] readVector(FileChannel ch, long at, int dim) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("embedding cache cut short");
            }
        }
        b.flip();
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = b.getFloat();
        }
        return v;
    }

    private static void write(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }
}
