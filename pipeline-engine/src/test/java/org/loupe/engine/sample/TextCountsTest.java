package org.loupe.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The row columns are counted on the stored UTF-8 bytes; they must equal the counts on the decoded text. */
class TextCountsTest {

    @Provide
    Arbitrary<String> texts() {
        // Every kind of whitespace Java knows, NBSP and its relatives, controls, multi-byte and astral characters.
        List<Integer> special = List.of(0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1F, 0x85, 0xA0, 0x1680, 0x2000, 0x2007,
                0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x00, 0xE9, 0x6771, 0x1F600, 0x1D518, 0x10FFFF);
        Arbitrary<Integer> cps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(special)),
                net.jqwik.api.Tuple.of(20, Arbitraries.integers().between('a', 'z')),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)));
        return cps.list().ofMaxSize(300).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Property(tries = 2000)
    void countsOnUtf8BytesEqualCountsOnTheString(@ForAll("texts") String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[utf8.length + 6];
        System.arraycopy(utf8, 0, padded, 3, utf8.length);

        assertThat(TextCounts.charsUtf8(padded, 3, 3 + utf8.length)).isEqualTo(TextCounts.chars(text));
        assertThat(TextCounts.wordsUtf8(padded, 3, 3 + utf8.length)).isEqualTo(TextCounts.words(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|0|0",
        "'one'|3|1",
        "'  two words  '|13|2",
        "'a\u00a0b'|3|2",
        "'a\u3000b\u2028c'|5|3",
        "'😀 😀'|3|2",
        "'a\u200bb'|3|1",
    })
    void countsAreCodePointsAndWhitespaceSeparatedWords(String text, int chars, int words) {
        assertThat(TextCounts.chars(text)).isEqualTo(chars);
        assertThat(TextCounts.words(text)).isEqualTo(words);
    }
}
