package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.loupe.engine.read.TestBytes.concat;
import static org.loupe.engine.read.TestBytes.gzip;
import static org.loupe.engine.read.TestBytes.raw;
import static org.loupe.engine.read.TestBytes.utf8;
import static org.loupe.engine.read.TestBytes.zstd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loupe.engine.testing.SharedData;

/** Which files of a folder are shards, in which format and compression, and which are problems. */
class ShardScannerTest {
    private static final byte[] JSONL = utf8("{\"text\":\"hello\"}\n{\"text\":\"world\"}\n");
    private static final byte[] WARC = utf8("WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Filename: crawl.warc.gz\r\n"
            + "Content-Length: 0\r\n\r\n\r\n\r\n");
    private static final byte[] WET = utf8("WARC/1.0\r\nWARC-Type: warcinfo\r\n"
            + "WARC-Filename: CC-MAIN-20240517233122-20240518023122-00000.warc.wet.gz\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    private static final byte[] WET_CONVERSION = utf8("WARC/1.0\r\nWARC-Type: conversion\r\n"
            + "WARC-Target-URI: https://example.org/\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
    private static final byte[] PARQUET = concat("PAR1", new byte[64], "PAR1");

    @TempDir
    Path dir;

    private Path write(String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    private ScanResult scan() throws IOException {
        return new ShardScanner().scan(dir);
    }

    static Stream<Arguments> lyingNames() {
        return Stream.of(
                Arguments.of("gzip named .jsonl", "data.jsonl", gzip(JSONL), ShardFormat.JSONL, Compression.GZIP),
                Arguments.of("zstd named .gz", "data.jsonl.gz", zstd(JSONL), ShardFormat.JSONL, Compression.ZSTD),
                Arguments.of("plain named .gz", "data.jsonl.gz", JSONL, ShardFormat.JSONL, Compression.NONE),
                Arguments.of("plain JSONL named .txt", "records.txt", JSONL, ShardFormat.JSONL, Compression.NONE),
                Arguments.of("JSONL with a byte order mark and leading blank lines, no extension", "records",
                        concat(raw(0xEF, 0xBB, 0xBF), "\n \r\n", JSONL), ShardFormat.JSONL, Compression.NONE),
                Arguments.of("WARC gzip named .gz", "crawl.gz", gzip(WARC), ShardFormat.WARC, Compression.GZIP),
                Arguments.of("WARC gzip named .jsonl.gz", "crawl.jsonl.gz", gzip(WARC), ShardFormat.WARC, Compression.GZIP),
                Arguments.of("WARC zstd", "crawl.warc.zst", zstd(WARC), ShardFormat.WARC, Compression.ZSTD),
                Arguments.of("WET named .warc.wet.gz", "crawl.warc.wet.gz", gzip(WARC), ShardFormat.WET, Compression.GZIP),
                Arguments.of("WET by its warcinfo file name, named .gz", "crawl.gz", gzip(WET), ShardFormat.WET, Compression.GZIP),
                Arguments.of("WET by a conversion record, named .warc", "crawl.warc", WET_CONVERSION, ShardFormat.WET, Compression.NONE),
                Arguments.of("Parquet named .parquet", "table.parquet", PARQUET, ShardFormat.PARQUET, Compression.NONE),
                Arguments.of("Parquet named .jsonl", "table.jsonl", PARQUET, ShardFormat.PARQUET, Compression.NONE),
                Arguments.of("Parquet with no extension", "table", PARQUET, ShardFormat.PARQUET, Compression.NONE),
                Arguments.of("cut gzip named .jsonl.gz falls back to the name", "cut.jsonl.gz",
                        TestBytes.prefix(gzip(JSONL), 12), ShardFormat.JSONL, Compression.GZIP),
                Arguments.of("garbage named .jsonl falls back to the name", "bad.jsonl",
                        raw(0x00, 0xFF, 0x13, 0x37), ShardFormat.JSONL, Compression.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lyingNames")
    void formatAndCompressionComeFromTheBytesBeforeTheName(String why, String name, byte[] content,
                                                           ShardFormat format, Compression compression) throws IOException {
        write(name, content);

        ScanResult result = scan();

        assertThat(result.shards()).singleElement().satisfies(s -> {
            assertThat(s.relativePath()).isEqualTo(name);
            assertThat(s.format()).isEqualTo(format);
            assertThat(s.compression()).isEqualTo(compression);
            assertThat(s.sizeBytes()).isEqualTo(content.length);
        });
    }

    @Test
    void hiddenFilesAndMarkersArePassedOverAndFoldersAreScannedRecursivelyInPathOrder() throws IOException {
        write("b/part-00001.jsonl", JSONL);
        write("a/z.jsonl", JSONL);
        write("a/nested/deeper/x.jsonl.gz", gzip(JSONL));
        write("top.jsonl", JSONL);
        write("_SUCCESS", new byte[0]);
        write("b/_SUCCESS", new byte[0]);
        write(".DS_Store", raw(0, 0, 0, 1));
        write(".git/objects/ab", gzip(JSONL));
        write("_temporary/0/part-00000.jsonl", JSONL);
        write("a/.hidden.jsonl", JSONL);
        write("a/_committed_123", JSONL);

        ScanResult result = scan();

        assertThat(result.shards()).extracting(Shard::relativePath)
                .containsExactly("a/nested/deeper/x.jsonl.gz", "a/z.jsonl", "b/part-00001.jsonl", "top.jsonl");
        assertThat(result.shards()).allSatisfy(s -> {
            assertThat(s.path()).isAbsolute();
            assertThat(dir.toAbsolutePath().normalize().resolve(s.relativePath())).isEqualTo(s.path());
        });
        assertThat(result.root()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(result.totalBytes()).isEqualTo(3L * JSONL.length + gzip(JSONL).length);
    }

    @Test
    void aSingleFileCanBeScanned() throws IOException {
        Path file = write("one/records.jsonl.gz", gzip(JSONL));
        write("one/other.jsonl", JSONL);

        ScanResult result = new ShardScanner().scan(file);

        assertThat(result.shards()).singleElement().satisfies(s -> {
            assertThat(s.relativePath()).isEqualTo("records.jsonl.gz");
            assertThat(s.formatLabel()).isEqualTo("jsonl+gzip");
            assertThat(s.path()).isEqualTo(file.toAbsolutePath().normalize());
        });
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThatThrownBy(() -> new ShardScanner().scan(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void unknownAndEmptyFilesAreProblemsNotShards() throws IOException {
        write("notes.md", utf8("# not data\n"));
        write("image.png", raw(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A));
        write("empty.jsonl", new byte[0]);
        write("nothing.jsonl.gz", gzip(new byte[0]));
        write("good.jsonl", JSONL);

        ScanResult result = scan();

        assertThat(result.shards()).extracting(Shard::relativePath).containsExactly("good.jsonl");
        assertThat(result.problems())
                .extracting(p -> p.file().getFileName().toString(), Problem::kind, Problem::severity, Problem::position)
                .containsExactly(
                        tuple("empty.jsonl", ProblemKind.EMPTY_FILE, Severity.FILE, -1L),
                        tuple("image.png", ProblemKind.UNKNOWN_FORMAT, Severity.FILE, -1L),
                        tuple("notes.md", ProblemKind.UNKNOWN_FORMAT, Severity.FILE, -1L),
                        tuple("nothing.jsonl.gz", ProblemKind.EMPTY_FILE, Severity.FILE, -1L));
        assertThat(result.problems().get(1).message()).contains("89 50 4e 47");
    }

    static Stream<Arguments> jsonDocuments() {
        return Stream.of(
                Arguments.of("manifest.json", utf8("{\n  \"shards\": [\n    \"a.jsonl.gz\"\n  ]\n}\n")),
                Arguments.of("dataset_info.json", concat(raw(0xEF, 0xBB, 0xBF), "\r\n{\r\n  \"citation\": \"\"\r\n}")),
                Arguments.of("records.json", utf8("[{\"text\":\"a\"},\n {\"text\":\"b\"}]\n")),
                Arguments.of("state.json.gz", gzip(utf8("{\n\"_data_files\": []\n}\n"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonDocuments")
    void aSingleJsonDocumentIsAnUnknownFormatNotAShardOfBadLines(String name, byte[] content) throws IOException {
        write(name, content);

        ScanResult result = scan();

        assertThat(result.shards()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.UNKNOWN_FORMAT);
            assertThat(p.message()).contains("single JSON document");
        });
    }

    @Test
    void aFileNamedJsonlIsReadLineByLineEvenIfItLooksLikeOneJsonDocument() throws IOException {
        write("pretty.jsonl", utf8("{\n\"text\": \"a\"\n}\n"));

        assertThat(scan().shards()).singleElement().extracting(Shard::format).isEqualTo(ShardFormat.JSONL);
    }

    @Test
    void symbolicLinksToShardsAreFollowedAndBrokenLinksAreProblems() throws IOException {
        Path blobs = write("blobs/0a1b2c", gzip(JSONL)).getParent();
        Path snapshot = Files.createDirectories(dir.resolve("snapshot"));
        try {
            Files.createSymbolicLink(snapshot.resolve("train.jsonl.gz"), blobs.resolve("0a1b2c"));
            Files.createSymbolicLink(snapshot.resolve("gone.jsonl"), dir.resolve("missing"));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "this file system cannot make symbolic links: " + e);
        }

        ScanResult result = new ShardScanner().scan(snapshot);

        assertThat(result.shards()).singleElement().satisfies(s -> {
            assertThat(s.relativePath()).isEqualTo("train.jsonl.gz");
            assertThat(s.formatLabel()).isEqualTo("jsonl+gzip");
        });
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file().getFileName()).hasToString("gone.jsonl");
            assertThat(p.kind()).isEqualTo(ProblemKind.UNREADABLE_FILE);
        });
    }

    @Test
    void aSymbolicLinkCycleIsReportedOnceAndDoesNotLoop() throws IOException {
        write("data/a.jsonl", JSONL);
        try {
            Files.createSymbolicLink(dir.resolve("data/loop"), dir.resolve("data"));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "this file system cannot make symbolic links: " + e);
        }

        ScanResult result = scan();

        assertThat(result.shards()).extracting(Shard::relativePath).containsExactly("data/a.jsonl");
        assertThat(result.problems()).singleElement().extracting(Problem::kind).isEqualTo(ProblemKind.UNREADABLE_FILE);
    }

    @Test
    void theRealFixtureFolderGetsTheRightFormatForEveryFile() throws IOException {
        Path fixtures = SharedData.dir();

        ScanResult result = new ShardScanner().scan(fixtures);

        Map<String, String> formats = new TreeMap<>();
        result.shards().forEach(s -> formats.put(s.relativePath(), s.formatLabel()));
        // The shared folder may gain files (e.g. extraction/): the known ones must be right, and every file a shard.
        assertThat(formats).containsAllEntriesOf(Map.of(
                "c4_en_sample_1000.jsonl.gz", "jsonl+gzip",
                "dolma_cc_en_head-0091.jsonl.gz", "jsonl+gzip",
                "dolma_wget_sample-0000.warc.gz", "warc+gzip",
                "commoncrawl_whirlwind.warc.gz", "warc+gzip",
                "commoncrawl_whirlwind.warc.wet.gz", "wet+gzip",
                "img2dataset_laion_url_caption_10000.parquet", "parquet",
                "hplt_warc2text_cc_sample100.jsonl.zst", "jsonl+zstd",
                "extraction/trafilatura_eval.jsonl.gz", "jsonl+gzip"));
        assertThat(result.shards()).extracting(Shard::relativePath).isSorted();
        assertThat(result.problems()).extracting(p -> fixtures.relativize(p.file()).toString().replace('\\', '/'))
                .containsExactlyInAnyOrder("SOURCES.md", "extraction/README.md");
        assertThat(result.problems()).extracting(Problem::kind).containsOnly(ProblemKind.UNKNOWN_FORMAT);
    }

    @Test
    void scanningTheRealFixtureFolderWritesNothing() throws IOException {
        Path fixtures = SharedData.dir();
        Map<String, String> before = listing(fixtures);

        new ShardScanner().scan(fixtures);

        assertThat(listing(fixtures)).isEqualTo(before);
    }

    @Test
    void scanningAndReadingAFolderWritesNothing() throws IOException {
        write("a/records.jsonl.gz", gzip(JSONL));
        write("a/cut.jsonl.gz", TestBytes.prefix(gzip(JSONL), 20));
        write("b/records.jsonl.zst", zstd(JSONL));
        write("b/unknown.bin", raw(1, 2, 3));
        write("empty.jsonl", new byte[0]);
        write("_SUCCESS", new byte[0]);
        Map<String, String> before = listing(dir);

        ReadAll.scanAndRead(dir);

        assertThat(listing(dir)).isEqualTo(before);
    }

    /** Every file and folder under a root with its size and modification time (folders change both when written into). */
    private static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                FileTime modified = a.lastModifiedTime();
                entries.put(root.relativize(p).toString(), (a.isDirectory() ? "dir " : "file ") + a.size() + " " + modified);
            }
        }
        return entries;
    }
}
