package org.loupe.engine.measure.filters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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
import org.loupe.engine.testing.SharedData;

/**
 * The reference outputs of the shared spec ({@code golden/datatrove_ref.jsonl.gz}, produced by running
 * datatrove itself, see {@code golden/README.md}) joined with their input documents
 * ({@code golden/fixtures_in.jsonl.gz}). Loaded once per test JVM; tests skip when the spec folder is absent.
 */
final class ReferenceGolden {
    private ReferenceGolden() {
    }

    /** One filter's reference outcome for one document. */
    record Outcome(boolean keep, String reason, Map<String, Double> metrics, String textAfter) {
    }

    /** The FineWeb recipe's chain outcome. */
    record Chain(boolean keep, String failedStep, String reason, String textAfter) {
    }

    /** One fixture document with its reference outcomes. */
    record Doc(String id, String text, List<String> words, List<String> sentences, Outcome gopherQuality,
               Outcome gopherRepetition, Outcome c4Quality, Outcome fineWebQuality, Chain chain) {
        @Override
        public String toString() {
            return id;
        }
    }

    private static List<Doc> docs;

    /** All 1,107 documents, in file order. */
    static synchronized List<Doc> docs() {
        Path golden = SharedData.specDir().resolve("golden");
        if (docs == null) {
            docs = load(golden.resolve("fixtures_in.jsonl.gz"), golden.resolve("datatrove_ref.jsonl.gz"));
        }
        return docs;
    }

    private static List<Doc> load(Path inputs, Path reference) {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode n : lines(json, inputs)) {
            texts.put(n.get("id").asText(), n.get("text").asText());
        }
        List<Doc> out = new ArrayList<>();
        for (JsonNode n : lines(json, reference)) {
            String id = n.get("id").asText();
            JsonNode chain = n.get("fineweb_chain");
            out.add(new Doc(id, texts.get(id), strings(n.get("words")), strings(n.get("sentences")),
                    outcome(n.get("gopher_quality")), outcome(n.get("gopher_repetition")), outcome(n.get("c4_quality")),
                    outcome(n.get("fineweb_quality")),
                    new Chain(chain.get("keep").asBoolean(), text(chain.get("failed_step")), text(chain.get("reason")),
                            text(chain.get("text_after")))));
        }
        return List.copyOf(out);
    }

    private static Outcome outcome(JsonNode n) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = n.get("metrics");
        if (m != null) {
            m.fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asDouble()));
        }
        return new Outcome(n.get("keep").asBoolean(), text(n.get("reason")), metrics, text(n.get("text_after")));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>(n.size());
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static List<JsonNode> lines(ObjectMapper json, Path gz) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
