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

/**
 * A fastText supervised classifier, read from fastText's own binary format ({@code .bin}, or a quantized
 * {@code .ftz} such as {@code lid.176.ftz}) and evaluated in pure Java.
 *
 * <p>Why a reimplementation rather than a native binding: Loupe's language filter must give datatrove's labels
 * and scores, and datatrove calls fastText's Python binding. Bundling native fastText would tie the engine to
 * platforms and to JNI; this class instead repeats, step by step, what fastText 0.9 does when it predicts one
 * line, so that labels and probabilities come out the same:
 * <ol>
 * <li>the text is UTF-8 encoded and read as one line: tokens are runs of bytes between {@code ' '}, {@code \t},
 * {@code \v}, {@code \f}, {@code \r} and {@code \0}; the end of the line (the {@code "\n"} that the Python binding
 * appends) adds the token {@code </s>}. A {@code '\n'} inside the text ends the line there, as in fastText, and
 * so does a literal {@code </s>} token;</li>
 * <li>a known word contributes its own input row and the rows of its character n-grams; an unknown word only its
 * n-grams' rows; tokens that start with {@code __label__} contribute nothing. N-grams are the runs of
 * {@code minn..maxn} code points of {@code <word>}, hashed with fastText's FNV-1a variant into {@code bucket}
 * buckets; a quantized model keeps only some buckets (its prune index) and drops n-grams in the others;</li>
 * <li>the hidden vector is the average of those rows (float32, added in token order);</li>
 * <li>the loss the model was trained with gives the label scores: for hierarchical softmax (lid.176) a
 * depth-first walk of the Huffman tree over the label counts that keeps the k best leaves, summing
 * {@code log(p + 1e-5)} along the path; for softmax, one-vs-all and negative sampling the output layer and the
 * same k-best selection. Probabilities are {@code exp} of those sums.</li>
 * </ol>
 * All arithmetic is float32 in fastText's order, so results agree with fastText to the last bit or nearly so.
 *
 * <p>The model is immutable once loaded and {@link #predict} allocates its own small working state, so one
 * instance can serve any number of threads. A quantized input matrix is decoded to plain floats when loading
 * (50,000 × 16 floats, about 3.2 MB, for lid.176.ftz); that trades a little memory for a much faster predict and
 * gives bit-identical sums, because fastText adds the same {@code norm × centroid} products.
 */
public final class FastTextModel {
    /** The first four bytes of every fastText model file. */
    public static final int MAGIC = 793712314;
    /** The format version this reader understands (fastText 0.9). */
    public static final int VERSION = 12;

    private static final int SIGMOID_TABLE_SIZE = 512;
    private static final int MAX_SIGMOID = 8;

    /** The losses fastText can train a supervised model with; each predicts differently. */
    public enum Loss {
        HIERARCHICAL_SOFTMAX, NEGATIVE_SAMPLING, SOFTMAX, ONE_VS_ALL;

        static Loss ofId(int id) throws IOException {
            return switch (id) {
                case 1 -> HIERARCHICAL_SOFTMAX;
                case 2 -> NEGATIVE_SAMPLING;
                case 3 -> SOFTMAX;
                case 4 -> ONE_VS_ALL;
                default -> throw new IOException("unknown fastText loss id " + id);
            };
        }
    }

    private final int dim;
    private final int wordNgrams;
    private final Loss loss;
    private final boolean quantized;
    private final FastTextDictionary dict;
    private final String[] labels;
    /** Input rows, decoded to floats: row r is {@code input[r*dim .. r*dim+dim)}. */
    private final float[] input;
    private final int inputRows;
    /** Output rows; for a quantized output matrix the centroid values without the row norm. */
    private final float[] output;
    /** For a quantized output matrix with norms: each row's norm, applied after the dot product; else null. */
    private final float[] outputNorms;
    private final int outputRows;
    /** Hierarchical softmax tree: children of node i (-1 for leaves, which are the label indices). */
    private final int[] treeLeft;
    private final int[] treeRight;
    private final float[] sigmoidTable;

    FastTextModel(int dim, int wordNgrams, Loss loss, boolean quantized, FastTextDictionary dict,
            float[] input, int inputRows, float[] output, float[] outputNorms, int outputRows) {
        this.dim = dim;
        this.wordNgrams = wordNgrams;
        this.loss = loss;
        this.quantized = quantized;
        this.dict = dict;
        this.input = input;
        this.inputRows = inputRows;
        this.output = output;
        this.outputNorms = outputNorms;
        this.outputRows = outputRows;
        labels = new String[dict.nlabels()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dict.label(i);
        }
        if (loss == Loss.HIERARCHICAL_SOFTMAX) {
            int osz = dict.nlabels();
            treeLeft = new int[2 * osz - 1];
            treeRight = new int[2 * osz - 1];
            buildTree(dict.labelCounts(), treeLeft, treeRight);
        } else {
            treeLeft = null;
            treeRight = null;
        }
        sigmoidTable = new float[SIGMOID_TABLE_SIZE + 1];
        for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
            float x = (float) (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
            sigmoidTable[i] = (float) (1.0 / (1.0 + expf(-x)));
        }
    }

