package org.loupe.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

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
}
