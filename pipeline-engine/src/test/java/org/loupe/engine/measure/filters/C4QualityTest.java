package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.CURLY_BRACKET;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.JAVASCRIPT;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.KEPT;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.LOREM_IPSUM;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.NOT_REACHED;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.NO_TERMINAL_PUNCT;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.POLICY;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.TOO_FEW_WORDS;
import static org.loupe.engine.measure.filters.C4Quality.LineVerdict.TOO_LONG_WORD;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C4 quality's line loop (spec §5) on small documents. The sentence splitter is a stand-in that cuts after
 * ". ", "! " and "? " — the loop's behaviour, not spaCy's, is under test here; the real tokenizer is used
 * by the golden test.
 */
class C4QualityTest {
    /** Cuts after '.', '!' or '?' followed by a space; the pieces concatenate back to the text. */
    static final C4Quality.SentenceSplitter SIMPLE_SENTENCES = text -> {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && text.charAt(i + 1) == ' ') {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        pieces.add(text.substring(start));
        return pieces;
    };

    private static final C4Quality.Params DEFAULTS = C4Quality.Params.DEFAULTS;
    private static final String FILL = "\nOne more filler sentence here.\nTwo more filler sentence here."
            + "\nThree more filler sentence here.\nFour more filler sentence here.\nFive more filler sentence here.";
    private static final String FILL_KEPT = FILL.substring(1);

    private record Run(double[] metrics, C4Quality.Lines lines) {
        String reason(C4Quality.Params p) {
            return ReferenceDecisions.c4Quality(metrics, p);
        }
    }

    private static Run run(String text, C4Quality.Params p) {
        double[] m = new double[C4Quality.METRICS.size()];
        C4Quality.Lines lines = C4Quality.measure(text, SIMPLE_SENTENCES, p, m);
        return new Run(m, lines);
    }

    @Test
    void everyLineRuleRemovesItsLinesAndTheKeptLinesAreRewrittenAsTheReferenceDoes() {
        String text = "This line is kept. It has two sentences.\r\n"
                + "x".repeat(1001) + " is too long.\n"
                + "No terminal punctuation here\r"
                + "It ends with an ellipsis...\u2028"
                + "Too short.\n"
                + "Please enable JavaScript to continue.\n"
                + "We use cookies on this site.\n"
                + "A cited sentence ends here.[1]\n"
                + "[edit] Section text is kept too.\n"
                + "   Indented line with a quote ends so.\"   \n\n"
                + "Arabic digits cite this claim.[\u0661\u0662]\n"
                + "Empty brackets [] vanish too.\n"
                + "Letters [12a] are no citation.";

        Run r = run(text, DEFAULTS);

        assertThat(r.lines().verdicts(DEFAULTS)).containsExactly(KEPT, TOO_LONG_WORD, NO_TERMINAL_PUNCT,
                NO_TERMINAL_PUNCT, TOO_FEW_WORDS, JAVASCRIPT, POLICY, KEPT, KEPT, KEPT, NO_TERMINAL_PUNCT, KEPT, KEPT, KEPT);
        assertThat(r.metrics()).containsExactly(8, 14, 7, Double.NaN, Double.NaN);
        assertThat(r.reason(DEFAULTS)).isNull();
        // Citations are removed before the punctuation test; a citation at the start leaves its space.
        assertThat(r.lines().textAfter()).isEqualTo("This line is kept. It has two sentences.\n"
                + "A cited sentence ends here.\n"
                + " Section text is kept too.\n"
                + "Indented line with a quote ends so.\"\n"
                + "Arabic digits cite this claim.\n"
                + "Empty brackets  vanish too.\n"
                + "Letters [12a] are no citation.");
        // Line spans point into the original text: CRLF, CR and U+2028 each end one line.
        assertThat(text.substring(r.lines().start(2), r.lines().end(2))).isEqualTo("No terminal punctuation here");
        assertThat(text.substring(r.lines().start(3), r.lines().end(3))).isEqualTo("It ends with an ellipsis...");
    }

    static Stream<Arguments> loremAndCurly() {
        String loremFirst = "Lorem ipsum dolor sit amet.\nCode like {this} is here." + FILL;
        String curlyFirst = "Code like {this} is here.\nLorem ipsum dolor sit amet." + FILL;
        String sameLine = "Lorem ipsum {x} is here." + FILL;
        return Stream.of(
                Arguments.of(loremFirst, true, true, "lorem_ipsum"),
                Arguments.of(loremFirst, false, true, "curly_bracket"),
                Arguments.of(loremFirst, true, false, "lorem_ipsum"),
                Arguments.of(loremFirst, false, false, null),
                Arguments.of(curlyFirst, true, true, "curly_bracket"),
                Arguments.of(curlyFirst, false, true, "curly_bracket"),
                Arguments.of(curlyFirst, true, false, "lorem_ipsum"),
                Arguments.of(curlyFirst, false, false, null),
                Arguments.of(sameLine, true, true, "lorem_ipsum"),
                Arguments.of(sameLine, false, true, "curly_bracket"),
                Arguments.of(sameLine, true, false, "lorem_ipsum"),
                Arguments.of(sameLine, false, false, null));
    }