    /** Reads a model file. */
    public static FastTextModel load(Path file) throws IOException {
        return FastTextModelFile.parse(Files.readAllBytes(file));
    }

    /** Reads a model from a stream (read to its end; not closed). */
    public static FastTextModel load(InputStream in) throws IOException {
        return FastTextModelFile.parse(in.readAllBytes());
    }

    /**
     * fastText's Huffman tree over the label counts (labels are sorted by count, most frequent first): repeatedly
     * joins the two least frequent of the remaining leaves and inner nodes; the second one joined is the "1" child.
     */
    private static void buildTree(long[] counts, int[] left, int[] right) {
        int osz = counts.length;
        long[] count = new long[2 * osz - 1];
        Arrays.fill(count, (long) 1e15);
        Arrays.fill(left, -1);
        Arrays.fill(right, -1);
        System.arraycopy(counts, 0, count, 0, osz);
        int leaf = osz - 1;
        int node = osz;
        for (int i = osz; i < 2 * osz - 1; i++) {
            int[] mini = new int[2];
            for (int j = 0; j < 2; j++) {
                if (leaf >= 0 && count[leaf] < count[node]) {
                    mini[j] = leaf--;
                } else {
                    mini[j] = node++;
                }
            }
            left[i] = mini[0];
            right[i] = mini[1];
            count[i] = count[mini[0]] + count[mini[1]];
        }
    }

    /** The labels, in the model's order (most frequent in training first), with their {@code __label__} prefix. */
    public List<String> labels() {
        return Collections.unmodifiableList(Arrays.asList(labels));
    }

    public int dimension() {
        return dim;
    }

    public Loss loss() {
        return loss;
    }

    /** Whether the input matrix was product-quantized (an {@code .ftz} model). */
    public boolean isQuantized() {
        return quantized;
    }

    FastTextDictionary dictionary() {
        return dict;
    }

    /** Words in the vocabulary (not counting labels). */
    public int vocabularySize() {
        return dict.nwords();
    }

    /**
     * The {@code k} most probable labels for {@code text}, best first, as fastText's {@code predict} gives them with
     * threshold 0. {@code k = -1} asks for all, which (as in fastText) means up to the number of output rows and
     * only labels whose smoothed log-probability is at least {@code log(1e-5)}.
     */
    public List<ScoredLabel> predict(String text, int k) {
        return predict(text, k, 0f);
    }

    /**
     * As {@link #predict(String, int)}, with fastText's probability threshold: labels below it are not reported.
     * Returns an empty list when the text gives no input row at all (possible only for a model without
     * {@code </s>} in its vocabulary).
     */
    public List<ScoredLabel> predict(String text, int k, float threshold) {
        Objects.requireNonNull(text, "text");
        if (k == -1) {
            k = outputRows;
        } else if (k <= 0) {
            throw new IllegalArgumentException("k needs to be 1 or higher, or -1 for all: " + k);
        }
        float[] hidden = new float[dim];
        if (!computeHidden(text.getBytes(StandardCharsets.UTF_8), hidden)) {
            return List.of();
        }
        KBestHeap heap = new KBestHeap(k);
        if (loss == Loss.HIERARCHICAL_SOFTMAX) {
            dfs(k, stdLog(threshold), 2 * labels.length - 2, 0f, heap, hidden);
        } else {
            findKBest(k, threshold, heap, computeOutput(hidden));
        }
        heap.sortBestFirst();
        List<ScoredLabel> result = new ArrayList<>(heap.size());
        for (int i = 0; i < heap.size(); i++) {
            float score = heap.scoreAt(i);
            result.add(new ScoredLabel(labels[heap.idAt(i)], expf(score), score));
        }
        return result;
    }

