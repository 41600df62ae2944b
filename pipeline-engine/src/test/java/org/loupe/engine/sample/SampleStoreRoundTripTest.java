package org.loupe.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.task.TaskContext;

/** What goes into the sample store comes back out: every field of every document, and the row columns agree. */
class SampleStoreRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String longText(int chars, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(chars);
        while (sb.length() < chars) {
            sb.append("word").append(r.nextInt(1000)).append(r.nextInt(10) == 0 ? '\n' : ' ');
        }
        return sb.toString();
    }

    private static List<Map<String, Object>> records() {
        List<Map<String, Object>> recs = new ArrayList<>();
        recs.add(map("id", "astral", "text", "emoji 😀🎉 and math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and CJK 𠜎𠜱 𝄞", "url", "https://example.com/😀"));
        recs.add(map("id", "nul", "text", "before\u0000after \u0001\u001f controls", "url", null));
        recs.add(map("id", "long", "text", longText(3_000_000, 1), "url", "http://long.example/"));
        recs.add(map("id", "no-url", "text", "a document without any url field"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("nested", map("a", 1, "b", List.of(1, 2.5, "three", true, false), "c", map("deep", map("deeper", "yes"))));
        meta.put("list", Arrays.asList(1, null, "x", List.of(), Map.of()));
        meta.put("int", 7);
        meta.put("long", 12_345_678_901L);
        meta.put("double", 0.25);
        meta.put("negative", -3.5e-7);
        meta.put("true", true);
        meta.put("false", false);
        meta.put("null", null);
        meta.put("unicode key ü😀", "value ü😀");
        Map<String, Object> rich = map("id", "rich", "text", "metadata of every JSON kind", "url", "https://www.rich.example/x?y=1");
        rich.putAll(meta);
        recs.add(rich);
        recs.add(map("id", 12345, "text", "numeric id", "url", "https://num.example"));
        recs.add(map("text", "no id at all: the id falls back to the shard and position"));
        recs.add(map("id", "quotes", "text", "\"quoted\" \\ backslash \t tab \r\n crlf  two  spaces\u00a0nbsp", "url", "x"));
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            recs.add(map("id", "bulk-" + i, "text", TestCorpus.randomText(r) + (i % 50 == 0 ? longText(100_000, i) : ""),
                    "url", i % 3 == 0 ? null : "https://bulk.example/" + i, "i", i));
        }
        return recs;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Path writeShard(Path folder, String name, List<Map<String, Object>> recs) throws IOException {
        Files.createDirectories(folder);
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> rec : recs) {
            sb.append(JSON.writeValueAsString(rec)).append('\n');
        }
        Path file = folder.resolve(name);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void everyDocumentComesBackWithItsIdTextUrlMetadataAndSource() throws IOException {
        List<Map<String, Object>> recs = records();
        Path folder = tmp.resolve("in");
        Path shard = writeShard(folder, "docs.jsonl", recs);
        Path dir = tmp.resolve("sample");
        new Sampler(2).draw(new ShardScanner().scan(folder), SampleSpec.ofSize(10_000, 1), ReaderOptions.defaults(), dir,
                TaskContext.NONE);

        try (Sample s = Sample.open(dir)) {
            assertThat(s.size()).isEqualTo(recs.size());
            for (int row = 0; row < s.size(); row++) {
                Document d = s.document(row);
                int line = row + 1;
                // Parse the line as it is on disk: the expectation is what JSON says, not what we put in.
                Map<String, Object> parsed = JSON.readValue(JSON.writeValueAsString(recs.get(row)), new TypeReference<LinkedHashMap<String, Object>>() { });
                Object id = parsed.remove("id");
                Object text = parsed.remove("text");

                assertThat(d.id()).isEqualTo(id == null ? "docs.jsonl#" + line : id.toString());
                assertThat(d.text()).isEqualTo(text);
                assertThat(d.url()).isEqualTo(parsed.get("url"));
                assertThat(d.metadata()).isEqualTo(parsed);
                assertThat(d.source().shard()).isEqualTo(shard.toAbsolutePath().normalize());
                assertThat(d.source().position()).isEqualTo(line);
                assertThat(d.source().kind()).isEqualTo(PositionKind.LINE);

                assertThat(s.id(row)).isEqualTo(d.id());
                assertThat(s.url(row)).isEqualTo(d.url());
                assertThat(s.position(row)).isEqualTo(line);
                assertThat(s.shardPath(row)).isEqualTo(d.source().shard());
                assertThat(s.shardRelativePath(row)).isEqualTo("docs.jsonl");
                assertThat(s.chars(row)).isEqualTo(d.text().codePointCount(0, d.text().length()));
                assertThat(s.words(row)).isEqualTo(TextCounts.words(d.text()));
            }
        }
    }

    @Test
    void documentsCanBeReadInAnyOrderAndFromSeveralThreads() throws Exception {
        List<Map<String, Object>> recs = records();
        Path folder = tmp.resolve("in");
        writeShard(folder, "a.jsonl", recs);
        Path dir = tmp.resolve("sample");
        new Sampler(1).draw(new ShardScanner().scan(folder), SampleSpec.ofSize(10_000, 1), ReaderOptions.defaults(), dir,
                TaskContext.NONE);
        try (Sample s = Sample.open(dir)) {
            List<String> forward = new ArrayList<>();
            for (int row = 0; row < s.size(); row++) {
                forward.add(s.document(row).text());
            }
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                int seed = t;
                Thread th = new Thread(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        int row = r.nextInt(s.size());
                        if (!s.document(row).text().equals(forward.get(row))) {
                            errors.add(new AssertionError("row " + row + " differs"));
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aSampleOfASingleFileKnowsThatFileAsTheSourceOfEveryRow() throws IOException {
        Path folder = tmp.resolve("in");
        Path shard = writeShard(folder, "single.jsonl", records().subList(0, 20));
        Path dir = tmp.resolve("sample");
        new Sampler(2).draw(new ShardScanner().scan(shard), SampleSpec.ofSize(5, 1), ReaderOptions.defaults(), dir,
                TaskContext.NONE);
        try (Sample s = Sample.open(dir)) {
            assertThat(s.size()).isEqualTo(5);
            for (int row = 0; row < s.size(); row++) {
                assertThat(s.shardPath(row)).isEqualTo(shard.toAbsolutePath().normalize());
                assertThat(s.document(row).source().shard()).isEqualTo(shard.toAbsolutePath().normalize());
                assertThat(s.shardRelativePath(row)).isEqualTo("single.jsonl");
            }
        }
    }

    @Test
    void anEmptySampleOpensWithNoRows() throws IOException {
        Path folder = tmp.resolve("in");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("bad.jsonl"), "{broken\n[1]\n");
        Path dir = tmp.resolve("sample");
        new Sampler(2).draw(new ShardScanner().scan(folder), SampleSpec.ofSize(5, 1), ReaderOptions.defaults(), dir,
                TaskContext.NONE);
        try (Sample s = Sample.open(dir)) {
            assertThat(s.size()).isZero();
            assertThat(s.manifest().stats().records()).isEqualTo(2);
            assertThat(s.manifest().stats().skipped()).isEqualTo(2);
            assertThat(s.problems().read(10)).hasSize(2);
        }
    }
}
