package org.loupe.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.testing.Golden;
import picocli.CommandLine;

/**
 * {@code loupe dedup} on the golden dedup input (1,747 documents): the MinHash clusters equal datatrove's
 * ({@code dedup_ref}), the JSON has its documented shape, and mistakes are one sentence and exit code 2.
 */
class DedupCommandTest {
    @TempDir
    static Path tmp;

    private static Path folder;
    private static Path minhash;
    private static JsonNode json;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = org.loupe.engine.cli.CliErrors.install(new CommandLine(new DedupCommand()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--workspace", tmp.resolve("ws").toString(), "--size", "5000"));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void dedupTheGoldenInputWithTheDefaultMinHash() throws Exception {
        folder = Golden.copy("dedup/dedup_in.jsonl.gz", tmp.resolve("in")).getParent();
        minhash = tmp.resolve("minhash.yaml");
        Files.writeString(minhash, "schema_version: 1\nname: minhash\nsteps:\n  - type: minhash_dedup\n");
        Run r = run(folder.toString(), "--config", minhash.toString(), "--json", "--limit", "0");
        assertThat(r.code()).as(r.err()).isZero();
        json = new ObjectMapper().readTree(r.out());
    }

    @Test
    void theClustersAndTheirSizesAreDatatroves() {
        List<JsonNode> ref = Golden.read("dedup/dedup_ref.jsonl.gz");
        Map<Integer, Integer> refSizes = new HashMap<>();
        Map<Integer, Set<String>> refMembers = new HashMap<>();
        int refRemoved = 0;
        for (JsonNode r : ref) {
            JsonNode m = r.get("minhash");
            if (m.get("cluster_id").asInt() >= 0) {
                refSizes.put(m.get("cluster_id").asInt(), m.get("cluster_size").asInt());
                refMembers.computeIfAbsent(m.get("cluster_id").asInt(), c -> new HashSet<>()).add(r.get("id").asText());
            }
            if (!m.get("keep").asBoolean()) {
                refRemoved++;
            }
        }
        JsonNode step = json.get("steps").get(0);
        assertThat(step.get("step").asText()).isEqualTo("minhash_dedup");
        assertThat(step.get("documents").asLong()).isEqualTo(1747);
        assertThat(step.get("clusters").asInt()).isEqualTo(refSizes.size());
        assertThat(step.get("removed").asInt()).isEqualTo(refRemoved);
        assertThat(step.get("largest")).hasSize(refSizes.size()).as("--limit 0 lists every cluster");
        Set<Set<String>> ours = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode c : step.get("largest")) {
            Set<String> members = new HashSet<>();
            c.get("members").forEach(m -> members.add(m.get("id").asText()));
            assertThat(members).hasSize(c.get("size").asInt()).contains(c.get("survivor").asText());
            ours.add(members);
            sizes.add(c.get("size").asInt());
        }
        assertThat(ours).isEqualTo(new HashSet<>(refMembers.values()));
        assertThat(sizes).isSortedAccordingTo((a, b) -> Integer.compare(b, a)).as("largest first");
        List<Integer> refSorted = new ArrayList<>(refSizes.values());
        refSorted.sort((a, b) -> Integer.compare(b, a));
        assertThat(sizes).isEqualTo(refSorted);
    }

    @Test
    void theJsonHasItsDocumentedShape() {
        assertThat(json.get("config").asText()).isEqualTo("minhash");
        assertThat(json.get("documents").asInt()).isEqualTo(1747);
        JsonNode step = json.get("steps").get(0);
        assertThat(step.get("type").asText()).isEqualTo("minhash_dedup");
        assertThat(step.has("removed_tokens")).isTrue();
        long removed = 0;
        for (JsonNode c : step.get("largest")) {
            assertThat(c.has("id")).isTrue();
            int survivors = 0;
            for (JsonNode m : c.get("members")) {
                assertThat(m.fieldNames()).toIterable().containsExactly("id", "url", "domain", "removed", "jaccard");
                if (m.get("removed").asBoolean()) {
                    removed++;
                    assertThat(m.get("jaccard").asDouble()).isBetween(0.0, 1.0);
                } else {
                    survivors++;
                    assertThat(m.get("id").asText()).isEqualTo(c.get("survivor").asText());
                    assertThat(m.get("jaccard").asDouble()).isEqualTo(1.0);
                }
                assertThat(m.get("domain").asText()).isEqualTo(Hosts.site(m.get("url").asText()));
            }
            assertThat(survivors).isEqualTo(1);
        }
        assertThat(removed).isEqualTo(step.get("removed").asLong());
    }

    @Test
    void theTextListsTheLargestClustersAndTotals() {
        Run r = run(folder.toString(), "--config", minhash.toString(), "--limit", "2");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("minhash_dedup (minhash_dedup): 1,747 documents given, ")
                .contains("  cluster ").contains(" J=1.000").contains("more clusters (--limit 0 lists all)");
        assertThat(r.out().lines().filter(l -> l.startsWith("  cluster ")).count()).isEqualTo(2);
    }

    @Test
    void aPipelineWithoutDedupIsOneSentenceAndExitCode2() throws Exception {
        Path filters = tmp.resolve("filters.yaml");
        Files.writeString(filters, "schema_version: 1\nname: filters\nsteps:\n  - type: gopher_quality\n");
        Run r = run(folder.toString(), "--config", filters.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("loupe dedup: the pipeline 'filters' has no enabled dedup step").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run negative = run(folder.toString(), "--config", minhash.toString(), "--limit", "-1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--limit must not be negative").doesNotContain("Exception");
        Run both = run(folder.toString(), "--config", minhash.toString(), "--preset", "fineweb");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Run missing = run(tmp.resolve("nowhere").toString(), "--config", minhash.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or folder");
    }
}
