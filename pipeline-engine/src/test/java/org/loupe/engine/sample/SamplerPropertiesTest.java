package org.loupe.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.task.TaskContext;

/**
 * Invariants of size samples over random folders of JSONL shards with invalid lines: reproducible for
 * any number of threads, exactly the bottom-k of the keys, rows in (shard, position) order, and every
 * record accounted for.
 */
class SamplerPropertiesTest {

    /** What a drawn sample holds, compared across thread counts. */
    record Drawn(List<String> ids, List<String> texts, List<String> shards, List<Long> positions, SampleManifest manifest,
                 List<String> problemLines) { }

    static Drawn draw(Path folder, SampleSpec spec, int threads) throws IOException {
        Path dir = TestCorpus.tempDir("loupe-sample-").resolve("s");
        try {
            ScanResult scan = new ShardScanner().scan(folder);
            new Sampler(threads).draw(scan, spec, ReaderOptions.defaults(), dir, TaskContext.NONE);
            try (Sample s = Sample.open(dir)) {
                List<String> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                List<String> shards = new ArrayList<>();
                List<Long> positions = new ArrayList<>();
                for (int row = 0; row < s.size(); row++) {
                    Document d = s.document(row);
                    ids.add(d.id());
                    texts.add(d.text());
                    shards.add(s.shardRelativePath(row));
                    positions.add(s.position(row));
                }
                List<String> problems = Files.readAllLines(dir.resolve(ProblemLog.FILE), StandardCharsets.UTF_8);
                return new Drawn(ids, texts, shards, positions, s.manifest(), problems);
            }
        } finally {
            TestCorpus.delete(dir.getParent());
        }
    }

    @Property(tries = 40)
    void theSameSeedGivesTheSameSampleWithOneTwoAndFourThreads(
            @ForAll @IntRange(min = 1, max = 7) int shardCount,
            @ForAll @IntRange(min = 0, max = 120) int maxDocs,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll long corpusSeed) throws IOException {
        Path folder = TestCorpus.tempDir("loupe-corpus-");
        try {
            TestCorpus corpus = TestCorpus.write(folder, corpusSeed, shardCount, maxDocs, 0.1);
            SampleSpec spec = SampleSpec.ofSize(size, seed);
            Drawn one = draw(folder, spec, 1);
            Drawn two = draw(folder, spec, 2);
            Drawn four = draw(folder, spec, 4);

            assertThat(two.ids()).isEqualTo(one.ids());
            assertThat(two.texts()).isEqualTo(one.texts());
            assertThat(four.ids()).isEqualTo(one.ids());
            assertThat(four.texts()).isEqualTo(one.texts());
            assertThat(four.problemLines()).isEqualTo(one.problemLines());
            assertThat(one.ids()).hasSize(Math.min(size, corpus.docs.size()));
        } finally {
            TestCorpus.delete(folder);
        }
    }

    @Property(tries = 40)
    void theSampleIsExactlyTheDocumentsWithTheSmallestKeysInShardAndPositionOrder(
            @ForAll @IntRange(min = 1, max = 6) int shardCount,
            @ForAll @IntRange(min = 0, max = 150) int maxDocs,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 400) int size,
            @ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll long corpusSeed) throws IOException {
        Path folder = TestCorpus.tempDir("loupe-corpus-");
        try {
            TestCorpus corpus = TestCorpus.write(folder, corpusSeed, shardCount, maxDocs, 0.15);
            Drawn drawn = draw(folder, SampleSpec.ofSize(size, seed), threads);

            List<TestCorpus.Doc> expected = corpus.bottomK(seed, size);
            assertThat(drawn.ids()).containsExactlyElementsOf(expected.stream().map(TestCorpus.Doc::id).toList());
            assertThat(drawn.texts()).containsExactlyElementsOf(expected.stream().map(TestCorpus.Doc::text).toList());
            assertThat(drawn.shards()).containsExactlyElementsOf(expected.stream().map(TestCorpus.Doc::shard).toList());
            assertThat(drawn.positions()).containsExactlyElementsOf(expected.stream().map(TestCorpus.Doc::line).toList());
        } finally {
            TestCorpus.delete(folder);
        }
    }

    @Property(tries = 30)
    void aSampleAtLeastAsLargeAsTheFolderHoldsEveryDocumentExactlyOnce(
            @ForAll @IntRange(min = 1, max = 6) int shardCount,
            @ForAll @IntRange(min = 0, max = 80) int maxDocs,
            @ForAll @IntRange(min = 0, max = 50) int extra,
            @ForAll long seed,
            @ForAll long corpusSeed) throws IOException {
        Path folder = TestCorpus.tempDir("loupe-corpus-");
        try {
            TestCorpus corpus = TestCorpus.write(folder, corpusSeed, shardCount, maxDocs, 0.1);
            int size = Math.max(1, corpus.docs.size() + extra);
            Drawn drawn = draw(folder, SampleSpec.ofSize(size, seed), 2);

            assertThat(drawn.ids()).doesNotHaveDuplicates();
            assertThat(drawn.ids()).containsExactlyElementsOf(corpus.docs.stream().map(TestCorpus.Doc::id).toList());
            assertThat(drawn.texts()).containsExactlyElementsOf(corpus.docs.stream().map(TestCorpus.Doc::text).toList());
        } finally {
            TestCorpus.delete(folder);
        }
    }

    @Property(tries = 30)
    void everyRecordIsADocumentOrAProblemAndEveryProblemIsLogged(
            @ForAll @IntRange(min = 1, max = 6) int shardCount,
            @ForAll @IntRange(min = 0, max = 100) int maxDocs,
            @ForAll @DoubleRange(min = 0, max = 0.6) double badRate,
            @ForAll @IntRange(min = 1, max = 50) int size,
            @ForAll long corpusSeed) throws IOException {
        Path folder = TestCorpus.tempDir("loupe-corpus-");
        try {
            TestCorpus corpus = TestCorpus.write(folder, corpusSeed, shardCount, maxDocs, badRate);
            Drawn drawn = draw(folder, SampleSpec.ofSize(size, 7), 2);
            SampleManifest.ReadStats stats = drawn.manifest().stats();

            assertThat(stats.records()).isEqualTo(corpus.records);
            assertThat(stats.documents()).isEqualTo(corpus.docs.size());
            assertThat(stats.skipped()).isEqualTo(corpus.skipped);
            assertThat(stats.records()).isEqualTo(stats.documents() + stats.skipped());
            assertThat(stats.problems()).isEqualTo(drawn.problemLines().size());
            assertThat(stats.problemsByKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(stats.problems());
            assertThat(drawn.manifest().rows()).isEqualTo(drawn.ids().size());
            assertThat(drawn.manifest().shards()).extracting(SampleManifest.ShardEntry::relativePath)
                    .containsExactlyElementsOf(corpus.shards);
        } finally {
            TestCorpus.delete(folder);
        }
    }
}
