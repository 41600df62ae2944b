package org.loupe.analysis.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 (quantized), the sentence-embedding model text-clustering and NeMo Curator's SemDedup use,
 * from LangChain4j's in-process artifact (its ONNX model and tokenizer), run on ONNX Runtime in batches:
 * texts are tokenized with the model's own BERT tokenizer (Hugging Face tokenizers), cut to
 * {@code maxTokens} word pieces (the opening of a page says what it is about; the model was trained on at
 * most 256), grouped by length so that batches carry little padding, and mean-pooled over the attention
 * mask as sentence-transformers does. Batches run on {@code threads} workers, one ONNX thread each.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    private static final int DIMENSION = 384;
    private static final int BATCH = 32;
    /** Characters tokenized at most (well over what {@code maxTokens} word pieces take). */
    private static final int MAX_CHARS_PER_TOKEN = 8;

    private final int maxTokens;
    private final int threads;
    private final ExecutorService pool;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    /** The model with 48 word pieces per text (the map's default: the opening of a page says what it is about). */
    public MiniLmEmbedder(int threads) {
        this(threads, 48);
    }

    public MiniLmEmbedder(int threads, int maxTokens) {
        if (maxTokens < 8 || maxTokens > 256) {
            throw new IllegalArgumentException("max tokens must be 8..256, not " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "minilm");
            t.setDaemon(true);
            return t;
        });
        try (InputStream onnx = resource("/all-minilm-l6-v2-q.onnx");
             InputStream tok = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx.readAllBytes(), options);
            tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false", "truncation", "true",
                    "maxLength", Integer.toString(maxTokens), "modelMaxLength", Integer.toString(maxTokens)));
        } catch (IOException e) {
            pool.shutdownNow();
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            pool.shutdownNow();
            throw new IllegalStateException("ONNX Runtime could not load all-MiniLM-L6-v2: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("model resource " + name + " is missing from the classpath");
        }
        return in;
    }

    @Override
    public String name() {
        return "all-minilm-l6-v2-q-" + maxTokens;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[][] embed(List<String> texts) {
        int n = texts.size();
        Encoding[] enc = new Encoding[n];
        for (int i = 0; i < n; i++) {
            enc[i] = tokenizer.encode(prepare(texts.get(i), maxTokens * MAX_CHARS_PER_TOKEN), true, false);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
        float[][] out = new float[n][];
        List<Future<?>> jobs = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            int f = from;
            int to = Math.min(n, from + BATCH);
            jobs.add(pool.submit(() -> {
                runBatch(enc, order, f, to, out);
                return null;
            }));
        }
        try {
            for (Future<?> j : jobs) {
                j.get();
            }
        } catch (InterruptedException e) {
            jobs.forEach(j -> j.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause().getMessage(), e.getCause());
        }
        return out;
    }

    private void runBatch(Encoding[] enc, Integer[] order, int from, int to, float[][] out) throws OrtException {
        int b = to - from;
        int len = 0;
        for (int k = from; k < to; k++) {
            len = Math.max(len, Math.min(maxTokens, enc[order[k]].getIds().length));
        }
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] types = new long[b * len];
        for (int k = 0; k < b; k++) {
            long[] e = enc[order[from + k]].getIds();
            int m = Math.min(len, e.length);
            System.arraycopy(e, 0, ids, k * len, m);
            for (int t = 0; t < m; t++) {
                mask[k * len + t] = 1;
            }
        }
        long[] shape = {b, len};
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes))) {
            float[][][] hidden = (float[][][]) r.get(0).getValue();
            for (int k = 0; k < b; k++) {
                float[] v = new float[DIMENSION];
                int count = 0;
                for (int t = 0; t < len; t++) {
                    if (mask[k * len + t] == 0) {
                        continue;
                    }
                    count++;
                    float[] h = hidden[k][t];
                    for (int d = 0; d < DIMENSION; d++) {
                        v[d] += h[d];
                    }
                }
                if (count > 0) {
                    for (int d = 0; d < DIMENSION; d++) {
                        v[d] /= count;
                    }
                }
                out[order[from + k]] = Vectors.normalize(v);
            }
        }
    }

    /** The opening of a document that is tokenized: at most {@code maxChars} characters, cut at a space. */
    static String prepare(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        if (t.length() <= maxChars) {
            return t;
        }
        int cut = t.lastIndexOf(' ', maxChars);
        return t.substring(0, cut > maxChars / 2 ? cut : maxChars);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session that ran fine does not fail; nothing to hand back
        }
    }
}
