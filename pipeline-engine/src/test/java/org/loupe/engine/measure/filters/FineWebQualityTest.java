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
 * FineWeb quality on small documents whose metrics follow from the spec's definitions (§6, §0.3) and its
 * verified examples (§14). Metric order: n_lines, line_punct_ratio, short_line_ratio, char_dup_ratio,
 * n_words, list_ratio.
 */
class FineWebQualityTest {
    private static final FineWebQuality.Params DEFAULTS = FineWebQuality.Params.DEFAULTS;
    private static final String A = "This first line is long enough to count.";
    private static final String B = "And the second line ends with a full stop.";

    private static double[] measure(String text, List<String> words, FineWebQuality.Params p) {
        double[] m = new double[FineWebQuality.METRICS.size()];
        FineWebQuality.measure(text, words, p, m);
        return m;
    }

    /** Whitespace-separated words with a final full stop split off, as spaCy would for these sentences. */
    private static List<String> words(String... lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            for (String w : line.split(" ")) {
                if (w.endsWith(".")) {
                    out.add(w.substring(0, w.length() - 1));
                    out.add(".");
                } else {
                    out.add(w);
                }
            }
        }
        return out;
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("Hello world. is one short line (§14)", "Hello world.", List.of("Hello", "world", "."),
                        new double[] {1, 1, 1, 0, 3, 0}, "short_line_ratio"),
                Arguments.of("empty text (§14)", "", List.of(), new double[] {0, NAN, NAN, NAN, 0, NAN}, "empty"),
                Arguments.of("only blank lines is empty too", "  \n \t\n", List.of(),
                        new double[] {0, NAN, NAN, NAN, 0, NAN}, "empty"),
                Arguments.of("lines are not stripped: a trailing space or CR hides the full stop",
                        "Hello. \nHello.\r\nThe end\n", List.of("Hello", ".", "Hello", ".", "The", "end"),
                        new double[] {3, 0, 1, 0, 6, 3 / 6.0}, "line_punct_ratio"),
                Arguments.of("stop chars are TERMINAL_PUNCTUATION: the ideographic full stop counts, … and ” do not",
                        "\u4E00\u884C\u3002\n\u4E8C\u884C\u2026\n\u4E09\u884C\u201D\n",
                        List.of("\u4E00\u884C", "\u3002", "\u4E8C\u884C", "\u2026", "\u4E09\u884C", "\u201D"),
                        new double[] {3, 1 / 3.0, 1, 0, 6, 3 / 6.0}, "short_line_ratio"),
                Arguments.of("a blank-line run: blank lines are dropped, their LFs still count for the list ratio",
                        A + "\n\n\n\n\n\n\n" + B + "\n", List.of("This", "first", "line", ".", "And", "second", "."),
                        new double[] {2, 1, 0, 0, 7, 8 / 7.0}, "list_ratio"),
                Arguments.of("a repeated line: duplicate chars over all chars but LF",
                        A + "\n" + A + "\n" + B, words(A, A, B),
                        new double[] {3, 1, 0, 40 / 122.0, 28, 2 / 28.0}, "char_dup_ratio"),
                Arguments.of("astral characters are one code point each", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00",
                        List.of("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"), new double[] {1, 0, 1, 0, 1, 0}, "line_punct_ratio"),
                Arguments.of("two long punctuated lines are kept", A + "\n" + B, words(A, B),
                        new double[] {2, 1, 0, 0, 19, 1 / 19.0}, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void metricsAndDefaultDecisionFollowTheReferenceDefinitions(String name, String text, List<String> words,
                                                                double[] expected, String reason) {
        double[] m = measure(text, words, DEFAULTS);

        assertMetrics(FineWebQuality.METRICS, m, expected);
        assertThat(ReferenceDecisions.fineWebQuality(m, DEFAULTS)).isEqualTo(reason);
    }

    @Test
    void aZeroPunctuationRatioPassesOnlyWithLinePunctExcludeZero() {
        double[] m = measure("Hello world\nok", List.of("Hello", "world", "ok"), DEFAULTS);
        assertThat(ReferenceDecisions.fineWebQuality(m, DEFAULTS)).isEqualTo("line_punct_ratio");

        FineWebQuality.Params excludeZero = new FineWebQuality.Params(0.12, true, null, 0.67, 30, 0.01, 0.3, "eng");
        assertThat(ReferenceDecisions.fineWebQuality(m, excludeZero)).isEqualTo("short_line_ratio");
    }

    @Test
    void stopCharsAndShortLineLengthChangeTheMeasure() {
        FineWebQuality.Params p = new FineWebQuality.Params(0.12, false, List.of("!"), 0.67, 2, 0.01, 0.3, "eng");
        double[] m = measure("Hi!\nHo?", List.of("Hi", "!", "Ho", "?"), p);

        assertMetrics(FineWebQuality.METRICS, m, 2, 0.5, 0, 0, 4, 0.25);
        assertThat(FineWebQuality.TERMINAL_PUNCTUATION).hasSize(159).contains("!", ".", "?", "\u3002")
                .doesNotContain("\u2026", "\"", "'");
    }

    @Test
    void comparisonsAreStrictAsInTheReference() {
        // line_punct_ratio exactly at the threshold passes (drop only below); the others drop only above.
        double[] m = {4, 0.25, 0.5, 0.01, 10, 0.3};
        FineWebQuality.Params p = new FineWebQuality.Params(0.25, false, null, 0.5, 30, 0.01, 0.3, "eng");
        assertThat(ReferenceDecisions.fineWebQuality(m, p)).isNull();
        assertThat(ReferenceDecisions.fineWebQualityRaises(m, p)).isFalse();
    }

    @Test
    void aNonBlankDocumentWithoutWordsIsWhereDatatroveWouldRaise() {
        double[] m = measure("A long enough line that ends well.", List.of(), DEFAULTS);

        assertThat(m[FineWebQuality.LIST_RATIO]).isNaN();
        assertThat(ReferenceDecisions.fineWebQuality(m, DEFAULTS)).isNull();
        assertThat(ReferenceDecisions.fineWebQualityRaises(m, DEFAULTS)).isTrue();
    }
}
