package org.loupe.engine.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.loupe.engine.read.ProblemAt.repaired;
import static org.loupe.engine.read.ProblemAt.skipped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.model.Document;
import org.loupe.engine.testing.SharedData;

/**
 * The JSONL reader on the real public fixtures (../shared/data, see its SOURCES.md), against golden files
 * under {@code src/test/resources/golden/read/}: per document its id, URL, line, text length and a
 * SHA-256 prefix of the text; per problem its line, kind and severity. Run with
 * {@code -Dgolden.update=true} to rewrite the golden files after an intended change, and review the diff.
 */
class JsonlReaderGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String C4 = "c4_en_sample_1000.jsonl.gz";
    private static final String DOLMA = "dolma_cc_en_head-0091.jsonl.gz";
    private static final String HPLT = "hplt_warc2text_cc_sample100.jsonl.zst";

    private static ReadAll.Outcome read(String fixture) {
        return ReadAll.scanAndRead(SharedData.file(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {C4, DOLMA, HPLT})
    void readingAFixtureGivesExactlyItsGoldenDocumentsAndProblems(String fixture) throws IOException {
        ReadAll.Outcome outcome = read(fixture);

        assertThat(outcome.accountedFor()).as("records == documents + skipped, one problem per skip or repair").isTrue();
        Golden.check("read/" + fixture + ".json", render(fixture, outcome));
    }

    @Test
    void c4SampleIsAThousandDocumentsWithUnescapedUrlsAndTimestampsInMetadata() {
        ReadAll.Outcome outcome = read(C4);

        assertThat(outcome.scan().shards()).singleElement().extracting(Shard::formatLabel).isEqualTo("jsonl+gzip");
        assertThat(outcome.documents()).hasSize(1000);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.records()).isEqualTo(1000);
        Document first = outcome.documents().get(0);
        assertThat(first.url()).isEqualTo("https://klyq.com/beginners-bbq-class-taking-place-in-missoula/");
        assertThat(first.id()).isEqualTo(C4 + "#1");
        assertThat(first.text()).startsWith("Beginners BBQ Class Taking Place in Missoula!\nDo you want");
        assertThat(first.text()).hasSize(747);
        assertThat(first.metadata()).containsEntry("timestamp", "2019-04-25 12:57:54").doesNotContainKey("text");
        assertThat(outcome.documents()).allSatisfy(d -> {
            assertThat(d.url()).matches("https?://[^\\\\\\s]+");
            assertThat(d.metadata().get("timestamp")).asString().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        });
        assertThat(outcome.documents()).extracting(Document::url).doesNotHaveDuplicates();
        assertThat(outcome.positions()).isSorted().doesNotHaveDuplicates().startsWith(1L).endsWith(1000L);
    }

    @Test
    void dolmaTakesTheIdFromIdAndTheUrlFromNestedMetadataAndKeepsTheNestedMetadata() {
        ReadAll.Outcome outcome = read(DOLMA);

        assertThat(outcome.documents()).hasSize(10);
        assertThat(outcome.problems()).isEmpty();
        Document first = outcome.documents().get(0);
        assertThat(first.id()).isEqualTo("http://100kinvesting.com/2016/11/28/first-teleconference-calls-invoice-factoring/");
        assertThat(first.text()).startsWith("We will be starting to hold weekly teleconferences");
        assertThat(first.metadata()).containsEntry("source", "common-crawl")
                .containsEntry("added", "2023-04-07T15:24:38.743534+00:00")
                .containsEntry("created", "2020-03-29T09:04:10Z")
                .doesNotContainKeys("id", "text");
        assertThat(first.metadata().get("metadata")).isInstanceOfSatisfying(Map.class, nested -> {
            assertThat(nested).containsEntry("language", "en")
                    .containsEntry("language_score", 0.95)
                    .containsEntry("line_ids", List.of(41, 42, 56, 57, 59))
                    .containsEntry("source_domain", "100kinvesting.com")
                    .containsKeys("cc_segment", "digest", "title", "perplexity", "bucket");
        });
        assertThat(outcome.documents()).allSatisfy(d -> {
            Map<?, ?> nested = (Map<?, ?>) d.metadata().get("metadata");
            assertThat(d.url()).isNotNull().isEqualTo(nested.get("url"));
            assertThat(d.url()).startsWith("http");
        });
    }

    @Test
    void hpltSkipsTheNullTextsAndRepairsTheLineWithInvalidUtf8() {
        ReadAll.Outcome outcome = read(HPLT);

        assertThat(outcome.scan().shards()).singleElement().extracting(Shard::formatLabel).isEqualTo("jsonl+zstd");
        assertThat(outcome.records()).isEqualTo(100);
        assertThat(outcome.documents()).hasSize(98);
        assertThat(outcome.problemsAt()).containsExactly(
                skipped(62, ProblemKind.NULL_TEXT),
                skipped(68, ProblemKind.NULL_TEXT),
                repaired(82, ProblemKind.INVALID_UTF8));
        assertThat(outcome.documents().size() + outcome.skipped()).isEqualTo(outcome.records());
        assertThat(outcome.problems().get(0).message()).contains("'t'");
        Document first = outcome.documents().get(0);
        assertThat(first.url()).isEqualTo("http://www.skiarealdomasov.cz/en/photos/domasov-18.unor-2012-225.html");
        assertThat(first.text()).hasSize(118);
        assertThat(first.id()).isEqualTo(HPLT + "#1");
        assertThat(first.metadata()).containsEntry("lang", "slk_Latn").containsKey("h").doesNotContainKey("t");
        assertThat(outcome.documents()).allSatisfy(d -> {
            assertThat(d.url()).isEqualTo(d.metadata().get("u"));
            assertThat(d.text()).isNotBlank();
        });
        Document repairedLine = outcome.documents().stream().filter(d -> d.source().position() == 82).findFirst().orElseThrow();
        assertThat(repairedLine.metadata().get("h")).asString().contains("\uFFFD");
        assertThat(outcome.positions()).doesNotContain(62L, 68L);
    }

    /** One line per document and per problem, so that a golden diff reads like a report. */
    private static String render(String fixture, ReadAll.Outcome outcome) throws JsonProcessingException {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"fixture\": ").append(JSON.writeValueAsString(fixture)).append(",\n");
        sb.append("  \"shards\": ").append(JSON.writeValueAsString(
                outcome.scan().shards().stream().map(Shard::formatLabel).toList())).append(",\n");
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("records", outcome.records());
        counts.put("documents", outcome.countedDocuments());
        counts.put("skipped", outcome.skipped());
        counts.put("repaired", outcome.repaired());
        sb.append("  \"counts\": ").append(JSON.writeValueAsString(counts)).append(",\n");
        sb.append("  \"documents\": [");
        String sep = "\n";
        for (Document d : outcome.documents()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id());
            row.put("url", d.url());
            row.put("position", d.source().position());
            row.put("textChars", d.text().length());
            row.put("textSha256", sha256Prefix(d.text()));
            sb.append(sep).append("    ").append(JSON.writeValueAsString(row));
            sep = ",\n";
        }
        sb.append(outcome.documents().isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"problems\": [");
        sep = "\n";
        for (Problem p : outcome.problems()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("position", p.position());
            row.put("kind", p.kind().jsonName());
            row.put("severity", p.severity().jsonName());
            sb.append(sep).append("    ").append(JSON.writeValueAsString(row));
            sep = ",\n";
        }
        sb.append(outcome.problems().isEmpty() ? "]\n" : "\n  ]\n");
        sb.append("}\n");
        return sb.toString();
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Golden files in this module's {@code src/test/resources/golden/}; rewritten with {@code -Dgolden.update=true}. */
    static final class Golden {
        private Golden() {
        }

        static Path dir() {
            // Surefire runs in the module folder and passes it as "basedir".
            Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
            return base.resolve("src").resolve("test").resolve("resources").resolve("golden");
        }

        static void check(String name, String actual) throws IOException {
            Path file = dir().resolve(name);
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, UTF_8);
                return;
            }
            if (!Files.isRegularFile(file)) {
                fail("golden file " + name + " is missing; run the test with -Dgolden.update=true to create it, then review it");
            }
            String expected = Files.readString(file, UTF_8).replace("\r\n", "\n");
            assertThat(actual).as("golden file %s (run with -Dgolden.update=true to accept a reviewed change)", name)
                    .isEqualTo(expected);
        }
    }
}
