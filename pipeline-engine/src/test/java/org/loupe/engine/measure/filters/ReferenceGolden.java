package org.loupe.engine.measure.filters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.testing.Golden;

/**
 * The reference outputs ({@code golden/reference/datatrove_ref.jsonl.gz} in the test resources, produced by
 * running datatrove itself, see {@code golden/reference/README.md}) joined with their input documents
 * ({@code golden/reference/fixtures_in.jsonl.gz}). Loaded once per test JVM.
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
        if (docs == null) {
            docs = load(Golden.read(Golden.FIXTURES), Golden.read(Golden.DATATROVE));
        }
        return docs;
    }

    private static List<Doc> load(List<JsonNode> inputs, List<JsonNode> reference) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode n : inputs) {
            texts.put(n.get("id").asText(), n.get("text").asText());
        }
        List<Doc> out = new ArrayList<>();
        for (JsonNode n : reference) {
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
}
