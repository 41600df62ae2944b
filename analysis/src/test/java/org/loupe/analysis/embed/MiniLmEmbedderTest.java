package org.loupe.analysis.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.loupe.analysis.vocab.FixtureTexts;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiniLmEmbedderTest {
    private MiniLmEmbedder embedder;

    @BeforeAll
    void load() {
        embedder = new MiniLmEmbedder(2);
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void textsAboutTheSameThingAreCloserThanTextsAboutOtherThings() {
        float[][] v = embedder.embed(List.of(
                "The recipe needs flour, butter, sugar and two eggs; bake the cake for forty minutes.",
                "Mix the flour with the eggs and sugar, then bake it in the oven until golden.",
                "The central bank raised interest rates to fight inflation in the euro area."));
        assertThat(v).hasNumberOfRows(3);
        assertThat(v[0]).hasSize(384);
        for (float[] x : v) {
            assertThat(Vectors.dot(x, x)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(Vectors.dot(v[0], v[1])).isGreaterThan(Vectors.dot(v[0], v[2]) + 0.2f);
    }

    @Test
    void theSameBatchGivesTheSameVectorsAndABatchMovesThemHardly() throws Exception {
        List<String> texts = FixtureTexts.all().subList(0, 40);
        float[][] batch = embedder.embed(texts);
        float[][] alone = embedder.embed(List.of(texts.get(7)));
        // int8 dynamic quantization scales activations per batch: a text's vector moves a little with its batch
        assertThat(Vectors.dot(alone[0], batch[7])).isGreaterThan(0.99f);
        assertThat(embedder.embed(texts)).isDeepEqualTo(batch);
        long t0 = System.nanoTime();
        List<String> all = FixtureTexts.all();
        embedder.embed(all);
        System.out.printf("embedded %d documents in %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void documentsAreEmbeddedFromTheirOpeningCutAtASpace() {
        String longText = "word ".repeat(400);
        String p = MiniLmEmbedder.prepare(longText, 1000);
        assertThat(p.length()).isLessThanOrEqualTo(1000);
        assertThat(p).endsWith("word");
        assertThat(MiniLmEmbedder.prepare(null, 1000)).isEmpty();
        float[][] empty = embedder.embed(List.of("", "   "));
        assertThat(empty[0]).hasSize(384);
        assertThat(empty[1]).containsExactly(empty[0]);
    }
}
