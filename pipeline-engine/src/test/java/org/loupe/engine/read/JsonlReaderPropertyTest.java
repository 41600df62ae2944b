package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loupe.engine.read.TestBytes.concat;
import static org.loupe.engine.read.TestBytes.gzip;
import static org.loupe.engine.read.TestBytes.raw;
import static org.loupe.engine.read.TestBytes.utf8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.loupe.engine.model.Document;

/**
 * Properties of the JSONL reader over random files: a random mix of valid records, bad records and
 * blank lines, random line endings, and random compression. The files live in a temporary folder that
 * is deleted when the properties are done.
 */
class JsonlReaderPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger FILES = new AtomicInteger();
    private static Path dir;

    @BeforeContainer
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("loupe-jsonl-properties");
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One line of a generated file. */
    sealed interface Line permits Valid, Bad, Blank {
        byte[] bytes();
    }

    /** A record that must become a document with this text. */
    record Valid(String text, byte[] bytes) implements Line { }

    /** A record that must be skipped with exactly this problem kind. */
    record Bad(ProblemKind kind, byte[] bytes) implements Line { }

    /** Not a record. */
    record Blank(byte[] bytes) implements Line { }

    private record Read(List<Document> documents, List<Problem> problems, ReadCounts counts) { }

    private static Read read(byte[] content, boolean compress) {
        try {
            Path file = dir.resolve("p" + FILES.incrementAndGet() + (compress ? ".jsonl.gz" : ".jsonl"));
            byte[] bytes = compress ? gzip(content) : content;
            Files.write(file, bytes);
            Shard shard = new Shard(file, file.getFileName().toString(), ShardFormat.JSONL,
                    compress ? Compression.GZIP : Compression.NONE, bytes.length);
            List<Document> documents = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            ReadCounts counts = ReadAll.readShard(shard, ReaderOptions.defaults(), documents, problems);
            Files.delete(file);
            return new Read(documents, problems, counts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 400)
    void theDocumentsAreExactlyTheValidRecordsInOrderAndEveryOtherRecordIsOneSkip(
            @ForAll("lines") List<Line> lines, @ForAll("endings") List<String> endings,
            @ForAll boolean finalNewline, @ForAll boolean compress) {
        List<Object> parts = new ArrayList<>();
        List<String> expectedTexts = new ArrayList<>();
        List<Long> expectedPositions = new ArrayList<>();
        List<ProblemAt> expectedProblems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            long lineNo = i + 1;
            parts.add(line.bytes());
            if (i < lines.size() - 1 || finalNewline) {
                parts.add(endings.get(i % endings.size()));
            }
            if (line instanceof Valid v) {
                expectedTexts.add(v.text());
                expectedPositions.add(lineNo);
            } else if (line instanceof Bad b) {
                expectedProblems.add(ProblemAt.skipped(lineNo, b.kind()));
            }
        }
        long records = expectedTexts.size() + expectedProblems.size();
        if (records == 0) {
            expectedProblems.add(ProblemAt.wholeFile(ProblemKind.EMPTY_FILE));
        }

        Read read = read(concat(parts.toArray()), compress);

        assertThat(read.documents()).extracting(Document::text).containsExactlyElementsOf(expectedTexts);
        assertThat(read.documents()).extracting(d -> d.source().position()).containsExactlyElementsOf(expectedPositions);
        assertThat(read.problems()).map(ProblemAt::of).containsExactlyElementsOf(expectedProblems);
        assertThat(read.counts().records()).isEqualTo(records);
        assertThat(read.counts().records()).isEqualTo(read.counts().documents() + read.counts().skippedRecords());
        assertThat(read.counts().documents()).isEqualTo(expectedTexts.size());
        assertThat(read.counts().conserved()).isTrue();
    }

    @Property(tries = 300)
    void anyBytesAreReadWithoutAnExceptionAndEveryRecordIsAccountedFor(@ForAll @Size(max = 3000) byte[] bytes,
                                                                       @ForAll boolean compress) {
        Read read = read(bytes, compress);

        assertThat(read.counts().conserved()).isTrue();
        assertThat(read.counts().documents()).isEqualTo(read.documents().size());
        assertThat(read.problems().stream().filter(p -> p.severity() == Severity.SKIPPED).count())
                .isEqualTo(read.counts().skippedRecords());
        assertThat(read.problems().stream().filter(p -> p.severity() == Severity.REPAIRED).count())
                .isEqualTo(read.counts().repairedDocuments());
    }

    @Property(tries = 200)
    void aGzipFileCutAnywhereYieldsTheRecordsBeforeTheCutAndOneTruncation(
            @ForAll @IntRange(min = 1, max = 60) int n, @ForAll @IntRange(min = 1, max = 999) int permille) throws IOException {
        List<String> texts = TestBytes.texts(n, n);
        byte[] gz = gzip(TestBytes.jsonl(texts));
        int cut = Math.max(1, (int) ((long) gz.length * permille / 1000));
        Path file = dir.resolve("cut" + FILES.incrementAndGet() + ".jsonl.gz");
        Files.write(file, TestBytes.prefix(gz, cut));
        List<Document> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();

        ReadCounts counts = ReadAll.readShard(new Shard(file, "cut.jsonl.gz", ShardFormat.JSONL, Compression.GZIP, cut),
                ReaderOptions.defaults(), documents, problems);
        Files.delete(file);

        int k = documents.size();
        assertThat(documents).extracting(Document::text).containsExactlyElementsOf(texts.subList(0, k));
        assertThat(problems).map(ProblemAt::of).containsExactly(ProblemAt.fileFrom(k + 1, ProblemKind.TRUNCATED));
        assertThat(counts.conserved()).isTrue();
    }

    @Provide
    Arbitrary<List<String>> endings() {
        return Arbitraries.of("\n", "\r\n").list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, valid()),
                Tuple.of(3, bad()),
                Tuple.of(2, blank())).list().ofMaxSize(40);
    }

    private static Arbitrary<String> texts() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withCharRange(' ', '~')
                .withCharRange('\u00A0', '\u07FF')
                .withCharRange('\u3040', '\u30FF')
                .withChars('\n', '\t', '\r', '"', '\\', '/', '\u2028', '\u0000', '\u007F', '\uFEFF')
                .ofMinLength(1).ofMaxLength(60);
        Arbitrary<String> astral = Arbitraries.of("", "😀", "𝄞", "🇺🇦");
        return Combinators.combine(chars, astral).as((s, a) -> s + a).filter(s -> !s.isBlank());
    }

    private static Arbitrary<Line> valid() {
        Arbitrary<String> key = Arbitraries.of("text", "content", "raw_content", "t");
        Arbitrary<Boolean> extra = Arbitraries.of(true, false);
        return Combinators.combine(texts(), key, extra).as((text, k, withExtra) -> {
            Map<String, Object> record = new LinkedHashMap<>();
            if (withExtra) {
                record.put("id", "doc-" + Math.abs(text.hashCode()));
                record.put("meta", Map.of("n", 1, "list", List.of(1, "two", Map.of())));
            }
            record.put(k, text);
            if (withExtra) {
                record.put("url", "https://example.org/" + text.length());
            }
            return new Valid(text, json(record));
        });
    }

    private static Arbitrary<Line> bad() {
        Arbitrary<Line> fixed = Arbitraries.of(List.of(
                new Bad(ProblemKind.INVALID_JSON, utf8("{\"text\": ")),
                new Bad(ProblemKind.INVALID_JSON, utf8("{\"text\":\"x\"} tail")),
                new Bad(ProblemKind.INVALID_JSON, utf8("{text: \"unquoted key\"}")),
                new Bad(ProblemKind.INVALID_JSON, concat(raw(0xFF, 0xFE), "{\"text\":\"x\"}")),
                new Bad(ProblemKind.NOT_AN_OBJECT, utf8("[1, 2, 3]")),
                new Bad(ProblemKind.NOT_AN_OBJECT, utf8("\"a string\"")),
                new Bad(ProblemKind.NOT_AN_OBJECT, utf8("42")),
                new Bad(ProblemKind.NOT_AN_OBJECT, utf8("null")),
                new Bad(ProblemKind.NULL_TEXT, utf8("{\"text\": null, \"url\": \"https://example.org/\"}")),
                new Bad(ProblemKind.NULL_TEXT, concat("{\"t\": null, \"h\": \"", raw(0xC3), "\"}")),
                new Bad(ProblemKind.NOT_TEXT, utf8("{\"text\": 7}")),
                new Bad(ProblemKind.NOT_TEXT, utf8("{\"content\": {\"nested\": \"x\"}}")),
                new Bad(ProblemKind.MISSING_TEXT, utf8("{\"url\": \"https://example.org/\"}")),
                new Bad(ProblemKind.MISSING_TEXT, utf8("{}")),
                new Bad(ProblemKind.EMPTY_TEXT, utf8("{\"text\": \"\"}")),
                new Bad(ProblemKind.EMPTY_TEXT, utf8("{\"text\": \" \\t\\n \"}"))));
        Arbitrary<Line> garbage = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30)
                .map(s -> new Bad(ProblemKind.INVALID_JSON, utf8("#" + s)));
        return Arbitraries.frequencyOf(Tuple.of(4, fixed), Tuple.of(1, garbage));
    }

    private static Arbitrary<Line> blank() {
        return Arbitraries.of("", " ", "\t", "  \t ", "\r").map(s -> new Blank(utf8(s)));
    }

    private static byte[] json(Map<String, Object> record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
