package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loupe.engine.measure.filters.Metrics.NAN;
import static org.loupe.engine.measure.filters.Metrics.assertMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gopher quality on small documents whose metrics follow from the spec's definitions (§3, §3.1, §0) and
 * from its verified examples (§14). Word lists are given explicitly, as spaCy would produce them, so the
 * tests need no tokenizer. Metric order: n_words, n_non_symbol_words, avg_word_length, hash_ratio,
 * ellipsis_ratio, n_lines, bullet_lines_ratio, end_ellipsis_lines_ratio, alpha_words_ratio,
 * n_stop_words_present.
 */
class GopherQualityTest {
    private static final GopherQuality.Params DEFAULTS = GopherQuality.Params.DEFAULTS;

    private static double[] measure(String text, List<String> words, GopherQuality.Params p) {
        double[] m = new double[GopherQuality.METRICS.size()];
        GopherQuality.measure(text, words, p, m);
        return m;
    }

    /** "The The The The. " five times, then 60 distinct words: §14's stop-word example. */
    private static Arguments capitalisedStopWords() {
        StringBuilder text = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            text.append("The The The The. ");
            words.addAll(List.of("The", "The", "The", "The", "."));
        }
        for (int i = 0; i < 60; i++) {
            String w = "word" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
            text.append(w).append(' ');
            words.add(w);
        }
        return Arguments.of("capitalised The is not a stop word (§14)", text.toString(), words,
                new double[] {85, 80, (20 * 3 + 60 * 6) / 80.0, 0, 0, 1, 0, 0, 80 / 85.0, 0}, "gopher_enough_stop_words");
    }

    static Stream<Arguments> documents() {
        String longWord = "x".repeat(1000);
        return Stream.of(
                Arguments.of("Hello world. is a short doc (§14)", "Hello world.", List.of("Hello", "world", "."),
                        new double[] {3, 2, 5, 0, 0, 1, 0, 0, 2 / 3.0, 0}, "gopher_short_doc"),
                Arguments.of("empty text: no words, no lines, every ratio undefined", "", List.of(),
                        new double[] {0, 0, NAN, NAN, NAN, 0, NAN, NAN, NAN, 0}, "gopher_short_doc"),
                Arguments.of("only punctuation: no non-symbol word, mean([]) is nan", "!!! ... ??",
                        List.of("!", "!", "!", "...", "?", "?"),
                        new double[] {6, 0, NAN, 0, 1 / 6.0, 1, 0, 0, 0, 0}, "gopher_short_doc"),
                Arguments.of("CRLF and a lone CR are one line break each; bullets after lstrip; • is no symbol",
                        "- a\r\n  \u2022 b\rc\n", List.of("-", "a", "\u2022", "b", "c"),
                        new double[] {5, 4, 1, 0, 0, 3, 2 / 3.0, 0, 3 / 5.0, 0}, "gopher_short_doc"),
                Arguments.of("splitlines breaks on VT, FF, FS, NEL, LS and PS; a final break adds no line",
                        "a\u000Bb\u000Cc\u001Cd\u0085e\u2028f\u2029g\n\n", List.of("a", "b", "c", "d", "e", "f", "g"),
                        new double[] {7, 7, 1, 0, 0, 8, 0, 0, 1, 0}, "gopher_short_doc"),
                Arguments.of("end ellipsis after rstrip; '. . .' is not an ellipsis; '....' holds one '...'",
                        "wait...  \nso\u2026\nno. . .\nok....", List.of("wait", "...", "so", "\u2026", "no", ".", ".", ".", "ok", "...."),
                        new double[] {10, 4, 2.5, 0, 3 / 10.0, 4, 0, 3 / 4.0, 4 / 10.0, 0}, "gopher_short_doc"),
                Arguments.of("Unicode punctuation: fullwidth digit one is a symbol, inverted question mark is not",
                        "\uFF11 \u00BF \u2014 \u00AB\u00BB #tag", List.of("\uFF11", "\u00BF", "\u2014", "\u00AB", "\u00BB", "#", "tag"),
                        new double[] {7, 2, 2, 1 / 7.0, 0, 1, 0, 0, 1 / 7.0, 0}, "gopher_short_doc"),
                Arguments.of("a 1,000-character word counts 1,000 code points", longWord + " a", List.of(longWord, "a"),
                        new double[] {2, 2, 500.5, 0, 0, 1, 0, 0, 1, 0}, "gopher_short_doc"),
                Arguments.of("astral characters are one code point each; emoji are not letters", "\uD83D\uDE00\uD83D\uDE00 \uD835\uDC00",
                        List.of("\uD83D\uDE00\uD83D\uDE00", "\uD835\uDC00"),
                        new double[] {2, 2, 1.5, 0, 0, 1, 0, 0, 1 / 2.0, 0}, "gopher_short_doc"),
                Arguments.of("a letter new in Unicode 14 (U+0870) is alpha, as in Python 3.11", "\u0870 the and",
                        List.of("\u0870", "the", "and"),
                        new double[] {3, 3, 7 / 3.0, 0, 0, 1, 0, 0, 1, 2}, "gopher_short_doc"),
                capitalisedStopWords());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void metricsAndDefaultDecisionFollowTheReferenceDefinitions(String name, String text, List<String> words,
                                                                double[] expected, String reason) {
        double[] m = measure(text, words, DEFAULTS);

        assertMetrics(GopherQuality.METRICS, m, expected);
        assertThat(ReferenceDecisions.gopherQuality(m, DEFAULTS)).isEqualTo(reason);
    }

    static Stream<Arguments> disabledThresholds() {
        return Stream.of(Arguments.of((Integer) null), Arguments.of(0));
    }

    @ParameterizedTest(name = "min_doc_words={0}")
    @MethodSource("disabledThresholds")
    void aNullOrZeroThresholdSkipsItsCheckInsteadOfBeingStrictest(Integer off) {
        double[] m = measure("Hello world.", List.of("Hello", "world", "."), DEFAULTS);
        GopherQuality.Params p = new GopherQuality.Params(off, 100000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.8, 2, null, "eng");

        // Past the length check, 2 alphabetic words out of 3 fail the alpha-ratio check (0.67 < 0.8).
        assertThat(ReferenceDecisions.gopherQuality(m, p)).isEqualTo("gopher_below_alpha_threshold");
        GopherQuality.Params noAlpha = new GopherQuality.Params(off, 100000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.0, 2, null, "eng");
        assertThat(ReferenceDecisions.gopherQuality(m, noAlpha)).isEqualTo("gopher_enough_stop_words");
        GopherQuality.Params nothing = new GopherQuality.Params(off, null, null, 0.0, null, 0.0, null, null, 0, null, "eng");
        assertThat(ReferenceDecisions.gopherQuality(m, nothing)).isNull();
    }

    @Test
    void undefinedAverageComparesFalseLikeNumpysNan() {
        double[] m = measure("!!! ... ??", List.of("!", "!", "!", "...", "?", "?"), DEFAULTS);
        GopherQuality.Params p = new GopherQuality.Params(0, 100000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.8, 2, null, "eng");

        // avg_word_length is nan: both length checks pass; one "..." in 6 words is above 0.1.
        assertThat(ReferenceDecisions.gopherQuality(m, p)).isEqualTo("gopher_too_many_ellipsis");
        assertThat(ReferenceDecisions.gopherQualityRaises(m, p)).isFalse();
    }

    @Test
    void emptyTextWithTheLengthCheckOffIsWhereDatatroveRaises() {
        double[] m = measure("", List.of(), DEFAULTS);
        GopherQuality.Params p = new GopherQuality.Params(null, 100000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.8, 2, null, "eng");

        assertThat(ReferenceDecisions.gopherQualityRaises(m, p)).isTrue();
        assertThat(ReferenceDecisions.gopherQualityRaises(m, DEFAULTS)).isFalse();
        // Every NaN compares false; the stop-word count (0 < 2) still decides.
        assertThat(ReferenceDecisions.gopherQuality(m, p)).isEqualTo("gopher_enough_stop_words");
    }

    @Test
    void stopWordsAreDistinctCaseSensitiveAndConfigurable() {
        List<String> words = List.of("the", "the", "the", "The", "of", "Of");
        double[] m = measure("the the the The of Of", words, DEFAULTS);
        assertThat(m[GopherQuality.N_STOP_WORDS_PRESENT]).isEqualTo(2);

        GopherQuality.Params custom = new GopherQuality.Params(50, 100000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.8, 2,
                List.of("The", "Of", "Of", "x"), "eng");
        assertThat(measure("the the the The of Of", words, custom)[GopherQuality.N_STOP_WORDS_PRESENT]).isEqualTo(2);
    }

    @Test
    void checksRunInTheReferenceOrder() {
        // Too few words AND too many hashes: the length check comes first.
        double[] m = measure("# # #", List.of("#", "#", "#"), DEFAULTS);
        assertThat(ReferenceDecisions.gopherQuality(m, DEFAULTS)).isEqualTo("gopher_short_doc");
        GopherQuality.Params noLength = new GopherQuality.Params(null, null, null, null, 0.1, 0.9, 0.3, 0.8, 2, null, "eng");
        assertThat(ReferenceDecisions.gopherQuality(m, noLength)).isEqualTo("gopher_too_many_hashes");
    }

    @Test
    void punctuationSetHasTheReferenceSizes() {
        assertThat(ReferencePunctuation.punctuationSetSize()).isEqualTo(281);
        assertThat(ReferencePunctuation.TERMINAL).hasSize(159).isSorted();
        assertThat(ReferencePunctuation.isPunctuation('\t')).isFalse();
        assertThat(ReferencePunctuation.isPunctuation('\n')).isFalse();
        assertThat(ReferencePunctuation.isPunctuation(0x0B)).isTrue();
        assertThat(ReferencePunctuation.isPunctuation(0x1DA88)).isTrue();
        assertThat(ReferencePunctuation.isTerminal(0x2026)).as("… is punctuation but not terminal").isFalse();
        assertThat(ReferencePunctuation.isPunctuation(0x2026)).isTrue();
    }
}
