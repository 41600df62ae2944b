package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.loupe.engine.measure.text.PyText;

/**
 * Properties of the four filters over random documents built from the characters that matter to them
 * (line breaks of every kind, blank runs, punctuation, astral characters, braces, citation brackets):
 * the hash-based duplicate statistics equal a literal transcription of the reference's string code,
 * ratios that are fractions by definition stay in [0, 1], and tightening any threshold never keeps a
 * document that was dropped.
 */
class FilterPropertiesTest {
    private static final List<String> ATOMS = List.of("a", "b", "ab", "the", "and", " ", "  ", "\n", "\n\n", "\r\n", "\r",
            "\u2028", "\u000B", "\t", ".", "...", "\u2026", "#", "-", "\u2022", "\u00A0", "\uD83D\uDE00", "{", "[1]", "!",
            "?", "\"", "lorem ipsum", "javascript", "use cookies", "Word", "x".repeat(40));

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(ATOMS).list().ofMaxSize(60).map(l -> String.join("", l));
    }

    /** Words drawn from a tiny vocabulary, so that n-grams repeat and "ab"+"c" meets "a"+"bc". */
    @Provide
    Arbitrary<List<String>> wordLists() {
        return Arbitraries.of("a", "b", "c", "ab", "bc", "abc", "a b", "", "\uD83D\uDE00", "b\uD83D\uDE00").list().ofMaxSize(40);
    }

    /** The text's whitespace-separated words: a word list whose characters all come from the text. */
    private static List<String> wordsOf(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split("[\\s\u0085\u00A0\u2028\u2029]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    // ---- the reference's helper functions, transcribed literally on strings -------------------------

    private static String join(List<String> words, int i, int n, String sep) {
        return String.join(sep, words.subList(i, i + n));
    }

    private static long pyLen(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code find_top_duplicate(get_n_grams(words, n))}, or -1 when there are no n-grams. */
    private static long naiveTop(List<String> words, int n) {
        Map<String, Integer> counter = new LinkedHashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
            counter.merge(join(words, i, n, " "), 1, Integer::sum);
        }
        String top = null;
        int best = 0;
        for (Map.Entry<String, Integer> e : counter.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                top = e.getKey();
            }
        }
        return top == null ? -1 : pyLen(top) * best;
    }

    /** {@code find_all_duplicate(words, n)}. */
    private static long naiveAllDuplicate(List<String> words, int n) {
        Set<String> unique = new HashSet<>();
        long repeated = 0;
        int idx = 0;
        while (idx < words.size() - n + 1) {
            String gram = join(words, idx, n, "");
            if (unique.contains(gram)) {
                repeated += pyLen(gram);
                idx += n;
            } else {
                unique.add(gram);
                idx++;
            }
        }
        return repeated;
    }

    @Property(tries = 500)
    void nGramStatisticsEqualTheReferenceStringAlgorithms(@ForAll("wordLists") List<String> words) {
        WordWindows windows = new WordWindows(words);
        for (int n = 1; n <= 6; n++) {
            assertThat(windows.topDuplicate(n)).as("top %d-gram", n).isEqualTo(naiveTop(words, n));
        }
        for (int n = 1; n <= 6; n++) {
            assertThat(windows.allDuplicateChars(n)).as("duplicated %d-grams", n).isEqualTo(naiveAllDuplicate(words, n));
        }
        // Sizes in decreasing order recompute the hashes from scratch.
        assertThat(windows.topDuplicate(2)).isEqualTo(naiveTop(words, 2));
        assertThat(windows.allDuplicateChars(3)).isEqualTo(naiveAllDuplicate(words, 3));
    }

    @Property(tries = 300)
    void duplicateLinesEqualTheReferenceFindDuplicates(@ForAll("texts") String text) {
        // re.split(r"\n+", text) and find_duplicates on strings.
        List<String> lines = Arrays.asList(text.split("\n+", -1));
        Set<String> seen = new HashSet<>();
        int dups = 0;
        long chars = 0;
        for (String l : lines) {
            if (!seen.add(l)) {
                dups++;
                chars += pyLen(l);
            }
        }
        double[] m = new double[GopherRepetition.METRICS.size()];
        GopherRepetition.measure(text, wordsOf(text), GopherRepetition.Params.DEFAULTS, m);

        assertThat(m[GopherRepetition.N_LINES]).isEqualTo(lines.size());
        assertThat(m[GopherRepetition.DUP_LINE_FRAC]).isEqualTo((double) dups / lines.size());
        if (!text.isEmpty()) {
            assertThat(m[GopherRepetition.DUP_LINE_CHAR_FRAC]).isEqualTo((double) chars / pyLen(text));
        }
    }

    @Property(tries = 300)
    void fractionsByDefinitionStayBetweenZeroAndOne(@ForAll("texts") String text) {
        List<String> words = wordsOf(text);
        double[] q = new double[GopherQuality.METRICS.size()];
        GopherQuality.measure(text, words, GopherQuality.Params.DEFAULTS, q);
        double[] r = new double[GopherRepetition.METRICS.size()];
        GopherRepetition.measure(text, words, GopherRepetition.Params.DEFAULTS, r);
        double[] f = new double[FineWebQuality.METRICS.size()];
        FineWebQuality.measure(text, words, FineWebQuality.Params.DEFAULTS, f);

        assertFractions(q, GopherQuality.BULLET_LINES_RATIO, GopherQuality.END_ELLIPSIS_LINES_RATIO,
                GopherQuality.ALPHA_WORDS_RATIO);
        assertFractions(r, GopherRepetition.DUP_PARA_FRAC, GopherRepetition.DUP_PARA_CHAR_FRAC,
                GopherRepetition.DUP_LINE_FRAC, GopherRepetition.DUP_LINE_CHAR_FRAC);
        for (int i = GopherRepetition.FIRST_N_GRAM + 3; i < r.length; i++) {
            assertFractions(r, i);
        }
        assertFractions(f, FineWebQuality.LINE_PUNCT_RATIO, FineWebQuality.SHORT_LINE_RATIO, FineWebQuality.CHAR_DUP_RATIO);
        assertThat(q[GopherQuality.N_NON_SYMBOL_WORDS]).isBetween(0.0, q[GopherQuality.N_WORDS]);
        assertThat(q[GopherQuality.N_STOP_WORDS_PRESENT]).isBetween(0.0, 8.0);
    }

    private static void assertFractions(double[] m, int... indices) {
        for (int i : indices) {
            if (!Double.isNaN(m[i])) {
                assertThat(m[i]).as("metric %d", i).isBetween(0.0, 1.0);
            }
        }
    }

    // ---- tightening ------------------------------------------------------------------------------------

    /** A threshold that may be disabled (null or 0) or set. */
    @Provide
    Arbitrary<Double> optionalRatio() {
        return Arbitraries.oneOf(Arbitraries.just((Double) null), Arbitraries.just(0.0), Arbitraries.doubles().between(0.01, 1.0));
    }

    @Provide
    Arbitrary<Double> factor() {
        return Arbitraries.doubles().between(0.05, 1.0);
    }

    /** A stricter maximum: a disabled check may become enabled; an enabled one only shrinks, never to 0. */
    private static Double stricterMax(Double t, double f) {
        return t == null || t == 0.0 ? (Double) (f * 0.5) : (Double) (t * f);
    }

    /** A stricter minimum: a disabled check may become enabled; an enabled one only grows. */
    private static Double stricterMin(Double t, double f) {
        return t == null || t == 0.0 ? (Double) (1 + 10 * f) : (Double) (t / f);
    }

    private static Integer stricterMin(Integer t, double f) {
        return t == null || t == 0 ? Integer.valueOf(1 + (int) (10 * f)) : Integer.valueOf(t + (int) (10 * (1 - f)));
    }

    private static Integer stricterMax(Integer t, double f) {
        return t == null || t == 0 ? Integer.valueOf(1 + (int) (100 * f)) : Integer.valueOf(Math.max(1, (int) (t * f)));
    }

    @Property(tries = 400)
    void tighteningGopherQualityNeverKeepsADroppedDocument(@ForAll("texts") String text,
            @ForAll("optionalRatio") Double symbol, @ForAll("optionalRatio") Double bullets,
            @ForAll("optionalRatio") Double ellipsis, @ForAll("optionalRatio") Double alpha,
            @ForAll @IntRange(min = 0, max = 20) int minWords, @ForAll @IntRange(min = 0, max = 3) int minStop,
            @ForAll("factor") double f) {
        GopherQuality.Params p = new GopherQuality.Params(minWords, 200, 2.0, 8.0, symbol, bullets, ellipsis, alpha,
                minStop, null, "eng");
        GopherQuality.Params stricter = new GopherQuality.Params(stricterMin(p.minDocWords(), f),
                stricterMax(p.maxDocWords(), f), stricterMin(p.minAvgWordLength(), f), stricterMax(p.maxAvgWordLength(), f),
                stricterMax(symbol, f), stricterMax(bullets, f), stricterMax(ellipsis, f), stricterMin(alpha, f),
                stricterMin(p.minStopWords(), f), null, "eng");
        double[] m = new double[GopherQuality.METRICS.size()];
        GopherQuality.measure(text, wordsOf(text), p, m);

        if (ReferenceDecisions.gopherQuality(m, p) != null) {
            assertThat(ReferenceDecisions.gopherQuality(m, stricter)).isNotNull();
        }
    }

    @Property(tries = 400)
    void tighteningGopherRepetitionNeverKeepsADroppedDocument(@ForAll("texts") String text,
            @ForAll("optionalRatio") Double line, @ForAll("optionalRatio") Double para,
            @ForAll("optionalRatio") Double lineChars, @ForAll("optionalRatio") Double paraChars,
            @ForAll @DoubleRange(min = 0, max = 1.5) double nGramFrac, @ForAll("factor") double f) {
        List<GopherRepetition.NGram> top = List.of(new GopherRepetition.NGram(2, nGramFrac), new GopherRepetition.NGram(3, nGramFrac));
        List<GopherRepetition.NGram> dup = List.of(new GopherRepetition.NGram(5, nGramFrac / 4));
        GopherRepetition.Params p = new GopherRepetition.Params(line, para, lineChars, paraChars, top, dup, "eng");
        GopherRepetition.Params stricter = new GopherRepetition.Params(stricterMax(line, f), stricterMax(para, f),
                stricterMax(lineChars, f), stricterMax(paraChars, f),
                List.of(new GopherRepetition.NGram(2, nGramFrac * f), new GopherRepetition.NGram(3, nGramFrac * f)),
                List.of(new GopherRepetition.NGram(5, nGramFrac / 4 * f)), "eng");
        double[] m = new double[GopherRepetition.metricCount(p)];
        GopherRepetition.measure(text, wordsOf(text), p, m);

        if (ReferenceDecisions.gopherRepetition(m, p) != null) {
            assertThat(ReferenceDecisions.gopherRepetition(m, stricter)).isNotNull();
        }
    }

    @Property(tries = 400)
    void tighteningFineWebQualityNeverKeepsADroppedDocument(@ForAll("texts") String text,
            @ForAll @DoubleRange(min = 0, max = 1) double punct, @ForAll boolean excludeZero,
            @ForAll @DoubleRange(min = 0, max = 1) double shortLines, @ForAll @DoubleRange(min = 0, max = 0.5) double dups,
            @ForAll @DoubleRange(min = 0, max = 2) double newLines, @ForAll("factor") double f) {
        FineWebQuality.Params p = new FineWebQuality.Params(punct, excludeZero, null, shortLines, 30, dups, newLines, "eng");
        FineWebQuality.Params stricter = new FineWebQuality.Params(punct + (1 - f), false, null, shortLines * f, 30,
                dups * f, newLines * f, "eng");
        double[] m = new double[FineWebQuality.METRICS.size()];
        FineWebQuality.measure(text, wordsOf(text), p, m);

        if (ReferenceDecisions.fineWebQuality(m, p) != null) {
            assertThat(ReferenceDecisions.fineWebQuality(m, stricter)).isNotNull();
        }
    }

    @Property(tries = 300)
    void tighteningC4QualityNeverKeepsADroppedDocument(@ForAll("texts") String text, @ForAll boolean lorem,
            @ForAll boolean curly, @ForAll @IntRange(min = -1, max = 6) int minSentences,
            @ForAll @IntRange(min = 0, max = 4) int more) {
        C4Quality.Params p = C4Quality.Params.FINEWEB.withDocumentChecks(lorem, curly, minSentences);
        C4Quality.Params stricter = C4Quality.Params.FINEWEB.withDocumentChecks(true, true, Math.max(minSentences, 0) + more);
        double[] m = new double[C4Quality.METRICS.size()];
        C4Quality.measure(text, C4QualityTest.SIMPLE_SENTENCES, p, m);

        if (ReferenceDecisions.c4Quality(m, p) != null) {
            assertThat(ReferenceDecisions.c4Quality(m, stricter)).isNotNull();
        }
    }

    @Property(tries = 300)
    void c4KeptLinesAreExactlyTheLinesOfTheRewrittenText(@ForAll("texts") String text) {
        double[] m = new double[C4Quality.METRICS.size()];
        C4Quality.Lines lines = C4Quality.measure(text, C4QualityTest.SIMPLE_SENTENCES, C4Quality.Params.FINEWEB, m);

        long kept = lines.verdicts(C4Quality.Params.FINEWEB.withDocumentChecks(false, false, -1)).stream()
                .filter(v -> v == C4Quality.LineVerdict.KEPT).count();
        assertThat(kept).isEqualTo((long) m[C4Quality.N_LINES_KEPT]);
        assertThat(m[C4Quality.N_LINES]).isEqualTo(lines.size());
        String after = lines.textAfter();
        if (!after.isEmpty()) {
            // "\n".join(kept).strip(): no Python whitespace at either end.
            assertThat(PyText.isSpace(after.charAt(0)) || PyText.isSpace(after.charAt(after.length() - 1))).isFalse();
        }
        assertThat(m[C4Quality.NUM_SENTENCES]).isGreaterThanOrEqualTo(m[C4Quality.N_LINES_KEPT]);
    }
}
