package org.loupe.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled reference outputs are whole: the sanity counts of their README (golden/reference/README.md), one
 * line per fixture document in every per-document file, and the dedup input and results line for line.
 */
class GoldenTest {
    @TempDir
    Path tmp;

    @Test
    void everyPerDocumentFileHasOneLinePerFixtureDocument() {
        Map<String, JsonNode> fixtures = Golden.byId(Golden.FIXTURES);
        assertThat(fixtures).hasSize(1107);
        assertThat(Golden.byId(Golden.DATATROVE).keySet()).containsExactlyElementsOf(fixtures.keySet());
        assertThat(Golden.byId(Golden.LID176).keySet()).containsExactlyInAnyOrderElementsOf(fixtures.keySet());
    }

    @Test
    void theReferenceKeepsAsManyDocumentsAsItsReadmeSays() {
        List<JsonNode> ref = Golden.read(Golden.DATATROVE);
        assertThat(kept(ref, "gopher_quality")).isEqualTo(852);
        assertThat(kept(ref, "gopher_repetition")).isEqualTo(1016);
        assertThat(kept(ref, "c4_quality")).isEqualTo(883);
        assertThat(kept(ref, "fineweb_quality")).isEqualTo(1047);
        assertThat(kept(ref, "fineweb_chain")).isEqualTo(737);
    }

    @Test
    void theDedupResultsHaveOneLinePerInputDocumentAndTheMinHashConstantsAreAllThere() throws Exception {
        assertThat(Golden.read("dedup/dedup_in.jsonl.gz")).hasSize(1747);
        assertThat(Golden.read("dedup/dedup_ref.jsonl.gz")).hasSize(1747);
        assertThat(Golden.read("dedup/dedup_minhash_pairs.jsonl.gz")).isNotEmpty();
        try (InputStream in = Golden.open("minhash_params.json")) {
            JsonNode params = new ObjectMapper().readTree(in);
            assertThat(params.get("a")).hasSize(112);
            assertThat(params.get("b")).hasSize(112);
        }
    }

    @Test
    void fixturesAreCopiedOnceAndAMissingFileFails() throws Exception {
        Path copy = Golden.fixtures(tmp);
        assertThat(copy).isEqualTo(tmp.resolve(Golden.FIXTURES));
        long modified = Files.getLastModifiedTime(copy).toMillis();
        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
        assertThat(Golden.fixtures(tmp)).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy).toMillis()).isEqualTo(modified - 60_000);
        assertThat(Jsonl.read(copy)).hasSize(1107);
        assertThatThrownBy(() -> Golden.open("nope.jsonl.gz")).hasMessageContaining("nope.jsonl.gz");
    }

    private static long kept(List<JsonNode> ref, String step) {
        return ref.stream().filter(n -> n.get(step).get("keep").asBoolean()).count();
    }
}
