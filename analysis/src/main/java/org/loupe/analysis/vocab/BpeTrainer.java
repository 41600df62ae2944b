package org.loupe.analysis.vocab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.loupe.analysis.vocab.BpeModel.Merge;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * Trains a byte-level BPE tokenizer, the way Hugging Face's trainer does and about as fast: texts are split
 * into pieces in parallel and the distinct pieces counted; each distinct piece is a word of byte symbols;
 * pair counts are kept per pair together with the words that hold it, so a merge only visits its own words
 * and changes the counts of the pairs around each occurrence; a max-heap with lazy updates picks the next
 * pair.
 *
 * <p>The most frequent adjacent pair is merged next; ties go to the pair with the smaller left id, then the
 * smaller right id. A merge whose bytes already exist as a token (reached by another pair) reuses that id,
 * so the vocabulary holds distinct byte strings. Training stops at the vocabulary size or when no pair is
 * left.
 */
public final class BpeTrainer {

    /**
     * @param vocabSize    tokens wanted, the 256 bytes included
     * @param preTokenizer how texts are split before merging
     * @param minFrequency pairs seen fewer times are never merged
     */
    public record Options(int vocabSize, PreTokenizer preTokenizer, long minFrequency) {
        public Options {
            if (vocabSize < 256) {
                throw new IllegalArgumentException("vocab size must be at least 256 (the bytes), not " + vocabSize);
            }
            if (vocabSize > 1 << 20) {
                throw new IllegalArgumentException("vocab size must be at most " + (1 << 20) + ", not " + vocabSize);
            }
            java.util.Objects.requireNonNull(preTokenizer, "preTokenizer");
        }

        public Options(int vocabSize, PreTokenizer preTokenizer) {
            this(vocabSize, preTokenizer, 2);
        }
    }

    /** Timings of a training, in milliseconds, and what it saw. */
    public record Stats(long documents, long bytes, long pieces, int distinctPieces, long countMillis,
                        long mergeMillis) { }

    private final Options options;
    private final int threads;
    private Stats stats;

    public BpeTrainer(Options options, int threads) {
        this.options = options;
        this.threads = Math.max(1, threads);
    }

    /** What the last {@link #train} saw and how long it took. */
    public Stats stats() {
        return stats;
    }

    /**
     * Trains on {@code documents} texts.
     *
     * @param documents how many texts
     * @param text      the text of one (called from several threads; may return null for none)
     * @param context   progress (texts, then merges) and cancellation
     */
    public BpeModel train(int documents, IntFunction<? extends CharSequence> text, TaskContext context) {
        long t0 = System.nanoTime();
        context.message("Splitting " + documents + " documents into pieces");
        Map<String, long[]> counts = countPieces(documents, text, context);
        long t1 = System.nanoTime();
        context.message("Merging pairs");
        BpeModel model = merge(counts, context);
        long t2 = System.nanoTime();
        long pieces = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            pieces += e.getValue()[0];
        }
        bytes = totalBytes.get();
        stats = new Stats(documents, bytes, pieces, counts.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        return model;
    }

    private final AtomicLong totalBytes = new AtomicLong();

    private Map<String, long[]> countPieces(int documents, IntFunction<? extends CharSequence> text, TaskContext context) {
        int workers = Math.min(threads, Math.max(1, documents / 64));
        List<Map<String, long[]>> partial = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            partial.add(new HashMap<>());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        totalBytes.set(0);
        int chunk = 64;
        Workers.run(workers, "bpe-count", worker -> {
            PreTokenizer pre = options.preTokenizer();
            Map<String, long[]> mine = partial.get(worker);
            long chars = 0;
            while (true) {
                int from = next.getAndAdd(chunk);
                if (from >= documents) {
                    break;
                }
                context.checkCancelled();
                int to = Math.min(documents, from + chunk);
                for (int d = from; d < to; d++) {
                    CharSequence t = text.apply(d);
                    if (t == null) {
                        continue;
                    }
                    chars += t.length();
                    pre.split(t, piece -> mine.computeIfAbsent(piece, k -> new long[1])[0]++);
                }
                context.progress(done.addAndGet(to - from), documents, TaskContext.Unit.DOCUMENTS);
            }
            totalBytes.addAndGet(chars);
        });
        Map<String, long[]> all = partial.get(0);
        for (int w = 1; w < partial.size(); w++) {
            for (Map.Entry<String, long[]> e : partial.get(w).entrySet()) {
                long[] c = all.putIfAbsent(e.getKey(), e.getValue());
                if (c != null) {
                    c[0] += e.getValue()[0];
                }
            }
            partial.set(w, null);
        }
        return all;
    }

