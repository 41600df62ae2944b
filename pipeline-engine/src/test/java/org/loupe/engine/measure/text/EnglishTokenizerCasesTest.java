package org.loupe.engine.measure.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tokenizer on the cases the spec lists (filters.md §1.3, §1.5, §14), each with spaCy 3.6.1's
 * answer, plus the corners that break naive ports: CR/LF, non-breaking spaces, astral characters, long
 * words, phrase-level special cases and the way one special-case match can block another.
 */
class EnglishTokenizerCasesTest {
    private static final EnglishTokenizer TOKENIZER = EnglishTokenizer.shared();

    static Stream<Arguments> words() {
        return Stream.of(
                arguments("a clitic splits", "don't", List.of("do", "n't")),
                arguments("abbreviations stay whole", "e.g. stays", List.of("e.g.", "stays")),
                arguments("a period between lower and upper case splits", "end.Start", List.of("end", ".", "Start")),
                arguments("a hyphen between letters splits", "well-known", List.of("well", "-", "known")),
                arguments("and/or is a special case", "and/or", List.of("and/or")),
                arguments("a slash between words splits", "this/that", List.of("this", "/", "that")),
                arguments("URLs and e-mails stay whole", "http://example.com/a-b?x=1 user@mail.com",
                        List.of("http://example.com/a-b?x=1", "user@mail.com")),
                arguments("numbers with separators stay whole", "1,000.50", List.of("1,000.50")),
                arguments("a date splits at its hyphens", "2022-01-05", List.of("2022", "-", "01", "-", "05")),
                arguments("a double hyphen is one infix", "a--b", List.of("a", "--", "b")),
                arguments("a hash is a prefix", "#tag", List.of("#", "tag")),
                arguments("an ellipsis is one token", "...", List.of("...")),
                arguments("stops, brackets and currency split", "Wow?! (Yes.) $5",
                        List.of("Wow", "?", "!", "(", "Yes", ".", ")", "$", "5")),
                arguments("an emoticon stays whole", ":)", List.of(":)")),
                arguments("an emoticon glued to a word is merged back by the phrase pass", "x:)", List.of("x", ":)")),
                arguments("a phrase match across a space blocks an overlapping one", "( :)x", List.of("(", ":", ")", "x")),
                arguments("C++ stays whole", "C++", List.of("C++")),
                arguments("a.m. stays whole", "a.m.", List.of("a.m.")),
                arguments("a time splits its unit", "3pm", List.of("3", "pm")),
                arguments("gonna splits", "gonna", List.of("gon", "na")),
                arguments("cannot splits", "cannot", List.of("can", "not")),
                arguments("units and percent split from numbers", "It is 5km away (10%).",
                        List.of("It", "is", "5", "km", "away", "(", "10", "%", ")", ".")),
                arguments("a title keeps its period", "Mr. Smith went.", List.of("Mr.", "Smith", "went", ".")),
                arguments("one capital keeps its period, two do not", "I. AB. ab.", List.of("I.", "AB", ".", "ab", ".")),
                arguments("currency prefixes with letters", "US$10 and C$5", List.of("US$", "10", "and", "C$", "5")),
                arguments("CRLF is a whitespace token, dropped from words", "a\r\nb", List.of("a", "b")),
                arguments("a lone CR too", "a\rb", List.of("a", "b")),
                arguments("a run of blank lines too", "a\n\n\nb", List.of("a", "b")),
                arguments("no-break spaces are whitespace", "\u00a0a\u00a0b", List.of("a", "b")),
                arguments("emoji and skin tones are separate tokens", "😀👍🏽", List.of("😀", "👍", "🏽")),
                arguments("astral letters stay in their word", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text", List.of("𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "text")),
                arguments("the empty text has no words", "", List.of()),
                arguments("only whitespace has no words", " \n\t ", List.of()),
                arguments("only punctuation is all words", "?!...;", List.of("?", "!", "...", ";")),
                arguments("the spec's first example", "Don't worry 😀, it's e.g. fine... U.S. policy isn't well-known.",
                        List.of("Do", "n't", "worry", "😀", ",", "it", "'s", "e.g.", "fine", "...", "U.S.", "policy", "is",
                                "n't", "well", "-", "known", ".")),
                arguments("the spec's second example",
                        "gonna cannot 5km 10% and/or end.Start Wow?! (Yes.) $5 3pm a.m. Mr. Smith :) C++ 1,000.50 x-ray",
                        List.of("gon", "na", "can", "not", "5", "km", "10", "%", "and/or", "end", ".", "Start", "Wow", "?", "!",
                                "(", "Yes", ".", ")", "$", "5", "3", "pm", "a.m.", "Mr.", "Smith", ":)", "C++", "1,000.50", "x",
                                "-", "ray")),
                arguments("the spec's third example",
                        "this/that x:y 3+4 1-2 Hello,world a--b 2022-01-05 http://example.com/a-b?x=1 user@mail.com #tag",
                        List.of("this", "/", "that", "x", ":", "y", "3", "+", "4", "1", "-", "2", "Hello", ",", "world", "a",
                                "--", "b", "2022", "-", "01", "-", "05", "http://example.com/a-b?x=1", "user@mail.com", "#",
                                "tag")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void words(String what, String text, List<String> expected) {
        assertThat(TOKENIZER.words(text)).isEqualTo(expected);
    }

    static Stream<Arguments> sentencePieces() {
        return Stream.of(
                arguments("?! ends a sentence and an opening bracket stays with it", "Wow?! (Yes.) $5",
                        List.of("Wow?! (", "Yes.)", " $5")),
                arguments("closing quotes stay, ... and e.g. never end a sentence",
                        "He said \"Stop.\" Then left. What?! No... ok. 😀 Next. e.g. this",
                        List.of("He said \"Stop.\"", " Then left.", " What?!", " No... ok.", " 😀 Next.", " e.g. this")),
                arguments("whitespace tokens start sentences", "Hello.  World. \n\nAgain", List.of("Hello.", "  World.", " \n\nAgain")),
                arguments("a text without a stop is one piece", "no stop here", List.of("no stop here")),
                arguments("the empty text is one empty piece", "", List.of("")),
                arguments("only whitespace is one piece", "\n\n", List.of("\n\n")),
                arguments("the degree abbreviation splits at the stop", "°C. 30°C.", List.of("°C.", " 30°C.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void sentencePieces(String what, String text, List<String> expected) {
        assertThat(TOKENIZER.splitIntoSentences(text)).isEqualTo(expected);
    }

    @Test
    void sentenceSpansStartAtAWhitespaceTokenButSentTokenizeStripsIt() {
        String text = "Hello.  World. \n\nAgain";
        assertThat(TOKENIZER.sentenceSpans(text)).extracting(s -> s.of(text)).containsExactly("Hello.", " World.", "\n\nAgain");
        assertThat(TOKENIZER.sentTokenize(text)).containsExactly("Hello.", "World.", "Again");
    }

    @Test
    void aSentenceOfOnlyWhitespaceCountsAsASpanButNotAsASentence() {
        String text = "One. \n";
        assertThat(TOKENIZER.sentenceSpans(text)).extracting(s -> s.of(text)).containsExactly("One.", "\n");
        assertThat(TOKENIZER.sentTokenize(text)).containsExactly("One.");
        assertThat(TOKENIZER.splitIntoSentences(text)).containsExactly("One.", " \n");
    }

    @Test
    void spacesBecomeTrailingSpaceFlagsOrWhitespaceTokens() {
        List<Token> tokens = TOKENIZER.tokenize("a  b\n\nc \n d");
        assertThat(tokens).extracting(Token::text).containsExactly("a", " ", "b", "\n\n", "c", "\n ", "d");
        assertThat(tokens).extracting(Token::whitespace).containsExactly(false, true, false, true, false, true, false);
        assertThat(tokens).extracting(Token::spaceAfter).containsExactly(true, false, false, false, true, false, false);
        assertThat(tokens.get(3).start()).isEqualTo(4);
        assertThat(tokens.get(3).end()).isEqualTo(6);
    }

    @Test
    void offsetsAreJavaIndexesAndLengthsArePythons() {
        List<Token> tokens = TOKENIZER.tokenize("😀 ab");
        assertThat(tokens.get(1).start()).isEqualTo(3); // the emoji is two UTF-16 units
        assertThat(tokens.get(0).codePointLength()).isEqualTo(1);
    }

    @Test
    void aThousandCharacterWordIsOneToken() {
        String word = "a".repeat(1000);
        assertThat(TOKENIZER.words(word + ".")).containsExactly(word, ".");
        String dotted = "a.".repeat(5000); // thousands of host labels: no stack overflow in the URL check
        assertThat(TOKENIZER.words(dotted)).containsExactly(dotted.substring(0, dotted.length() - 1), ".");
        String brackets = "(".repeat(20000) + "x";
        assertThat(TOKENIZER.words(brackets)).hasSize(20001);
    }

    @Test
    void analyzeServesWordsAndSentencesFromOneTokenization() {
        TokenizedText t = TOKENIZER.analyze("It works. Twice!");
        assertThat(t.words()).containsExactly("It", "works", ".", "Twice", "!");
        assertThat(t.wordCount()).isEqualTo(5);
        assertThat(t.sentenceCount()).isEqualTo(2);
        assertThat(t.sentences()).containsExactly("It works.", "Twice!");
        assertThat(TOKENIZER.spacyVersion()).isEqualTo("3.6.1");
    }
}
