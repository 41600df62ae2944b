package org.loupe.engine.measure.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.testing.Golden;

/** The golden dedup input and datatrove's per-document results, read once per test JVM. */
final class DedupGolden {
    static final List<JsonNode> INPUT = Golden.read("dedup/dedup_in.jsonl.gz");
    static final List<JsonNode> REF = Golden.read("dedup/dedup_ref.jsonl.gz");
    static final List<JsonNode> PAIRS = Golden.read("dedup/dedup_minhash_pairs.jsonl.gz");

    private DedupGolden() {
    }

    static List<String> texts() {
        List<String> out = new ArrayList<>();
        for (JsonNode d : INPUT) {
            out.add(d.get("text").asText());
        }
        return out;
    }

    static List<String> urls() {
        List<String> out = new ArrayList<>();
        for (JsonNode d : INPUT) {
            JsonNode u = d.get("url");
            out.add(u == null || u.isNull() ? "" : u.asText());
        }
        return out;
    }
}
