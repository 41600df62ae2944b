package org.loupe.engine.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.loupe.engine.read.TestBytes.concat;
import static org.loupe.engine.read.TestBytes.raw;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Utf8#firstInvalid} against the JDK's strict UTF-8 decoder (malformed input reported, not replaced). */
class Utf8Test {

    /** The JDK's verdict: -1 when valid, else the offset where the first malformed sequence starts. */
    static int jdkFirstInvalid(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        return decoder.flush(out).isError() ? in.position() : -1;
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("empty", raw(), -1),
                Arguments.of("ASCII", "hello, world".getBytes(UTF_8), -1),
                Arguments.of("NUL is valid", raw(0x00), -1),
                Arguments.of("2 bytes: é", raw(0xC3, 0xA9), -1),
                Arguments.of("3 bytes: €", raw(0xE2, 0x82, 0xAC), -1),
                Arguments.of("4 bytes: 𝄞", raw(0xF0, 0x9D, 0x84, 0x9E), -1),
                Arguments.of("byte order mark", raw(0xEF, 0xBB, 0xBF), -1),
                Arguments.of("last before the surrogates U+D7FF", raw(0xED, 0x9F, 0xBF), -1),
                Arguments.of("first after the surrogates U+E000", raw(0xEE, 0x80, 0x80), -1),
                Arguments.of("noncharacter U+FFFF is valid UTF-8", raw(0xEF, 0xBF, 0xBF), -1),
                Arguments.of("highest code point U+10FFFF", raw(0xF4, 0x8F, 0xBF, 0xBF), -1),
                Arguments.of("smallest 2-byte U+0080", raw(0xC2, 0x80), -1),
                Arguments.of("smallest 3-byte U+0800", raw(0xE0, 0xA0, 0x80), -1),
                Arguments.of("smallest 4-byte U+10000", raw(0xF0, 0x90, 0x80, 0x80), -1),
                Arguments.of("mixed scripts", "Ünïcödé 日本語 😀 русский".getBytes(UTF_8), -1),
                Arguments.of("lone continuation byte", raw('a', 0x80, 'b'), 1),
                Arguments.of("last continuation byte alone", raw(0xBF), 0),
                Arguments.of("overlong NUL C0 80", raw(0xC0, 0x80), 0),
                Arguments.of("overlong '/' C0 AF", raw(0xC0, 0xAF), 0),
                Arguments.of("overlong C1 BF", raw(0xC1, 0xBF), 0),
                Arguments.of("overlong 3-byte E0 9F BF", raw(0xE0, 0x9F, 0xBF), 0),
                Arguments.of("overlong 4-byte F0 8F BF BF", raw(0xF0, 0x8F, 0xBF, 0xBF), 0),
                Arguments.of("high surrogate ED A0 80", raw(0xED, 0xA0, 0x80), 0),
                Arguments.of("low surrogate ED BF BF", raw(0xED, 0xBF, 0xBF), 0),
                Arguments.of("CESU-8 surrogate pair", raw(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80), 0),
                Arguments.of("above U+10FFFF", raw(0xF4, 0x90, 0x80, 0x80), 0),
                Arguments.of("F5 lead", raw(0xF5, 0x80, 0x80, 0x80), 0),
                Arguments.of("5-byte form", raw(0xF8, 0x88, 0x80, 0x80, 0x80), 0),
                Arguments.of("FE", raw(0xFE), 0),
                Arguments.of("FF", raw('x', 0xFF), 1),
                Arguments.of("truncated 2-byte at the end", raw('a', 'b', 0xC3), 2),
                Arguments.of("truncated 3-byte at the end", raw('a', 'b', 0xE2, 0x82), 2),
                Arguments.of("truncated 4-byte at the end", raw(0xF0, 0x9F, 0x98), 0),
                Arguments.of("3-byte cut by ASCII", raw(0xE2, 0x28, 0xA1), 0),
                Arguments.of("2-byte cut by ASCII", raw(0xC3, 0x28), 0),
                Arguments.of("invalid right after 8 ASCII bytes (fast path edge)", concat("12345678", raw(0xFF)), 8),
                Arguments.of("invalid after 7 ASCII bytes and a valid pair", concat("1234567", raw(0xC3, 0xA9, 0xFF)), 9),
                Arguments.of("invalid after 16 ASCII bytes", concat("1234567812345678", raw(0x80)), 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void firstInvalidAgreesWithTheJdkStrictDecoder(String name, byte[] bytes, int expected) {
        assertThat(jdkFirstInvalid(bytes, 0, bytes.length)).as("the JDK's verdict").isEqualTo(expected);
        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length)).isEqualTo(expected);
    }

