package org.loupe.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.testing.Golden;
import picocli.CommandLine;

/**
 * {@code loupe explain} against the reference, as {@code tools/check_reference.py} checks it: every filter
 * on the original text (verdicts, metric values, C4's rewritten text) and the FineWeb chain (verdict,
 * failed step, final text). The language step needs the model from the assets module, which the engine
 * does not depend on; it is checked by {@code LanguageStepGoldenTest} and the app's CLI tests.
 */
class ExplainCommandGoldenTest {
    private static final String[] FILTERS = {"gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality"};

    @TempDir
    Path tmp;

    private static Map<String, JsonNode> read(Path file) {
        return org.loupe.engine.testing.Jsonl.byId(file);
    }

    private Map<String, JsonNode> explain(String... args) throws Exception {
        Path out = tmp.resolve("explain.jsonl");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--input", Golden.fixtures(tmp.resolve("golden")).toString(), "--out", out.toString()));
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(all.toArray(String[]::new))).isZero();
        return read(out);
    }

    @Test
    void independentFiltersAgreeWithDatatroveOnEveryDocumentMetricAndRewrite() throws Exception {
        Map<String, JsonNode> ref = Golden.byId(Golden.DATATROVE);
        Map<String, JsonNode> ours = explain("--preset", "datatrove-defaults", "--independent", "--disable", "language");
        List<String> bad = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, JsonNode> e : ref.entrySet()) {
            JsonNode o = ours.get(e.getKey());
            assertThat(o).as(e.getKey()).isNotNull();
            for (String f : FILTERS) {
                JsonNode r = e.getValue().get(f);
                JsonNode s = o.get("steps").get(f);
                if (s.get("keep").asBoolean() != r.get("keep").asBoolean()
                        || !Objects.equals(text(s.get("reason")), text(r.get("reason")))) {
                    bad.add(e.getKey() + " " + f + " verdict");
                }
                JsonNode metrics = r.get("metrics");
                if (metrics != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> m = it.next();
                        JsonNode w = s.get("metrics").get(m.getKey());
                        if (m.getValue().isNull()) {
                            if (w != null && !w.isNull()) {
                                bad.add(e.getKey() + " " + f + "." + m.getKey() + " should be undefined");
                            }
                            continue;
                        }
                        double d = Math.abs(w.asDouble() - m.getValue().asDouble());
                        worst = Math.max(worst, d);
                        if (d >= 1e-9) {
                            bad.add(e.getKey() + " " + f + "." + m.getKey());
                        }
                    }
                }
                if (f.equals("c4_quality") && r.get("keep").asBoolean()
                        && !r.get("text_after").asText().equals(s.get("text_after").asText())) {
                    bad.add(e.getKey() + " c4 text_after");
                }
            }
        }
        assertThat(bad).isEmpty();
        assertThat(worst).isLessThan(1e-9);
    }

    @Test
    void theFineWebChainAgreesWithDatatroveIncludingTheFinalText() throws Exception {
        Map<String, JsonNode> ref = Golden.byId(Golden.DATATROVE);
        Map<String, JsonNode> ours = explain("--preset", "fineweb", "--disable", "url,language");
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ref.entrySet()) {
            JsonNode rc = e.getValue().get("fineweb_chain");
            JsonNode c = ours.get(e.getKey());
            boolean ok = c.get("keep").asBoolean() == rc.get("keep").asBoolean()
                    && Objects.equals(text(c.get("reason")), text(rc.get("reason")))
                    && Objects.equals(text(c.get("failed_step")), text(rc.get("failed_step")))
                    && (!rc.get("keep").asBoolean() || c.get("text_after").asText().equals(rc.get("text_after").asText()));
            if (!ok) {
                bad.add(e.getKey());
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void aMinHashStepExplainsDatatrovesClustersWithoutItsSignatureColumns() throws Exception {
        Path input = Golden.copy("dedup/dedup_in.jsonl.gz", tmp.resolve("dedup"));
        Path config = tmp.resolve("minhash.yaml");
        java.nio.file.Files.writeString(config, "schema_version: 1\nname: minhash\nsteps:\n  - type: minhash_dedup\n");
        Path out = tmp.resolve("explain-dedup.jsonl");
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--config", config.toString(), "--input", input.getParent().toString(), "--out", out.toString())).isZero();
        List<JsonNode> ours = org.loupe.engine.testing.Jsonl.read(out);
        List<JsonNode> ref = Golden.read("dedup/dedup_ref.jsonl.gz");
        assertThat(ours).hasSameSizeAs(ref);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ref.size(); i++) {
            JsonNode r = ref.get(i).get("minhash");
            JsonNode s = ours.get(i).get("steps").get("minhash_dedup");
            assertThat(ours.get(i).get("id").asText()).isEqualTo(ref.get(i).get("id").asText());
            if (s.get("keep").asBoolean() != r.get("keep").asBoolean()
                    || s.get("cluster_id").asInt() != r.get("cluster_id").asInt()
                    || s.get("cluster_size").asInt() != r.get("cluster_size").asInt()) {
                bad.add(ref.get(i).get("id").asText());
            }
            int cluster = s.get("cluster_id").asInt();
            if (cluster < 0) {
                assertThat(s.get("survivor_id").isNull()).isTrue();
            } else if (s.get("keep").asBoolean()) {
                assertThat(s.get("survivor_id").asText()).isEqualTo(ours.get(i).get("id").asText());
            }
            List<String> metrics = new ArrayList<>();
            s.get("metrics").fieldNames().forEachRemaining(metrics::add);
            assertThat(metrics).containsExactly("n_shingles");
        }
        assertThat(bad).isEmpty();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
