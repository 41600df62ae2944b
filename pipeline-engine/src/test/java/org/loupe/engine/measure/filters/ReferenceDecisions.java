package org.loupe.engine.measure.filters;

/**
 * The reference's decision functions, transcribed from datatrove's filter classes (spec §3–§6, §13) line
 * by line over measured metrics: the test oracle that Loupe's production deciders (the step types'
 * {@code decider}, run through {@code Decisions}) are compared with, at the defaults on the golden
 * documents and at random thresholds by property tests. {@code null} means keep; the {@code ...Raises}
 * functions say where datatrove would raise {@code ZeroDivisionError} instead of deciding (§0.10).
 */
final class ReferenceDecisions {
    private ReferenceDecisions() {
    }

    /**
     * The reference's decision over measured metrics: {@code null} to keep, else its reason string (§13).
     * Checks run in the reference's order; a {@code null} or 0 threshold skips its check; a NaN metric
     * compares false, as in Python — see the {@code ...Raises} function for the NaNs where datatrove would instead
     * have raised {@code ZeroDivisionError}.
     */
    static String gopherQuality(double[] m, GopherQuality.Params p) {
        return gopherQualityDecide(m, p, false);
    }

    /**
     * Whether datatrove would raise {@code ZeroDivisionError} on this document instead of returning a
     * decision (§0.10): a division check is reached, enabled, and its denominator ({@code n_words} or the
     * number of lines) is zero. Happens only with {@code min_doc_words} disabled, e.g. on an empty text.
     * the decision still answers (the NaN compares false); callers may flag such documents.
     */
    static boolean gopherQualityRaises(double[] m, GopherQuality.Params p) {
        return gopherQualityDecide(m, p, true) == RAISES;
    }

    private static final String RAISES = "ZeroDivisionError";

    private static String gopherQualityDecide(double[] m, GopherQuality.Params p, boolean reportRaise) {
        double nonSymbol = m[GopherQuality.N_NON_SYMBOL_WORDS];
        if (on(p.minDocWords()) && nonSymbol < p.minDocWords()) {
            return "gopher_short_doc";
        }
        if (on(p.maxDocWords()) && nonSymbol > p.maxDocWords()) {
            return "gopher_long_doc";
        }
        double avg = m[GopherQuality.AVG_WORD_LENGTH];
        if (on(p.minAvgWordLength()) && avg < p.minAvgWordLength()) {
            return "gopher_below_avg_threshold";
        }
        if (on(p.maxAvgWordLength()) && avg > p.maxAvgWordLength()) {
            return "gopher_above_avg_threshold";
        }
        boolean noWords = m[GopherQuality.N_WORDS] == 0;
        boolean noLines = m[GopherQuality.N_LINES] == 0;
        if (on(p.maxSymbolWordRatio())) {
            if (reportRaise && noWords) {
                return RAISES;
            }
            if (m[GopherQuality.HASH_RATIO] > p.maxSymbolWordRatio()) {
                return "gopher_too_many_hashes";
            }
            if (m[GopherQuality.ELLIPSIS_RATIO] > p.maxSymbolWordRatio()) {
                return "gopher_too_many_ellipsis";
            }
        }
        if (on(p.maxBulletLinesRatio())) {
            if (reportRaise && noLines) {
                return RAISES;
            }
            if (m[GopherQuality.BULLET_LINES_RATIO] > p.maxBulletLinesRatio()) {
                return "gopher_too_many_bullets";
            }
        }
        if (on(p.maxEllipsisLinesRatio())) {
            if (reportRaise && noLines) {
                return RAISES;
            }
            if (m[GopherQuality.END_ELLIPSIS_LINES_RATIO] > p.maxEllipsisLinesRatio()) {
                return "gopher_too_many_end_ellipsis";
            }
        }
        if (on(p.maxNonAlphaWordsRatio())) {
            if (reportRaise && noWords) {
                return RAISES;
            }
            if (m[GopherQuality.ALPHA_WORDS_RATIO] < p.maxNonAlphaWordsRatio()) {
                return "gopher_below_alpha_threshold";
            }
        }
        if (on(p.minStopWords()) && m[GopherQuality.N_STOP_WORDS_PRESENT] < p.minStopWords()) {
            return "gopher_enough_stop_words";
        }
        return null;
    }

    /** Python truthiness of an optional threshold: {@code None}, 0 and -0.0 are false, NaN is true. */
    static boolean on(Integer t) {
        return t != null && t != 0;
    }

    static boolean on(Double t) {
        return t != null && t != 0.0;
    }

