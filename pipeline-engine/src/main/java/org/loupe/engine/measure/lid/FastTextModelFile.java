package org.loupe.engine.measure.lid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.loupe.engine.measure.lid.FastTextModel.Loss;

/**
 * Reads fastText's binary model format (0.9: {@code .bin} and quantized {@code .ftz}) into a
 * {@link FastTextModel}: the header, the dictionary, dense or product-quantized matrices. Every size is
 * checked against what follows, so a damaged file is an {@link IOException}, never a wrong model.
 */
final class FastTextModelFile {
    /** Centroids per subquantizer of a product quantizer. */
    private static final int KSUB = 256;
    private static final int MODEL_SUPERVISED = 3;

    private FastTextModelFile() {
    }

    static FastTextModel parse(byte[] bytes) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return parse(bb);
        } catch (BufferUnderflowException e) {
            throw new IOException("fastText model file is truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static FastTextModel parse(ByteBuffer bb) throws IOException {
        int magic = bb.getInt();
        if (magic != FastTextModel.MAGIC) {
            throw new IOException("not a fastText model file (magic " + magic + ", expected " + FastTextModel.MAGIC + ")");
        }
        int version = bb.getInt();
        if (version != FastTextModel.VERSION) {
            throw new IOException("fastText model format version " + version + " is not supported (only " + FastTextModel.VERSION + ")");
        }
        // Args, in fastText's order: dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate t.
        int dim = bb.getInt();
        bb.getInt(); // ws
        bb.getInt(); // epoch
        bb.getInt(); // minCount
        bb.getInt(); // neg
        int wordNgrams = bb.getInt();
        Loss loss = Loss.ofId(bb.getInt());
        int model = bb.getInt();
        int bucket = bb.getInt();
        int minn = bb.getInt();
        int maxn = bb.getInt();
        bb.getInt(); // lrUpdateRate
        bb.getDouble(); // t
        if (model != MODEL_SUPERVISED) {
            throw new IOException("only supervised fastText models can predict labels (model id " + model + ")");
        }
        if (dim <= 0) {
            throw new IOException("bad fastText dimension " + dim);
        }

        // Dictionary: counts, entries (NUL-terminated word, int64 count, int8 type), then the prune index.
        int size = bb.getInt();
        int nwords = bb.getInt();
        int nlabels = bb.getInt();
        bb.getLong(); // ntokens
        long pruneIdxSize = bb.getLong();
        if (size < 0 || nwords < 0 || nlabels <= 0 || nwords + nlabels != size) {
            throw new IOException("bad fastText dictionary sizes: size " + size + ", words " + nwords + ", labels " + nlabels);
        }
        byte[][] words = new byte[size][];
        long[] counts = new long[size];
        byte[] types = new byte[size];
        for (int i = 0; i < size; i++) {
            int start = bb.position();
            int end = start;
            while (bb.get(end) != 0) {
                end++;
            }
            words[i] = Arrays.copyOfRange(bb.array(), start, end);
            bb.position(end + 1);
            counts[i] = bb.getLong();
            types[i] = bb.get();
            boolean shouldBeLabel = i >= nwords;
            if ((types[i] == FastTextDictionary.TYPE_LABEL) != shouldBeLabel) {
                throw new IOException("fastText dictionary entry " + i + " has type " + types[i]
                        + " but words come before labels");
            }
        }
        FastTextDictionary.IntIntMap pruneIdx = null;
        if (pruneIdxSize > 0) {
            if (pruneIdxSize > Integer.MAX_VALUE) {
                throw new IOException("fastText prune index too large: " + pruneIdxSize);
            }
            int n = (int) pruneIdxSize;
            int[] keys = new int[n];
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = bb.getInt();
                values[i] = bb.getInt();
            }
            pruneIdx = new FastTextDictionary.IntIntMap(keys, values);
        }
        FastTextDictionary dict = new FastTextDictionary(words, counts, types, nwords, nlabels, minn, maxn, bucket,
                pruneIdxSize, pruneIdx);

        boolean quantInput = bb.get() != 0;
        if (!quantInput && pruneIdxSize >= 0) {
            throw new IOException("invalid fastText model: a pruned dictionary needs a quantized input matrix");
        }
        Matrix in = quantInput ? readQuantized(bb, true) : readDense(bb);
        boolean qout = bb.get() != 0;
        Matrix out = quantInput && qout ? readQuantized(bb, false) : readDense(bb);
        if (in.cols != dim || out.cols != dim) {
            throw new IOException("fastText matrix width " + in.cols + "/" + out.cols + " does not match dim " + dim);
        }
        long neededInput = (long) nwords + (pruneIdxSize > 0 ? pruneIdxSize : pruneIdxSize == 0 ? 0 : bucket);
        if (in.rows < neededInput) {
            throw new IOException("fastText input matrix has " + in.rows + " rows, needs " + neededInput);
        }
        int neededOutput = loss == Loss.HIERARCHICAL_SOFTMAX ? nlabels - 1 : nlabels;
        if (out.rows < neededOutput) {
            throw new IOException("fastText output matrix has " + out.rows + " rows, needs " + neededOutput);
        }
        return new FastTextModel(dim, wordNgrams, loss, quantInput, dict, in.data, in.rows, out.data, out.norms,
                out.rows);
    }

    /** A matrix as decoded for prediction. */
    private record Matrix(int rows, int cols, float[] data, float[] norms) {
    }

    private static Matrix readDense(ByteBuffer bb) throws IOException {
        long m = bb.getLong();
        long n = bb.getLong();
        if (m < 0 || n <= 0 || m * n > Integer.MAX_VALUE - 16) {
            throw new IOException("bad fastText dense matrix size " + m + " x " + n);
        }
        float[] data = new float[(int) (m * n)];
        bb.asFloatBuffer().get(data);
        bb.position(bb.position() + data.length * Float.BYTES);
        return new Matrix((int) m, (int) n, data, null);
    }

    /**
     * Reads a product-quantized matrix (codes, the product quantizer's centroids, and with {@code qnorm} one
     * quantized norm per row). Input rows are expanded to {@code norm × centroid} floats, the very products that
     * fastText adds to the hidden vector; output rows keep the plain centroids and their norms apart, because
     * fastText multiplies the norm in after the dot product.
     */
    private static Matrix readQuantized(ByteBuffer bb, boolean foldNorms) throws IOException {
        boolean qnorm = bb.get() != 0;
        long m = bb.getLong();
        long n = bb.getLong();
        int codeSize = bb.getInt();
        if (m <= 0 || n <= 0 || m * n > Integer.MAX_VALUE - 16 || codeSize < 0) {
            throw new IOException("bad fastText quantized matrix size " + m + " x " + n);
        }
        byte[] codes = new byte[codeSize];
        bb.get(codes);
        Quantizer pq = Quantizer.read(bb);
        if (pq.dim != n || (long) pq.nsubq * m != codeSize) {
            throw new IOException("fastText quantizer (dim " + pq.dim + ", " + pq.nsubq + " subquantizers) does not fit a "
                    + m + " x " + n + " matrix with " + codeSize + " codes");
        }
        float[] norms = null;
        if (qnorm) {
            byte[] normCodes = new byte[(int) m];
            bb.get(normCodes);
            Quantizer npq = Quantizer.read(bb);
            norms = new float[(int) m];
            for (int i = 0; i < m; i++) {
                norms[i] = npq.centroid(0, normCodes[i] & 0xFF, 0);
            }
        }
        int rows = (int) m;
        int cols = (int) n;
        float[] data = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            float alpha = foldNorms && norms != null ? norms[i] : 1f;
            for (int s = 0; s < pq.nsubq; s++) {
                int code = codes[i * pq.nsubq + s] & 0xFF;
                int d = s == pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
                for (int j = 0; j < d; j++) {
                    data[i * cols + s * pq.dsub + j] = alpha * pq.centroid(s, code, j);
                }
            }
        }
        return new Matrix(rows, cols, data, foldNorms ? null : norms);
    }

    /** fastText's ProductQuantizer as stored: 256 centroids per subquantizer, the last one possibly narrower. */
    private record Quantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
        static Quantizer read(ByteBuffer bb) throws IOException {
            int dim = bb.getInt();
            int nsubq = bb.getInt();
            int dsub = bb.getInt();
            int lastdsub = bb.getInt();
            if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || (long) (nsubq - 1) * dsub + lastdsub != dim) {
                throw new IOException("bad fastText product quantizer: dim " + dim + ", nsubq " + nsubq + ", dsub "
                        + dsub + ", lastdsub " + lastdsub);
            }
            float[] c = new float[dim * KSUB];
            bb.asFloatBuffer().get(c);
            bb.position(bb.position() + c.length * Float.BYTES);
            return new Quantizer(dim, nsubq, dsub, lastdsub, c);
        }

        float centroid(int sub, int code, int j) {
            if (sub == nsubq - 1) {
                return centroids[sub * KSUB * dsub + code * lastdsub + j];
            }
            return centroids[(sub * KSUB + code) * dsub + j];
        }
    }
}
