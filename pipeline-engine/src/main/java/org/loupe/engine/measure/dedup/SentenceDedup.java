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
     * datatrove's {@code SentDedupConfig} (default text normalisation and xxhash64, no index):
     *
     * @param nSentences           sentences per window ({@code n_sentences})
     * @param splitSentences       spaCy sentences; false: {@code splitlines()} lines, joined again with {@code \n}
     * @param minDocWords          a changed document needs at least this many words ({@code <= 0}: no check)
     * @param minNumSentences      a changed document needs at least this many sentences ({@code <= 0}: no check)
     * @param minWordsToRemoveSpan a removed run whose first piece has fewer words gets that piece back
     *                             ({@code 0}: never)
     */
    public record Config(int nSentences, boolean splitSentences, int minDocWords, int minNumSentences,
                         int minWordsToRemoveSpan) {
        public static final Config DEFAULT = new Config(N_SENTENCES, true, MIN_DOC_WORDS, MIN_NUM_SENTENCES, 0);

        public Config {
            if (nSentences < 1) {
                throw new IllegalArgumentException("n_sentences must be at least 1, got " + nSentences);
            }
        }
    }

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

    /**
     * Stage 3's cut of one document ({@code remove_dup_sentences}): the text it leaves ({@code text}, before the
     * keep rule), the text annotated with {@code >>>} … {@code <<<} around each removed run (what the exclusion
     * writer gets), and the pieces of the input text in order — a sentence span with the text since the
     * previous span's end (or a line) — each removed or not. With no duplicate windows the text is the input
     * text, unchanged, and {@code annotated} is null.
     */
    public record Removal(String text, String annotated, int[] pieceStart, int[] pieceEnd, boolean[] pieceRemoved) {
        /** The number of pieces. */
        public int pieces() {
            return pieceStart.length;
        }
    }

    /**
     * What the keep rule needs of the text a cut leaves: whether it changed, whether it is empty, and (when
     * changed) its spaCy word and sentence counts; -1 when not counted.
     */
    public record Remainder(boolean changed, boolean empty, int words, int sentences) {
        /** {@code SentenceDedupFilter.run}'s keep rule. */
        public boolean keeps(Config c) {
            if (empty) {
                return false;
            }
            return !changed || ((c.minDocWords() <= 0 || words >= c.minDocWords())
                    && (c.minNumSentences() <= 0 || sentences >= c.minNumSentences()));
        }
    }

    private static final Outcome EXCLUDED = new Outcome(false, false, null, new int[0]);

    private final EnglishTokenizer tokenizer;
    private final Config config;

    public SentenceDedup() {
        this(EnglishTokenizer.shared());
    }

    public SentenceDedup(EnglishTokenizer tokenizer) {
        this(tokenizer, Config.DEFAULT);
    }

    public SentenceDedup(EnglishTokenizer tokenizer, Config config) {
        this.tokenizer = tokenizer;
        this.config = config;
    }

    public Config config() {
        return config;
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
        return windowHashes(config.splitSentences() ? tokenizer.sentTokenize(text) : PyText.splitLines(text),
                config.nSentences());
    }

    private static Windows windowHashes(List<String> sentences, int size) {
        int n = sentences.size() - size + 1;
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
            for (int j = 0; j < size; j++) {
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
    public Outcome filter(String text, int[] dups) {
        Removal r = remove(text, dups);
        boolean keep = remainder(text, r).keeps(config);
        return new Outcome(true, keep, keep ? r.text() : null, dups);
    }

    /** The keep rule's view of a cut: counts the words and sentences only of a changed, non-empty text. */
    public Remainder remainder(String text, Removal r) {
        String filtered = r.text();
        if (filtered.isEmpty()) {
            return new Remainder(!filtered.equals(text), true, 0, 0);
        }
        if (filtered.equals(text)) {
            return new Remainder(false, false, -1, -1);
        }
        TokenizedText after = tokenizer.analyze(filtered);
        return new Remainder(true, false, after.words().size(), after.sentencePieces().size());
    }

    /**
     * {@code remove_dup_sentences} for one document and its sorted duplicate window indices: a window i drops
     * pieces i … i+n-1. With no duplicates the document is left as it is (datatrove does not cut it).
     *
     * @throws IllegalArgumentException when the indices are not strictly ascending (datatrove's "Error with
     *                                  duplicate line index")
     */
    public Removal remove(String text, int[] dups) {
        int[] start;
        int[] end;
        if (config.splitSentences()) {
            List<TextSpan> spans = dups.length == 0 ? List.of() : tokenizer.sentenceSpans(text);
            start = new int[spans.size()];
            end = new int[spans.size()];
            int last = 0;
            for (int i = 0; i < spans.size(); i++) {
                start[i] = last;
                end[i] = spans.get(i).end();
                last = end[i];
            }
        } else {
            int[][] lines = lineOffsets(text);
            start = lines[0];
            end = lines[1];
        }
        if (dups.length == 0) {
            return new Removal(text, null, start, end, new boolean[start.length]);
        }
        return cut(text, start, end, dups);
    }

    private Removal cut(String text, int[] start, int[] end, int[] dups) {
        int n = start.length;
        boolean[] removed = new boolean[n];
        String join = config.splitSentences() ? "" : "\n";
        StringBuilder kept = new StringBuilder(text.length());
        List<String> annotated = new java.util.ArrayList<>(n + 8);
        int keptPieces = 0;
        int dupIdx = 0;
        int dropUntil = 0;
        int runFirst = -1; // the first piece of the removed run in progress (datatrove's removed_span)
        for (int idx = 0; idx < n; idx++) {
            if (dupIdx < dups.length) {
                if (dups[dupIdx] < idx) {
                    throw new IllegalArgumentException("duplicate window indices not strictly ascending: "
                            + Arrays.toString(dups));
                } else if (dups[dupIdx] == idx) {
                    dropUntil = idx + config.nSentences();
                    dupIdx++;
                }
            }
            if (idx >= dropUntil) {
                if (runFirst >= 0) {
                    annotated.add("<<<");
                    keptPieces += restore(text, start, end, runFirst, removed, kept, keptPieces, join);
                    runFirst = -1;
                }
                keptPieces += append(kept, keptPieces, join, text, start[idx], end[idx]);
            } else {
                removed[idx] = true;
                if (runFirst < 0) {
                    runFirst = idx;
                    annotated.add(">>>");
                }
            }
            annotated.add(text.substring(start[idx], end[idx]));
        }
        if (runFirst >= 0) {
            annotated.add("<<<");
            restore(text, start, end, runFirst, removed, kept, keptPieces, join);
        }
        return new Removal(PyText.lstrip(kept.toString()), String.join(join, annotated), start, end, removed);
    }

    /** Gives a removed run's first piece back when it has fewer than min_words_to_remove_span words. */
    private int restore(String text, int[] start, int[] end, int first, boolean[] removed, StringBuilder kept,
                        int keptPieces, String join) {
        if (config.minWordsToRemoveSpan() <= 0
                || tokenizer.words(text.substring(start[first], end[first])).size() >= config.minWordsToRemoveSpan()) {
            return 0;
        }
        removed[first] = false;
        return append(kept, keptPieces, join, text, start[first], end[first]);
    }

    private static int append(StringBuilder kept, int keptPieces, String join, String text, int from, int to) {
        if (keptPieces > 0) {
            kept.append(join);
        }
        kept.append(text, from, to);
        return 1;
    }

    /** The start and end offsets of {@code text.splitlines()}'s lines (without their line breaks). */
    static int[][] lineOffsets(String text) {
        int n = text.length();
        int[] start = new int[8];
        int[] end = new int[8];
        int count = 0;
        int s = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (PyText.isLineBreak(c)) {
                if (count == start.length) {
                    start = Arrays.copyOf(start, count * 2);
                    end = Arrays.copyOf(end, count * 2);
                }
                start[count] = s;
                end[count++] = i;
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                s = i;
            } else {
                i++;
            }
        }
        if (s < n) {
            if (count == start.length) {
                start = Arrays.copyOf(start, count + 1);
                end = Arrays.copyOf(end, count + 1);
            }
            start[count] = s;
            end[count++] = n;
        }
        return new int[][] {Arrays.copyOf(start, count), Arrays.copyOf(end, count)};
    }

    /** {@code remove_dup_sentences} with the default config on given spans (for tests). */
    static String removeDuplicateSpans(String text, List<TextSpan> spans, int[] dups) {
        int[] start = new int[spans.size()];
        int[] end = new int[spans.size()];
        int last = 0;
        for (int i = 0; i < spans.size(); i++) {
            start[i] = last;
            end[i] = spans.get(i).end();
            last = end[i];
        }
        return new SentenceDedup(EnglishTokenizer.shared()).cut(text, start, end, dups).text();
    }
}
