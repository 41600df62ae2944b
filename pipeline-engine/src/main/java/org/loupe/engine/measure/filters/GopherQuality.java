package org.loupe.engine.measure.filters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.text.PyText;

/**
 * datatrove's {@code GopherQualityFilter} (spec {@code filters.md} §3), split into a measure and a decision.
 *
 * <p>The <b>measure</b> ({@link #measure}) computes, once per document, every quantity the reference
 * compares against a threshold ({@link #METRICS}); the <b>decision</b> ({@code GopherQualityStep}'s decider) replays the
 * reference's checks, in its order and with its comparison directions, over those numbers, so a curator
 * can move any threshold without measuring again. Only {@link Params#stopWords()} (and the tokenizer
 * language, which decides the word list the caller passes in) changes the measure.
 *
 * <p>Reference-exact details that matter (§0, §3): lengths are code points; {@code words} is the spaCy
 * word list of the raw text, punctuation tokens included; "non-symbol" words are those with at least one
 * character outside {@code PUNCTUATION_SET} (§3.1); lines are {@code str.splitlines()}; stop words are
 * matched case-sensitively and counted as distinct words present; a threshold of {@code null} or 0
 * disables its check ({@code if threshold and ...}).
 */
public final class GopherQuality {
    private GopherQuality() {
    }

    /** Metric names, exactly as in the golden reference file; values are stored at these indices. */
    public static final List<String> METRICS = List.of("n_words", "n_non_symbol_words", "avg_word_length",
            "hash_ratio", "ellipsis_ratio", "n_lines", "bullet_lines_ratio", "end_ellipsis_lines_ratio",
            "alpha_words_ratio", "n_stop_words_present");

    /** {@code len(words)}: spaCy words, punctuation tokens included. */
    public static final int N_WORDS = 0;
    /** Words with at least one character outside {@code PUNCTUATION_SET}. */
    public static final int N_NON_SYMBOL_WORDS = 1;
    /** Mean code-point length of the non-symbol words; NaN when there is none ({@code np.mean([])}). */
    public static final int AVG_WORD_LENGTH = 2;
    /** {@code text.count("#") / n_words}; NaN when {@code n_words == 0} (the reference raises). */
    public static final int HASH_RATIO = 3;
    /** {@code (text.count("...") + text.count("…")) / n_words}; NaN when {@code n_words == 0}. */
    public static final int ELLIPSIS_RATIO = 4;
    /** {@code len(text.splitlines())}. */
    public static final int N_LINES = 5;
    /** Lines whose {@code lstrip()} starts with "•" or "-", over {@code n_lines}; NaN without lines. */
    public static final int BULLET_LINES_RATIO = 6;
    /** Lines whose {@code rstrip()} ends with "..." or "…", over {@code n_lines}; NaN without lines. */
    public static final int END_ELLIPSIS_LINES_RATIO = 7;
    /** Words with at least one {@code isalpha()} character, over {@code n_words}; NaN when no words. */
    public static final int ALPHA_WORDS_RATIO = 8;
    /** {@code len(stop_words ∩ set(words))}. */
    public static final int N_STOP_WORDS_PRESENT = 9;

    /** The reference's {@code STOP_WORDS}, used when {@link Params#stopWords()} is {@code null}. */
    public static final List<String> STOP_WORDS = List.of("the", "be", "to", "of", "and", "that", "have", "with");

    private static final StopWords DEFAULT_STOP_WORDS = new StopWords(STOP_WORDS);

    /**
     * The constructor parameters of {@code GopherQualityFilter} (snake_case name in each description;
     * {@code exclusion_writer} is pipeline wiring, not a filter parameter). Thresholds are boxed because
     * {@code None} and {@code 0} both disable a check (§0.9); comparisons happen in {@code double}, as in
     * Python, so a fractional {@code min_avg_word_length} works as it does there.
     *
     * @param minDocWords           {@code min_doc_words} (50) — decision: drop if fewer non-symbol words
     * @param maxDocWords           {@code max_doc_words} (100000) — decision: drop if more non-symbol words
     * @param minAvgWordLength      {@code min_avg_word_length} (3) — decision
     * @param maxAvgWordLength      {@code max_avg_word_length} (10) — decision
     * @param maxSymbolWordRatio    {@code max_symbol_word_ratio} (0.1) — decision: bounds both the hash and the ellipsis ratio
     * @param maxBulletLinesRatio   {@code max_bullet_lines_ratio} (0.9) — decision
     * @param maxEllipsisLinesRatio {@code max_ellipsis_lines_ratio} (0.3) — decision
     * @param maxNonAlphaWordsRatio {@code max_non_alpha_words_ratio} (0.8) — decision: despite its name, the
     *                              document is dropped when the alphabetic-word ratio is BELOW it
     * @param minStopWords          {@code min_stop_words} (2) — decision
     * @param stopWords             {@code stop_words} ({@code None} → {@link #STOP_WORDS}) — MEASURE
     * @param language              {@code language} ("eng") — MEASURE: selects the word tokenizer whose
     *                              words the caller passes to {@link #measure}; not read here
     */
    public record Params(Integer minDocWords, Integer maxDocWords, Double minAvgWordLength, Double maxAvgWordLength,
                         Double maxSymbolWordRatio, Double maxBulletLinesRatio, Double maxEllipsisLinesRatio,
                         Double maxNonAlphaWordsRatio, Integer minStopWords, List<String> stopWords, String language) {
        /** The reference defaults. */
        public static final Params DEFAULTS = new Params(50, 100000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.8, 2, null, "eng");

        public Params {
            stopWords = stopWords == null ? null : List.copyOf(stopWords);
        }
    }

