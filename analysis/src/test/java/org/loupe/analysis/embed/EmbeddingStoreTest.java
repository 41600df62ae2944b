package org.loupe.analysis.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.task.TaskContext;

class EmbeddingStoreTest {
    @TempDir
    Path dir;

    /** A fake model: the vector of a text is its length and first character, counted. */
    static final class Counting implements TextEmbedder {
        final AtomicInteger embedded = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public float[][] embed(List<String> texts) {
            embedded.addAndGet(texts.size());
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                String t = texts.get(i);
                out[i] = new float[] {t.length(), t.isEmpty() ? 0 : t.charAt(0), 1};
            }
            return out;
        }
    }

    private static String text(int row) {
        return "document " + row;
    }

    @Test
    void rowsAreEmbeddedOnceAndReadBackFromTheCache() throws Exception {
        Counting model = new Counting();
        float[][] first = EmbeddingStore.embed(dir, 700, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(700);
        float[][] again = EmbeddingStore.embed(dir, 700, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(700);
        assertThat(again).isDeepEqualTo(first);
        assertThat(first[123]).containsExactly(text(123).length(), 'd', 1);
    }

    @Test
    void aSubsetIsEmbeddedAloneAndTheRestLater() throws Exception {
        Counting model = new Counting();
        float[][] some = EmbeddingStore.embed(dir, 1000, new int[] {5, 900, 17}, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(3);
        assertThat(some[1]).containsExactly(text(900).length(), 'd', 1);
        EmbeddingStore.embed(dir, 1000, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(1000);
    }

    @Test
    void aCancelledRunKeepsTheBatchesItFinished() throws Exception {
        Counting model = new Counting();
        AtomicInteger progressCalls = new AtomicInteger();
        TaskContext cancelAfterOne = new TaskContext() {
            @Override
            public void progress(long done, long total) {
                progressCalls.incrementAndGet();
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return progressCalls.get() >= 1;
            }
        };
        assertThatThrownBy(() -> EmbeddingStore.embed(dir, 1000, EmbeddingStoreTest::text, model, cancelAfterOne))
                .isInstanceOf(CancellationException.class);
        int done = model.embedded.get();
        assertThat(done).isBetween(1, 999);
        EmbeddingStore.embed(dir, 1000, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(1000);
    }

    @Test
    void aCacheOfAnotherSampleSizeOrADamagedOneIsStartedAgain() throws Exception {
        Counting model = new Counting();
        EmbeddingStore.embed(dir, 50, EmbeddingStoreTest::text, model, TaskContext.NONE);
        EmbeddingStore.embed(dir, 60, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(110);
        Path f = EmbeddingStore.file(dir, model);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 7)); // cut the last vector short
        float[][] v = EmbeddingStore.embed(dir, 60, EmbeddingStoreTest::text, model, TaskContext.NONE);
        assertThat(model.embedded.get()).isEqualTo(111);
        assertThat(v[59]).containsExactly(text(59).length(), 'd', 1);
    }
}
