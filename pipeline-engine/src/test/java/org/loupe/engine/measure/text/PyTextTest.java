package org.loupe.engine.measure.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each helper against what CPython 3.11 answers for the same input (the expected values were produced by CPython). */
class PyTextTest {

    @Test
    void isSpaceIsExactlyPythonsWhitespaceSet() {
        int[] python = {0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002,
            0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
        assertThat(IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(PyText::isSpace).toArray()).containsExactly(python);
    }

    static Stream<Arguments> strips() {
        return Stream.of(
                arguments("", "", "", ""),
                arguments("  a b  ", "a b", "a b  ", "  a b"),
                arguments("\u00a0x\u2007", "x", "x\u2007", "\u00a0x"),
                arguments("\u001c\u001dtext\u001e\u001f", "text", "text\u001e\u001f", "\u001c\u001dtext"),
                arguments("\u0085hi\u202f", "hi", "hi\u202f", "\u0085hi"),
                arguments("a\u200bb", "a\u200bb", "a\u200bb", "a\u200bb"), // zero-width space is not whitespace
                arguments("\u3000\u205f", "", "", ""));
    }

    @ParameterizedTest
    @MethodSource("strips")
    void stripRemovesPythonWhitespaceOnTheRightSides(String s, String strip, String lstrip, String rstrip) {
        assertThat(PyText.strip(s)).isEqualTo(strip);
        assertThat(PyText.lstrip(s)).isEqualTo(lstrip);
        assertThat(PyText.rstrip(s)).isEqualTo(rstrip);
        assertThat(PyText.isBlank(s)).isEqualTo(strip.isEmpty());
    }

    @Test
    void stripReturnsTheSameStringWhenThereIsNothingToStrip() {
        String s = "no space around";
        assertThat(PyText.strip(s)).isSameAs(s);
        assertThat(PyText.lstrip(s)).isSameAs(s);
        assertThat(PyText.rstrip(s)).isSameAs(s);
    }

    static Stream<Arguments> whitespaceSplits() {
        return Stream.of(
                arguments("", List.of()),
                arguments("  a b  ", List.of("a", "b")),
                arguments("\u00a0x\u2007", List.of("x")),
                arguments("one\u0085two\u001cthree\tfour", List.of("one", "two", "three", "four")),
                arguments("a\u200bb", List.of("a\u200bb")),
                arguments("\u3000\u205f", List.of()));
    }

    @ParameterizedTest
    @MethodSource
    void whitespaceSplits(String s, List<String> expected) {
        assertThat(PyText.splitWhitespace(s)).isEqualTo(expected);
    }

    static Stream<Arguments> lineSplits() {
        return Stream.of(
                arguments("", List.of()),
                arguments("a\nb", List.of("a", "b")),
                arguments("a\n", List.of("a")),
                arguments("a\n\n", List.of("a", "")),
                arguments("a\r\nb", List.of("a", "b")),
                arguments("a\rb", List.of("a", "b")),
                arguments("a\r\r\nb", List.of("a", "", "b")),
                arguments("a\u000bb\u000cc", List.of("a", "b", "c")),
                arguments("a\u001cb\u001dc\u001ed", List.of("a", "b", "c", "d")),
                arguments("a\u0085b\u2028c\u2029d", List.of("a", "b", "c", "d")),
                arguments("\n", List.of("")),
                arguments("a\u001fb", List.of("a\u001fb"))); // U+001F is whitespace but not a line break
    }

    @ParameterizedTest
    @MethodSource
    void lineSplits(String s, List<String> expected) {
        assertThat(PyText.splitLines(s)).isEqualTo(expected);
    }

    static Stream<Arguments> newlineSplits() {
        return Stream.of(
                arguments("", List.of("")),
                arguments("a\n", List.of("a", "")),
                arguments("\na\n\nb", List.of("", "a", "", "b")),
                arguments("a\r\nb", List.of("a\r", "b")));
    }

    @ParameterizedTest
    @MethodSource
    void newlineSplits(String s, List<String> expected) {
        assertThat(PyText.splitOn(s, '\n')).isEqualTo(expected);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                arguments("....", "...", 1),
                arguments("aaaa", "aa", 2),
                arguments("abc", "", 4),
                arguments("😀😀", "", 3), // len + 1, in code points
                arguments("", "a", 0),
                arguments("a…b...", "…", 1));
    }

    @ParameterizedTest
    @MethodSource
    void counts(String text, String sub, int expected) {
        assertThat(PyText.count(text, sub)).isEqualTo(expected);
    }

    @Test
    void countOfACharacterCountsEveryOccurrence() {
        assertThat(PyText.count("#a#b##", '#')).isEqualTo(4);
    }

    static Stream<Arguments> lengths() {
        return Stream.of(arguments("", 0), arguments("abc", 3), arguments("😀a", 2), arguments("𝔘𝔫𝔦", 3), arguments("e\u0301", 2));
    }

    @ParameterizedTest
    @MethodSource
    void lengths(String s, int expected) {
        assertThat(PyText.len(s)).isEqualTo(expected);
    }

    static Stream<Arguments> alphas() {
        return Stream.of(
                arguments((int) 'a', true), arguments((int) 'Z', true), arguments((int) 'ǅ', true), arguments((int) 'ʰ', true),
                arguments((int) '²', false), arguments((int) '٣', false), arguments(0x0301, false), arguments((int) '_', false),
                arguments((int) '〇', false), arguments(0x1D518, true),
                arguments(0x0870, true)); // Arabic letter new in Unicode 14: Python 3.11 says alpha, Java 17 alone would not
    }

    @ParameterizedTest
    @MethodSource
    void alphas(int cp, boolean expected) {
        assertThat(PyText.isAlpha(cp)).isEqualTo(expected);
    }

    @Test
    void anyAlphaLooksForOneLetter() {
        assertThat(PyText.anyAlpha("123-4")).isFalse();
        assertThat(PyText.anyAlpha("12a")).isTrue();
        assertThat(PyText.anyAlpha("𝔘")).isTrue();
        assertThat(PyText.anyAlpha("")).isFalse();
    }

    static Stream<Arguments> lowers() {
        return Stream.of(
                arguments("HeLLo", "hello"),
                arguments("İ", "i\u0307"), // two code points, as Python
                arguments("ΟΔΟΣ ΟΔΟΣ.", "οδος οδος."), // final sigma
                arguments("ẞ", "ß"),
                arguments("\u2c2f", "\u2c5f"), // Unicode 14 mapping that Java 17 lacks
                arguments(new String(Character.toChars(0x10570)), new String(Character.toChars(0x10597))));
    }

    @ParameterizedTest
    @MethodSource
    void lowers(String s, String expected) {
        assertThat(PyText.lower(s)).isEqualTo(expected);
    }
}