    /**
     * Measures one document.
     *
     * @param text  the raw document text
     * @param words its word list (spaCy word list of {@code text}, §1.2), shared with the other filters
     * @param p     only {@link Params#stopWords()} is read
     * @param out   receives {@link #METRICS}{@code .size()} values (counts as exact doubles)
     */
    public static void measure(String text, List<String> words, Params p, double[] out) {
        StopWords stop = p.stopWords() == null ? DEFAULT_STOP_WORDS : new StopWords(p.stopWords());
        boolean[] seenStop = new boolean[stop.size()];
        int nStop = 0;
        int nWords = words.size();
        int nonSymbol = 0;
        long nonSymbolLength = 0;
        int alpha = 0;
        for (int w = 0; w < nWords; w++) {
            String word = words.get(w);
            boolean hasNonSymbol = false;
            boolean hasAlpha = false;
            int cps = 0;
            for (int i = 0, n = word.length(); i < n; ) {
                char c = word.charAt(i);
                int cp = Character.isHighSurrogate(c) ? word.codePointAt(i) : c;
                i += Character.charCount(cp);
                cps++;
                if (!hasNonSymbol && !ReferencePunctuation.isPunctuation(cp)) {
                    hasNonSymbol = true;
                }
                if (!hasAlpha && PyText.isAlpha(cp)) {
                    hasAlpha = true;
                }
            }
            if (hasNonSymbol) {
                nonSymbol++;
                nonSymbolLength += cps;
            }
            if (hasAlpha) {
                alpha++;
            }
            int s = stop.indexOf(word);
            if (s >= 0 && !seenStop[s]) {
                seenStop[s] = true;
                nStop++;
            }
        }
        out[N_WORDS] = nWords;
        out[N_NON_SYMBOL_WORDS] = nonSymbol;
        // np.mean of ints: an exact float64 sum divided by the count; mean([]) is nan.
        out[AVG_WORD_LENGTH] = nonSymbol == 0 ? Double.NaN : (double) nonSymbolLength / nonSymbol;
        out[HASH_RATIO] = ratio(PyText.count(text, '#'), nWords);
        out[ELLIPSIS_RATIO] = ratio(PyText.count(text, "...") + PyText.count(text, '\u2026'), nWords);
        out[ALPHA_WORDS_RATIO] = ratio(alpha, nWords);
        out[N_STOP_WORDS_PRESENT] = nStop;

        int nLines = 0;
        int bullets = 0;
        int endEllipsis = 0;
        int len = text.length();
        for (int start = 0; start < len; ) {
            int end = start;
            while (end < len && !PyText.isLineBreak(text.charAt(end))) {
                end++;
            }
            nLines++;
            int a = PyStrings.stripStart(text, start, end);
            if (a < end && (text.charAt(a) == '\u2022' || text.charAt(a) == '-')) {
                bullets++;
            }
            int b = PyStrings.stripEnd(text, start, end);
            if (PyStrings.endsWith(text, start, b, "...") || (b > start && text.charAt(b - 1) == '\u2026')) {
                endEllipsis++;
            }
            start = end + (end + 1 < len && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        out[N_LINES] = nLines;
        out[BULLET_LINES_RATIO] = ratio(bullets, nLines);
        out[END_ELLIPSIS_LINES_RATIO] = ratio(endEllipsis, nLines);
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }


    /**
     * An exact-match stop-word index: a length-and-first-character scan for a short list (the default has
     * eight words, and most words fail on length), a hash map for a long one.
     */
    private static final class StopWords {
        private final String[] words;
        private final Map<String, Integer> index = new HashMap<>();
        private int minLen = Integer.MAX_VALUE;
        private int maxLen = -1;

        StopWords(List<String> list) {
            for (String w : list) {
                if (!index.containsKey(w)) {
                    index.put(w, index.size());
                    minLen = Math.min(minLen, w.length());
                    maxLen = Math.max(maxLen, w.length());
                }
            }
            words = new String[index.size()];
            index.forEach((w, i) -> words[i] = w);
        }

        int size() {
            return words.length;
        }

        int indexOf(String word) {
            int l = word.length();
            if (l < minLen || l > maxLen) {
                return -1;
            }
            if (words.length > 16) {
                Integer i = index.get(word);
                return i == null ? -1 : i;
            }
            char first = l == 0 ? 0 : word.charAt(0);
            for (int i = 0; i < words.length; i++) {
                String s = words[i];
                if (s.length() == l && (l == 0 || s.charAt(0) == first) && s.equals(word)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
