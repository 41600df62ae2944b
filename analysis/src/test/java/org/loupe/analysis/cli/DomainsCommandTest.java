package org.loupe.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.testing.Golden;
import picocli.CommandLine;

/** {@code loupe domains --json} on the 1,107 reference documents: counts equal brute-force sums. */
class DomainsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theJsonListsDomainsByTokensWithCountsThatAddUp() throws Exception {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        StringWriter out = new StringWriter();
        CommandLine cli = org.loupe.engine.cli.CliErrors.install(new CommandLine(new DomainsCommand()));
        cli.setOut(new PrintWriter(out));
        int code = cli.execute(fixtures.toString(), "--json", "--limit", "0", "--workspace", tmp.resolve("ws").toString(),
                "--preset", "fineweb");
        assertThat(code).isZero();
        JsonNode domains = new ObjectMapper().readTree(out.toString());
        long documents = 0;
        long previousTokens = Long.MAX_VALUE;
        for (JsonNode d : domains) {
            documents += d.get("documents").asLong();
            assertThat(d.get("tokens").asLong()).isLessThanOrEqualTo(previousTokens);
            previousTokens = d.get("tokens").asLong();
            long removed = 0;
            for (JsonNode v : d.get("removed_by")) {
                removed += v.asLong();
            }
            assertThat(d.get("kept_documents").asLong() + removed).isEqualTo(d.get("documents").asLong());
        }
        assertThat(documents).isEqualTo(1107);
        // Brute force over the file: documents per registrable domain.
        Map<String, Long> expected = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(fixtures)), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode doc = json.readTree(line);
                String url = doc.path("metadata").path("url").asText(doc.path("url").asText(null));
                String d = Hosts.site(url);
                expected.merge(d == null ? "(no url)" : d, 1L, Long::sum);
            }
        }
        Map<String, Long> actual = new HashMap<>();
        domains.forEach(d -> actual.put(d.get("domain").asText(), d.get("documents").asLong()));
        assertThat(actual).isEqualTo(expected);
    }
}
