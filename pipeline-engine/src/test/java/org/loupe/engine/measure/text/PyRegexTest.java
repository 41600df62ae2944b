package org.loupe.engine.measure.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Python-regex port on the constructs where Python's {@code re} and {@code java.util.regex} read the
 * same pattern text differently. Each row is {@code re.compile(pattern).match(text, pos)} as CPython
 * 3.11 answers it (the end of the match as a Java index, or -1); all three engines must agree with it:
 * the pattern translated to java.util.regex, {@link PyMatcher}, and (yes/no only) {@link PyMembership}.
 */
class PyRegexTest {

    static Stream<Arguments> pythonMatches() {
        return Stream.of(
                arguments("a greedy repeat after an anchor", "^\\.\\.+", "....x", 0, 4),
                arguments("a lookbehind and Python's $", "(?<=[0-9])\\+$", "5+", 1, 2),
                arguments("a failing lookbehind", "(?<=[0-9])\\+$", "a+", 1, -1),
                arguments("an astral \\U escape", "\\U0001F600", "😀", 0, 2),
                arguments("an astral range in a class", "[\\U0001F300-\\U0001F5FF]+", "🌀🗿x", 0, 4),
                arguments("[ and && inside a class are plain characters", "[a[|&&]+", "[&|a&&]", 0, 6),
                arguments("$ matches before a final newline", "x$", "x\n", 0, 1),
                arguments("$ does not match before a carriage return", "x$", "x\r", 0, -1),
                arguments("\\Z is the very end", "x\\Z", "x\n", 0, -1),
                arguments("\\w is alphanumerics: superscripts in, combining marks out", "\\w+", "a²_é\u0301", 0, 4),
                arguments(". matches a carriage return", ".+", "a\rb\nc", 0, 3),
                arguments("a brace that is no repeat is a literal", "a{", "a{", 0, 2),
                arguments("{,n} repeats from zero", "a{,2}", "aaa", 0, 2),
                arguments("{n} repeats exactly", "a{2}", "aaa", 0, 2),
                arguments("{} is literal", "a{}", "a{}", 0, 3),
                arguments("a possessive repeat gives nothing back", "a++a", "aaa", 0, -1),
                arguments("a greedy repeat gives back", "a+a", "aaa", 0, 3),
                arguments("a lookbehind cannot reach before the string", "(?<=a)b", "b", 0, -1),
                arguments("a negative lookbehind holds at the start", "(?<!a)b", "b", 0, 1),
                arguments("a lookbehind reads before the start position", "(?<=a)b", "ab", 1, 2),
                arguments("\\s includes the information separators", "\\s+", "\u001c\u001d x", 0, 3),
                arguments("\\d includes other scripts' digits", "\\d+", "١٢3", 0, 3),
                arguments("a lazy repeat", "a+?", "aaa", 0, 1),
                arguments("alternation is ordered, not longest", "a|ab", "ab", 0, 1),
                arguments("escaped punctuation as spaCy writes it", "\\'\\!", "'!", 0, 2),
                arguments("^ is the start of the string, not of the search", "^b", "ab", 1, -1),
                arguments("] first and - last in a class are literals", "[\\]a-]+", "a-]b", 0, 3),
                arguments("escapes inside a negated class", "[^\\d\\s]+", "ab1", 0, 2),
                arguments("a lookahead after an alternation", "(?:ab|a)(?=c)", "abc", 0, 2),
                arguments("backtracking into an alternation", "(?:a|ab)c", "abc", 0, 3),
                arguments("\\S+ then a literal", "\\S+@", "x y@", 2, 4),
                arguments("a BMP range does not take astral characters", "[\\u00a1-\\uffff]+", "¡\uffff\uD800\uDC00", 0, 2));
    }

