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
 * ({@code embeddings/<model>.f32}): a header (magic, format, dimension, rows, rows done) and the vectors by
 * row. Rows are embedded in order, in batches; a cancelled run keeps the rows it finished and the next
 * run goes on from there. A file that does not match (another size, damaged) is embedded again.
 */
public final class EmbeddingStore {
    private static final int MAGIC = 0x4C454D42; // "LEMB"
    private static final int FORMAT = 1;
    private static final int HEADER = 20;
    private static final int BATCH = 256;

    private EmbeddingStore() {
    }

    /** The cache file of a model in a sample folder. */
    public static Path file(Path sampleDir, TextEmbedder embedder) {
        return sampleDir.resolve("embeddings").resolve(embedder.name() + ".f32");
    }

    /**
     * The vectors of rows {@code 0..rows-1}, from the cache where it has them.
     *
     * @param sampleDir the sample's workspace folder
     * @param rows      the sample's size
     * @param text      a row's text
     */
    public static float[][] embed(Path sampleDir, int rows, IntFunction<String> text, TextEmbedder embedder, TaskContext ctx)
            throws IOException {
        int dim = embedder.dimension();
        Path file = file(sampleDir, embedder);
        Files.createDirectories(file.getParent());
        float[][] out = new float[rows][];
        int done = read(file, rows, dim, out);
        if (done == rows) {
            return out;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            if (done == 0) {
                ch.truncate(0);
                ch.write(header(dim, rows, 0), 0);
            }
            ctx.message("Embedding " + (rows - done) + " documents with " + embedder.name());
            for (int from = done; from < rows; from += BATCH) {
                if (ctx.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                int to = Math.min(rows, from + BATCH);
                List<String> texts = new ArrayList<>(to - from);
                for (int r = from; r < to; r++) {
                    texts.add(text.apply(r));
                }
                float[][] v = embedder.embed(texts);
                ByteBuffer buf = ByteBuffer.allocate((to - from) * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = from; r < to; r++) {
                    out[r] = v[r - from];
                    for (float f : out[r]) {
                        buf.putFloat(f);
                    }
                }
                buf.flip();
                ch.write(buf, HEADER + (long) from * dim * 4);
                ch.write(header(dim, rows, to), 0);
                ctx.progress(to, rows);
            }
            ch.force(true);
        }
        return out;
    }

    private static ByteBuffer header(int dim, int rows, int done) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putInt(FORMAT).putInt(dim).putInt(rows).putInt(done).flip();
        return h;
    }

    /** Reads the rows done; 0 when the file is absent or does not match. */
    private static int read(Path file, int rows, int dim, float[][] out) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < HEADER) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 0);
            h.flip();
            if (h.getInt() != MAGIC || h.getInt() != FORMAT || h.getInt() != dim || h.getInt() != rows) {
                return 0;
            }
            int done = h.getInt();
            if (done < 0 || done > rows || ch.size() < HEADER + (long) done * dim * 4) {
                return 0;
            }
            ByteBuffer body = ByteBuffer.allocate(done * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
            while (body.hasRemaining()) {
                if (ch.read(body, HEADER + body.position()) < 0) {
                    return 0;
                }
            }
            body.flip();
            for (int r = 0; r < done; r++) {
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = body.getFloat();
                }
                out[r] = v;
            }
            return done;
        }
    }
}