    // ---- merging -------------------------------------------------------------------------------------

    private int[][] words;
    private int[] lengths;
    private long[] freq;

    private int pairs;
    private int[] pairLeft = new int[1 << 16];
    private int[] pairRight = new int[1 << 16];
    private long[] pairCount = new long[1 << 16];
    private int[][] pairWords = new int[1 << 16][];
    private int[] pairWordCount = new int[1 << 16];
    private int[] pairTouched = new int[1 << 16];
    private boolean[] pairMerged = new boolean[1 << 16];
    private LongIntMap pairIndex;

    private long[] heapCount = new long[1 << 16];
    private int[] heapPair = new int[1 << 16];
    private int heapSize;

    private int[] touched = new int[256];
    private int touchedCount;
    private int stamp;

    private BpeModel merge(Map<String, long[]> counts, TaskContext context) {
        pairs = 0;
        pairLeft = new int[1 << 16];
        pairRight = new int[1 << 16];
        pairCount = new long[1 << 16];
        pairWords = new int[1 << 16][];
        pairWordCount = new int[1 << 16];
        pairTouched = new int[1 << 16];
        pairMerged = new boolean[1 << 16];
        heapCount = new long[1 << 16];
        heapPair = new int[1 << 16];
        heapSize = 0;
        stamp = 0;
        String[] pieces = counts.keySet().toArray(String[]::new);
        Arrays.sort(pieces);
        int n = pieces.length;
        words = new int[n][];
        lengths = new int[n];
        freq = new long[n];
        for (int w = 0; w < n; w++) {
            byte[] b = pieces[w].getBytes(StandardCharsets.UTF_8);
            int[] s = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                s[i] = b[i] & 0xFF;
            }
            words[w] = s;
            lengths[w] = s.length;
            freq[w] = counts.get(pieces[w])[0];
        }
        pairIndex = new LongIntMap(1 << 16);
        for (int w = 0; w < n; w++) {
            int[] s = words[w];
            for (int i = 0; i + 1 < s.length; i++) {
                int p = pairOf(s[i], s[i + 1]);
                pairCount[p] += freq[w];
                addWord(p, w);
            }
        }
        for (int p = 0; p < pairs; p++) {
            push(pairCount[p], p);
        }

