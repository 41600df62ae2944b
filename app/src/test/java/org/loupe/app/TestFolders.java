package org.loupe.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.testing.Golden;

/** Small shard folders made by the tests themselves. */
public final class TestFolders {
    private TestFolders() {
    }

    /**
     * A folder with two gzip JSONL shards of {@code perShard} documents each, and one flawed shard with
     * an invalid JSON line and a null text.
     */
    public static Path shards(Path dir, int perShard) throws IOException {
        Files.createDirectories(dir);
        for (int s = 0; s < 2; s++) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("part-" + s + ".jsonl.gz")))) {
                for (int i = 0; i < perShard; i++) {
                    String line = "{\"id\":\"doc-" + s + "-" + i + "\",\"url\":\"https://www.site" + (i % 7)
                            + ".example.org/page/" + i + "\",\"text\":\"Document " + s + "/" + i
                            + " says hello.\\nIt has a second line about topic " + (i % 13) + ".\",\"lang\":\"en\"}\n";
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        Files.writeString(dir.resolve("flawed.jsonl"), "{\"text\":\"fine\"}\n{not json}\n{\"text\":null}\n");
        return dir;
    }

    /** Reference documents whose URL {@link #withRepeatedUrls} repeats. */
    public static final int REPEATED_URLS = 60;

    /**
     * A folder with one gzip JSONL shard: the 1,107 reference documents ({@link Golden#FIXTURES},
     * all with distinct URLs), then 1 to 3 copies (new ids) of {@link #REPEATED_URLS} of them, so that those URLs
     * occur in 2 to 4 documents. Every second copy has its text cut to two words, which the FineWeb pipeline
     * removes; the others copy the text exactly.
     */
    public static Path withRepeatedUrls(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Golden.open(Golden.FIXTURES)),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve("repeated.jsonl.gz"))),
                StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            for (int i = 0; i < REPEATED_URLS; i++) {
                ObjectNode doc = (ObjectNode) json.readTree(lines.get(i * (lines.size() / REPEATED_URLS)));
                for (int copy = 1; copy <= 1 + i % 3; copy++) {
                    ObjectNode c = doc.deepCopy();
                    c.put("id", doc.get("id").asText() + "/copy-" + copy);
                    if (copy % 2 == 0) {
                        c.put("text", "Short copy.");
                    }
                    out.write(json.writeValueAsString(c));
                    out.write('\n');
                }
            }
        }
        return dir;
    }
}
