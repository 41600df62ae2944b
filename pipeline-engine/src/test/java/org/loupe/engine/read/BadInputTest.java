package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Named.named;
import static org.loupe.engine.read.ProblemAt.fileFrom;
import static org.loupe.engine.read.ProblemAt.repaired;
import static org.loupe.engine.read.ProblemAt.skipped;
import static org.loupe.engine.read.ProblemAt.wholeFile;
import static org.loupe.engine.read.TestBytes.concat;
import static org.loupe.engine.read.TestBytes.countNewlines;
import static org.loupe.engine.read.TestBytes.gzip;
import static org.loupe.engine.read.TestBytes.jsonl;
import static org.loupe.engine.read.TestBytes.prefix;
import static org.loupe.engine.read.TestBytes.raw;
import static org.loupe.engine.read.TestBytes.readUntilFailure;
import static org.loupe.engine.read.TestBytes.stream;
import static org.loupe.engine.read.TestBytes.texts;
import static org.loupe.engine.read.TestBytes.utf8;
import static org.loupe.engine.read.TestBytes.zstd;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;

/**
 * The JSONL reader and the shard scanner on a corpus of bad input that this test generates: cut and
 * corrupt compressed streams, garbage, bad JSON, bad text fields, bad UTF-8, a huge line, odd line
 * endings and empty files. For every case: nothing throws, every problem is reported with its kind,
 * severity and 1-based line, and records == documents + skipped.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private ReadAll.Outcome read(String name, byte[] bytes) throws IOException {
        return ReadAll.scanAndRead(write(name, bytes));
    }

    // ---------------------------------------------------------------- records, line by line

    /** One line-level case: the content of a .jsonl file, the texts it yields and the problems it reports. */
    record LineCase(byte[] content, List<String> texts, List<ProblemAt> problems) { }

    private static Arguments lineCase(String name, byte[] content, List<String> texts, ProblemAt... problems) {
        return Arguments.of(named(name, new LineCase(content, texts, List.of(problems))));
    }

    static Stream<Arguments> lineCases() {
        return Stream.of(
                lineCase("invalid JSON lines are skipped one by one",
                        utf8("{\"text\":\"first\"}\n"
                                + "{\"text\": \n"
                                + "{not json}\n"
                                + "{\"text\":\"a\"} trailing\n"
                                + "{\"text\":\"b\"}{\"text\":\"c\"}\n"
                                + "{\"text\":\"x\",}\n"
                                + "{'text':'single quotes'}\n"
                                + "{\"text\":\"last\"}\n"),
                        List.of("first", "last"),
                        skipped(2, ProblemKind.INVALID_JSON), skipped(3, ProblemKind.INVALID_JSON),
                        skipped(4, ProblemKind.INVALID_JSON), skipped(5, ProblemKind.INVALID_JSON),
                        skipped(6, ProblemKind.INVALID_JSON), skipped(7, ProblemKind.INVALID_JSON)),
                lineCase("JSON values that are not objects are skipped",
                        utf8("[{\"text\":\"in an array\"}]\n\"just a string\"\n42\n-1.5e3\ntrue\nnull\n{\"text\":\"object\"}\n"),
                        List.of("object"),
                        skipped(1, ProblemKind.NOT_AN_OBJECT), skipped(2, ProblemKind.NOT_AN_OBJECT),
                        skipped(3, ProblemKind.NOT_AN_OBJECT), skipped(4, ProblemKind.NOT_AN_OBJECT),
                        skipped(5, ProblemKind.NOT_AN_OBJECT), skipped(6, ProblemKind.NOT_AN_OBJECT)),
                lineCase("bad text fields are skipped with their reason",
                        utf8("{\"text\":null}\n"
                                + "{\"text\":42}\n"
                                + "{\"text\":{\"a\":1}}\n"
                                + "{\"text\":[\"a\"]}\n"
                                + "{\"text\":true}\n"
                                + "{\"body\":\"no text key\"}\n"
                                + "{}\n"
                                + "{\"text\":\"\"}\n"
                                + "{\"text\":\"  \\t\\n \"}\n"
                                + "{\"text\":\"\\u2003\"}\n"
                                + "{\"text\":\"kept\"}\n"),
                        List.of("kept"),
                        skipped(1, ProblemKind.NULL_TEXT), skipped(2, ProblemKind.NOT_TEXT),
                        skipped(3, ProblemKind.NOT_TEXT), skipped(4, ProblemKind.NOT_TEXT),
                        skipped(5, ProblemKind.NOT_TEXT), skipped(6, ProblemKind.MISSING_TEXT),
                        skipped(7, ProblemKind.MISSING_TEXT), skipped(8, ProblemKind.EMPTY_TEXT),
                        skipped(9, ProblemKind.EMPTY_TEXT), skipped(10, ProblemKind.EMPTY_TEXT)),
                lineCase("CRLF line endings are line endings, not text",
                        utf8("{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\"}\r\n"),
                        List.of("a", "b")),
                lineCase("a byte order mark on the first line is dropped",
                        concat(raw(0xEF, 0xBB, 0xBF), "{\"text\":\"a\"}\n{\"text\":\"b\"}\n"),
                        List.of("a", "b")),
                lineCase("a byte order mark alone on the first line is a blank line",
                        concat(raw(0xEF, 0xBB, 0xBF), "\n{\"text\":\"a\"}\n"),
                        List.of("a")),
                lineCase("a byte order mark at the start of a concatenated file is dropped",
                        concat("{\"text\":\"a\"}\n", raw(0xEF, 0xBB, 0xBF), "{\"text\":\"b\"}\n"),
                        List.of("a", "b")),
                lineCase("a final line without a newline is a record",
                        utf8("{\"text\":\"a\"}\n{\"text\":\"b\"}"),
                        List.of("a", "b")),
                lineCase("a final line without a newline can be bad too",
                        utf8("{\"text\":\"a\"}\n{\"text\":\"b"),
                        List.of("a"),
                        skipped(2, ProblemKind.INVALID_JSON)),
                lineCase("blank lines are not records but are counted as lines",
                        utf8("\n\n{\"text\":\"a\"}\n   \n\t\n\r\n{\"text\":\"b\"}\n\n{\"text\":null}\n\n"),
                        List.of("a", "b"),
                        skipped(9, ProblemKind.NULL_TEXT)),
                lineCase("lone continuation byte in the text is repaired",
                        concat("{\"text\":\"ok ", raw(0x80), " end\"}\n"),
                        List.of("ok \uFFFD end"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("two-byte overlong encoding is repaired",
                        concat("{\"text\":\"ok ", raw(0xC0, 0xAF), "\"}\n"),
                        List.of("ok \uFFFD\uFFFD"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("three-byte overlong encoding is repaired",
                        concat("{\"text\":\"ok ", raw(0xE0, 0x80, 0xAF), "\"}\n"),
                        List.of("ok \uFFFD\uFFFD\uFFFD"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("encoded UTF-16 surrogate is repaired",
                        concat("{\"text\":\"ok ", raw(0xED, 0xA0, 0x80), "\"}\n"),
                        List.of("ok \uFFFD"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("code point above U+10FFFF is repaired",
                        concat("{\"text\":\"ok ", raw(0xF4, 0x90, 0x80, 0x80), "\"}\n"),
                        List.of("ok \uFFFD\uFFFD\uFFFD\uFFFD"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("truncated sequence at the end of the text is repaired",
                        concat("{\"text\":\"ok \u20ac", raw(0xE2, 0x82), "\"}\n{\"text\":\"next\"}\n"),
                        List.of("ok \u20ac\uFFFD", "next"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("truncated sequence at the end of the line after the object is invalid JSON only",
                        concat("{\"text\":\"ok\"}", raw(0xE2, 0x82), "\n{\"text\":\"next\"}\n"),
                        List.of("next"),
                        skipped(1, ProblemKind.INVALID_JSON)),
                lineCase("truncated sequence at the end of the file is invalid JSON only",
                        concat("{\"text\":\"a\"}\n{\"text\":\"cut ", raw(0xE2, 0x82)),
                        List.of("a"),
                        skipped(2, ProblemKind.INVALID_JSON)),
                lineCase("invalid UTF-8 outside the text keeps the document and is repaired",
                        concat("{\"text\":\"fine\",\"title\":\"", raw(0xFF), "\",\"k", raw(0xFE), "y\":1}\n"),
                        List.of("fine"),
                        repaired(1, ProblemKind.INVALID_UTF8)),
                lineCase("invalid UTF-8 in a record skipped for another reason reports only that reason",
                        concat("{\"text\":null,\"title\":\"", raw(0xFF), "\"}\n",
                                raw(0xFF, 0xFE), " garbage\n",
                                "[\"", raw(0xC0), "\"]\n",
                                "{\"text\":\"", raw(0x80), "\"}\n"),
                        List.of("\uFFFD"),
                        skipped(1, ProblemKind.NULL_TEXT), skipped(2, ProblemKind.INVALID_JSON),
                        skipped(3, ProblemKind.NOT_AN_OBJECT), repaired(4, ProblemKind.INVALID_UTF8)),
                lineCase("too deeply nested JSON is invalid, not a stack overflow",
                        utf8("{\"text\":\"deep\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n{\"text\":\"ok\"}\n"),
                        List.of("ok"),
                        skipped(1, ProblemKind.INVALID_JSON)),
                lineCase("NUL bytes (a zero-filled tail) are invalid JSON",
                        concat("{\"text\":\"a\"}\n", new byte[100], "\n", new byte[10]),
                        List.of("a"),
                        skipped(2, ProblemKind.INVALID_JSON), skipped(3, ProblemKind.INVALID_JSON)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineCases")
    void everyBadRecordIsReportedAtItsLineAndTheRestIsRead(LineCase c) throws IOException {
        ReadAll.Outcome outcome = read("records.jsonl", c.content());

        assertThat(outcome.scan().shards()).singleElement()
                .extracting(Shard::format).isEqualTo(ShardFormat.JSONL);
        assertThat(outcome.texts()).containsExactlyElementsOf(c.texts());
        assertThat(outcome.problemsAt()).containsExactlyElementsOf(c.problems());
        assertThat(outcome.records()).isEqualTo(outcome.documents().size() + outcome.skipped());
        assertThat(outcome.accountedFor()).as("counts agree with documents and problems").isTrue();
        assertThat(outcome.problems()).allSatisfy(p -> {
            assertThat(p.positionKind()).isEqualTo(PositionKind.LINE);
            assertThat(p.message()).isNotBlank();
        });
    }

    @Test
    void documentPositionsAreLineNumbersCountingBlankLinesAndCrlf() throws IOException {
        ReadAll.Outcome outcome = read("lines.jsonl",
                utf8("\n{\"text\":\"a\"}\r\n\r\n  \n{\"text\":\"b\"}\n{\"text\":\"c\"}"));

        assertThat(outcome.positions()).containsExactly(2L, 5L, 6L);
        assertThat(outcome.documents()).extracting(Document::id)
                .containsExactly("lines.jsonl#2", "lines.jsonl#5", "lines.jsonl#6");
    }

    @Test
    void aRepairedRecordKeepsItsOtherFields() throws IOException {
        ReadAll.Outcome outcome = read("repaired.jsonl",
                concat("{\"id\":\"x1\",\"text\":\"caf", raw(0xE9), "\",\"url\":\"https://example.org/\"}\n"));

        assertThat(outcome.documents()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("x1");
            assertThat(d.text()).isEqualTo("caf\uFFFD");
            assertThat(d.url()).isEqualTo("https://example.org/");
        });
        assertThat(outcome.repaired()).isEqualTo(1);
        assertThat(outcome.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("byte 22").contains("1 bad sequence"));
    }

    // ---------------------------------------------------------------- cut and corrupt compressed streams

    private static final List<String> TEXTS = texts(3000, 42);
    private static final byte[] JSONL = jsonl(TEXTS);

    /** The documents must be exactly the first {@code n} generated records, in order, at lines 1..n. */
    private static void assertFirstRecords(ReadAll.Outcome outcome, int n) {
        assertThat(outcome.texts()).containsExactlyElementsOf(TEXTS.subList(0, n));
        assertThat(outcome.positions()).containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
    }

    @Test
    void truncatedGzipReportsTruncationAtTheCutLine() throws IOException {
        byte[] gz = gzip(JSONL);
        byte[] cut = prefix(gz, gz.length * 3 / 5);
        // What any gzip decoder can get out of the cut file: the lines complete in it are the salvage.
        int complete = countNewlines(readUntilFailure(new GZIPInputStream(stream(cut))));
        assertThat(complete).isBetween(100, TEXTS.size() - 100);

        ReadAll.Outcome outcome = read("cut.jsonl.gz", cut);

        assertThat(outcome.scan().shards()).singleElement().extracting(Shard::formatLabel).isEqualTo("jsonl+gzip");
        assertFirstRecords(outcome, complete);
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(complete + 1, ProblemKind.TRUNCATED));
        assertThat(outcome.records()).isEqualTo(complete);
        assertThat(outcome.accountedFor()).isTrue();
    }

    @Test
    void truncatedZstdReportsTruncationAtTheCutLine() throws IOException {
        byte[] zst = zstd(JSONL);
        byte[] cut = prefix(zst, zst.length * 3 / 5);
        int complete = countNewlines(readUntilFailure(new ZstdInputStreamNoFinalizer(stream(cut))));
        assertThat(complete).isBetween(100, TEXTS.size() - 100);

        ReadAll.Outcome outcome = read("cut.jsonl.zst", cut);

        assertThat(outcome.scan().shards()).singleElement().extracting(Shard::formatLabel).isEqualTo("jsonl+zstd");
        assertFirstRecords(outcome, complete);
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(complete + 1, ProblemKind.TRUNCATED));
        assertThat(outcome.accountedFor()).isTrue();
    }

    @Test
    void gzipCutInsideTheFirstHeaderIsTruncatedAtLineOne() throws IOException {
        ReadAll.Outcome outcome = read("stub.jsonl.gz", prefix(gzip(JSONL), 5));

        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(1, ProblemKind.TRUNCATED));
    }

    @Test
    void gzipWhoseMiddleBytesAreGarbageKeepsEveryRecordBeforeTheDamageAndReportsCorruption() throws IOException {
        byte[] gz = gzip(JSONL);
        int at = gz.length / 2;
        byte[] damaged = gz.clone();
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        System.arraycopy(garbage, 0, damaged, at, garbage.length);
        int beforeDamage = countNewlines(readUntilFailure(new GZIPInputStream(stream(prefix(gz, at)))));

        ReadAll.Outcome outcome = read("damaged.jsonl.gz", damaged);

        // Every record before the damage is read, in order; nothing after the damage is a document.
        List<ProblemAt> problems = outcome.problemsAt();
        ProblemAt last = problems.get(problems.size() - 1);
        assertThat(last.kind()).isEqualTo(ProblemKind.CORRUPT_DATA);
        assertThat(last.severity()).isEqualTo(Severity.FILE);
        assertThat(last.position()).isGreaterThan(beforeDamage);
        assertThat(problems.subList(0, problems.size() - 1))
                .allSatisfy(p -> assertThat(p.position()).isGreaterThan(beforeDamage).isLessThan(last.position()));
        assertThat(outcome.documents().size()).isGreaterThanOrEqualTo(beforeDamage);
        assertFirstRecords(outcome, outcome.documents().size());
        assertThat(outcome.accountedFor()).isTrue();
    }

    @Test
    void concatenatedGzipMembersAreAllRead() throws IOException {
        byte[] first = jsonl(TEXTS.subList(0, 10));
        byte[] second = jsonl(TEXTS.subList(10, 20));

        ReadAll.Outcome outcome = read("members.jsonl.gz", concat(gzip(first), gzip(second), gzip(new byte[0])));

        assertThat(outcome.texts()).containsExactlyElementsOf(TEXTS.subList(0, 20));
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void gzipPaddedWithZerosIsReadCompletely() throws IOException {
        ReadAll.Outcome outcome = read("padded.jsonl.gz", concat(gzip(jsonl(TEXTS.subList(0, 5))), new byte[1000]));

        assertThat(outcome.texts()).containsExactlyElementsOf(TEXTS.subList(0, 5));
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void gzipWithTrailingGarbageReportsCorruptionAfterTheLastRecord() throws IOException {
        ReadAll.Outcome outcome = read("trailing.jsonl.gz",
                concat(gzip(jsonl(TEXTS.subList(0, 5))), "this is not gzip"));

        assertFirstRecords(outcome, 5);
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(6, ProblemKind.CORRUPT_DATA));
    }

    @Test
    void gzipCutInsideTheSecondMemberHeaderIsTruncatedNotSilentlyShort() throws IOException {
        byte[] second = gzip(jsonl(TEXTS.subList(5, 10)));
        ReadAll.Outcome outcome = read("cut-member.jsonl.gz",
                concat(gzip(jsonl(TEXTS.subList(0, 5))), prefix(second, 6)));

        assertFirstRecords(outcome, 5);
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(6, ProblemKind.TRUNCATED));
    }

    @Test
    void gzipWithACorruptSecondMemberHeaderIsCorruptNotSilentlyShort() throws IOException {
        byte[] second = gzip(jsonl(TEXTS.subList(5, 10)));
        second[1] = 0x00; // ID2 is no longer 0x8b
        ReadAll.Outcome outcome = read("bad-member.jsonl.gz", concat(gzip(jsonl(TEXTS.subList(0, 5))), second));

        assertFirstRecords(outcome, 5);
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(6, ProblemKind.CORRUPT_DATA));
    }

    @Test
    void gzipWithAWrongChecksumIsCorruptAfterItsData() throws IOException {
        byte[] gz = gzip(jsonl(TEXTS.subList(0, 5)));
        gz[gz.length - 8] ^= 0x01; // CRC-32 in the trailer

        ReadAll.Outcome outcome = read("crc.jsonl.gz", gz);

        assertFirstRecords(outcome, 5);
        assertThat(outcome.problemsAt()).containsExactly(fileFrom(6, ProblemKind.CORRUPT_DATA));
    }

    // ---------------------------------------------------------------- garbage

    @Test
    void garbageBytesNamedJsonlAreOneInvalidJsonProblemPerLine() throws IOException {
        Random random = new Random(11);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] line = new byte[1 + random.nextInt(200)];
            random.nextBytes(line);
            line[0] = (byte) 0xFF; // neither JSON nor UTF-8, and never blank
            for (int k = 1; k < line.length; k++) {
                if (line[k] == '\n') {
                    line[k] = (byte) 0xC0;
                }
            }
            lines.add(line);
        }
        byte[] content = concat(lines.stream().map(l -> concat(l, "\n")).toArray());

        ReadAll.Outcome outcome = read("garbage.jsonl", content);

        assertThat(outcome.scan().shards()).singleElement().extracting(Shard::format).isEqualTo(ShardFormat.JSONL);
        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.problemsAt()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 40).mapToObj(i -> skipped(i, ProblemKind.INVALID_JSON)).toList());
        assertThat(outcome.records()).isEqualTo(40);
        assertThat(outcome.accountedFor()).isTrue();
    }

    @Test
    void randomBytesNamedJsonlNeverThrowAndEveryLineIsAccountedFor() throws IOException {
        byte[] garbage = new byte[200_000];
        new Random(3).nextBytes(garbage);

        ReadAll.Outcome outcome = read("random.jsonl", garbage);

        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Severity.SKIPPED);
            assertThat(p.kind()).isIn(ProblemKind.INVALID_JSON, ProblemKind.NOT_AN_OBJECT);
        });
        assertThat(outcome.problems()).extracting(Problem::position).isSorted().doesNotHaveDuplicates();
        assertThat(outcome.accountedFor()).isTrue();
    }

    @Test
    void garbageFileWithAnUnknownNameIsAnUnknownFormatAndNotAShard() throws IOException {
        byte[] garbage = new byte[5000];
        new Random(5).nextBytes(garbage);
        garbage[0] = 0x00;

        ReadAll.Outcome outcome = read("blob.bin", garbage);

        assertThat(outcome.scan().shards()).isEmpty();
        assertThat(outcome.problemsAt()).containsExactly(wholeFile(ProblemKind.UNKNOWN_FORMAT));
        assertThat(outcome.problems().get(0).message()).contains("00 ");
    }

    @Test
    void gzipOfGarbageWithAnUnknownNameIsAnUnknownFormat() throws IOException {
        byte[] garbage = new byte[5000];
        new Random(5).nextBytes(garbage);
        garbage[0] = 0x00;

        ReadAll.Outcome outcome = read("blob.gz", gzip(garbage));

        assertThat(outcome.scan().shards()).isEmpty();
        assertThat(outcome.problemsAt()).containsExactly(wholeFile(ProblemKind.UNKNOWN_FORMAT));
    }

    // ---------------------------------------------------------------- size cap

    @Test
    void fiftyMegabyteLineIsOversizedAndIsNotHeldInMemory() throws IOException {
        long lineBytes = 50_000_000;
        Path file = dir.resolve("huge-line.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] open = utf8("{\"text\":\"");
            byte[] close = utf8("\"}");
            out.write(open);
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            long left = lineBytes - open.length - close.length;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
            out.write(close);
            out.write(utf8("\n{\"text\":\"after the huge line\"}\n"));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot measure allocation per thread");
        Shard shard = new ShardScanner().scan(file).shards().get(0);
        List<Document> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();

        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        ReadCounts counts = ReadAll.readShard(shard, ReaderOptions.defaults(), documents, problems);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(documents).extracting(Document::text).containsExactly("after the huge line");
        assertThat(documents.get(0).source().position()).isEqualTo(2);
        assertThat(problems).map(ProblemAt::of).containsExactly(skipped(1, ProblemKind.OVERSIZED));
        assertThat(counts.conserved()).isTrue();
        // The line buffer grows up to the cap and no further: the 50 MB line is never held.
        assertThat(allocated).as("bytes allocated while reading a %d-byte line with a %d-byte cap",
                        lineBytes, ReaderOptions.DEFAULT_MAX_RECORD_BYTES)
                .isLessThan(4 * ReaderOptions.DEFAULT_MAX_RECORD_BYTES)
                .isLessThan(lineBytes);
    }

    static Stream<Arguments> capBoundaries() {
        // {"text":"…"} is 11 bytes around the text.
        return Stream.of(
                Arguments.of(named("exactly the cap", 100), "\n", List.of()),
                Arguments.of(named("exactly the cap, CRLF", 100), "\r\n", List.of()),
                Arguments.of(named("one byte over the cap", 101), "\n", List.of(skipped(1, ProblemKind.OVERSIZED))),
                Arguments.of(named("one byte over the cap, CRLF", 101), "\r\n", List.of(skipped(1, ProblemKind.OVERSIZED))),
                Arguments.of(named("far over the cap", 100_000), "\n", List.of(skipped(1, ProblemKind.OVERSIZED))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capBoundaries")
    void theCapCountsTheLineWithoutItsLineEnding(int lineBytes, String ending, List<ProblemAt> expected) throws IOException {
        String line = "{\"text\":\"" + "x".repeat(lineBytes - 11) + "\"}";
        ReadAll.Outcome outcome = ReadAll.scanAndRead(write("cap.jsonl", utf8(line + ending + "{\"text\":\"next\"}" + ending)),
                ReaderOptions.defaults().withMaxRecordBytes(100));

        assertThat(outcome.problemsAt()).containsExactlyElementsOf(expected);
        assertThat(outcome.documents()).hasSize(expected.isEmpty() ? 2 : 1);
        assertThat(outcome.documents().get(outcome.documents().size() - 1).text()).isEqualTo("next");
        assertThat(outcome.accountedFor()).isTrue();
    }

    // ---------------------------------------------------------------- empty files

    static Stream<Arguments> emptyFiles() {
        return Stream.of(
                Arguments.of("empty.jsonl", new byte[0]),
                Arguments.of("empty.jsonl.gz", new byte[0]),
                Arguments.of("empty.jsonl.zst", new byte[0]),
                Arguments.of("empty.bin", new byte[0]),
                Arguments.of("nothing.jsonl.gz", gzip(new byte[0])),
                Arguments.of("nothing.jsonl.zst", zstd(new byte[0])),
                Arguments.of("blank.jsonl", utf8("\n  \n\t\r\n")),
                Arguments.of("blank.jsonl.gz", gzip(utf8("\n\n\n"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyFiles")
    void anEmptyFileIsReportedAsEmptyNotSilentlyAccepted(String name, byte[] content) throws IOException {
        ReadAll.Outcome outcome = read(name, content);

        assertThat(outcome.documents()).isEmpty();
        assertThat(outcome.problemsAt()).containsExactly(wholeFile(ProblemKind.EMPTY_FILE));
        assertThat(outcome.records()).isZero();
    }

    @Test
    void aReaderOpenedOnAnEmptyShardDirectlyReportsItEmpty() throws IOException {
        Path file = write("direct.jsonl", new byte[0]);
        List<Problem> problems = new ArrayList<>();
        List<Document> documents = new ArrayList<>();

        ReadAll.readShard(new Shard(file, "direct.jsonl", ShardFormat.JSONL, Compression.NONE, 0),
                ReaderOptions.defaults(), documents, problems);

        assertThat(problems).map(ProblemAt::of).containsExactly(wholeFile(ProblemKind.EMPTY_FILE));
    }

    @Test
    void aShardThatVanishedBeforeReadingIsUnreadable() throws IOException {
        Path file = write("gone.jsonl", utf8("{\"text\":\"a\"}\n"));
        Shard shard = new ShardScanner().scan(file).shards().get(0);
        Files.delete(file);
        List<Problem> problems = new ArrayList<>();
        List<Document> documents = new ArrayList<>();

        ReadCounts counts = ReadAll.readShard(shard, ReaderOptions.defaults(), documents, problems);

        assertThat(documents).isEmpty();
        assertThat(problems).map(ProblemAt::of).containsExactly(wholeFile(ProblemKind.UNREADABLE_FILE));
        assertThat(counts.records()).isZero();
    }
}
