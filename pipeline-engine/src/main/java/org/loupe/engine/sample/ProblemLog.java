package org.loupe.engine.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.read.Problem;
import org.loupe.engine.read.ProblemKind;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.Severity;

/**
 * Every problem met while reading, streamed to a JSONL file (so millions of bad lines cost no memory),
 * with counts per kind. Thread-safe.
 */
public final class ProblemLog implements ProblemSink, AutoCloseable {
    public static final String FILE = "problems.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final Map<String, Long> byKind = new TreeMap<>();
    private long total;

    public ProblemLog(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void report(Problem p) {
        total++;
        byKind.merge(p.kind().jsonName(), 1L, Long::sum);
        try {
            out.write(toJson(p).toString());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized long total() {
        return total;
    }

    public synchronized Map<String, Long> byKind() {
        return new TreeMap<>(byKind);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    static ObjectNode toJson(Problem p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", p.file().toString());
        n.put("position", p.position());
        n.put("position_kind", p.positionKind().jsonName());
        n.put("kind", p.kind().jsonName());
        n.put("severity", p.severity().jsonName());
        n.put("message", p.message());
        return n;
    }

    static Problem fromJson(JsonNode n) {
        return new Problem(Path.of(n.get("file").asText()), n.get("position").asLong(),
                PositionKind.valueOf(n.get("position_kind").asText().toUpperCase(java.util.Locale.ROOT)),
                ProblemKind.valueOf(n.get("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                Severity.valueOf(n.get("severity").asText().toUpperCase(java.util.Locale.ROOT)),
                n.get("message").asText());
    }

    /** Reads a problem log back. */
    public static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        /** Up to {@code max} problems, in the order they were met. */
        public List<Problem> read(int max) {
            List<Problem> list = new ArrayList<>();
            if (!Files.exists(file)) {
                return list;
            }
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while (list.size() < max && (line = r.readLine()) != null) {
                    list.add(fromJson(JSON.readTree(line)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return list;
        }
    }
}
