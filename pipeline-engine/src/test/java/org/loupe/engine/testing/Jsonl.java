package org.loupe.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads JSON-lines files (plain or .gz), such as the reference's golden outputs (see {@link Golden}). */
public final class Jsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jsonl() {
    }

    public static List<JsonNode> read(Path file) {
        try {
            return read(Files.newInputStream(file), file.toString().endsWith(".gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-blank lines of a stream, gunzipped first when {@code gzip}; closes the stream. */
    public static List<JsonNode> read(InputStream raw, boolean gzip) {
        List<JsonNode> out = new ArrayList<>();
        try (raw; InputStream in = gzip ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The lines by their "id" field. */
    public static Map<String, JsonNode> byId(Path file) {
        return byId(read(file));
    }

    /** The lines by their "id" field. */
    public static Map<String, JsonNode> byId(List<JsonNode> lines) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode n : lines) {
            m.put(n.get("id").asText(), n);
        }
        return m;
    }
}
