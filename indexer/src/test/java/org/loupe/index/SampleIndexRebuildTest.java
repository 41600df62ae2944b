package org.loupe.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.task.TaskContext;

/** An index that is broken, outdated or half-built is rebuilt on the next open, with the same results. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleIndexRebuildTest {
    @TempDir
    static Path tmp;

    private FixtureSample fx;
    private RowStatus status;
    private List<String> reference;

    private static final List<String> QUERIES = List.of("\"united states\"", "school OR construction", "", "thurs*");

    @BeforeAll
    void open() throws Exception {
        fx = FixtureSample.open(tmp);
        status = RowStatus.of(fx.decided.decisions());
        try (SampleIndex index = SampleIndex.openOrBuild(fx.sample, fx.languages, TaskContext.NONE)) {
            assertThat(index.rebuilt()).isTrue();
            reference = results(index);
        }
    }

    @AfterAll
    void close() throws IOException {
        if (fx != null) { // null when opening failed
            fx.sample.close();
        }
    }

    private List<String> results(SampleIndex index) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String q : QUERIES) {
            SearchResult r = index.search(SearchRequest.of(q).withPage(0, 50), status);
            out.add(r.total() + " " + r.statusFacet() + r.domainFacet() + r.languageFacet() + r.hits().stream()
                    .map(h -> h.row() + ":" + h.score() + ":" + h.snippet().marked()).toList());
        }
        return out;
    }

    private Path indexDir() {
        return fx.sample.directory().resolve(SampleIndex.FOLDER);
    }

    private Path largestSegmentFile() throws IOException {
        try (var files = Files.list(indexDir())) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().endsWith(".txt"))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    private void assertReopenedAs(boolean rebuilt) throws Exception {
        try (SampleIndex index = SampleIndex.openOrBuild(fx.sample, fx.languages, TaskContext.NONE)) {
            assertThat(index.rebuilt()).isEqualTo(rebuilt);
            assertThat(results(index)).isEqualTo(reference);
        }
    }

    @Test
    void anIntactIndexIsReopenedAsIs() throws Exception {
        assertReopenedAs(false);
    }

    @Test
    void aSegmentFileOverwrittenInPlaceIsDetectedAndTheIndexRebuilt() throws Exception {
        Path f = largestSegmentFile();
        long size = Files.size(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(size / 2);
            raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        assertThat(Files.size(f)).isEqualTo(size);
        assertReopenedAs(true);
        assertReopenedAs(false);
    }

    @Test
    void aTruncatedSegmentFileIsDetectedAndTheIndexRebuilt() throws Exception {
        Path f = largestSegmentFile();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(f) / 3);
        }
        assertReopenedAs(true);
    }

    @Test
    void aMissingSegmentFileOrMarkerMeansRebuild() throws Exception {
        Files.delete(largestSegmentFile());
        assertReopenedAs(true);
        Files.delete(indexDir().resolve(IndexMarker.FILE));
        assertReopenedAs(true);
    }

    @Test
    void anIndexOfAnotherFormatOrLuceneVersionIsRebuilt() throws Exception {
        Path marker = indexDir().resolve(IndexMarker.FILE);
        Files.writeString(marker, Files.readString(marker).replaceFirst("\"format\" : " + SampleIndex.FORMAT, "\"format\" : 0"));
        assertReopenedAs(true);
        Files.writeString(marker, Files.readString(marker).replaceFirst("\"lucene\" : \"[^\"]+\"", "\"lucene\" : \"8.0.0\""));
        assertReopenedAs(true);
        Files.writeString(marker, "{ not json");
        assertReopenedAs(true);
    }

    @Test
    void anIndexBuiltWithLanguagesIsReusedWhenLanguagesAreNotYetKnown() throws Exception {
        try (SampleIndex index = SampleIndex.openOrBuild(fx.sample, null, TaskContext.NONE)) {
            assertThat(index.rebuilt()).isFalse();
            assertThat(index.search(SearchRequest.of("").withLanguage("en"), status).total()).isPositive();
        }
    }

    @Test
    void aBuildHandsOnNearRealTimeViewsThatSearchWhatIsIndexedSoFar() throws Exception {
        org.loupe.engine.io.AtomicFiles.deleteTree(indexDir());
        // A slow build (a pause per chunk) so that views are taken while it runs.
        TaskContext slow = new TaskContext() {
            @Override
            public void progress(long done, long total) {
                try {
                    Thread.sleep(60);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        List<long[]> seen = new java.util.ArrayList<>();
        try (SampleIndex full = SampleIndex.openOrBuild(fx.sample, fx.languages, slow, view -> {
            try (view) {
                assertThat(view.isPartial()).isTrue();
                SearchResult all = view.search(SearchRequest.of(""), status);
                seen.add(new long[] {view.documents(), all.total()});
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })) {
            assertThat(full.isPartial()).isFalse();
            assertThat(full.rebuilt()).isTrue();
            assertThat(results(full)).isEqualTo(reference);
        }
        assertThat(seen).isNotEmpty().allSatisfy(v -> {
            assertThat(v[0]).isPositive().isLessThan(fx.sample.size());
            assertThat(v[1]).isEqualTo(v[0]);
        });
    }

    @Test
    void aCancelledBuildLeavesNoIndexTakenAsComplete() throws Exception {
        org.loupe.engine.io.AtomicFiles.deleteTree(indexDir());
        TaskContext cancelAfterFirstChunk = new TaskContext() {
            private volatile boolean cancelled;

            @Override
            public void progress(long done, long total) {
                if (done > 0) {
                    cancelled = true;
                }
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
        assertThatThrownBy(() -> SampleIndex.openOrBuild(fx.sample, fx.languages, cancelAfterFirstChunk))
                .isInstanceOf(CancellationException.class);
        assertThat(indexDir().resolve(IndexMarker.FILE)).doesNotExist();
        assertReopenedAs(true);
    }

    @Test
    void languagesOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> SampleIndex.openOrBuild(fx.sample, new String[3], TaskContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 rows");
    }
}