    @Test
    void onlyTheGivenRangeIsChecked() {
        byte[] bytes = concat(raw(0xFF), "valid é text", raw(0x80));

        assertThat(Utf8.firstInvalid(bytes, 1, bytes.length - 1)).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length - 1)).isEqualTo(0);
        assertThat(Utf8.firstInvalid(bytes, 1, bytes.length)).isEqualTo(bytes.length - 1);
        // A sequence cut by the end of the range is invalid, even if the array goes on.
        byte[] euro = raw('a', 0xE2, 0x82, 0xAC);
        assertThat(Utf8.firstInvalid(euro, 0, 3)).isEqualTo(1);
    }

    @Property(tries = 3000)
    void firstInvalidIsMinusOneExactlyWhenTheJdkAcceptsTheBytes(@ForAll("mostlyUtf8") byte[] bytes) {
        int ours = Utf8.firstInvalid(bytes, 0, bytes.length);
        int jdk = jdkFirstInvalid(bytes, 0, bytes.length);

        assertThat(ours == -1).as("valid by Utf8 vs valid by the JDK").isEqualTo(jdk == -1);
        assertThat(ours).as("offset of the first invalid byte").isEqualTo(jdk);
    }

    @Property(tries = 1000)
    void firstInvalidOfARangeAgreesWithTheJdk(@ForAll("mostlyUtf8") byte[] bytes, @ForAll("cuts") Tuple.Tuple2<Double, Double> cut) {
        int a = (int) (cut.get1() * bytes.length);
        int b = (int) (cut.get2() * bytes.length);
        int from = Math.min(a, b);
        int to = Math.max(a, b);

        assertThat(Utf8.firstInvalid(bytes, from, to)).isEqualTo(jdkFirstInvalid(bytes, from, to));
    }

    @Property(tries = 500)
    void anyWellFormedStringIsValid(@ForAll("wellFormed") String s) {
        byte[] bytes = s.getBytes(UTF_8);

        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Double, Double>> cuts() {
        Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1);
        return Combinators.combine(fraction, fraction).as(Tuple::of);
    }

    /** Strings of whole code points (surrogate pairs kept together) from every plane. */
    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x7FF),
                Arbitraries.integers().between(0x800, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF));
        return codePoint.list().ofMaxSize(50).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /**
     * Byte arrays made of chunks: whole encoded code points, near misses (overlongs, surrogates, too high,
     * cut sequences, stray continuation bytes) and random bytes, so that both verdicts come up often.
     */
    @Provide
    Arbitrary<byte[]> mostlyUtf8() {
        Arbitrary<byte[]> valid = wellFormed().map(s -> s.getBytes(UTF_8));
        Arbitrary<byte[]> nearMiss = Arbitraries.of(List.of(
                raw(0x80), raw(0xBF), raw(0xC0, 0x80), raw(0xC1, 0xBF), raw(0xC2), raw(0xE0, 0x80, 0x80),
                raw(0xE0, 0x9F, 0xBF), raw(0xE0, 0xA0), raw(0xED, 0xA0, 0x80), raw(0xED, 0x9F, 0xBF),
                raw(0xEF, 0xBF), raw(0xF0, 0x8F, 0xBF, 0xBF), raw(0xF0, 0x90, 0x80), raw(0xF4, 0x90, 0x80, 0x80),
                raw(0xF4, 0x8F, 0xBF, 0xBF), raw(0xF5), raw(0xF8, 0x88, 0x80, 0x80, 0x80), raw(0xFE), raw(0xFF)));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(6);
        Arbitrary<byte[]> chunk = Arbitraries.frequencyOf(
                Tuple.of(6, valid), Tuple.of(2, nearMiss), Tuple.of(1, random));
        return chunk.list().ofMaxSize(8).map(chunks -> concat(chunks.toArray()));
    }
}
