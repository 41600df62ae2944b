package org.loupe.engine.measure.filters;

import java.util.ArrayList;
import java.util.List;

/**
 * datatrove's {@code FineWebQualityFilter} (spec {@code filters.md} §6), split into a measure and a
 * decision.
 *
 * <p>Reference-exact details: lines are {@code text.split("\n")} (LF only; {@code \r} and trailing spaces
 * stay in the line) with blank lines ({@code strip() == ""}) removed, and are NOT stripped, so
 * {@code "Hello. "} does not end with terminal punctuation; the duplicate-character denominator is every
 * code point except LF; the list ratio counts every LF of the raw text, blank lines included, over the
 * spaCy word count (punctuation tokens included). FineWeb's thresholds are never disabled.
 */
public final class FineWebQuality {
    private FineWebQuality() {
    }

    /** Metric names, exactly as in the golden reference file; values are stored at these indices. */
    public static final List<String> METRICS = List.of("n_lines", "line_punct_ratio", "short_line_ratio",
            "char_dup_ratio", "n_words", "list_ratio");

    /** Non-blank LF-separated lines; 0 means the reference drops the document as {@code empty}. */
    public static final int N_LINES = 0;
    /** Lines ending with one of {@code stop_chars}, over {@code n_lines}; NaN without lines. */
    public static final int LINE_PUNCT_RATIO = 1;
    /** Lines of at most {@code short_line_length} code points, over {@code n_lines}; NaN without lines. */
    public static final int SHORT_LINE_RATIO = 2;
    /** {@code find_duplicates(lines).dup_chars / len(text.replace("\n", ""))}; NaN without lines. */
    public static final int CHAR_DUP_RATIO = 3;
    /** {@code len(words)}. */
    public static final int N_WORDS = 4;
    /** {@code text.count("\n") / n_words}; NaN without words (the reference would raise, but only on a
     *  text that is already {@code empty}, since any non-blank text has a word). */
    public static final int LIST_RATIO = 5;

    /** The default {@code stop_chars}: every code point of {@code TERMINAL_PUNCTUATION} (§3.1), as strings. */
    public static final List<String> TERMINAL_PUNCTUATION;

    static {
        List<String> t = new ArrayList<>();
        for (int cp : ReferencePunctuation.TERMINAL) {
            t.add(new String(Character.toChars(cp)));
        }
        TERMINAL_PUNCTUATION = List.copyOf(t);
    }

    /**
     * The constructor parameters of {@code FineWebQualityFilter} (snake_case names in the descriptions;
     * {@code exclusion_writer} is pipeline wiring).
     *
     * @param linePunctThr         {@code line_punct_thr} (0.12) — decision: drop if the ratio is below it
     * @param linePunctExcludeZero {@code line_punct_exclude_zero} (false) — decision: a ratio of exactly 0 passes
     * @param stopChars            {@code stop_chars} ({@code None} → {@link #TERMINAL_PUNCTUATION}) — MEASURE:
     *                             the suffixes ({@code str.endswith} tuple) that count as line punctuation
     * @param shortLineThr         {@code short_line_thr} (0.67) — decision
     * @param shortLineLength      {@code short_line_length} (30) — MEASURE: a line of at most this many code
     *                             points is short
     * @param charDuplicatesRatio  {@code char_duplicates_ratio} (0.01) — decision
     * @param newLineRatio         {@code new_line_ratio} (0.3) — decision
     * @param language             {@code language} ("eng") — MEASURE: selects the word tokenizer whose words
     *                             the caller passes to {@link #measure}; not read here
     */
    public record Params(double linePunctThr, boolean linePunctExcludeZero, List<String> stopChars,
                         double shortLineThr, int shortLineLength, double charDuplicatesRatio, double newLineRatio,
                         String language) {
        /** The reference defaults. */
        public static final Params DEFAULTS = new Params(0.12, false, null, 0.67, 30, 0.01, 0.3, "eng");

        public Params {
            stopChars = stopChars == null ? null : List.copyOf(stopChars);
        }
    }

    /**
     * Measures one document.
     *
     * @param text  the document text (in the FineWeb recipe: as rewritten by C4 quality)
     * @param words its word list (spaCy word list of {@code text}, §1.2), shared with the other filters
     * @param p     only {@link Params#stopChars()} and {@link Params#shortLineLength()} are read
     * @param out   receives {@link #METRICS}{@code .size()} values
     */
    public static void measure(String text, List<String> words, Params p, double[] out) {
        char[] t = text.toCharArray();
        boolean surrogates = PyStrings.hasSurrogates(t);
        List<String> stopChars = p.stopChars();
        int len = t.length;
        int lines = 0;
        for (int start = 0; start <= len; ) {
            int end = start;
            while (end < len && t[end] != '\n') {
                end++;
            }
            if (!PyStrings.isBlank(t, start, end)) {
                lines++;
            }
            start = end + 1;
        }
        DuplicateRanges dups = new DuplicateRanges();
        dups.reset(t, surrogates, lines);
        int punct = 0;
        int shortLines = 0;
        int newlines = 0;
        for (int start = 0; start <= len; ) {
            int end = start;
            while (end < len && t[end] != '\n') {
                end++;
            }
            if (end < len) {
                newlines++;
            }
            if (!PyStrings.isBlank(t, start, end)) {
                if (endsWithStopChar(text, t, start, end, stopChars)) {
                    punct++;
                }
                int length = surrogates ? Character.codePointCount(t, start, end - start) : end - start;
                if (length <= p.shortLineLength()) {
                    shortLines++;
                }
                dups.add(start, end);
            }
            start = end + 1;
        }
        out[N_LINES] = lines;
        if (lines == 0) {
            out[LINE_PUNCT_RATIO] = Double.NaN;
            out[SHORT_LINE_RATIO] = Double.NaN;
            out[CHAR_DUP_RATIO] = Double.NaN;
        } else {
            out[LINE_PUNCT_RATIO] = (double) punct / lines;
            out[SHORT_LINE_RATIO] = (double) shortLines / lines;
            // A non-blank line holds a character other than LF, so the denominator is positive here.
            long chars = (surrogates ? Character.codePointCount(t, 0, len) : len) - newlines;
            out[CHAR_DUP_RATIO] = (double) dups.duplicateChars / chars;
        }
        out[N_WORDS] = words.size();
        out[LIST_RATIO] = words.isEmpty() ? Double.NaN : (double) newlines / words.size();
    }

    private static boolean endsWithStopChar(String text, char[] t, int start, int end, List<String> stopChars) {
        if (stopChars == null) {
            if (end == start) {
                return false;
            }
            return ReferencePunctuation.isTerminal(Character.codePointBefore(t, end, start));
        }
        for (String s : stopChars) {
            if (PyStrings.endsWith(text, start, end, s)) {
                return true;
            }
        }
        return false;
    }

}
