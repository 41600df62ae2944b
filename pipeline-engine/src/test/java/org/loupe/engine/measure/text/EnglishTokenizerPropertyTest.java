package org.loupe.engine.measure.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of spaCy's tokenization that hold for any text, checked on random texts: mixes of the
 * characters the rules care about, arbitrary Unicode (lone surrogates included), and runs of
 * special-case strings glued with punctuation and odd whitespace.
 */
class EnglishTokenizerPropertyTest {
    private static final EnglishTokenizer TOKENIZER = EnglishTokenizer.shared();
    private static final ChunkSplitter JAVA_REGEX = new ChunkSplitter(SpacyEnglishRules.load(), true);
    private static final ChunkSplitter PY_MATCHER = new ChunkSplitter(SpacyEnglishRules.load(), false);
    private static final EnglishTokenizer OTHER_INSTANCE = EnglishTokenizer.create();

    private static final String RULE_CHARS = "aAbBeEsSxXzZ0159.,;:!?'\"()[]{}<>-_/\\@#$%^&*+=~`|…—–“”‘’«»°²€£¥§©"
            + " \n\t\r\u00a0\u2028\u001c\u000bé日Жω٣";
    private static final List<String> PIECES = List.of("don't", "it's", "e.g.", "U.S.", "Mr.", "a.m.", "3pm", "10km", "5%",
            "$5", "US$10", "C++", ":)", ":-)", "(", ")", "\"", "'", "“", "”", "...", "…", "—", "--", "/", ",", ".", "!", "?",
            "http://example.com/a-b?x=1", "www.test.org", "user@mail.com", "1,000.50", "2022-01-05", "end.Start", "a--b",
            "and/or", "o.O", "<3", "°C.", "ä.", "😀", "👍🏽", "𝔘𝔫𝔦", "gonna", "cannot", "y'all", "a.b.c", "I.", "AB.", "x");
    private static final List<String> GLUE = List.of("", "", " ", " ", " ", "  ", "\n", "\n\n", "\t", " \n ", "\r\n", "\u00a0",
            "\u2028", "\u3000");

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> ruleChars = Arbitraries.strings().withChars(RULE_CHARS).withCharRange('\uD83D', '\uD83D')
                .withCharRange('\uDE00', '\uDE4F').ofMaxLength(80);
        Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> pieces = Arbitraries.of(PIECES).list().ofMaxSize(20).flatMap(words -> Arbitraries.of(GLUE)
                .list().ofSize(words.size()).map(glue -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < words.size(); i++) {
                        sb.append(words.get(i)).append(glue.get(i));
                    }
                    return sb.toString();
                }));
        return Arbitraries.oneOf(ruleChars, anyUnicode, pieces);
    }

    @Property(tries = 2000)
    void tokensAreInOrderDoNotOverlapAndCoverEveryNonWhitespaceCharacter(@ForAll("texts") String text) {
        TokenizedText t = TOKENIZER.analyze(text);
        int pos = 0;
        for (int i = 0; i < t.size(); i++) {
            int start = t.start(i);
            int end = t.end(i);
            assertThat(end).as("token %d is not empty", i).isGreaterThan(start);
            // Between two tokens there is nothing, or exactly the one space the previous token owns.
            if (i > 0 && t.hasSpaceAfter(i - 1)) {
                assertThat(start).isEqualTo(pos + 1);
                assertThat(text.charAt(pos)).isEqualTo(' ');
            } else {
                assertThat(start).isEqualTo(pos);
            }
            String token = text.substring(start, end);
            boolean allSpace = token.chars().allMatch(PyText::isSpace);
            boolean noSpace = token.chars().noneMatch(PyText::isSpace);
            assertThat(t.isWhitespace(i) ? allSpace : noSpace).as("token %s is whitespace or has none", token).isTrue();
            pos = end;
        }
        int tail = t.size() > 0 && t.hasSpaceAfter(t.size() - 1) ? 1 : 0;
        assertThat(pos + tail).as("the tokens reach the end of the text").isEqualTo(text.length());
    }

    @Property(tries = 1000)
    void wordsAreTheNonWhitespaceTokens(@ForAll("texts") String text) {
        TokenizedText t = TOKENIZER.analyze(text);
        List<String> expected = t.tokens().stream().map(Token::text).map(PyText::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(t.words()).isEqualTo(expected).hasSize(t.wordCount());
    }

    @Property(tries = 1000)
    void sentencePiecesRebuildTheTextAndSentencesAreTheirStrippedContents(@ForAll("texts") String text) {
        TokenizedText t = TOKENIZER.analyze(text);
        List<String> pieces = t.sentencePieces();
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).hasSize(Math.max(1, t.sentenceCount()));
        assertThat(t.sentences()).isEqualTo(pieces.stream().map(PyText::strip).filter(s -> !s.isEmpty()).toList());
        // A sentence runs from a token's start to a (later) token's end, never over an absorbed space.
        Set<Integer> starts = new HashSet<>();
        Set<Integer> ends = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            starts.add(t.start(i));
            ends.add(t.end(i));
        }
        for (TextSpan span : t.sentenceSpans()) {
            assertThat(span.end()).isGreaterThan(span.start());
            assertThat(starts).contains(span.start());
            assertThat(ends).contains(span.end());
        }
    }

    @Property(tries = 1000)
    void pyMatcherAndJavaRegexSplitEveryChunkAlike(@ForAll("texts") String text) {
        for (String chunk : PyText.splitWhitespace(text)) {
            assertThat(PY_MATCHER.split(chunk, true)).as(chunk).containsExactly(JAVA_REGEX.split(chunk, true));
            assertThat(PY_MATCHER.split(chunk, false)).as(chunk).containsExactly(JAVA_REGEX.split(chunk, false));
        }
    }

    @Property(tries = 300)
    void tokensDoNotDependOnWhatTheChunkCacheHolds(@ForAll("texts") String text) {
        List<Token> first = TOKENIZER.tokenize(text);
        assertThat(OTHER_INSTANCE.tokenize(text)).isEqualTo(first);
        assertThat(TOKENIZER.tokenize(text)).isEqualTo(first);
    }
}
