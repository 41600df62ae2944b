package org.loupe.engine.measure.filters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * datatrove's {@code GopherRepetitionFilter} (spec {@code filters.md} §4), split into a measure and a
 * decision.
 *
 * <p>The <b>measure</b> computes every fraction the reference compares ({@link #metricNames}); the
 * <b>decision</b> ({@code GopherRepetitionStep}'s decider) replays its checks in order. The n of each n-gram check (and the order
 * of the checks) changes what is measured; the four duplicate fractions and every n-gram fraction only
 * change the decision.
 *
 * <p>Reference-exact details (§0, §4): all "char" fractions divide by the code-point length of the
 * original, unstripped text; paragraphs are {@code re.split(r"\n{2,}", text.strip())} and lines
 * {@code re.split(r"\n+", text)} (leading/trailing empty strings kept); {@code find_duplicates} counts every
 * repeat after the first occurrence; top n-grams are joined with a space and ties go to the first
 * occurrence; duplicated n-grams are joined WITHOUT a separator ({@code ["ab","c"] == ["a","bc"]}) and
 * jump over a repeat. The hot loops work on hashes of index ranges and of word sequences, never on
 * joined strings (see {@link WordWindows}).
 */
public final class GopherRepetition {
    private GopherRepetition() {
    }

    /**
     * One n-gram check: {@code (n, frac)} of {@code top_n_grams} or {@code dup_n_grams}. {@code n} is a
     * measure parameter and must be at least 1 (with {@code n == 0} the reference's
     * {@code find_all_duplicate} never terminates); {@code frac} is a decision parameter and is NOT
     * disabled by 0 — the reference does not guard these checks with {@code if frac}: remove the pair to
     * disable it.
     */
    public record NGram(int n, double frac) {
        public NGram {
            if (n < 1) {
                throw new IllegalArgumentException("n-gram size must be at least 1, got " + n);
            }
        }
    }

    /**
     * The constructor parameters of {@code GopherRepetitionFilter} (snake_case names in the descriptions;
     * {@code exclusion_writer} is pipeline wiring). The four duplicate fractions are boxed: {@code None} and
     * 0 disable their check (§0.9).
     *
     * @param dupLineFrac     {@code dup_line_frac} (0.3) — decision
     * @param dupParaFrac     {@code dup_para_frac} (0.3) — decision
     * @param dupLineCharFrac {@code dup_line_char_frac} (0.2) — decision
     * @param dupParaCharFrac {@code dup_para_char_frac} (0.2) — decision
     * @param topNGrams       {@code top_n_grams} ((2, 0.2), (3, 0.18), (4, 0.16)) — the n's and their order
     *                        are MEASURE parameters, the fracs decision parameters
     * @param dupNGrams       {@code dup_n_grams} ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11),
     *                        (10, 0.10)) — same split
     * @param language        {@code language} ("eng") — MEASURE: selects the word tokenizer whose words the
     *                        caller passes to {@link #measure}; not read here
     */
    public record Params(Double dupLineFrac, Double dupParaFrac, Double dupLineCharFrac, Double dupParaCharFrac,
                         List<NGram> topNGrams, List<NGram> dupNGrams, String language) {
        /** The reference defaults. */
        public static final Params DEFAULTS = new Params(0.3, 0.3, 0.2, 0.2,
                List.of(new NGram(2, 0.2), new NGram(3, 0.18), new NGram(4, 0.16)),
                List.of(new NGram(5, 0.15), new NGram(6, 0.14), new NGram(7, 0.13), new NGram(8, 0.12),
                        new NGram(9, 0.11), new NGram(10, 0.10)),
                "eng");

        public Params {
            topNGrams = List.copyOf(topNGrams);
            dupNGrams = List.copyOf(dupNGrams);
            distinct(topNGrams, "top_n_grams");
            distinct(dupNGrams, "dup_n_grams");
        }

        private static void distinct(List<NGram> grams, String name) {
            Set<Integer> ns = new HashSet<>();
            for (NGram g : grams) {
                if (!ns.add(g.n())) {
                    // Each n owns one metric slot; a repeated n would only repeat its check.
                    throw new IllegalArgumentException(name + " repeats n = " + g.n());
                }
            }
        }
    }

    /** {@code len(text)} in code points: the denominator of every char fraction. */
    public static final int LEN_TEXT = 0;
    /** {@code len(re.split(r"\n{2,}", text.strip()))} (at least 1). */
    public static final int N_PARAGRAPHS = 1;
    /** Duplicate paragraphs over {@code n_paragraphs}. */
    public static final int DUP_PARA_FRAC = 2;
    /** Code points of duplicate paragraphs over {@code len_text}; NaN for an empty text (the reference raises). */
    public static final int DUP_PARA_CHAR_FRAC = 3;
    /** {@code len(re.split(r"\n+", text))} (at least 1). */
    public static final int N_LINES = 4;
    /** Duplicate lines over {@code n_lines}. */
    public static final int DUP_LINE_FRAC = 5;
    /** Code points of duplicate lines over {@code len_text}; NaN for an empty text. */
    public static final int DUP_LINE_CHAR_FRAC = 6;
    /** Index of the first n-gram metric: one per {@code top_n_grams} entry, then one per {@code dup_n_grams} entry. */
    public static final int FIRST_N_GRAM = 7;

    /** Metric names for the default parameters, exactly as in the golden reference file. */
    public static final List<String> METRICS = metricNames(Params.DEFAULTS);

    /**
     * Metric names for a choice of n-grams: the seven paragraph/line metrics, then
     * {@code top_<n>_gram_char_frac} per {@code top_n_grams} entry ({@code len(top) * count / len_text}, NaN
     * when there are fewer than n words — the check is skipped — or the text is empty), then
     * {@code dup_<n>_gram_char_frac} per {@code dup_n_grams} entry ({@code find_all_duplicate / len_text}, NaN
     * for an empty text), in the order of the parameters.
     */
    public static List<String> metricNames(Params p) {
        List<String> names = new ArrayList<>(List.of("len_text", "n_paragraphs", "dup_para_frac", "dup_para_char_frac",
                "n_lines", "dup_line_frac", "dup_line_char_frac"));
        for (NGram g : p.topNGrams()) {
            names.add("top_" + g.n() + "_gram_char_frac");
        }
        for (NGram g : p.dupNGrams()) {
            names.add("dup_" + g.n() + "_gram_char_frac");
        }
        return List.copyOf(names);
    }

    /** Number of metrics {@link #measure} writes for these parameters. */
    public static int metricCount(Params p) {
        return FIRST_N_GRAM + p.topNGrams().size() + p.dupNGrams().size();
    }

    /**
     * Measures one document.
     *
     * @param text  the raw document text
     * @param words its word list (spaCy word list of {@code text}, §1.2), shared with the other filters
     * @param p     only the n's of {@link Params#topNGrams()} and {@link Params#dupNGrams()} are read
     * @param out   receives {@link #metricCount}{@code (p)} values, named by {@link #metricNames}{@code (p)}
     */
    public static void measure(String text, List<String> words, Params p, double[] out) {
        char[] t = text.toCharArray();
        int len = t.length;
        boolean surrogates = PyStrings.hasSurrogates(t);
        long lenText = surrogates ? Character.codePointCount(t, 0, len) : len;
        out[LEN_TEXT] = lenText;
        DuplicateRanges dups = new DuplicateRanges();

        // Paragraphs: re.split(r"\n{2,}", text.strip()) — one piece more than there are runs of 2+ LF.
        int a = PyStrings.stripStart(t, 0, len);
        int b = PyStrings.stripEnd(t, a, len);
        int paragraphs = 1;
        for (int i = a; i < b - 1; i++) {
            if (t[i] == '\n' && t[i + 1] == '\n' && (i == a || t[i - 1] != '\n')) {
                paragraphs++;
            }
        }
        dups.reset(t, surrogates, paragraphs);
        int pieceStart = a;
        for (int i = a; i < b; ) {
            if (t[i] == '\n' && i + 1 < b && t[i + 1] == '\n') {
                dups.add(pieceStart, i);
                i += 2;
                while (i < b && t[i] == '\n') {
                    i++;
                }
                pieceStart = i;
            } else {
                i++;
            }
        }
        dups.add(pieceStart, b);
        out[N_PARAGRAPHS] = paragraphs;
        out[DUP_PARA_FRAC] = (double) dups.duplicates / paragraphs;
        out[DUP_PARA_CHAR_FRAC] = ratio(dups.duplicateChars, lenText);

        // Lines: re.split(r"\n+", text) — empty strings kept at both ends.
        int lines = 1;
        for (int i = 0; i < len; i++) {
            if (t[i] == '\n' && (i == 0 || t[i - 1] != '\n')) {
                lines++;
            }
        }
        dups.reset(t, surrogates, lines);
        pieceStart = 0;
        for (int i = 0; i < len; ) {
            if (t[i] == '\n') {
                dups.add(pieceStart, i);
                while (i < len && t[i] == '\n') {
                    i++;
                }
                pieceStart = i;
            } else {
                i++;
            }
        }
        dups.add(pieceStart, len);
        out[N_LINES] = lines;
        out[DUP_LINE_FRAC] = (double) dups.duplicates / lines;
        out[DUP_LINE_CHAR_FRAC] = ratio(dups.duplicateChars, lenText);

        WordWindows windows = new WordWindows(words);
        int slot = FIRST_N_GRAM;
        for (NGram g : p.topNGrams()) {
            long top = windows.topDuplicate(g.n());
            out[slot++] = top < 0 ? Double.NaN : ratio(top, lenText);
        }
        for (NGram g : p.dupNGrams()) {
            out[slot++] = ratio(windows.allDuplicateChars(g.n()), lenText);
        }
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

}
