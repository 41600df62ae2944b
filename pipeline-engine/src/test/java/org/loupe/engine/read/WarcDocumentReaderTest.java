package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loupe.engine.read.WarcBytes.concat;
import static org.loupe.engine.read.WarcBytes.gzip;
import static org.loupe.engine.read.WarcBytes.gzipEach;
import static org.loupe.engine.read.WarcBytes.html;
import static org.loupe.engine.read.WarcBytes.http;
import static org.loupe.engine.read.WarcBytes.idOf;
import static org.loupe.engine.read.WarcBytes.record;
import static org.loupe.engine.read.WarcBytes.response;
import static org.loupe.engine.read.WarcBytes.utf8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.testing.SharedData;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

class WarcDocumentReaderTest {
    private static final String DOLMA = "dolma_wget_sample-0000.warc.gz";
    private static final String WHIRLWIND = "commoncrawl_whirlwind.warc.gz";
    private static final String WET = "commoncrawl_whirlwind.warc.wet.gz";

    @TempDir
    Path tmp;

    /** Everything one read of a shard produced. */
    record Read(List<Document> documents, List<Problem> problems, ReadCounts counts) {
        List<Problem> problems(Severity severity) {
            return problems.stream().filter(p -> p.severity() == severity).toList();
        }

        Problem only(Severity severity) {
            List<Problem> found = problems(severity);
            assertThat(found).as("problems of severity %s", severity).hasSize(1);
            return found.get(0);
        }
    }

