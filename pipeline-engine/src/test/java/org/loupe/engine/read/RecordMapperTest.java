package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;

/** Which fields become a document's text, id and URL, with auto-detection and with explicit keys. */
class RecordMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARD = Path.of("data", "shard.jsonl");

    private static Map<String, Object> record(String json) throws Exception {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    static Stream<Arguments> mapped() {
        FieldMapping auto = FieldMapping.auto();
        return Stream.of(
                Arguments.of("plain C4 record", auto, "{\"text\":\"a\",\"url\":\"https://x.org/\",\"timestamp\":\"t\"}",
                        "a", "shard.jsonl#7", "https://x.org/"),
                Arguments.of("Dolma: id, and URL from nested metadata", auto,
                        "{\"id\":\"d1\",\"text\":\"a\",\"metadata\":{\"url\":\"https://n.org/\"}}", "a", "d1", "https://n.org/"),
                Arguments.of("HPLT short keys", auto, "{\"u\":\"https://h.org/\",\"t\":\"a\",\"h\":\"<p>a</p>\"}",
                        "a", "shard.jsonl#7", "https://h.org/"),
                Arguments.of("null url is passed over for metadata.url", auto,
                        "{\"text\":\"a\",\"url\":null,\"metadata\":{\"url\":\"https://n.org/\"}}", "a", "shard.jsonl#7", "https://n.org/"),
                Arguments.of("null id is passed over for doc_id", auto,
                        "{\"text\":\"a\",\"id\":null,\"doc_id\":\"d2\"}", "a", "d2", null),
                Arguments.of("a literal dotted key wins over the nested path", auto,
                        "{\"text\":\"a\",\"metadata.url\":\"https://lit.org/\",\"metadata\":{\"url\":\"https://n.org/\"}}",
                        "a", "shard.jsonl#7", "https://lit.org/"),
                Arguments.of("exact keys win over keys that differ in case", auto,
                        "{\"TEXT\":\"upper\",\"text\":\"lower\",\"URL\":\"https://u.org/\",\"u\":\"https://l.org/\"}",
                        "lower", "shard.jsonl#7", "https://l.org/"),
                Arguments.of("upper-case Parquet columns are found ignoring case", auto,
                        "{\"TEXT\":\"caption\",\"URL\":\"https://img.org/1.jpg\",\"__index_level_0__\":3}",
                        "caption", "shard.jsonl#7", "https://img.org/1.jpg"),
                Arguments.of("WARC target URI", auto, "{\"content\":\"a\",\"WARC-Target-URI\":\"https://w.org/\"}",
                        "a", "shard.jsonl#7", "https://w.org/"),
                Arguments.of("numeric id", auto, "{\"text\":\"a\",\"id\":12345678901234567890}",
                        "a", "12345678901234567890", null),
                Arguments.of("explicit nested keys", new FieldMapping("body.main", "key", "link.href"),
                        "{\"body\":{\"main\":\"a\"},\"key\":\"k1\",\"link\":{\"href\":\"https://e.org/\"},\"text\":\"not this\"}",
                        "a", "k1", "https://e.org/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mapped")
    void findsTheTextIdAndUrl(String why, FieldMapping mapping, String json, String text, String id, String url) throws Exception {
        RecordMapper.Result result = new RecordMapper(SHARD, PositionKind.LINE, mapping).map(record(json), 7);

        assertThat(result).isInstanceOfSatisfying(RecordMapper.Mapped.class, m -> {
            Document d = m.document();
            assertThat(d.text()).isEqualTo(text);
            assertThat(d.id()).isEqualTo(id);
            assertThat(d.url()).isEqualTo(url);
            assertThat(d.source().position()).isEqualTo(7);
        });
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("{\"text\":null,\"content\":\"c\"}", ProblemKind.NULL_TEXT),
                Arguments.of("{\"t\":null,\"u\":\"https://h.org/\"}", ProblemKind.NULL_TEXT),
                Arguments.of("{\"text\":1.5}", ProblemKind.NOT_TEXT),
                Arguments.of("{\"title\":\"no text\"}", ProblemKind.MISSING_TEXT),
                Arguments.of("{\"text\":\" \\n\\t\"}", ProblemKind.EMPTY_TEXT));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("rejected")
    void aRecordWithoutUsableTextIsRejectedWithOneSkippedProblem(String json, ProblemKind kind) throws Exception {
        RecordMapper.Result result = new RecordMapper(SHARD, PositionKind.LINE, FieldMapping.auto()).map(record(json), 3);

        assertThat(result).isInstanceOfSatisfying(RecordMapper.Rejected.class, r -> {
            assertThat(ProblemAt.of(r.problem())).isEqualTo(ProblemAt.skipped(3, kind));
            assertThat(r.problem().file()).isEqualTo(SHARD);
        });
    }
}
