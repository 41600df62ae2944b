package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loupe.engine.measure.filters.Metrics.NAN;
import static org.loupe.engine.measure.filters.Metrics.assertMetrics;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gopher repetition on small documents whose metrics follow from the spec's definitions (§4, §0) and its
 * verified examples (§14). Metric order: len_text, n_paragraphs, dup_para_frac, dup_para_char_frac,
 * n_lines, dup_line_frac, dup_line_char_frac, top_2/3/4_gram_char_frac, dup_5..10_gram_char_frac.
 */
class GopherRepetitionTest {
    private static final GopherRepetition.Params DEFAULTS = GopherRepetition.Params.DEFAULTS;

    private static double[] measure(String text, List<String> words, GopherRepetition.Params p) {
        double[] m = new double[GopherRepetition.metricCount(p)];
        GopherRepetition.measure(text, words, p, m);
        return m;
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("Hello world. is dropped as top_2_gram; its 3-gram fraction exceeds 1 (§14)", "Hello world.",
                        List.of("Hello", "world", "."),
                        new double[] {12, 1, 0, 0, 1, 0, 0, 11 / 12.0, 13 / 12.0, NAN, 0, 0, 0, 0, 0, 0}, "top_2_gram"),
                Arguments.of("empty text: char fractions divide by zero (datatrove raises), NaN compares false", "", List.of(),
                        new double[] {0, 1, 0, NAN, 1, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN}, null),
                Arguments.of("a run of blank lines separates paragraphs once; repeated paragraph counted after its first",
                        "a\n\n\nb\n\na", List.of("a", "b", "a"),
                        new double[] {8, 3, 1 / 3.0, 1 / 8.0, 3, 1 / 3.0, 1 / 8.0, 3 / 8.0, 5 / 8.0, NAN, 0, 0, 0, 0, 0, 0},
                        "dup_para_frac"),
                Arguments.of("leading and trailing LF give two empty lines, a duplicate of 0 chars", "\na\n", List.of("a"),
                        new double[] {3, 1, 0, 0, 3, 1 / 3.0, 0, NAN, NAN, NAN, 0, 0, 0, 0, 0, 0}, "dup_line_frac"),
                Arguments.of("CRLF: lines are split on LF only and keep their CR", "a\r\na\r\n", List.of("a", "a"),
                        new double[] {6, 1, 0, 0, 3, 1 / 3.0, 2 / 6.0, 3 / 6.0, NAN, NAN, 0, 0, 0, 0, 0, 0}, "dup_line_frac"),
                Arguments.of("astral characters count one code point", "\uD83D\uDE00\n\uD83D\uDE00",
                        List.of("\uD83D\uDE00", "\uD83D\uDE00"),
                        new double[] {3, 1, 0, 0, 2, 1 / 2.0, 1 / 3.0, 3 / 3.0, NAN, NAN, 0, 0, 0, 0, 0, 0}, "dup_line_frac"),
                Arguments.of("top n-gram ties go to the first occurrence, not the shortest or the last",
                        "x yyyy x y x yyyy x y", List.of("x", "yyyy", "x", "y", "x", "yyyy", "x", "y"),
                        new double[] {21, 1, 0, 0, 1, 0, 0, 12 / 21.0, 16 / 21.0, 20 / 21.0, 0, 0, 0, 0, 0, 0}, "top_2_gram"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void metricsAndDefaultDecisionFollowTheReferenceDefinitions(String name, String text, List<String> words,
                                                                double[] expected, String reason) {
        double[] m = measure(text, words, DEFAULTS);

        assertMetrics(GopherRepetition.METRICS, m, expected);
        assertThat(ReferenceDecisions.gopherRepetition(m, DEFAULTS)).isEqualTo(reason);
    }

    @Test
    void emptyTextIsFlaggedAsWhereDatatroveRaises() {
        double[] m = measure("", List.of(), DEFAULTS);

        assertThat(ReferenceDecisions.gopherRepetitionRaises(m, DEFAULTS)).isTrue();
        assertThat(ReferenceDecisions.gopherRepetitionRaises(measure("a", List.of("a"), DEFAULTS), DEFAULTS)).isFalse();
        GopherRepetition.Params onlyCounts = new GopherRepetition.Params(0.3, 0.3, null, null, List.of(), List.of(), "eng");
        assertThat(ReferenceDecisions.gopherRepetitionRaises(measure("", List.of(), onlyCounts), onlyCounts)).isFalse();
    }

    @Test
    void duplicatedNGramsAreJoinedWithoutSeparatorButTopNGramsWithASpace() {
        GopherRepetition.Params bigrams = new GopherRepetition.Params(0.3, 0.3, 0.2, 0.2,
                List.of(new GopherRepetition.NGram(2, 0.9)), List.of(new GopherRepetition.NGram(2, 0.1)), "eng");
        double[] m = measure("ab c a bc", List.of("ab", "c", "a", "bc"), bigrams);

        assertThat(GopherRepetition.metricNames(bigrams)).endsWith("top_2_gram_char_frac", "dup_2_gram_char_frac");
        // "ab c", "c a", "a bc" are distinct: the first is top with count 1.
        assertThat(m[GopherRepetition.FIRST_N_GRAM]).isEqualTo(4 / 9.0);
        // "abc", "ca", "abc": the third window repeats the first.
        assertThat(m[GopherRepetition.FIRST_N_GRAM + 1]).isEqualTo(3 / 9.0);
        assertThat(ReferenceDecisions.gopherRepetition(m, bigrams)).isEqualTo("duplicated_2_n_grams");
    }

    @Test
    void aDuplicateNGramJumpsItsLengthSoRepeatsNeverOverlap() {
        GopherRepetition.Params bigrams = new GopherRepetition.Params(0.3, 0.3, 0.2, 0.2, List.of(),
                List.of(new GopherRepetition.NGram(2, 0.1)), "eng");
        // "ab" (new), "ba" (new), "ab" (repeat, jump to 4), "ab" (repeat): 2 + 2 chars.
        double[] m = measure("a b a b a b", List.of("a", "b", "a", "b", "a", "b"), bigrams);

        assertThat(m[GopherRepetition.FIRST_N_GRAM]).isEqualTo(4 / 11.0);
    }

    @Test
    void nullOrZeroDisablesTheFourDuplicateChecksButNotTheNGramChecks() {
        double[] m = measure("\na\n", List.of("a"), DEFAULTS);
        GopherRepetition.Params noLineFrac = new GopherRepetition.Params(null, 0.3, 0.2, 0.2, DEFAULTS.topNGrams(),
                DEFAULTS.dupNGrams(), "eng");
        assertThat(ReferenceDecisions.gopherRepetition(m, noLineFrac)).isNull();
        GopherRepetition.Params zero = new GopherRepetition.Params(0.0, 0.3, 0.2, 0.2, DEFAULTS.topNGrams(),
                DEFAULTS.dupNGrams(), "eng");
        assertThat(ReferenceDecisions.gopherRepetition(m, zero)).isNull();

        // An n-gram fraction of 0 is a real threshold: any positive fraction exceeds it.
        GopherRepetition.Params strictTop = new GopherRepetition.Params(0.3, 0.3, 0.2, 0.2,
                List.of(new GopherRepetition.NGram(1, 0.0)), List.of(), "eng");
        assertThat(ReferenceDecisions.gopherRepetition(measure("\na\n", List.of("a"), strictTop), strictTop)).isEqualTo("dup_line_frac");
        GopherRepetition.Params strictTopOnly = new GopherRepetition.Params(null, 0.3, 0.2, 0.2,
                List.of(new GopherRepetition.NGram(1, 0.0)), List.of(), "eng");
        assertThat(ReferenceDecisions.gopherRepetition(measure("\na\n", List.of("a"), strictTopOnly), strictTopOnly)).isEqualTo("top_1_gram");
    }

    @Test
    void nGramSizesMustBePositiveAndDistinct() {
        assertThatThrownBy(() -> new GopherRepetition.NGram(0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GopherRepetition.Params(0.3, 0.3, 0.2, 0.2,
                List.of(new GopherRepetition.NGram(2, 0.2), new GopherRepetition.NGram(2, 0.1)), List.of(), "eng"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultMetricNamesAreTheGoldenOnes() {
        assertThat(GopherRepetition.METRICS).containsExactly("len_text", "n_paragraphs", "dup_para_frac",
                "dup_para_char_frac", "n_lines", "dup_line_frac", "dup_line_char_frac", "top_2_gram_char_frac",
                "top_3_gram_char_frac", "top_4_gram_char_frac", "dup_5_gram_char_frac", "dup_6_gram_char_frac",
                "dup_7_gram_char_frac", "dup_8_gram_char_frac", "dup_9_gram_char_frac", "dup_10_gram_char_frac");
    }
}
