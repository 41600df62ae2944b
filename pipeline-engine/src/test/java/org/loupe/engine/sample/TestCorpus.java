package org.loupe.engine.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.io.AtomicFiles;

/**
 * A folder of generated JSONL shards (plain and gzip, some in sub-folders) with some invalid lines, and
 * what a reader must make of it: the documents (with their line numbers) and the number of bad records.
 * The brute-force oracle of a sample is computed here from {@link SampleKeys}.
 */
final class TestCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BAD_LINES = {
        "{not json",
        "[1, 2, 3]",
        "\"just a string\"",
        "{\"id\": \"x\", \"no_text_here\": 1}",
        "{\"text\": \"\"}",
        "{\"text\": null}",
        "{\"text\": 42}",
        "{\"text\": \"ok\"} trailing",
    };

    /** One valid document: where it is and what it holds. */
    record Doc(String shard, int shardIndex, long line, String id, String text, String url) { }

    final Path dir;
    final List<String> shards = new ArrayList<>();
    final List<Doc> docs = new ArrayList<>();
    long records;
    long skipped;

    private TestCorpus(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes {@code shardCount} shards of up to {@code maxDocs} documents each, with bad lines at rate
     * {@code badRate} and some blank lines (which are not records).
     */
    static TestCorpus write(Path dir, long seed, int shardCount, int maxDocs, double badRate) throws IOException {
        Random r = new Random(seed);
        TestCorpus c = new TestCorpus(dir);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < shardCount; s++) {
            String name = switch (s % 3) {
                case 0 -> String.format("part-%03d.jsonl", s);
                case 1 -> String.format("part-%03d.jsonl.gz", s);
                default -> String.format("sub/part-%03d.jsonl", s);
            };
            names.add(name);
        }
        // The scanner orders shards by relative path; so does the oracle.
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.naturalOrder());
        c.shards.addAll(sorted);
        for (int s = 0; s < shardCount; s++) {
            String name = names.get(s);
            int shardIndex = sorted.indexOf(name);
            int n = maxDocs == 0 ? 0 : r.nextInt(maxDocs + 1);
            StringBuilder content = new StringBuilder();
            long line = 0;
            for (int i = 0; i < n; i++) {
                if (r.nextInt(20) == 0) {
                    content.append(r.nextBoolean() ? "\n" : "   \n");
                    line++;
                }
                line++;
                if (r.nextDouble() < badRate) {
                    content.append(BAD_LINES[r.nextInt(BAD_LINES.length)]).append('\n');
                    c.records++;
                    c.skipped++;
                    continue;
                }
                String id = "doc-" + s + "-" + i;
                String text = randomText(r);
                String url = r.nextInt(4) == 0 ? null : "https://site" + r.nextInt(10) + ".example/p/" + i;
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("id", id);
                record.put("text", text);
                if (url != null) {
                    record.put("url", url);
                }
                record.put("n", i);
                content.append(JSON.writeValueAsString(record)).append('\n');
                c.records++;
                c.docs.add(new Doc(name, shardIndex, line, id, text, url));
            }
            if (content.length() == 0) {
                // A shard without records, but not an empty file (which the scanner reports instead of listing).
                content.append('\n');
            }
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
                    : Files.newOutputStream(file)) {
                out.write(bytes);
            }
        }
        c.docs.sort(Comparator.comparingInt(Doc::shardIndex).thenComparingLong(Doc::line));
        return c;
    }

    static String randomText(Random r) {
        String[] words = {"alpha", "beta", "gamma", "delta", "über", "naïve", "東京", "😀", "x", "data", "\"quoted\"", "tab\there"};
        int n = 1 + r.nextInt(30);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(r.nextInt(8) == 0 ? "\n" : " ");
            }
            sb.append(words[r.nextInt(words.length)]);
        }
        return sb.toString();
    }

    long key(long seed, Doc d) {
        return SampleKeys.key(seed, SampleKeys.shardHash(d.shard()), d.line());
    }

    /** The brute-force size-{@code k} sample: the k documents with the smallest keys, in (shard, line) order. */
    List<Doc> bottomK(long seed, int k) {
        List<Doc> byKey = new ArrayList<>(docs);
        byKey.sort((a, b) -> {
            int c = Long.compareUnsigned(key(seed, a), key(seed, b));
            return c != 0 ? c : Integer.compare(a.shardIndex(), b.shardIndex()) != 0
                    ? Integer.compare(a.shardIndex(), b.shardIndex()) : Long.compare(a.line(), b.line());
        });
        List<Doc> chosen = new ArrayList<>(byKey.subList(0, Math.min(k, byKey.size())));
        chosen.sort(Comparator.comparingInt(Doc::shardIndex).thenComparingLong(Doc::line));
        return chosen;
    }

    /** The brute-force fraction sample, in (shard, line) order. */
    List<Doc> fraction(long seed, double f) {
        return docs.stream().filter(d -> SampleKeys.inFraction(key(seed, d), f)).toList();
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