    /**
     * Sums the input rows of the line into {@code hidden} and divides by their number; false when there was none.
     */
    private boolean computeHidden(byte[] b, float[] hidden) {
        int n = b.length;
        byte[] bracketed = null;
        FastTextDictionary.IntList rows = new FastTextDictionary.IntList(64);
        FastTextDictionary.IntList wordHashes = wordNgrams > 1 ? new FastTextDictionary.IntList(64) : null;
        int count = 0;
        int i = 0;
        boolean eos = false;
        while (!eos) {
            while (i < n && isBlank(b[i])) {
                i++;
            }
            int s;
            int e;
            byte[] src;
            if (i >= n || b[i] == '\n') {
                // The end of the line: fastText reads "\n" as the token </s>, then stops.
                src = FastTextDictionary.EOS_BYTES;
                s = 0;
                e = src.length;
                eos = true;
            } else {
                s = i;
                while (i < n && !isDelimiter(b[i])) {
                    i++;
                }
                e = i;
                src = b;
                eos = FastTextDictionary.isEos(b, s, e);
            }
            int h = FastTextDictionary.hash(src, s, e);
            int wid = dict.find(src, s, e, h);
            boolean label = wid >= 0 ? dict.isLabel(wid) : FastTextDictionary.startsWithLabelPrefix(src, s, e);
            if (label) {
                continue;
            }
            if (wid >= 0) {
                if (dict.maxn() <= 0) {
                    count += addRow(hidden, wid);
                } else {
                    for (int r : dict.subwords(wid)) {
                        count += addRow(hidden, r);
                    }
                }
            } else if (!FastTextDictionary.isEos(src, s, e)) {
                int len = e - s + 2;
                if (bracketed == null || bracketed.length < len) {
                    bracketed = new byte[Math.max(len, 64)];
                }
                bracketed[0] = '<';
                System.arraycopy(src, s, bracketed, 1, e - s);
                bracketed[len - 1] = '>';
                rows.clear();
                dict.computeSubwords(bracketed, len, rows);
                for (int r = 0; r < rows.size; r++) {
                    count += addRow(hidden, rows.a[r]);
                }
            }
            if (wordHashes != null) {
                wordHashes.add(h);
            }
        }
        if (wordHashes != null && dict.bucket() > 0) {
            for (int a = 0; a < wordHashes.size; a++) {
                long h = wordHashes.a[a];
                for (int j = a + 1; j < wordHashes.size && j < a + wordNgrams; j++) {
                    h = h * 116049371L + wordHashes.a[j];
                    int row = dict.bucketRow((int) Long.remainderUnsigned(h, dict.bucket()));
                    if (row >= 0) {
                        count += addRow(hidden, row);
                    }
                }
            }
        }
        if (count == 0) {
            return false;
        }
        float scale = (float) (1.0 / count);
        for (int d = 0; d < dim; d++) {
            hidden[d] *= scale;
        }
        return true;
    }

    private int addRow(float[] hidden, int row) {
        int off = row * dim;
        for (int d = 0; d < dim; d++) {
            hidden[d] += input[off + d];
        }
        return 1;
    }

    /** A byte that separates tokens, other than the newline that ends the line. */
    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0;
    }

    private static boolean isDelimiter(byte c) {
        return c == '\n' || isBlank(c);
    }

    private float dotRow(float[] hidden, int row) {
        int off = row * dim;
        float d = 0f;
        for (int j = 0; j < dim; j++) {
            d += output[off + j] * hidden[j];
        }
        return outputNorms == null ? d : d * outputNorms[row];
    }

    private void dfs(int k, float logThreshold, int node, float score, KBestHeap heap, float[] hidden) {
        if (score < logThreshold) {
            return;
        }
        if (heap.size() == k && score < heap.front()) {
            return;
        }
        if (treeLeft[node] == -1 && treeRight[node] == -1) {
            heap.offer(score, node, k);
            return;
        }
        float f = dotRow(hidden, node - labels.length);
        f = (float) (1.0 / (1f + expf(-f)));
        dfs(k, logThreshold, treeLeft[node], score + stdLog((float) (1.0 - f)), heap, hidden);
        dfs(k, logThreshold, treeRight[node], score + stdLog(f), heap, hidden);
    }

    private float[] computeOutput(float[] hidden) {
        int osz = labels.length;
        float[] out = new float[osz];
        for (int i = 0; i < osz; i++) {
            out[i] = dotRow(hidden, i);
        }
        if (loss == Loss.SOFTMAX) {
            float max = out[0];
            for (int i = 0; i < osz; i++) {
                max = Math.max(out[i], max);
            }
            float z = 0f;
            for (int i = 0; i < osz; i++) {
                out[i] = expf(out[i] - max);
                z += out[i];
            }
            for (int i = 0; i < osz; i++) {
                out[i] /= z;
            }
        } else {
            for (int i = 0; i < osz; i++) {
                out[i] = sigmoid(out[i]);
            }
        }
        return out;
    }

    private static void findKBest(int k, float threshold, KBestHeap heap, float[] out) {
        for (int i = 0; i < out.length; i++) {
            if (out[i] < threshold) {
                continue;
            }
            float s = stdLog(out[i]);
            if (heap.size() == k && s < heap.front()) {
                continue;
            }
            heap.offer(s, i, k);
        }
    }

    /** fastText's table-based sigmoid of one-vs-all and negative sampling. */
    private float sigmoid(float x) {
        if (x < -MAX_SIGMOID) {
            return 0f;
        } else if (x > MAX_SIGMOID) {
            return 1f;
        }
        int i = (int) ((x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2);
        return sigmoidTable[i];
    }

    /** fastText's {@code std_log}: the float argument widened, 1e-5 added in double, the log rounded to float. */
    static float stdLog(float x) {
        return (float) Math.log(x + 1e-5);
    }

    /** C's {@code expf}: fastText calls {@code std::exp} on floats. */
    static float expf(float x) {
        return (float) Math.exp(x);
    }
}
