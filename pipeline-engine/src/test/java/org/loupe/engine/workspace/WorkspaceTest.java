package org.loupe.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.sample.Sampler;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.FolderListing;

/** The workspace keeps finished samples, finds them again without reading, and never writes into the input. */
class WorkspaceTest {
    private static final ReaderOptions OPTIONS = ReaderOptions.defaults();
    private static final SampleSpec SPEC = SampleSpec.ofSize(300, 42);

    @TempDir
    Path tmp;
    Path input;
    Workspace workspace;

    /** Records what a task reported; cancels after a given number of progress reports (or never). */
    static final class RecordingContext implements TaskContext {
        final List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        final int cancelAfter;
        final AtomicInteger reports = new AtomicInteger();

        RecordingContext(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(long done, long total) {
            progress.add(new long[] {done, total});
            reports.incrementAndGet();
        }

        @Override
        public void message(String message) {
            messages.add(message);
        }

        @Override
        public boolean isCancelled() {
            return cancelAfter >= 0 && reports.get() >= cancelAfter;
        }
    }

    @BeforeEach
    void writeInput() throws IOException {
        input = tmp.resolve("input");
        Files.createDirectories(input.resolve("nested"));
        Random r = new Random(1);
        for (int s = 0; s < 4; s++) {
            Path file = input.resolve(s == 3 ? "nested/shard-" + s + ".jsonl.gz" : "shard-" + s + ".jsonl.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                for (int i = 0; i < 2000; i++) {
                    String line = i % 97 == 5 ? "{oops\n"
                            : "{\"id\":\"s" + s + "-" + i + "\",\"text\":\"text " + r.nextLong() + " of " + i + "\",\"url\":\"https://e.example/" + i + "\"}\n";
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        workspace = new Workspace(tmp.resolve("cache"));
    }

    private ScanResult scan() throws IOException {
        return new ShardScanner().scan(input);
    }

    private List<String> ids(Sample s) {
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < s.size(); row++) {
            ids.add(s.document(row).id());
        }
        return ids;
    }

    private List<Path> sampleDirs() throws IOException {
        Path samples = workspace.root().resolve("samples");
        if (!Files.isDirectory(samples)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(samples)) {
            return list.sorted().toList();
        }
    }

    /** Replaces a file's bytes with garbage of the same length and restores its modification time. */
    private static void garbleKeepingSizeAndMtime(Path file) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(file);
        byte[] junk = new byte[(int) Files.size(file)];
        java.util.Arrays.fill(junk, (byte) 'x');
        Files.write(file, junk);
        Files.setLastModifiedTime(file, mtime);
    }