    /**
     * The reference's decision over measured metrics: {@code null} to keep, else its reason string (§13):
     * {@code dup_para_frac}, {@code dup_para_char_frac}, {@code dup_line_frac}, {@code dup_line_char_frac},
     * {@code top_<n>_gram}, {@code duplicated_<n>_n_grams}. {@code p} must have the n's the metrics were
     * measured with. NaN compares false, as in Python; see the {@code ...Raises} function for the empty text,
     * where datatrove raises instead.
     */
    static String gopherRepetition(double[] m, GopherRepetition.Params p) {
        if (on(p.dupParaFrac()) && m[GopherRepetition.DUP_PARA_FRAC] > p.dupParaFrac()) {
            return "dup_para_frac";
        }
        if (on(p.dupParaCharFrac()) && m[GopherRepetition.DUP_PARA_CHAR_FRAC] > p.dupParaCharFrac()) {
            return "dup_para_char_frac";
        }
        if (on(p.dupLineFrac()) && m[GopherRepetition.DUP_LINE_FRAC] > p.dupLineFrac()) {
            return "dup_line_frac";
        }
        if (on(p.dupLineCharFrac()) && m[GopherRepetition.DUP_LINE_CHAR_FRAC] > p.dupLineCharFrac()) {
            return "dup_line_char_frac";
        }
        int slot = GopherRepetition.FIRST_N_GRAM;
        for (GopherRepetition.NGram g : p.topNGrams()) {
            if (m[slot++] > g.frac()) {
                return "top_" + g.n() + "_gram";
            }
        }
        for (GopherRepetition.NGram g : p.dupNGrams()) {
            if (m[slot++] > g.frac()) {
                return "duplicated_" + g.n() + "_n_grams";
            }
        }
        return null;
    }

    /**
     * Whether datatrove would raise {@code ZeroDivisionError} instead of deciding (§0.10, §4): the text is
     * empty and an enabled check divides by its length before any check drops the document — with the
     * defaults, every empty text. the decision keeps such a document (every NaN compares false); callers
     * should flag it.
     */
    static boolean gopherRepetitionRaises(double[] m, GopherRepetition.Params p) {
        if (m[GopherRepetition.LEN_TEXT] != 0) {
            return false;
        }
        // Empty text: one empty paragraph and one empty line, no duplicates, no words.
        if (on(p.dupParaFrac()) && m[GopherRepetition.DUP_PARA_FRAC] > p.dupParaFrac()) {
            return false;
        }
        if (on(p.dupParaCharFrac())) {
            return true;
        }
        if (on(p.dupLineFrac()) && m[GopherRepetition.DUP_LINE_FRAC] > p.dupLineFrac()) {
            return false;
        }
        // Line char check divides; top n-grams are skipped (no words); dup n-grams divide.
        return on(p.dupLineCharFrac()) || !p.dupNGrams().isEmpty();
    }

    /**
     * The reference's decision over measured metrics: {@code null} to keep, else {@code lorem_ipsum},
     * {@code curly_bracket} or {@code too_few_sentences} — whichever the reference's line loop meets
     * first (see the class comment).
     */
    static String c4Quality(double[] m, C4Quality.Params p) {
        double lorem = p.filterLoremIpsum() ? m[C4Quality.LOREM_IPSUM_LINE] : Double.NaN;
        double curly = p.filterCurlyBracket() ? m[C4Quality.CURLY_BRACKET_LINE] : Double.NaN;
        // The reference stops at the first line that triggers an enabled check; on one line, lorem first.
        if (!Double.isNaN(lorem) && (Double.isNaN(curly) || lorem <= curly)) {
            return "lorem_ipsum";
        }
        if (!Double.isNaN(curly)) {
            return "curly_bracket";
        }
        // With min_num_sentences == -1 the reference keeps every document: a count is never below -1.
        if (m[C4Quality.NUM_SENTENCES] < p.minNumSentences()) {
            return "too_few_sentences";
        }
        return null;
    }

    /**
     * The reference's decision over measured metrics: {@code null} to keep, else its reason string (§13):
     * {@code empty}, {@code line_punct_ratio} (strictly below the threshold, unless the ratio is 0 and
     * {@code line_punct_exclude_zero}), {@code short_line_ratio}, {@code char_dup_ratio}, {@code list_ratio}
     * (strictly above). NaN compares false, as in Python.
     */
    static String fineWebQuality(double[] m, FineWebQuality.Params p) {
        if (m[FineWebQuality.N_LINES] == 0) {
            return "empty";
        }
        double punct = m[FineWebQuality.LINE_PUNCT_RATIO];
        if (punct < p.linePunctThr() && !(punct == 0 && p.linePunctExcludeZero())) {
            return "line_punct_ratio";
        }
        if (m[FineWebQuality.SHORT_LINE_RATIO] > p.shortLineThr()) {
            return "short_line_ratio";
        }
        if (m[FineWebQuality.CHAR_DUP_RATIO] > p.charDuplicatesRatio()) {
            return "char_dup_ratio";
        }
        if (m[FineWebQuality.LIST_RATIO] > p.newLineRatio()) {
            return "list_ratio";
        }
        return null;
    }

    /**
     * Whether datatrove would raise {@code ZeroDivisionError} instead of deciding (§0.10): a non-empty
     * document without any word, which only a word list from another tokenizer can produce.
     */
    static boolean fineWebQualityRaises(double[] m, FineWebQuality.Params p) {
        return m[FineWebQuality.N_LINES] != 0 && m[FineWebQuality.N_WORDS] == 0 && fineWebQuality(m, p) == null;
    }
}
