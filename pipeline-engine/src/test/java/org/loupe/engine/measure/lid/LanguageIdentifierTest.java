package org.loupe.engine.measure.lid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
    private static LanguageIdentifier lid() {
        return new LanguageIdentifier(Lid176.model());
    }

    @Test
    void languageIsTheLabelWithoutItsPrefixAndScoreIsFastTextsFloat() {
        LanguageIdentifier.Prediction p = lid().identify("Bonjour le monde");
        assertThat(p.language()).isEqualTo("fr");
        assertThat(p.score()).isEqualTo((double) 0.95014542f);
        assertThat(LanguageIdentifier.language("__label__en")).isEqualTo("en");
        assertThat(LanguageIdentifier.language("__label__zh__x")).isEqualTo("zh");
    }

    @Test
    void newlinesBecomeSpacesSoTheWholeDocumentCounts() {
        LanguageIdentifier lid = lid();
        String text = "hello\nBonjour le monde, comment allez-vous ?\nJe vais bien.";
        assertThat(LanguageIdentifier.preprocess(text)).doesNotContain("\n");
        assertThat(lid.topK(text, 3)).isEqualTo(lid.topK(text.replace('\n', ' '), 3));
        assertThat(lid.identify(text).language()).isEqualTo("fr");
        // Without the replacement fastText would stop at the first newline.
        assertThat(Lid176.model().predict(text, 1).get(0).label()).isEqualTo("__label__en");
    }

    @Test
    void topKMinusOneListsEveryReportedLanguageBestFirst() {
        List<LanguageIdentifier.Prediction> all = lid().topK("Bonjour le monde", -1);
        assertThat(all).hasSize(63);
        assertThat(all.get(0)).isEqualTo(lid().identify("Bonjour le monde"));
        assertThat(all).extracting(LanguageIdentifier.Prediction::language).doesNotHaveDuplicates();
    }

    @Test
    void emptyTextStillGetsALanguage() {
        LanguageIdentifier.Prediction p = lid().identify("");
        assertThat(p.language()).isEqualTo("en");
        assertThat(p.score()).isEqualTo((double) 0.12450417876243591f);
        assertThatThrownBy(() -> lid().identify(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        LanguageIdentifier lid = lid();
        List<String> texts = List.of("The quick brown fox jumps over the lazy dog.", "Der schnelle braune Fuchs",
                "El rápido zorro marrón", "Быстрая коричневая лиса", "敏捷的棕色狐狸", "Il rapido volpe marrone");
        List<LanguageIdentifier.Prediction> sequential = texts.stream().map(lid::identify).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> lid.identify(texts.get(i % texts.size()))
                            .equals(sequential.get(i % texts.size()))))
                    .toList();
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