    static Read read(Path file, ReaderOptions options) {
        Shard shard = shardOf(file);
        List<Document> docs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        ReadCounts counts;
        try (DocumentReader reader = ShardReaders.open(shard, options, problems::add)) {
            Document d;
            while ((d = reader.next()) != null) {
                docs.add(d);
            }
            assertThat(reader.next()).as("next() after the end").isNull();
            counts = reader.counts();
        }
        assertThat(counts.conserved()).as("records == documents + skipped: %s", counts).isTrue();
        assertThat(counts.documents()).isEqualTo(docs.size());
        assertThat(counts.skippedRecords()).isEqualTo(problems.stream().filter(p -> p.severity() == Severity.SKIPPED).count());
        assertThat(counts.repairedDocuments()).isEqualTo(problems.stream().filter(p -> p.severity() == Severity.REPAIRED).count());
        for (Problem p : problems) {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.kind()).isNotNull();
            assertThat(p.message()).isNotBlank();
            if (p.kind() != ProblemKind.UNREADABLE_FILE) {
                assertThat(p.position()).as("position of %s", p).isNotNegative();
                assertThat(p.positionKind()).isEqualTo(PositionKind.BYTE_OFFSET);
            }
        }
        for (Document d : docs) {
            assertThat(d.text()).isNotBlank();
            assertThat(d.source().kind()).isEqualTo(PositionKind.BYTE_OFFSET);
            assertThat(d.source().shard()).isEqualTo(file);
        }
        return new Read(docs, problems, counts);
    }

    static Read read(Path file) {
        return read(file, ReaderOptions.defaults());
    }

    static Shard shardOf(Path file) {
        try {
            byte[] head = new byte[2];
            try (InputStream in = Files.newInputStream(file)) {
                int n = in.readNBytes(head, 0, 2);
                Compression c = n == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B ? Compression.GZIP
                        : Compression.NONE;
                ShardFormat f = file.getFileName().toString().contains(".wet") ? ShardFormat.WET : ShardFormat.WARC;
                return new Shard(file, file.getFileName().toString(), f, c, Files.size(file));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Nested
    class RealFixtures {

        @Test
        void wgetSampleYieldsEveryResponseAndIgnoresRequestsAndBookkeeping() {
            Read r = read(SharedData.file(DOLMA));
            assertThat(r.counts().records()).isEqualTo(22);
            assertThat(r.counts().documents()).isEqualTo(22);
            assertThat(r.counts().skippedRecords()).isZero();
            // 22 requests, warcinfo, metadata, and wget's log and arguments (resource records with metadata: URIs).
            assertThat(r.counts().ignoredRecords()).isEqualTo(26);
            assertThat(r.problems()).isEmpty();
            assertThat(r.counts().bytesRead()).isEqualTo(214006);
        }

        @Test
        void whirlwindWarcYieldsItsOneResponse() {
            Read r = read(SharedData.file(WHIRLWIND));
            assertThat(r.counts().records()).isEqualTo(1);
            assertThat(r.counts().documents()).isEqualTo(1);
            assertThat(r.counts().skippedRecords()).isZero();
            assertThat(r.counts().ignoredRecords()).isEqualTo(3);
            assertThat(r.problems()).isEmpty();
            Document d = r.documents().get(0);
            assertThat(d.id()).isEqualTo("urn:uuid:2aabeff2-67f5-4608-8466-e87c6296e2b6");
            assertThat(d.url()).isEqualTo("https://an.wikipedia.org/wiki/Escopete");
            assertThat(d.metadata()).containsEntry("warc_type", "response")
                    .containsEntry("http_status", 200)
                    .containsEntry("content_type", "text/html; charset=UTF-8")
                    .containsEntry("warc_identified_payload_type", "text/html")
                    .containsEntry("warc_date", "2024-05-18T01:58:10Z")
                    .containsEntry("charset", "UTF-8");
        }

        @Test
        void whirlwindWetYieldsItsConversionRecord() {
            Read r = read(SharedData.file(WET));
            assertThat(r.counts().records()).isEqualTo(1);
            assertThat(r.counts().documents()).isEqualTo(1);
            assertThat(r.counts().skippedRecords()).isZero();
            assertThat(r.counts().ignoredRecords()).isEqualTo(1);
            assertThat(r.problems()).isEmpty();
            Document d = r.documents().get(0);
            assertThat(d.id()).isEqualTo("urn:uuid:ba729a40-ff84-4085-8d48-0a5b2ee0c42d");
            assertThat(d.url()).isEqualTo("https://an.wikipedia.org/wiki/Escopete");
            assertThat(d.metadata()).containsEntry("warc_type", "conversion")
                    .containsEntry("warc_refers_to", "urn:uuid:2aabeff2-67f5-4608-8466-e87c6296e2b6")
                    .containsEntry("warc_identified_content_language", "spa")
                    .containsEntry("content_type", "text/plain");
        }

        @Test
        void wetConversionTextEqualsItsPayload() throws IOException {
            Path wet = SharedData.file(WET);
            byte[] payload = blockOfFirst(wet, "conversion");
            Document d = read(wet).documents().get(0);
            assertThat(d.text()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
        }

        @Test
        void aragoneseWikipediaPageKeepsTheArticleAndDropsTheNavigation() {
            String text = read(SharedData.file(WHIRLWIND)).documents().get(0).text();
            assertThat(text)
                    .contains("Escopete ye un municipio d'a provincia de Guadalachara")
                    .contains("Castiella-La Mancha")
                    .contains("Relaciones Topográficas de los pueblos de Espanya")
                    .contains("Ilesia parroquial de l'Asunción");
            // The site navigation that the WET conversion of the same page keeps.
            assertThat(text).doesNotContain("Menú principal", "mover a la barra lateral", "Portalada", "A tabierna");
            assertThat(text.lines()).allSatisfy(line -> {
                assertThat(line).isNotBlank();
                assertThat(line).isEqualTo(line.strip());
                assertThat(line).doesNotContain("  ");
            });
        }

        @Test
        void wgetTargetUrisLoseTheirAngleBrackets() {
            Read r = read(SharedData.file(DOLMA));
            assertThat(r.documents()).allSatisfy(d -> {
                assertThat(d.url()).startsWith("https://").doesNotContain("<", ">");
                assertThat(d.id()).startsWith("urn:uuid:").doesNotContain("<", ">");
            });
            assertThat(r.documents()).extracting(Document::url)
                    .contains("https://www.semanticscholar.org/research/research-team", "https://soldaini.net/facts/")
                    .doesNotHaveDuplicates();
        }

        @Test
        void positionsAreCompressedOffsetsFromWhichTheRecordCanBeReadAgain() throws IOException {
            Path file = SharedData.file(DOLMA);
            for (Document d : read(file).documents()) {
                try (WarcReader again = new WarcReader(file)) {
                    again.position(d.source().position());
                    WarcRecord record = again.next().orElseThrow();
                    assertThat(record.id().toString()).isEqualTo(d.id());
                }
            }
        }

        @Test
        void everyProblemHasAPositionAndAKindWhenRecordsAreSkipped() {
            Read r = read(SharedData.file(DOLMA), ReaderOptions.defaults().withMaxRecordBytes(20_000));
            assertThat(r.counts().records()).isEqualTo(22);
            assertThat(r.counts().skippedRecords()).isPositive();
            assertThat(r.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.OVERSIZED);
                assertThat(p.severity()).isEqualTo(Severity.SKIPPED);
                assertThat(p.position()).isPositive();
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {DOLMA, WHIRLWIND, WET})
        void fixtureMatchesItsGoldenFile(String fixture) throws IOException {
            List<WarcGolden.Entry> actual = WarcGolden.entries(read(SharedData.file(fixture)).documents());
            WarcGolden.check(fixture, actual);
        }
    }

    @Nested
    class DamagedFiles {

        @Test
        void truncatedWarcGzKeepsTheRecordsBeforeTheCutAndReportsTheTruncation() throws IOException {
            Path real = SharedData.file(DOLMA);
            List<Document> all = read(real).documents();
            Path cut = write("cut.warc.gz", Arrays.copyOf(Files.readAllBytes(real), 50_000));

            Read r = read(cut);

            assertThat(r.documents()).isNotEmpty().hasSizeLessThan(all.size());
            assertThat(r.documents()).extracting(Document::id)
                    .containsExactlyElementsOf(all.subList(0, r.documents().size()).stream().map(Document::id).toList());
            Problem p = r.only(Severity.FILE);
            assertThat(p.kind()).isEqualTo(ProblemKind.TRUNCATED);
            assertThat(p.position()).isGreaterThan(r.documents().get(r.documents().size() - 1).source().position())
                    .isLessThan(50_000);
            // The cut record is where the damage was: the next document of the full read.
            assertThat(p.position()).isEqualTo(all.get(r.documents().size()).source().position());
            assertThat(r.problems(Severity.SKIPPED)).isEmpty();
        }

        @Test
        void truncatedUncompressedWarcReportsTheTruncation() throws IOException {
            byte[] ok = response("a", "https://example.org/a", html("<p>first page</p>"));
            byte[] second = response("b", "https://example.org/b", html("<p>second page, cut off</p>"));
            Path file = write("cut.warc", concat(ok, Arrays.copyOf(second, second.length - 20)));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("first page");
            Problem p = r.only(Severity.FILE);
            assertThat(p.kind()).isEqualTo(ProblemKind.TRUNCATED);
            assertThat(p.position()).isEqualTo(ok.length);
        }

        @Test
        void garbageAfterTheLastRecordIsReportedAndTheRecordsStay() throws IOException {
            byte[] real = Files.readAllBytes(SharedData.file(WET));
            byte[] garbage = new byte[3000];
            new Random(7).nextBytes(garbage);
            garbage[0] = 0x42; // not a gzip magic byte
            Path file = write("garbage.warc.wet.gz", concat(real, garbage));

            Read r = read(file);

            assertThat(r.documents()).hasSize(1);
            Problem p = r.only(Severity.FILE);
            assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
            assertThat(p.position()).isEqualTo(real.length);
        }

        @Test
        void garbageBetweenGzipMembersIsSkippedAndReadingResumes() throws IOException {
            byte[] first = gzip(response("a", "https://example.org/a", html("<p>before the damage</p>")));
            byte[] garbage = utf8("this is not a gzip member at all\n");
            byte[] second = gzip(response("b", "https://example.org/b", html("<p>after the damage</p>")));
            Path file = write("resync.warc.gz", concat(first, garbage, second));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("before the damage", "after the damage");
            assertThat(r.documents().get(1).source().position()).isEqualTo(first.length + garbage.length);
            Problem p = r.only(Severity.FILE);
            assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
            assertThat(p.position()).isEqualTo(first.length);
            assertThat(p.message()).contains("resumed reading at offset " + (first.length + garbage.length));
        }

        @Test
        void garbageBetweenUncompressedRecordsIsSkippedAndReadingResumes() throws IOException {
            byte[] first = response("a", "https://example.org/a", html("<p>before the damage</p>"));
            byte[] garbage = utf8("%%% definitely not a WARC header %%%\n");
            byte[] second = response("b", "https://example.org/b", html("<p>after the damage</p>"));
            Path file = write("resync.warc", concat(first, garbage, second));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("before the damage", "after the damage");
            Problem p = r.only(Severity.FILE);
            assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
            assertThat(p.position()).isEqualTo(first.length);
        }

        @Test
        void aMalformedWarcHeaderIsReportedAndTheNextRecordIsRead() throws IOException {
            byte[] bad = record("response", "bad", "https://example.org/bad",
                    Map.of("Content-Type", "application/http; msgtype=response", "Content-Length", "many"),
                    html("<p>lost</p>"));
            byte[] good = response("good", "https://example.org/good", html("<p>still read</p>"));
            Path file = write("badheader.warc.gz", gzipEach(bad, good));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("still read");
            Problem p = r.only(Severity.FILE);
            assertThat(p.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
            assertThat(p.position()).isZero();
        }

        @Test
        void aFileThatIsNotAWarcIsReportedNotThrown() throws IOException {
            byte[] noise = new byte[5000];
            new Random(3).nextBytes(noise);
            noise[0] = 'x';
            Path file = write("noise.warc", noise);

            Read r = read(file);

            assertThat(r.documents()).isEmpty();
            assertThat(r.only(Severity.FILE).position()).isZero();
        }

        @Test
        void anEmptyFileHasNoDocumentsAndNoProblems() throws IOException {
            Read r = read(write("empty.warc", new byte[0]));
            assertThat(r.documents()).isEmpty();
            assertThat(r.problems()).isEmpty();
        }

        @Test
        void aMissingFileIsReportedAsUnreadable() {
            Path missing = tmp.resolve("missing.warc.gz");
            Shard shard = new Shard(missing, "missing.warc.gz", ShardFormat.WARC, Compression.GZIP, 0);
            List<Problem> problems = new ArrayList<>();
            try (DocumentReader reader = new WarcDocumentReader(shard, ReaderOptions.defaults(), problems::add)) {
                assertThat(reader.next()).isNull();
            }
            assertThat(problems).singleElement().extracting(Problem::kind).isEqualTo(ProblemKind.UNREADABLE_FILE);
        }

        @Test
        void noExceptionEscapesWhereverTheRealFileIsCutOrCorrupted() throws IOException {
            byte[] real = Files.readAllBytes(SharedData.file(DOLMA));
            Random random = new Random(42);
            for (int i = 0; i < 12; i++) {
                int at = 1 + random.nextInt(real.length - 1);
                read(write("cut" + i + ".warc.gz", Arrays.copyOf(real, at)));

                byte[] flipped = real.clone();
                for (int k = 0; k < 1 + random.nextInt(8); k++) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
                }
                Read r = read(write("flip" + i + ".warc.gz", flipped));
                assertThat(r.counts().documents()).isLessThanOrEqualTo(22);
            }
        }
    }

    @Nested
    class Compressions {
        private final byte[] first = response("a", "https://example.org/a", html("<p>first</p>"));
        private final byte[] second = response("b", "https://example.org/b", html("<p>second</p>"));

        @Test
        void anUncompressedWarcHasFileOffsets() throws IOException {
            Read r = read(write("plain.warc", concat(first, second)));
            assertThat(r.documents()).extracting(d -> d.source().position()).containsExactly(0L, (long) first.length);
        }

        @Test
        void aWarcGzCompressedAsOneStreamStillYieldsEveryDocument() throws IOException {
            Read r = read(write("one-stream.warc.gz", gzip(concat(first, second))));
            assertThat(r.documents()).extracting(Document::text).containsExactly("first", "second");
            assertThat(r.problems()).isEmpty();
        }

        @Test
        void aZstdWarcIsReadWithOffsetsInTheDecompressedStream() throws IOException {
            ByteArrayOutputStream zst = new ByteArrayOutputStream();
            try (com.github.luben.zstd.ZstdOutputStream out = new com.github.luben.zstd.ZstdOutputStream(zst)) {
                out.write(concat(first, second));
            }
            Path file = write("records.warc.zst", zst.toByteArray());
            Shard shard = new Shard(file, "records.warc.zst", ShardFormat.WARC, Compression.ZSTD, Files.size(file));
            List<Document> docs = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            try (DocumentReader reader = ShardReaders.open(shard, ReaderOptions.defaults(), problems::add)) {
                Document d;
                while ((d = reader.next()) != null) {
                    docs.add(d);
                }
                assertThat(reader.counts().conserved()).isTrue();
            }
            assertThat(problems).isEmpty();
            assertThat(docs).extracting(d -> d.source().position()).containsExactly(0L, (long) first.length);
        }
    }

    @Nested
    class RecordsThatAreNotDocuments {

        @Test
        void anImageResponseIsSkippedAsUnsupportedContentNamingItsType() throws IOException {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};
            Path file = write("image.warc.gz", gzipEach(
                    response("img", "https://example.org/logo.png", http(200, "OK", png, "Content-Type: image/png")),
                    response("page", "https://example.org/", html("<p>a page</p>"))));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("a page");
            Problem p = r.only(Severity.SKIPPED);
            assertThat(p.kind()).isEqualTo(ProblemKind.UNSUPPORTED_CONTENT);
            assertThat(p.message()).contains("image/png").contains("https://example.org/logo.png");
            assertThat(r.counts().records()).isEqualTo(2);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @CsvSource({"301, Moved Permanently, redirect", "302, Found, redirect", "404, Not Found, 404",
                "500, Internal Server Error, 500", "103, Early Hints, 103"})
        void aNon2xxResponseIsSkippedWithItsStatus(int status, String reason, String expected) throws IOException {
            Path file = write("status.warc", response("s", "https://example.org/old",
                    http(status, reason, utf8("<html><body><p>Moved or gone</p></body></html>"),
                            "Content-Type: text/html", "Location: https://example.org/new")));

            Read r = read(file);

            assertThat(r.documents()).isEmpty();
            Problem p = r.only(Severity.SKIPPED);
            assertThat(p.kind()).isEqualTo(ProblemKind.UNSUPPORTED_CONTENT);
            assertThat(p.message()).contains(Integer.toString(status)).contains(expected);
            if (status / 100 == 3) {
                assertThat(p.message()).contains("https://example.org/new");
            }
        }

        @Test
        void aRecordLargerThanTheCapIsSkippedAsOversizedAndReadingGoesOn() throws IOException {
            String big = "<p>" + "word ".repeat(2000) + "</p>";
            Path file = write("big.warc.gz", gzipEach(
                    response("big", "https://example.org/big", html(big)),
                    response("small", "https://example.org/small", html("<p>small page</p>"))));

            Read r = read(file, ReaderOptions.defaults().withMaxRecordBytes(1000));

            assertThat(r.documents()).extracting(Document::text).containsExactly("small page");
            Problem p = r.only(Severity.SKIPPED);
            assertThat(p.kind()).isEqualTo(ProblemKind.OVERSIZED);
            assertThat(p.position()).isZero();
            assertThat(p.message()).contains("1000");
        }

        @Test
        void aPayloadThatDecompressesBeyondTheCapIsSkippedAsOversized() throws IOException {
            byte[] body = gzip(utf8("<p>" + "a".repeat(100_000) + "</p>"));
            Path file = write("bomb.warc", response("bomb", "https://example.org/", http(200, "OK", body,
                    "Content-Type: text/html", "Content-Encoding: gzip")));

            Read r = read(file, ReaderOptions.defaults().withMaxRecordBytes(10_000));

            assertThat(r.documents()).isEmpty();
            assertThat(r.only(Severity.SKIPPED).kind()).isEqualTo(ProblemKind.OVERSIZED);
        }

        @Test
        void aResponseWhoseHttpCannotBeParsedIsSkippedAndReadingGoesOn() throws IOException {
            Path file = write("badhttp.warc", concat(
                    response("bad", "https://example.org/bad", utf8("this is no HTTP response\r\n\r\n<p>x</p>")),
                    response("good", "https://example.org/good", html("<p>good page</p>"))));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("good page");
            Problem p = r.only(Severity.SKIPPED);
            assertThat(p.kind()).isEqualTo(ProblemKind.EXTRACTION_FAILED);
            assertThat(p.message()).contains("HTTP");
            assertThat(r.problems(Severity.FILE)).isEmpty();
        }

        @Test
        void htmlWithoutMainTextIsSkippedAsExtractionFailed() throws IOException {
            Path file = write("empty.warc", response("e", "https://example.org/",
                    html("<html><body><nav><a href=/>Home</a></nav><script>x()</script></body></html>")));

            Read r = read(file);

            assertThat(r.documents()).isEmpty();
            assertThat(r.only(Severity.SKIPPED).kind()).isEqualTo(ProblemKind.EXTRACTION_FAILED);
        }

        @Test
        void requestWarcinfoMetadataAndRevisitRecordsAreIgnoredWithoutProblems() throws IOException {
            Path file = write("other.warc", concat(
                    record("warcinfo", "i", null, Map.of("Content-Type", "application/warc-fields"), utf8("software: test\r\n")),
                    record("request", "q", "https://example.org/", Map.of("Content-Type", "application/http; msgtype=request"),
                            utf8("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")),
                    record("metadata", "m", "https://example.org/", Map.of("Content-Type", "application/warc-fields"),
                            utf8("fetchTimeMs: 12\r\n")),
                    record("revisit", "v", "https://example.org/", Map.of("Content-Type", "application/http; msgtype=response"),
                            utf8("HTTP/1.1 200 OK\r\n\r\n")),
                    record("resource", "log", "<metadata://gnu.org/software/wget/warc/wget.log>",
                            Map.of("Content-Type", "text/plain"), utf8("wget log line\n"))));

            Read r = read(file);

            assertThat(r.documents()).isEmpty();
            assertThat(r.problems()).isEmpty();
            assertThat(r.counts().records()).isZero();
            assertThat(r.counts().ignoredRecords()).isEqualTo(5);
        }
    }

    @Nested
    class Payloads {

        @Test
        void aPlainTextResourceIsUsedAsIs() throws IOException {
            Path file = write("resource.warc", record("resource", "r", "<https://example.org/notes.txt>",
                    Map.of("Content-Type", "text/plain; charset=utf-8"), utf8("line one\nline two\n")));

            Document d = read(file).documents().get(0);

            assertThat(d.text()).isEqualTo("line one\nline two\n");
            assertThat(d.url()).isEqualTo("https://example.org/notes.txt");
            assertThat(d.id()).isEqualTo(idOf("r"));
            assertThat(d.metadata()).containsEntry("warc_type", "resource").containsEntry("content_type", "text/plain; charset=utf-8");
        }

        @Test
        void invalidUtf8InAConversionRecordIsReplacedAndReportedAsRepaired() throws IOException {
            byte[] text = concat(utf8("caf"), new byte[] {(byte) 0xE9}, utf8(" au lait\n"));
            Path file = write("bad.warc.wet", record("conversion", "c", "https://example.org/",
                    Map.of("Content-Type", "text/plain"), text));

            Read r = read(file);

            assertThat(r.documents()).singleElement().extracting(Document::text).isEqualTo("caf\uFFFD au lait\n");
            Problem p = r.only(Severity.REPAIRED);
            assertThat(p.kind()).isEqualTo(ProblemKind.INVALID_UTF8);
            assertThat(p.position()).isZero();
            assertThat(r.counts().repairedDocuments()).isEqualTo(1);
        }

        @Test
        void theMetaCharsetDecidesWhenTheHttpHeaderNamesNone() throws IOException {
            byte[] body = concat(utf8("<html><head><meta charset=\"windows-1252\"></head><body><p>caf"),
                    new byte[] {(byte) 0xE9, (byte) 0x93}, utf8("quoted</p></body></html>"));
            Path file = write("latin.warc", response("l", "https://example.org/", http(200, "OK", body,
                    "Content-Type: text/html")));

            Read r = read(file);

            assertThat(r.documents()).singleElement().satisfies(d -> {
                assertThat(d.text()).isEqualTo("café\u201Cquoted");
                assertThat(d.metadata()).containsEntry("charset", "windows-1252");
            });
            assertThat(r.problems()).isEmpty();
        }

        @Test
        void theHttpCharsetWinsOverTheMetaCharset() throws IOException {
            byte[] body = concat(utf8("<html><head><meta charset=\"utf-8\"></head><body><p>caf"),
                    new byte[] {(byte) 0xE9}, utf8("</p></body></html>"));
            Path file = write("http-charset.warc", response("h", "https://example.org/", http(200, "OK", body,
                    "Content-Type: text/html; charset=ISO-8859-1")));

            assertThat(read(file).documents()).singleElement().extracting(Document::text).isEqualTo("café");
        }

        @Test
        void chunkedAndGzipEncodedPayloadsAreDecoded() throws IOException {
            byte[] gz = gzip(utf8("<html><body><p>compressed and chunked</p></body></html>"));
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            int half = gz.length / 2;
            chunked.writeBytes(utf8(Integer.toHexString(half) + "\r\n"));
            chunked.write(gz, 0, half);
            chunked.writeBytes(utf8("\r\n" + Integer.toHexString(gz.length - half) + "\r\n"));
            chunked.write(gz, half, gz.length - half);
            chunked.writeBytes(utf8("\r\n0\r\n\r\n"));
            Path file = write("encoded.warc", response("enc", "https://example.org/", http(200, "OK",
                    chunked.toByteArray(), "Content-Type: text/html", "Transfer-Encoding: chunked",
                    "Content-Encoding: gzip")));

            assertThat(read(file).documents()).singleElement().extracting(Document::text)
                    .isEqualTo("compressed and chunked");
        }

        @Test
        void theIdentifiedPayloadTypeDecidesWhenHttpDeclaresNone() throws IOException {
            Path file = write("identified.warc", record("response", "i", "https://example.org/",
                    Map.of("Content-Type", "application/http; msgtype=response", "WARC-Identified-Payload-Type", "text/html"),
                    http(200, "OK", utf8("<p>no declared type</p>"))));

            Document d = read(file).documents().get(0);

            assertThat(d.text()).isEqualTo("no declared type");
            assertThat(d.metadata()).containsEntry("warc_identified_payload_type", "text/html").doesNotContainKey("content_type");
        }

        @Test
        void htmlIsSniffedWhenNoTypeIsKnown() throws IOException {
            Path file = write("sniffed.warc", concat(
                    response("h", "https://example.org/h", http(200, "OK", utf8("  <!DOCTYPE html><html><body><p>sniffed</p></body></html>"))),
                    response("b", "https://example.org/b", http(200, "OK", new byte[] {0, 1, 2, 3, 4}))));

            Read r = read(file);

            assertThat(r.documents()).extracting(Document::text).containsExactly("sniffed");
            Problem p = r.only(Severity.SKIPPED);
            assertThat(p.kind()).isEqualTo(ProblemKind.UNSUPPORTED_CONTENT);
            assertThat(p.message()).contains("unknown");
        }

        @Test
        void xhtmlIsTreatedAsHtml() throws IOException {
            Path file = write("xhtml.warc", response("x", "https://example.org/", http(200, "OK",
                    utf8("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>xhtml page</p></body></html>"),
                    "Content-Type: application/xhtml+xml")));

            assertThat(read(file).documents()).singleElement().extracting(Document::text).isEqualTo("xhtml page");
        }

        @Test
        void theHtmlExtractorIsTheOneTheOptionsName() throws IOException {
            Path file = write("custom.warc", response("c", "https://example.org/", html("<p>ignored</p>")));
            ReaderOptions options = new ReaderOptions(FieldMapping.auto(), ReaderOptions.DEFAULT_MAX_RECORD_BYTES,
                    (html, url) -> "custom text for " + url);

            assertThat(read(file, options).documents()).singleElement().extracting(Document::text)
                    .isEqualTo("custom text for https://example.org/");
        }

        @Test
        void anExtractorThatThrowsSkipsTheRecordInsteadOfFailingTheRead() throws IOException {
            Path file = write("throwing.warc", response("t", "https://example.org/", html("<p>x</p>")));
            ReaderOptions options = new ReaderOptions(FieldMapping.auto(), ReaderOptions.DEFAULT_MAX_RECORD_BYTES,
                    (html, url) -> {
                        throw new IllegalStateException("extractor bug");
                    });

            Read r = read(file, options);

            assertThat(r.documents()).isEmpty();
            assertThat(r.only(Severity.SKIPPED).message()).contains("extractor bug");
        }
    }

    /** The block of the first record of a type, found without jwarc: gunzip, then split on the headers. */
    private static byte[] blockOfFirst(Path warcGz, String type) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(warcGz))) {
            all = in.readAllBytes();
        }
        String latin = new String(all, StandardCharsets.ISO_8859_1);
        int record = latin.indexOf("WARC-Type: " + type + "\r\n");
        int headerEnd = latin.indexOf("\r\n\r\n", record);
        String headers = latin.substring(record, headerEnd);
        int cl = headers.indexOf("Content-Length: ");
        int length = Integer.parseInt(headers.substring(cl + 16, headers.indexOf("\r\n", cl)).trim());
        int start = headerEnd + 4;
        return Arrays.copyOfRange(all, start, start + length);
    }
}