        List<byte[]> tokens = new ArrayList<>(options.vocabSize());
        Map<ByteKey, Integer> idOfBytes = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
            idOfBytes.put(new ByteKey(tokens.get(b)), b);
        }
        List<Merge> merges = new ArrayList<>();
        int[] wordStamp = new int[n];
        int target = options.vocabSize();
        long minFrequency = Math.max(1, options.minFrequency());
        while (tokens.size() < target && heapSize > 0) {
            long snapshot = heapCount[0];
            int p = heapPair[0];
            pop();
            if (snapshot != pairCount[p]) {
                if (pairCount[p] > 0) {
                    push(pairCount[p], p);
                }
                continue;
            }
            if (snapshot < minFrequency) {
                break;
            }
            int a = pairLeft[p];
            int b = pairRight[p];
            byte[] joined = concat(tokens.get(a), tokens.get(b));
            ByteKey key = new ByteKey(joined);
            Integer existing = idOfBytes.get(key);
            int c;
            if (existing != null) {
                c = existing;
            } else {
                c = tokens.size();
                tokens.add(joined);
                idOfBytes.put(key, c);
            }
            if (!pairMerged[p]) {
                // a pair can come back when a later merge rebuilds an existing token next to it; its words are
                // merged again but the rule is listed once (Hugging Face keeps the last of duplicate rules)
                pairMerged[p] = true;
                merges.add(new Merge(a, b, c, snapshot));
            }
            stamp++;
            touchedCount = 0;
            int[] list = pairWords[p];
            int listSize = pairWordCount[p];
            for (int k = 0; k < listSize; k++) {
                int w = list[k];
                if (wordStamp[w] == stamp) {
                    continue;
                }
                wordStamp[w] = stamp;
                mergeWord(w, a, b, c);
            }
            pairCount[p] = 0;
            pairWords[p] = null;
            pairWordCount[p] = 0;
            for (int t = 0; t < touchedCount; t++) {
                int q = touched[t];
                if (pairCount[q] > 0) {
                    push(pairCount[q], q);
                }
            }
            if ((merges.size() & 63) == 0) {
                context.checkCancelled();
                context.progress(tokens.size() - 256, target - 256);
            }
        }
        context.progress(target - 256, target - 256);

        long[] tokenCounts = new long[tokens.size()];
        for (int w = 0; w < n; w++) {
            for (int i = 0; i < lengths[w]; i++) {
                tokenCounts[words[w][i]] += freq[w];
            }
        }
        words = null;
        pairWords = null;
        return new BpeModel(options.preTokenizer(), tokens, merges, tokenCounts);
    }

    /** Merges every (a, b) in word w into c, updating the counts of the pairs around each occurrence. */
    private void mergeWord(int w, int a, int b, int c) {
        int[] s = words[w];
        int len = lengths[w];
        long f = freq[w];
        int out = 0;
        int i = 0;
        while (i < len) {
            if (i + 1 < len && s[i] == a && s[i + 1] == b) {
                if (out > 0) {
                    int prev = s[out - 1];
                    change(prev, a, -f, w);
                    change(prev, c, f, w);
                }
                if (i + 2 < len) {
                    int next = s[i + 2];
                    change(b, next, -f, w);
                    change(c, next, f, w);
                }
                s[out++] = c;
                i += 2;
            } else {
                s[out++] = s[i++];
            }
        }
        lengths[w] = out;
    }

    private void change(int left, int right, long delta, int w) {
        int p = pairOf(left, right);
        pairCount[p] += delta;
        if (delta > 0) {
            addWord(p, w);
            if (pairTouched[p] != stamp) {
                pairTouched[p] = stamp;
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touchedCount * 2);
                }
                touched[touchedCount++] = p;
            }
        }
    }

    private int pairOf(int left, int right) {
        int p = pairIndex.putIfAbsent(LongIntMap.key(left, right), pairs);
        if (p == pairs) {
            if (pairs == pairLeft.length) {
                int cap = pairs * 2;
                pairLeft = Arrays.copyOf(pairLeft, cap);
                pairRight = Arrays.copyOf(pairRight, cap);
                pairCount = Arrays.copyOf(pairCount, cap);
                pairWords = Arrays.copyOf(pairWords, cap);
                pairWordCount = Arrays.copyOf(pairWordCount, cap);
                pairTouched = Arrays.copyOf(pairTouched, cap);
                pairMerged = Arrays.copyOf(pairMerged, cap);
            }
            pairLeft[p] = left;
            pairRight[p] = right;
            pairs++;
        }
        return p;
    }

    private void addWord(int p, int w) {
        int[] list = pairWords[p];
        int size = pairWordCount[p];
        if (list == null) {
            list = new int[4];
            pairWords[p] = list;
        } else if (list[size - 1] == w) {
            return;
        } else if (size == list.length) {
            list = Arrays.copyOf(list, size * 2);
            pairWords[p] = list;
        }
        list[size] = w;
        pairWordCount[p] = size + 1;
    }

    // ---- max-heap on (count desc, left asc, right asc) -------------------------------------------------

    private boolean before(long countX, int pairX, long countY, int pairY) {
        if (countX != countY) {
            return countX > countY;
        }
        if (pairLeft[pairX] != pairLeft[pairY]) {
            return pairLeft[pairX] < pairLeft[pairY];
        }
        return pairRight[pairX] < pairRight[pairY];
    }

    private void push(long count, int pair) {
        if (heapSize == heapCount.length) {
            heapCount = Arrays.copyOf(heapCount, heapSize * 2);
            heapPair = Arrays.copyOf(heapPair, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(count, pair, heapCount[parent], heapPair[parent])) {
                break;
            }
            heapCount[i] = heapCount[parent];
            heapPair[i] = heapPair[parent];
            i = parent;
        }
        heapCount[i] = count;
        heapPair[i] = pair;
    }

    private void pop() {
        int last = --heapSize;
        long count = heapCount[last];
        int pair = heapPair[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heapCount[child + 1], heapPair[child + 1], heapCount[child], heapPair[child])) {
                child++;
            }
            if (!before(heapCount[child], heapPair[child], count, pair)) {
                break;
            }
            heapCount[i] = heapCount[child];
            heapPair[i] = heapPair[child];
            i = child;
        }
        if (heapSize > 0) {
            heapCount[i] = count;
            heapPair[i] = pair;
        }
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private record ByteKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