    private static int javaRegexEnd(String python, String text, int pos) {
        Matcher m = Pattern.compile(PyRegex.toJava(PyRegex.parse(python))).matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false).region(pos, text.length());
        return m.lookingAt() ? m.end() : -1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonMatches")
    void translatedToJavaRegexItMatchesLikePython(String what, String python, String text, int pos, int expected) {
        assertThat(javaRegexEnd(python, text, pos)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonMatches")
    void pyMatcherMatchesLikePython(String what, String python, String text, int pos, int expected) throws Exception {
        assertThat(PyMatcher.compile(PyRegex.parse(python)).matchEnd(text, 0, text.length(), pos)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonMatches")
    void pyMembershipAnswersLikePythonWhetherThereIsAMatch(String what, String python, String text, int pos, int expected) {
        if (pos != 0 || python.contains("++")) {
            return; // membership is asked from the start only, and possessive repeats are refused
        }
        assertThat(PyMembership.matches(PyRegex.parse(python), text, 0, text.length())).isEqualTo(expected >= 0);
    }

    @Test
    void unsupportedSyntaxIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> PyRegex.parse("(a)\\1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyRegex.parse("\\bword")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyRegex.parse("(?i)a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyRegex.parse("(?P<x>a)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyRegex.parse("[z-a]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyRegex.parse("*a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUnicodeFlagIsAcceptedBecauseItIsPythonsDefault() {
        assertThat(PyRegex.toJava(PyRegex.parse("(?u)^a"))).isEqualTo("^\\x{61}");
    }

    @Test
    void analysisKnowsFirstAndLastCharactersAndLengths() {
        PyRegex.Node node = PyRegex.parse("(?<=[0-9])(?:km|m²|%)$");
        assertThat(PyRegex.first(node)).isEqualTo(CodePointSet.ofRanges('k', 'k', 'm', 'm', '%', '%'));
        assertThat(PyRegex.last(node)).isEqualTo(CodePointSet.ofRanges('m', 'm', '²', '²', '%', '%'));
        assertThat(PyRegex.minLength(node)).isEqualTo(1);
        assertThat(PyRegex.maxLength(node)).isEqualTo(2);
        assertThat(PyRegex.maxLength(PyRegex.parse("\\.\\.+"))).isEqualTo(-1);
        assertThat(PyRegex.canMatchWithin(node, CodePointSet.ofRanges('a', 'z'))).as("needs a digit before").isFalse();
        assertThat(PyRegex.canMatchWithin(node, CodePointSet.ofRanges('0', '9', 'a', 'z'))).isTrue();
    }

    @Test
    void spacysUrlRegexAnswersWithoutRecursingOnThousandsOfHostLabels() {
        ChunkSplitter splitter = new ChunkSplitter(SpacyEnglishRules.load());
        String labels = "a.".repeat(20_000);
        assertThat(splitter.urlMatch(labels + "com")).isTrue();
        assertThat(splitter.urlMatch(labels + "c")).isFalse(); // a one-letter top-level domain is not one
        assertThat(splitter.urlMatch("http://" + "1.".repeat(10_000) + "org/x.y")).isTrue();
        assertThat(splitter.urlMatch("example.com")).isTrue();
        assertThat(splitter.urlMatch("examplecom")).isFalse();
    }

    @Test
    void bothUrlEnginesAgreeAroundTheSwitchOverPoint() {
        ChunkSplitter splitter = new ChunkSplitter(SpacyEnglishRules.load());
        PyRegex.Node url = splitter.urlNode();
        Pattern java = Pattern.compile(PyRegex.toJava(url));
        String[] samples = {"a.com", "http://a.b.co/x", "user:pw@host.org", "10.0.0.1", "8.8.8.8", "192.168.1.1:8080",
            "a.b", "a-.com", "-a.com", "x.y.z.", "ftp://1.2.3.4/a.b", "e.g.", "U.S.", "3.14", "a..com", "été.fr",
            "xn--p1ai.рф", "a_b.com", "a.co.uk/?q=a.b#c"};
        for (String s : samples) {
            for (int k : new int[] {1, 3, 70}) {
                String candidate = "a.".repeat(k - 1) + s;
                assertThat(PyMembership.matches(url, candidate, 0, candidate.length())).as(candidate)
                        .isEqualTo(java.matcher(candidate).lookingAt());
            }
        }
    }
}
