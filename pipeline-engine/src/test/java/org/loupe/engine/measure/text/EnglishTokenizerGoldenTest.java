package org.loupe.engine.measure.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.Golden;

/**
 * The tokenizer against spaCy itself: {@code golden/reference/datatrove_ref.jsonl.gz} (test resources) holds,
 * for each of the 1,107 fixture documents, datatrove's {@code split_into_words} ({@code words}) and
 * {@code split_into_sentences} ({@code sentences}) as computed by datatrove with spaCy 3.6.1. Every
 * document must agree exactly; the test reports how many do not, with the first difference of a few.
 */
class EnglishTokenizerGoldenTest {
    private static final EnglishTokenizer TOKENIZER = EnglishTokenizer.shared();

    record Reference(String id, String text, List<String> words, List<String> sentences) {
    }

    private static List<Reference> references;

    @BeforeAll
    static void readGolden() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode doc : Golden.read(Golden.FIXTURES)) {
            texts.put(doc.get("id").asText(), doc.get("text").asText());
        }
        references = new ArrayList<>();
        for (JsonNode ref : Golden.read(Golden.DATATROVE)) {
            String id = ref.get("id").asText();
            references.add(new Reference(id, texts.get(id), strings(ref.get("words")), strings(ref.get("sentences"))));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String firstDifference(String id, List<String> got, List<String> want) {
        int i = 0;
        while (i < Math.min(got.size(), want.size()) && got.get(i).equals(want.get(i))) {
            i++;
        }
        return id + " at " + i + ": got " + got.subList(Math.max(0, i - 2), Math.min(got.size(), i + 3))
                + ", spaCy " + want.subList(Math.max(0, i - 2), Math.min(want.size(), i + 3));
    }

    @Test
    void goldenCoversAllFixtureDocuments() {
        assertThat(references).hasSize(1107).allSatisfy(r -> assertThat(r.text()).as(r.id()).isNotNull());
    }

    @Test
    void everyDocumentHasExactlySpacysWords() {
        List<String> mismatches = new ArrayList<>();
        for (Reference r : references) {
            List<String> words = TOKENIZER.words(r.text());
            if (!words.equals(r.words())) {
                mismatches.add(firstDifference(r.id(), words, r.words()));
            }
        }
        System.out.printf("golden words: %d of %d documents match spaCy%n", references.size() - mismatches.size(), references.size());
        assertThat(mismatches).as("documents whose word list differs from spaCy's").isEmpty();
    }

    @Test
    void everyDocumentHasExactlySpacysSentencePieces() {
        List<String> mismatches = new ArrayList<>();
        for (Reference r : references) {
            List<String> pieces = TOKENIZER.splitIntoSentences(r.text());
            if (!pieces.equals(r.sentences())) {
                mismatches.add(firstDifference(r.id(), pieces, r.sentences()));
            }
        }
        System.out.printf("golden sentences: %d of %d documents match spaCy%n", references.size() - mismatches.size(), references.size());
        assertThat(mismatches).as("documents whose split_into_sentences differs from spaCy's").isEmpty();
    }

    @Test
    void sentTokenizeIsTheStrippedNonEmptyPiecesOfEveryDocument() {
        // datatrove's sent_tokenize strips sentence texts and drops empty ones; a piece differs from its
        // sentence only by leading whitespace (and the last by the text's trailing whitespace), so
        // stripping the golden pieces gives datatrove's sent_tokenize.
        List<String> mismatches = new ArrayList<>();
        for (Reference r : references) {
            List<String> expected = r.sentences().stream().map(PyText::strip).filter(s -> !s.isEmpty()).toList();
            List<String> got = TOKENIZER.sentTokenize(r.text());
            if (!got.equals(expected)) {
                mismatches.add(firstDifference(r.id(), got, expected));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void sentenceSpansEndWhereThePiecesAreCut() {
        for (Reference r : references) {
            TokenizedText t = TOKENIZER.analyze(r.text());
            List<TextSpan> spans = t.sentenceSpans();
            List<String> pieces = t.sentencePieces();
            assertThat(pieces).hasSize(Math.max(1, spans.size()));
            int cut = 0;
            for (int k = 0; k < spans.size() - 1; k++) {
                cut += pieces.get(k).length();
                assertThat(spans.get(k).end()).as(r.id()).isEqualTo(cut);
            }
            assertThat(String.join("", pieces)).isEqualTo(r.text());
        }
    }

    @Test
    void oneInstanceSharedByManyThreadsGivesTheSameWords() throws Exception {
        EnglishTokenizer shared = EnglishTokenizer.create(); // its chunk cache fills up concurrently
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Reference r : references) {
                    results.add(pool.submit(() -> shared.words(r.text()).equals(r.words())
                            && shared.splitIntoSentences(r.text()).equals(r.sentences())));
                }
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theJavaRegexEngineAgreesWithPyMatcherOnEveryDocument() {
        // Second opinion: the same rules run on java.util.regex (PyRegex's translation) instead of PyMatcher.
        ChunkSplitter javaRegex = new ChunkSplitter(SpacyEnglishRules.load(), true);
        ChunkSplitter pyMatcher = new ChunkSplitter(SpacyEnglishRules.load(), false);
        assertThat(pyMatcher.allOnPyMatcher()).isTrue();
        int checked = 0;
        for (Reference r : references) {
            for (String chunk : PyText.splitWhitespace(r.text())) {
                assertThat(pyMatcher.split(chunk, true)).as(chunk).containsExactly(javaRegex.split(chunk, true));
                checked++;
            }
            if (checked > 60_000) {
                break;
            }
        }
    }
}
