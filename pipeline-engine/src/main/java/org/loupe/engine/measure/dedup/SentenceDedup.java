package org.loupe.engine.measure.dedup;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.measure.text.PyText;
import org.loupe.engine.measure.text.TextSpan;
import org.loupe.engine.measure.text.TokenizedText;

/**
 * datatrove's C4-style sentence dedup, {@code SentenceDedupSignature} → {@code SentenceFindDedups} →
 * {@code SentenceDedupFilter} ({@code pipeline/dedup/sentence_dedup.py}, spec §12) with the default
 * {@code SentDedupConfig}: 3-sentence windows, spaCy sentences, {@code min_doc_words=50},
 * {@code min_num_sentences=3}, {@code min_words_to_remove_span=0}, default {@code TextNormConfig}, xxhash64,
 * no index.
 * <ul>
 *   <li>Stage 1 ({@link #windowHashes}): the sentences are {@code sent_tokenize(text)} (stripped, empty ones
 *       dropped); with fewer than 3 there are no windows. Window i is
 *       {@code " ".join(simplify_text(s) for s in sentences[i:i+3])}, skipped when blank, hashed with
 *       xxhash64.</li>
 *   <li>Stage 2: the records (hash, doc, window) in sorted order; every record after the first of a run of
 *       equal hashes is a duplicate. The first of a run is the smallest (doc, window), so walking the
 *       documents and their windows in order and remembering the hashes already met finds the same
 *       duplicates.</li>
 *   <li>Stage 3 ({@code remove_dup_sentences}): on the {@code span_tokenize} spans (not stripped, so the
 *       indices can drift from stage 1's when a span is only whitespace), a duplicate window i drops spans
 *       i … i+2. Each kept span is taken together with the text since the previous span's end, the pieces
 *       are joined and {@code lstrip()}-ed; text after the last span is lost. A document whose text changed
 *       is kept only with at least 50 words and 3 sentences ({@code split_into_sentences}); an unchanged one
 *       is kept as it is. An empty result is never kept.</li>
 * </ul>
 *
 * <p>As for the other dedups, a mask restricts the run to some documents, numbered by their position among
 * the included ones, which gives what datatrove gives on those documents alone.
 */
public final class SentenceDedup {
    public static final int N_SENTENCES = 3;
    public static final int MIN_DOC_WORDS = 50;
    public static final int MIN_NUM_SENTENCES = 3;

    /**
     * What the filter does to one document: {@code textAfter} is the text it comes out with ({@code null} when
     * dropped or not included), {@code dupWindows} the sorted duplicate window indices that stage 2 found.
     */
    public record Outcome(boolean included, boolean keep, String textAfter, int[] dupWindows) {
        /** Whether the kept text differs from the input text. */
        public boolean changed(String text) {
            return keep && !textAfter.equals(text);
        }
    }

    /** Stage 1's records for one document: window indices (ascending) and their hashes. */
    public record Windows(int[] index, long[] hash) {
    }

    private static final Outcome EXCLUDED = new Outcome(false, false, null, new int[0]);

    private final EnglishTokenizer tokenizer;

    public SentenceDedup() {
        this(EnglishTokenizer.shared());
    }

    public SentenceDedup(EnglishTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The outcome for every document. */
    public List<Outcome> dedup(List<String> texts) {
        boolean[] all = new boolean[texts.size()];
        Arrays.fill(all, true);
        return dedup(texts, all, 1);
    }

    /**
     * The outcome for every document when only those with {@code included[i]} are deduplicated, in their order;
     * the others get an outcome with {@code included() == false}. Stages 1 and 3 (tokenizing) run on
     * {@code threads} threads, stage 2 in document order; the result does not depend on the number of threads.
     */
    public List<Outcome> dedup(List<String> texts, boolean[] included, int threads) {
        if (included.length != texts.size()) {
            throw new IllegalArgumentException("mask has " + included.length + " entries for " + texts.size()
                    + " documents");
        }
        int n = texts.size();
        // stage 1
        Windows[] windows = new Windows[n];
        Parallel.forEach(n, threads, i -> {
            if (included[i]) {
                windows[i] = windowHashes(texts.get(i));
            }
        });
        // stage 2: the first (doc, window) with a hash keeps it, every later one is a duplicate
        int[][] dups = new int[n][];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!included[i]) {
                continue;
            }
            Windows w = windows[i];
            int[] d = new int[w.index().length];
            int k = 0;
            for (int j = 0; j < d.length; j++) {
                if (!seen.add(w.hash()[j])) {
                    d[k++] = w.index()[j];
                }
            }
            dups[i] = Arrays.copyOf(d, k);
            windows[i] = null;
        }
        // stage 3
        Outcome[] out = new Outcome[n];
        Parallel.forEach(n, threads, i -> out[i] = included[i] ? filter(texts.get(i), dups[i]) : EXCLUDED);
        return List.of(out);
    }

    /** Stage 1 ({@code SentenceDedupSignature.get_hashes}) for one text. */
    public Windows windowHashes(String text) {
        return windowHashes(tokenizer.sentTokenize(text));
    }

    private static Windows windowHashes(List<String> sentences) {
        int n = sentences.size() - N_SENTENCES + 1;
        if (n <= 0) {
            return new Windows(new int[0], new long[0]);
        }
        String[] simple = new String[sentences.size()];
        for (int s = 0; s < simple.length; s++) {
            simple[s] = TextNormalizer.simplify(sentences.get(s));
        }
        int[] index = new int[n];
        long[] hash = new long[n];
        int k = 0;
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < n; w++) {
            sb.setLength(0);
            for (int j = 0; j < N_SENTENCES; j++) {
                if (j > 0) {
                    sb.append(' ');
                }
                sb.append(simple[w + j]);
            }
            if (PyText.isBlank(sb)) {
                continue;
            }
            index[k] = w;
            hash[k] = XxHash64.hash(sb.toString());
            k++;
        }
        return new Windows(Arrays.copyOf(index, k), Arrays.copyOf(hash, k));
    }

    /** Stage 3 ({@code SentenceDedupFilter.run} and {@code remove_dup_sentences}) for one document. */
    private Outcome filter(String text, int[] dups) {
        String filtered = dups.length == 0 ? text : removeDuplicateSpans(text, tokenizer.sentenceSpans(text), dups);
        boolean keep;
        if (filtered.isEmpty()) {
            keep = false;
        } else if (filtered.equals(text)) {
            keep = true;
        } else {
            TokenizedText after = tokenizer.analyze(filtered);
            keep = after.words().size() >= MIN_DOC_WORDS && after.sentencePieces().size() >= MIN_NUM_SENTENCES;
        }
        return new Outcome(true, keep, keep ? filtered : null, dups);
    }

    /** {@code remove_dup_sentences}: drops spans i … i+2 for each duplicate window i. */
    static String removeDuplicateSpans(String text, List<TextSpan> spans, int[] dups) {
        StringBuilder kept = new StringBuilder(text.length());
        int lastEnd = 0;
        int dupIdx = 0;
        int dropUntil = 0;
        for (int idx = 0; idx < spans.size(); idx++) {
            int end = spans.get(idx).end();
            if (dupIdx < dups.length && dups[dupIdx] == idx) {
                dropUntil = idx + N_SENTENCES;
                dupIdx++;
            }
            if (idx >= dropUntil) {
                kept.append(text, lastEnd, end);
            }
            lastEnd = end;
        }
        return PyText.lstrip(kept.toString());
    }
}