    @ParameterizedTest(name = "lorem={1} curly={2}: {3}")
    @MethodSource("loremAndCurly")
    void loremIpsumAndCurlyBracketDecideInLineOrderWhateverTheToggles(String text, boolean lorem, boolean curly,
                                                                      String reason) {
        C4Quality.Params p = DEFAULTS.withDocumentChecks(lorem, curly, 5);
        Run measured = run(text, DEFAULTS);

        assertThat(measured.reason(p)).isEqualTo(reason);
        // Measuring never depends on the decision switches.
        assertThat(run(text, p).metrics()).containsExactly(measured.metrics());
        if (reason == null) {
            assertThat(measured.lines().textAfter()).isEqualTo(text);
        }
    }

    @Test
    void theLinesAfterTheDroppingLineAreNotReached() {
        Run r = run("Lorem ipsum dolor sit amet.\nCode like {this} is here." + FILL, DEFAULTS);

        assertThat(r.lines().verdicts(DEFAULTS)).containsExactly(LOREM_IPSUM, NOT_REACHED, NOT_REACHED, NOT_REACHED,
                NOT_REACHED, NOT_REACHED, NOT_REACHED);
        assertThat(r.lines().verdicts(DEFAULTS.withDocumentChecks(false, true, 5)))
                .startsWith(KEPT, CURLY_BRACKET, NOT_REACHED);
        assertThat(r.lines().verdicts(DEFAULTS.withDocumentChecks(false, false, 5))).containsOnly(KEPT);
    }

    @Test
    void onlyLinesThatReachTheCheckCanDropTheDocument() {
        // No terminal punctuation: the line is removed before the curly-bracket check.
        String code = "function() { return 1 }" + FILL;
        assertThat(run(code, DEFAULTS).reason(DEFAULTS)).isNull();
        assertThat(run(code, DEFAULTS).lines().textAfter()).isEqualTo(FILL_KEPT);
        assertThat(run(code, C4Quality.Params.FINEWEB).reason(C4Quality.Params.FINEWEB)).isEqualTo("curly_bracket");

        // A javascript line is removed before the curly check but after the lorem check.
        assertThat(run("Enable javascript {now} please." + FILL, DEFAULTS).reason(DEFAULTS)).isNull();
        assertThat(run("Lorem ipsum needs javascript too." + FILL, DEFAULTS).reason(DEFAULTS)).isEqualTo("lorem_ipsum");
    }

    @Test
    void lowerCasingIsPythonsFullLowerCase() {
        // KELVIN SIGN lower-cases to k: "cookie policy".
        assertThat(run("We set a coo\u212Aie policy here." + FILL, DEFAULTS).lines().verdicts(DEFAULTS)).startsWith(POLICY);
        // Dotted capital I lower-cases to "i" + U+0307: not "javascript".
        Run r = run("Turn on javascr\u0130pt please now." + FILL, DEFAULTS);
        assertThat(r.lines().verdicts(DEFAULTS)).startsWith(KEPT);
        assertThat(r.lines().textAfter()).startsWith("Turn on javascr\u0130pt please now.\n");
    }

    @Test
    void shortAndEmptyDocumentsHaveTooFewSentencesUnlessTheMinimumIsDisabled() {
        assertThat(run("", DEFAULTS).reason(DEFAULTS)).isEqualTo("too_few_sentences");
        assertThat(run("", DEFAULTS).lines().size()).isZero();
        Run hello = run("Hello world.", DEFAULTS);
        assertThat(hello.reason(DEFAULTS)).isEqualTo("too_few_sentences");
        assertThat(hello.lines().verdicts(DEFAULTS)).containsExactly(TOO_FEW_WORDS);
        assertThat(hello.reason(DEFAULTS.withDocumentChecks(true, true, -1))).isNull();
        assertThat(hello.lines().textAfter()).isEmpty();
    }

    @Test
    void withoutSplitParagraphTheUnitsAreSentencesJoinedWithASpace() {
        C4Quality.Params sentences = new C4Quality.Params(false, true, true, 5, 3, 1000, true, true, true, true, "eng");
        Run r = run("First sentence is here. Second one is here! Third? Yes.", sentences);

        assertThat(r.lines().verdicts(sentences)).containsExactly(KEPT, KEPT, TOO_FEW_WORDS, TOO_FEW_WORDS);
        assertThat(r.metrics()[C4Quality.NUM_SENTENCES]).isEqualTo(2);
        assertThat(r.reason(sentences)).isEqualTo("too_few_sentences");
        assertThat(r.reason(sentences.withDocumentChecks(true, true, 2))).isNull();
        assertThat(r.lines().textAfter()).isEqualTo("First sentence is here. Second one is here!");
        assertThat(r.lines().start(1)).isEqualTo(23);
    }

    @Test
    void minusOneDisablesTheWordLengthAndWordCountRules() {
        C4Quality.Params lax = new C4Quality.Params(true, true, true, 1, -1, -1, true, true, true, true, "eng");
        String longWord = "x".repeat(1001);
        Run r = run(longWord + " ok. Hi.\nHi.", lax);

        assertThat(r.reason(lax)).isNull();
        assertThat(r.lines().textAfter()).isEqualTo(longWord + " ok. Hi.\nHi.");
        assertThat(r.metrics()[C4Quality.NUM_SENTENCES]).isEqualTo(3);
    }
}