    @Test
    void theSecondOpenOfTheSameFolderAndSpecDoesNotReadTheShards() throws IOException {
        List<String> first;
        String createdAt;
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            first = ids(s);
            createdAt = s.manifest().createdAt();
        }
        ScanResult scan = scan();
        // Make the shards unreadable as JSONL while keeping their size and modification time: only a re-read would notice.
        try (Stream<Path> files = Files.walk(input)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                garbleKeepingSizeAndMtime(f);
            }
        }
        RecordingContext ctx = new RecordingContext(-1);
        try (Sample again = workspace.openOrDraw(scan, SPEC, OPTIONS, 2, ctx)) {
            assertThat(ids(again)).isEqualTo(first);
            assertThat(again.manifest().createdAt()).isEqualTo(createdAt);
            assertThat(again.document(0).text()).startsWith("text ");
        }
        assertThat(ctx.progress).as("no reading progress").isEmpty();
        assertThat(ctx.messages).noneMatch(m -> m.startsWith("Reading"));
        assertThat(sampleDirs()).hasSize(1);
    }

    @Test
    void changingAShardsContentOrModificationTimeGivesANewDirectory() throws IOException {
        Path firstDir = workspace.sampleDir(scan(), SPEC, OPTIONS);
        workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE).close();

        Path shard = input.resolve("shard-1.jsonl.gz");
        Files.setLastModifiedTime(shard, FileTime.fromMillis(Files.getLastModifiedTime(shard).toMillis() - 60_000));
        Path afterTouch = workspace.sampleDir(scan(), SPEC, OPTIONS);
        assertThat(afterTouch).isNotEqualTo(firstDir);

        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(shard))) {
            out.write("{\"id\":\"new\",\"text\":\"a brand new document\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Path afterWrite = workspace.sampleDir(scan(), SPEC, OPTIONS);
        assertThat(afterWrite).isNotEqualTo(firstDir).isNotEqualTo(afterTouch);
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            assertThat(s.directory()).isEqualTo(afterWrite);
            assertThat(s.manifest().stats().documents()).isEqualTo(3 * (2000 - 21) + 1);
        }
        assertThat(sampleDirs()).hasSize(2);
    }

    @Test
    void aDifferentSpecOrReaderOptionGivesANewDirectory() throws IOException {
        ScanResult scan = scan();
        Path base = workspace.sampleDir(scan, SPEC, OPTIONS);
        assertThat(workspace.sampleDir(scan, SampleSpec.ofSize(301, 42), OPTIONS)).isNotEqualTo(base);
        assertThat(workspace.sampleDir(scan, SampleSpec.ofSize(300, 43), OPTIONS)).isNotEqualTo(base);
        assertThat(workspace.sampleDir(scan, SampleSpec.ofFraction(0.5, 42), OPTIONS)).isNotEqualTo(base);
        assertThat(workspace.sampleDir(scan, SPEC.withShards(List.of("shard-0.jsonl.gz")), OPTIONS)).isNotEqualTo(base);
        assertThat(workspace.sampleDir(scan, SPEC, OPTIONS.withMaxRecordBytes(1000))).isNotEqualTo(base);
        assertThat(workspace.sampleDir(scan(), SPEC, OPTIONS)).isEqualTo(base);
    }

    @Test
    void aWorkspaceInsideTheInputFolderIsRefused() throws IOException {
        List<String> before = FolderListing.of(input);
        Workspace inside = new Workspace(input.resolve("cache"));

        assertThatThrownBy(() -> inside.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the input folder");
        Workspace itself = new Workspace(input);
        assertThatThrownBy(() -> itself.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(FolderListing.of(input)).isEqualTo(before);
    }

    @Test
    void aWorkspaceBesideTheInputWithASimilarNameIsAllowed() throws IOException {
        Workspace beside = new Workspace(tmp.resolve("input-cache"));
        try (Sample s = beside.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            assertThat(s.size()).isEqualTo(300);
        }
    }

    @Test
    void aStoreWithoutItsDocumentsIsDrawnAgain() throws IOException {
        List<String> first;
        Path dir;
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            first = ids(s);
            dir = s.directory();
        }
        Files.delete(dir.resolve("docs.bin"));
        RecordingContext ctx = new RecordingContext(-1);
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, ctx)) {
            assertThat(ids(s)).isEqualTo(first);
            assertThat(s.directory()).isEqualTo(dir);
        }
        assertThat(ctx.progress).as("the shards were read again").isNotEmpty();
        assertThat(dir.resolve("docs.bin")).exists();
    }

    @Test
    void aCorruptManifestIsDrawnAgain() throws IOException {
        List<String> first;
        Path dir;
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            first = ids(s);
            dir = s.directory();
        }
        Files.writeString(dir.resolve(Sampler.MANIFEST), "{\"formatVersion\": 1, \"rows\": \"not a numb");
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            assertThat(ids(s)).isEqualTo(first);
        }
    }

    @Test
    void aStoreWhoseManifestIsGoneIsDrawnAgain() throws IOException {
        List<String> first;
        Path dir;
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            first = ids(s);
            dir = s.directory();
        }
        Files.delete(dir.resolve(Sampler.MANIFEST));
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            assertThat(ids(s)).isEqualTo(first);
        }
        assertThat(sampleDirs()).containsExactly(dir);
    }

    @Test
    void aTruncatedRowsFileIsDrawnAgain() throws IOException {
        Path dir;
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            dir = s.directory();
        }
        Path rows = dir.resolve("rows.bin");
        byte[] bytes = Files.readAllBytes(rows);
        Files.write(rows, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            assertThat(s.size()).isEqualTo(300);
            assertThat(s.document(299).text()).startsWith("text ");
        }
    }

    @Test
    void cancellingWhileDrawingThrowsAndLeavesNoDirectoryBehind() throws IOException {
        for (int threads : new int[] {1, 2, 4}) {
            RecordingContext ctx = new RecordingContext(2);
            assertThatThrownBy(() -> workspace.openOrDraw(scan(), SPEC, OPTIONS, threads, ctx))
                    .isInstanceOf(CancellationException.class);
            assertThat(sampleDirs()).as("with %d threads", threads).isEmpty();
            assertThat(workspace.hasSample(scan(), SPEC, OPTIONS)).isFalse();
        }
        // And a later draw works.
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            assertThat(s.size()).isEqualTo(300);
        }
    }

    @Test
    void cancellingAtOnceStopsBeforeReadingAnyShard() throws IOException {
        RecordingContext ctx = new RecordingContext(0);
        assertThatThrownBy(() -> workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, ctx))
                .isInstanceOf(CancellationException.class);
        assertThat(sampleDirs()).isEmpty();
        assertThat(ctx.messages).noneMatch(m -> m.startsWith("Reading"));
    }

    @Test
    void theInputFolderIsNeverWritten() throws IOException {
        List<String> before = FolderListing.of(input);
        try (Sample s = workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE)) {
            for (int row = 0; row < s.size(); row++) {
                Document d = s.document(row);
                assertThat(d.source().shard()).startsWith(input);
            }
        }
        workspace.openOrDraw(scan(), SampleSpec.ofFraction(0.3, 1), OPTIONS, 2, TaskContext.NONE).close();
        workspace.openOrDraw(scan(), SPEC, OPTIONS, 2, TaskContext.NONE).close();
        assertThat(FolderListing.of(input)).isEqualTo(before);
    }

    @Test
    void theDefaultRootFollowsLoupeCacheThenTheUserCacheDirectory() {
        assertThat(Workspace.defaultRoot(Map.of("LOUPE_CACHE", "/x/y"))).isEqualTo(Path.of("/x/y"));
        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertThat(Workspace.defaultRoot(Map.of("XDG_CACHE_HOME", "/c"))).isEqualTo(Path.of("/c", "loupe"));
            assertThat(Workspace.defaultRoot(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "loupe"));
        }
    }
}
