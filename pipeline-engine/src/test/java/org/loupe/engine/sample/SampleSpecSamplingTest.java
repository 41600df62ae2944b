package org.loupe.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.task.TaskContext;

/** Fraction samples, shard subsets and seeds, on one folder of about 12,000 documents. */
class SampleSpecSamplingTest {
    @TempDir
    static Path folder;
    static TestCorpus corpus;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = TestCorpus.write(folder, 2024, 8, 3000, 0.02);
        assertThat(corpus.docs.size()).isGreaterThan(8000);
    }

    private static SamplerPropertiesTest.Drawn draw(SampleSpec spec, int threads) throws IOException {
        return SamplerPropertiesTest.draw(folder, spec, threads);
    }

    @Test
    void aFractionSampleIsDeterministicAndMatchesTheKeyOracle() throws IOException {
        SampleSpec spec = SampleSpec.ofFraction(0.1, 99);
        SamplerPropertiesTest.Drawn a = draw(spec, 1);
        SamplerPropertiesTest.Drawn b = draw(spec, 3);

        assertThat(b.ids()).isEqualTo(a.ids());
        assertThat(b.texts()).isEqualTo(a.texts());
        assertThat(a.ids()).containsExactlyElementsOf(corpus.fraction(99, 0.1).stream().map(TestCorpus.Doc::id).toList());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.25, 0.5, 0.9})
    void aFractionSampleHoldsRoughlyThatFractionOfTheDocuments(double fraction) throws IOException {
        int n = corpus.docs.size();
        int got = draw(SampleSpec.ofFraction(fraction, 5), 2).ids().size();
        // Binomial(n, f): 5 standard deviations either way.
        double sd = Math.sqrt(n * fraction * (1 - fraction));
        assertThat((double) got).isBetween(n * fraction - 5 * sd, n * fraction + 5 * sd);
    }

    @Test
    void theWholeFractionIsEveryDocument() throws IOException {
        assertThat(draw(SampleSpec.ofFraction(1.0, 5), 2).ids())
                .containsExactlyElementsOf(corpus.docs.stream().map(TestCorpus.Doc::id).toList());
    }

    @Test
    void aSmallerFractionIsASubsetOfALargerOneWithTheSameSeed() throws IOException {
        List<String> tenth = draw(SampleSpec.ofFraction(0.1, 77), 2).ids();
        List<String> fifth = draw(SampleSpec.ofFraction(0.2, 77), 2).ids();

        assertThat(fifth).containsAll(tenth);
        assertThat(fifth.size()).isGreaterThan(tenth.size());
    }

    @Test
    void aSmallerSizeIsASubsetOfALargerOneWithTheSameSeed() throws IOException {
        List<String> small = draw(SampleSpec.ofSize(500, 77), 2).ids();
        List<String> large = draw(SampleSpec.ofSize(2000, 77), 2).ids();

        assertThat(large).containsAll(small);
    }

    @Test
    void aShardSubsetSamplesOnlyThoseShards() throws IOException {
        List<String> chosen = List.of(corpus.shards.get(1), corpus.shards.get(4));
        SamplerPropertiesTest.Drawn drawn = draw(SampleSpec.ofSize(1000, 3).withShards(chosen), 2);

        assertThat(drawn.shards()).isNotEmpty().allSatisfy(s -> assertThat(chosen).contains(s));
        assertThat(drawn.manifest().shards()).extracting(SampleManifest.ShardEntry::relativePath)
                .containsExactlyElementsOf(chosen);
        long docsInChosen = corpus.docs.stream().filter(d -> chosen.contains(d.shard())).count();
        assertThat(drawn.manifest().stats().documents()).isEqualTo(docsInChosen);
        // The same documents as the oracle restricted to those shards.
        TestCorpus restricted = corpus;
        List<String> expected = restricted.docs.stream().filter(d -> chosen.contains(d.shard()))
                .sorted((x, y) -> Long.compareUnsigned(restricted.key(3, x), restricted.key(3, y)))
                .limit(1000).map(TestCorpus.Doc::id).sorted().toList();
        assertThat(drawn.ids().stream().sorted().toList()).isEqualTo(expected);
    }

    @Test
    void anUnknownShardNameIsAnErrorThatNamesIt() throws IOException {
        var scan = new ShardScanner().scan(folder);
        SampleSpec spec = SampleSpec.ofSize(10, 1).withShards(List.of(corpus.shards.get(0), "no/such-shard.jsonl"));
        Path dir = folder.getParent().resolve("sample-" + System.nanoTime());

        assertThatThrownBy(() -> new Sampler(2).draw(scan, spec, ReaderOptions.defaults(), dir, TaskContext.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no/such-shard.jsonl");
        assertThat(dir).doesNotExist();
    }

    @Test
    void differentSeedsGiveDifferentSamples() throws IOException {
        Set<List<String>> samples = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            samples.add(draw(SampleSpec.ofSize(200, seed), 2).ids());
        }
        assertThat(samples).hasSize(5);
        // And they overlap about as much as independent draws: 200 of ~n, expected overlap 200²/n ≈ a handful.
        List<String> a = draw(SampleSpec.ofSize(200, 1), 2).ids();
        List<String> b = draw(SampleSpec.ofSize(200, 2), 2).ids();
        assertThat(a.stream().filter(b::contains).count()).isLessThan(40);
    }

    @Test
    void theSampleStoreHoldsNoSpillFilesOnceDrawn() throws IOException {
        Path dir = Files.createTempDirectory("loupe-store-").resolve("s");
        try {
            new Sampler(2).draw(new ShardScanner().scan(folder), SampleSpec.ofSize(100, 1), ReaderOptions.defaults(), dir,
                    TaskContext.NONE);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(Sampler.MANIFEST, ProblemLog.FILE, "docs.bin", "blocks.bin", "rows.bin");
            }
        } finally {
            TestCorpus.delete(dir.getParent());
        }
    }
}
