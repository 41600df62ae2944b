package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.read.ParquetFixtures.Layout;
import org.loupe.engine.testing.SharedData;

class ParquetDocumentReaderTest {

    private static final MessageType TEXT_URL = ParquetFixtures.schema("""
            message doc {
              optional binary text (STRING);
              optional binary url (STRING);
            }""");

    @TempDir
    Path dir;

    /** Everything one reader produced: documents, problems and final counts. */
    record Outcome(List<Document> documents, List<Problem> problems, ReadCounts counts) {
        List<Problem> ofSeverity(Severity severity) {
            return problems.stream().filter(p -> p.severity() == severity).toList();
        }
    }

    static Outcome readAll(Path file) {
        return readAll(file, ReaderOptions.defaults());
    }

    static Outcome readAll(Path file, ReaderOptions options) {
        List<Problem> problems = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        try (ParquetDocumentReader reader = new ParquetDocumentReader(shard(file), options, problems::add)) {
            return drain(reader, documents, problems);
        }
    }

    static Outcome drain(DocumentReader reader, List<Document> documents, List<Problem> problems) {
        for (Document d = reader.next(); d != null; d = reader.next()) {
            documents.add(d);
        }
        assertThat(reader.next()).as("next() after the end").isNull();
        return new Outcome(documents, problems, reader.counts());
    }

