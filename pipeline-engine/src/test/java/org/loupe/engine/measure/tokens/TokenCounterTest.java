package org.loupe.engine.measure.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @ParameterizedTest(name = "{0}: \"{1}\" has {2} tokens")
    @CsvSource(textBlock = """
            r50k_base,   'hello world',                 2
            r50k_base,   'Hello, world!',               4
            cl100k_base, 'hello world',                 2
            cl100k_base, 'tiktoken is great!',          6
            r50k_base,   '',                            0
            """)
    void countsTokensOfTheNamedEncoding(String encoding, String text, int expected) {
        assertThat(TokenCounter.named(encoding).count(text)).isEqualTo(expected);
    }

    @Test
    void defaultIsTheGpt2LikeEncoding() {
        assertThat(TokenCounter.named(null).name()).isEqualTo("r50k_base");
    }

    @Test
    void specialTokenTextCountsAsOrdinaryText() {
        assertThat(TokenCounter.named("cl100k_base").count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void unknownEncodingNamesTheKnownOnes() {
        assertThatThrownBy(() -> TokenCounter.named("gpt9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt9").hasMessageContaining("cl100k_base");
    }
}
