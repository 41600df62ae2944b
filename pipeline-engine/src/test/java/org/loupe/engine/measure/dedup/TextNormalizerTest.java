package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void lowercasesReplacesNumbersAndPunctuation() {
        assertThat(TextNormalizer.simplify("  Hello, World!  It's 3.14 or 1,000,000 ")).isEqualTo("hello world it s 0 or 0 0");
    }

    @Test
    void removesDiacriticsWithoutRecomposing() {
        assertThat(TextNormalizer.simplify("Café\u00A0naïve\tİstanbul")).isEqualTo("cafe naive istanbul");
    }

    @Test
    void collapsesPythonWhitespaceAndKeepsTerminalOnlyPunctuation() {
        // U+0085 is both whitespace and a PUNCTUATION control character; U+0589 is terminal punctuation only
        assertThat(TextNormalizer.simplify("a\u0085\u2028b \u0589 c\n\n")).isEqualTo("a b \u0589 c");
    }

    @Test
    void numberSeparatorsAndOtherDigits() {
        assertThat(TextNormalizer.simplify("x12.5y ٣٤٫٥ 7.")).isEqualTo("x0y 0 0");
    }
}