    static Shard shard(Path file) {
        try {
            return new Shard(file, file.getFileName().toString(), ShardFormat.PARQUET, Compression.NONE, Files.size(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** records == documents + SKIPPED problems, and the counters agree with what was delivered. */
    static void assertConserved(Outcome o) {
        assertThat(o.counts().conserved()).as("counts %s", o.counts()).isTrue();
        assertThat(o.counts().documents()).isEqualTo(o.documents().size());
        assertThat(o.counts().skippedRecords()).isEqualTo(o.ofSeverity(Severity.SKIPPED).size());
        assertThat(o.counts().records()).isEqualTo(o.documents().size() + o.ofSeverity(Severity.SKIPPED).size());
    }

    private Path textFile(String name, String... texts) throws IOException {
        List<Consumer<Group>> rows = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            int row = i;
            rows.add(g -> {
                if (text != null) {
                    g.append("text", text);
                }
                g.append("url", "https://example.org/" + row);
            });
        }
        return ParquetFixtures.write(dir.resolve(name), TEXT_URL, rows);
    }

    private Path manyRows(String name, Layout layout, int rows) throws IOException {
        return ParquetFixtures.write(dir.resolve(name), TEXT_URL, layout, rows,
                (g, i) -> g.append("text", "document number " + i + " " + "lorem ipsum ".repeat(i % 7))
                        .append("url", "https://example.org/" + i));
    }

    @Nested
    class TheLaionFixture {
        private static final String NAME = "img2dataset_laion_url_caption_10000.parquet";

        @Test
        void yieldsEveryRowAsADocumentOrASkippedProblem() {
            Outcome o = readAll(SharedData.file(NAME));

            assertThat(o.counts().records()).isEqualTo(10_000);
            assertConserved(o);
            assertThat(o.ofSeverity(Severity.FILE)).isEmpty();
            assertThat(o.ofSeverity(Severity.SKIPPED)).allSatisfy(p -> {
                assertThat(p.kind()).isIn(ProblemKind.NULL_TEXT, ProblemKind.EMPTY_TEXT);
                assertThat(p.positionKind()).isEqualTo(PositionKind.RECORD);
            });
            assertThat(o.documents().size()).isGreaterThan(9_900);
        }

        @Test
        void takesTextFromTheUpperCaseTextColumnAndUrlFromUrl() {
            Document first = readAll(SharedData.file(NAME)).documents().get(0);

            assertThat(first.text()).isEqualTo("Classical Masterpieces: Xerses & More, Vol. 8 by Various Artists");
            assertThat(first.url()).isEqualTo("http://direct.rhapsody.com/imageserver/v2/albums/Alb.131805200/images/170x170.jpg");
        }

        @Test
        void fallsBackToFileAndRowForIdsAndKeepsThePandasIndexAsMetadata() {
            Outcome o = readAll(SharedData.file(NAME));
            Document first = o.documents().get(0);

            assertThat(first.id()).isEqualTo(NAME + "#0");
            assertThat(first.source().position()).isZero();
            assertThat(first.source().kind()).isEqualTo(PositionKind.RECORD);
            assertThat(first.metadata()).containsEntry("__index_level_0__", 0L).containsKey("URL").doesNotContainKey("TEXT");
            assertThat(o.documents()).allSatisfy(d -> assertThat(d.id()).isEqualTo(NAME + "#" + d.source().position()));
        }

        @Test
        void coversEveryRowIndexOnceInFileOrder() throws IOException {
            Outcome o = readAll(SharedData.file(NAME));
            List<Long> positions = new ArrayList<>();
            o.documents().forEach(d -> positions.add(d.source().position()));
            o.ofSeverity(Severity.SKIPPED).forEach(p -> positions.add(p.position()));

            assertThat(positions).doesNotHaveDuplicates().hasSize(10_000).allMatch(p -> p >= 0 && p < 10_000);
            assertThat(o.documents()).extracting(d -> d.source().position()).isSorted();
            assertThat(o.counts().bytesRead()).isEqualTo(Files.size(SharedData.file(NAME)));
        }

        @Test
        void aTruncatedCopyIsOneTruncatedFileProblem() throws IOException {
            byte[] bytes = Files.readAllBytes(SharedData.file(NAME));
            Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length * 6 / 10));

            Outcome o = readAll(cut);

            assertThat(o.documents()).isEmpty();
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.TRUNCATED);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.position()).isEqualTo(-1);
                assertThat(p.message()).contains("cut.parquet").contains("footer");
            });
            assertConserved(o);
        }
    }

    @Nested
    class RowsWithoutUsableText {
        @Test
        void nullEmptyAndBlankTextsAreSkippedAtTheirRows() throws IOException {
            Path file = textFile("texts.parquet", "one", "two", null, "four", "", "  \t", "seven", null);

            Outcome o = readAll(file);

            assertThat(o.documents()).extracting(Document::text).containsExactly("one", "two", "four", "seven");
            assertThat(o.documents()).extracting(d -> d.source().position()).containsExactly(0L, 1L, 3L, 6L);
            assertThat(o.problems()).extracting(Problem::position, Problem::kind, Problem::severity, Problem::positionKind)
                    .containsExactly(
                            tuple(2L, ProblemKind.NULL_TEXT, Severity.SKIPPED, PositionKind.RECORD),
                            tuple(4L, ProblemKind.EMPTY_TEXT, Severity.SKIPPED, PositionKind.RECORD),
                            tuple(5L, ProblemKind.EMPTY_TEXT, Severity.SKIPPED, PositionKind.RECORD),
                            tuple(7L, ProblemKind.NULL_TEXT, Severity.SKIPPED, PositionKind.RECORD));
            assertThat(o.counts().records()).isEqualTo(8);
            assertConserved(o);
        }

        @Test
        void aNonStringTextColumnSkipsEveryRowAsNotText() throws IOException {
            MessageType schema = ParquetFixtures.schema("message doc { required int64 text; optional binary url (STRING); }");
            Path file = ParquetFixtures.write(dir.resolve("int-text.parquet"), schema, Layout.plain(), 5,
                    (g, i) -> g.append("text", (long) i).append("url", "u" + i));

            Outcome o = readAll(file);

            assertThat(o.documents()).isEmpty();
            assertThat(o.problems()).hasSize(5).allSatisfy(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.NOT_TEXT);
                assertThat(p.severity()).isEqualTo(Severity.SKIPPED);
                assertThat(p.message()).contains("number");
            });
            assertThat(o.problems()).extracting(Problem::position).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertConserved(o);
        }

        @Test
        void aFileWithoutATextColumnReportsMissingTextForEveryRow() throws IOException {
            MessageType schema = ParquetFixtures.schema("message doc { optional binary caption (STRING); }");
            Path file = ParquetFixtures.write(dir.resolve("no-text.parquet"), schema, Layout.plain(), 3,
                    (g, i) -> g.append("caption", "c" + i));

            Outcome o = readAll(file);

            assertThat(o.problems()).hasSize(3).allSatisfy(p -> assertThat(p.kind()).isEqualTo(ProblemKind.MISSING_TEXT));
            assertConserved(o);
        }

        @Test
        void aMappedTextColumnIsUsedInsteadOfAutoDetection() throws IOException {
            MessageType schema = ParquetFixtures.schema("message doc { optional binary caption (STRING); optional binary text (STRING); }");
            Path file = ParquetFixtures.write(dir.resolve("mapped.parquet"), schema, Layout.plain(), 2,
                    (g, i) -> g.append("caption", "caption " + i).append("text", "text " + i));

            Outcome o = readAll(file, ReaderOptions.defaults().withFieldMapping(new FieldMapping("caption", null, null)));

            assertThat(o.documents()).extracting(Document::text).containsExactly("caption 0", "caption 1");
            assertThat(o.documents().get(0).metadata()).containsEntry("text", "text 0");
        }

        @Test
        void aRowLargerThanTheRecordCapIsSkippedAsOversized() throws IOException {
            Path file = textFile("big-row.parquet", "short", "x".repeat(5_000), "short again");

            Outcome o = readAll(file, ReaderOptions.defaults().withMaxRecordBytes(1_000));

            assertThat(o.documents()).extracting(Document::text).containsExactly("short", "short again");
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.OVERSIZED);
                assertThat(p.severity()).isEqualTo(Severity.SKIPPED);
                assertThat(p.position()).isEqualTo(1);
            });
            assertConserved(o);
        }
    }

    @Nested
    class ColumnValues {
        @Test
        void idAndUrlColumnsGiveTheDocumentIdAndUrl() throws IOException {
            MessageType schema = ParquetFixtures.schema(
                    "message doc { required int64 id; optional binary text (STRING); optional binary url (STRING); optional double score; }");
            Path file = ParquetFixtures.write(dir.resolve("ids.parquet"), schema, Layout.plain(), 2,
                    (g, i) -> g.append("id", 100L + i).append("text", "t" + i).append("url", "https://x.org/" + i).append("score", 0.5 * i));

            Outcome o = readAll(file);

            assertThat(o.documents()).extracting(Document::id, Document::url)
                    .containsExactly(tuple("100", "https://x.org/0"), tuple("101", "https://x.org/1"));
            assertThat(o.documents().get(1).metadata()).containsEntry("score", 0.5).doesNotContainKeys("id", "text");
        }

        @Test
        void nestedListMapAndStructColumnsBecomeListsAndMaps() throws IOException {
            MessageType schema = ParquetFixtures.schema("""
                    message doc {
                      optional binary text (STRING);
                      optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
                      optional group scores (MAP) { repeated group key_value { required binary key (STRING); optional double value; } }
                      optional group meta { optional binary lang (STRING); optional int32 year; optional group ids (LIST) { repeated int64 item; } }
                      repeated binary legacy (STRING);
                    }""");
            Path file = ParquetFixtures.write(dir.resolve("nested.parquet"), schema, List.of(g -> {
                g.append("text", "nested");
                Group tags = g.addGroup("tags");
                tags.addGroup("list").append("element", "a");
                tags.addGroup("list");
                tags.addGroup("list").append("element", "c");
                Group scores = g.addGroup("scores");
                scores.addGroup("key_value").append("key", "quality").append("value", 0.25);
                Group meta = g.addGroup("meta");
                meta.append("lang", "en").append("year", 2024);
                meta.addGroup("ids").append("item", 7L).append("item", 8L);
                g.append("legacy", "x").append("legacy", "y");
            }, g -> g.append("text", "sparse")));

            Outcome o = readAll(file);

            Map<String, Object> full = o.documents().get(0).metadata();
            assertThat(full.get("tags")).isEqualTo(Arrays.asList("a", null, "c"));
            assertThat(full.get("scores")).isEqualTo(Map.of("quality", 0.25));
            assertThat(full.get("meta")).isEqualTo(Map.of("lang", "en", "year", 2024L, "ids", List.of(7L, 8L)));
            assertThat(full.get("legacy")).isEqualTo(List.of("x", "y"));
            Map<String, Object> sparse = o.documents().get(1).metadata();
            assertThat(sparse).containsEntry("tags", null).containsEntry("meta", null).containsEntry("legacy", List.of());
            assertConserved(o);
        }

        @Test
        void binaryThatIsNotUtf8BecomesAPlaceholderAndUtf8BinaryAString() throws IOException {
            MessageType schema = ParquetFixtures.schema(
                    "message doc { optional binary text (STRING); optional binary raw; optional binary plain; optional fixed_len_byte_array(4) digest; }");
            Path file = ParquetFixtures.write(dir.resolve("binary.parquet"), schema, List.of(g -> g.append("text", "t")
                    .append("raw", Binary.fromConstantByteArray(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2}))
                    .append("plain", Binary.fromString("café"))
                    .append("digest", Binary.fromConstantByteArray(new byte[] {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1}))));

            Map<String, Object> metadata = readAll(file).documents().get(0).metadata();

            assertThat(metadata).containsEntry("raw", "<binary 5 bytes>").containsEntry("plain", "café")
                    .containsEntry("digest", "<binary 4 bytes>");
        }

        @Test
        void invalidUtf8InAStringColumnIsRepairedAndReported() throws IOException {
            byte[] broken = {'b', 'a', 'd', (byte) 0xC3, 0x28, ' ', 'x'};
            Path file = ParquetFixtures.write(dir.resolve("bad-utf8.parquet"), TEXT_URL, List.of(
                    g -> g.append("text", "fine"),
                    g -> g.append("text", Binary.fromConstantByteArray(broken))));

            Outcome o = readAll(file);

            assertThat(o.documents()).extracting(Document::text).containsExactly("fine", "bad\uFFFD( x");
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.INVALID_UTF8);
                assertThat(p.severity()).isEqualTo(Severity.REPAIRED);
                assertThat(p.position()).isEqualTo(1);
                assertThat(p.message()).contains("text");
            });
            assertThat(o.counts().repairedDocuments()).isEqualTo(1);
            assertConserved(o);
        }

        @Test
        void logicalTypesBecomeReadableValues() throws IOException {
            MessageType schema = ParquetFixtures.schema("""
                    message doc {
                      optional binary text (STRING);
                      optional int64 ts (TIMESTAMP(MICROS,true));
                      optional int64 local (TIMESTAMP(MILLIS,false));
                      optional int32 day (DATE);
                      optional int64 price (DECIMAL(10,2));
                      optional fixed_len_byte_array(16) uid (UUID);
                      optional float ratio;
                      optional boolean flag;
                      optional int32 small (INTEGER(8,false));
                    }""");
            UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
            ByteBuffer uuidBytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            Path file = ParquetFixtures.write(dir.resolve("types.parquet"), schema, List.of(g -> g.append("text", "typed")
                    .append("ts", 1_704_164_645_123_456L)
                    .append("local", 1_704_164_645_000L)
                    .append("day", 19_724)
                    .append("price", 1234L)
                    .append("uid", Binary.fromConstantByteArray(uuidBytes.array()))
                    .append("ratio", 0.1f)
                    .append("flag", true)
                    .append("small", 200)));

            Map<String, Object> metadata = readAll(file).documents().get(0).metadata();

            assertThat(metadata)
                    .containsEntry("ts", "2024-01-02T03:04:05.123456Z")
                    .containsEntry("local", "2024-01-02T03:04:05")
                    .containsEntry("day", "2024-01-02")
                    .containsEntry("price", new BigDecimal("12.34"))
                    .containsEntry("uid", uuid.toString())
                    .containsEntry("ratio", 0.1)
                    .containsEntry("flag", true)
                    .containsEntry("small", 200L);
        }
    }

    @Nested
    class BrokenFiles {
        @Test
        void garbageWithAParquetNameIsOneCorruptDataProblem() throws IOException {
            byte[] garbage = new byte[10_000];
            new Random(3).nextBytes(garbage);
            Path file = Files.write(dir.resolve("garbage.parquet"), garbage);

            Outcome o = readAll(file);

            assertThat(o.documents()).isEmpty();
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.message()).contains("garbage.parquet").contains("not a Parquet file");
            });
            assertConserved(o);
        }

        @Test
        void anEmptyFileIsTruncated() throws IOException {
            Path file = Files.write(dir.resolve("empty.parquet"), new byte[0]);

            Outcome o = readAll(file);

            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.TRUNCATED);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.message()).contains("empty.parquet").contains("empty");
            });
            assertConserved(o);
        }

        @Test
        void aFileCutBeforeItsFooterIsTruncated() throws IOException {
            byte[] bytes = Files.readAllBytes(manyRows("whole.parquet", Layout.snappy(50), 200));
            Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length - 30));

            Outcome o = readAll(cut);

            assertThat(o.documents()).isEmpty();
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.TRUNCATED);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.position()).isEqualTo(-1);
            });
            assertConserved(o);
        }

        @Test
        void aFooterThatCannotBeDecodedIsCorruptData() throws IOException {
            byte[] bytes = Files.readAllBytes(manyRows("whole.parquet", Layout.plain(), 20));
            int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            Arrays.fill(bytes, bytes.length - 8 - footerLength, bytes.length - 8, (byte) 0xEE);
            Path broken = Files.write(dir.resolve("bad-footer.parquet"), bytes);

            Outcome o = readAll(broken);

            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.message()).contains("bad-footer.parquet").contains("footer");
            });
            assertConserved(o);
        }

        @Test
        void aCorruptRowGroupStopsReadingAtItsFirstRowAndKeepsTheRowsBefore() throws IOException {
            Path file = manyRows("groups.parquet", Layout.snappy(100), 300);
            long start;
            long size;
            try (ParquetFileReader footer = new ParquetFileReader(new LocalInputFile(file), HadoopFreeReadOptions.create(new ParquetCodecs()))) {
                assertThat(footer.getRowGroups()).hasSize(3);
                BlockMetaData second = footer.getRowGroups().get(1);
                start = second.getStartingPos();
                size = second.getCompressedSize();
            }
            byte[] bytes = Files.readAllBytes(file);
            Arrays.fill(bytes, (int) (start + size / 3), (int) (start + size / 3 + 64), (byte) 0x5A);
            Files.write(file, bytes);

            Outcome o = readAll(file);

            assertThat(o.documents()).hasSize(100);
            assertThat(o.documents()).extracting(d -> d.source().position()).last().isEqualTo(99L);
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.position()).isEqualTo(100);
                assertThat(p.positionKind()).isEqualTo(PositionKind.RECORD);
                assertThat(p.message()).contains("groups.parquet").contains("row group 1").contains("lost");
            });
            assertConserved(o);
        }

        @Test
        void aCodecLoupeCannotDecompressIsAnUnreadableFile() throws IOException {
            Path file = manyRows("brotli.parquet", new Layout(CompressionCodecName.BROTLI, 100), 10);

            Outcome o = readAll(file);

            assertThat(o.documents()).isEmpty();
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.UNREADABLE_FILE);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.message()).contains("BROTLI");
            });
            assertConserved(o);
        }

        @Test
        void aRowGroupLargerThanTheMemoryCapIsReportedInsteadOfLoaded() throws IOException {
            Path file = manyRows("large-groups.parquet", Layout.plain(), 50);
            List<Problem> problems = new ArrayList<>();
            Outcome o;
            try (ParquetDocumentReader reader = new ParquetDocumentReader(shard(file), ReaderOptions.defaults(), problems::add, 100)) {
                o = drain(reader, new ArrayList<>(), problems);
            }

            assertThat(o.documents()).isEmpty();
            assertThat(o.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.OVERSIZED);
                assertThat(p.severity()).isEqualTo(Severity.FILE);
                assertThat(p.position()).isZero();
                assertThat(p.message()).contains("row group 0");
            });
            assertConserved(o);
        }

        @Test
        void noExceptionEscapesForAnyTruncationOfAValidFile() throws IOException {
            byte[] bytes = Files.readAllBytes(manyRows("source.parquet", Layout.snappy(40), 120));
            for (int length = 0; length < bytes.length; length += 97) {
                Path cut = Files.write(dir.resolve("cut-" + length + ".parquet"), Arrays.copyOf(bytes, length));
                assertThatCode(() -> {
                    Outcome o = readAll(cut);
                    assertConserved(o);
                    assertThat(o.ofSeverity(Severity.FILE)).hasSize(1);
                }).as("file cut to %d bytes", length).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void readsAcrossSnappyRowGroupsWithContinuousPositions() throws IOException {
        Path file = manyRows("snappy.parquet", Layout.snappy(64), 250);

        Outcome o = readAll(file);

        assertThat(o.problems()).isEmpty();
        assertThat(o.documents()).extracting(d -> d.source().position())
                .containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
        assertThat(o.documents().get(249).text()).startsWith("document number 249");
        assertThat(o.counts().bytesRead()).isEqualTo(Files.size(file));
        assertConserved(o);
    }

    @Test
    void shardReadersOpenParquetShardsWithThisReader() throws IOException {
        Path file = textFile("via-shard-readers.parquet", "hello");

        try (DocumentReader reader = ShardReaders.open(shard(file), ReaderOptions.defaults(), ProblemSink.IGNORE)) {
            assertThat(reader).isInstanceOf(ParquetDocumentReader.class);
            assertThat(reader.next().text()).isEqualTo("hello");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void closingEarlyEndsTheStreamAndMayBeRepeated() throws IOException {
        Path file = manyRows("close.parquet", Layout.plain(), 10);
        ParquetDocumentReader reader = new ParquetDocumentReader(shard(file), ReaderOptions.defaults(), ProblemSink.IGNORE);
        assertThat(reader.next()).isNotNull();

        reader.close();
        reader.close();

        assertThat(reader.next()).isNull();
    }

    @Test
    void readingNeedsNoHadoopOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.mapreduce.lib.input.FileInputFormat"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
