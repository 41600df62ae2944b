package org.loupe.index.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.testing.Golden;
import picocli.CommandLine;
import picocli.CommandLine.Command;

public class SearchCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) { }

    private Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = org.loupe.engine.cli.CliErrors.install(new CommandLine(command));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String fixtures() {
        return Golden.fixtures(tmp.resolve("golden")).toString();
    }

    @Test
    void jsonOutputHasTheTotalFacetsAndHighlightedHits() throws Exception {
        Run r = run(new SearchCommand(), fixtures(), "\"united states\"", "--json", "--size", "5000", "--limit", "5",
                "--workspace", tmp.resolve("ws").toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();

        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("total").asLong()).isEqualTo(34);
        JsonNode status = o.get("facets").get("status");
        assertThat(status.get("kept").asLong() + status.get("removed").asLong()).isEqualTo(34);
        assertThat(status.has("gopher_quality")).isTrue();
        assertThat(o.get("facets").get("language").get("en").asLong()).isPositive();
        assertThat(o.get("facets").get("domain").size()).isPositive();
        assertThat(o.get("hits")).hasSize(5).allSatisfy(h -> {
            assertThat(h.get("id").asText()).isNotEmpty();
            assertThat(h.has("url")).isTrue();
            assertThat(h.get("score").asDouble()).isPositive();
            assertThat(h.get("status").asText()).isNotEmpty();
            assertThat(h.has("reason")).isTrue();
            assertThat(h.get("snippet").asText()).containsIgnoringCase("<b>united states</b>");
        });
    }

    @Test
    void filtersAndPlainOutput() {
        String ws = tmp.resolve("ws").toString();
        Run removed = run(new SearchCommand(), fixtures(), "school", "--status", "removed", "--preset", "fineweb",
                "--workspace", ws, "--threads", "2", "--limit", "3");
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("documents match \"school\"").contains("status:").contains("[school]");

        Run none = run(new SearchCommand(), fixtures(), "zzzqqqxxy", "--workspace", ws, "--threads", "2");
        assertThat(none.code()).isEqualTo(1);
    }

    @Test
    void aBadQueryOrStatusIsAUsageError() {
        String ws = tmp.resolve("ws").toString();
        Run bad = run(new SearchCommand(), fixtures(), "\"united states", "--workspace", ws, "--threads", "2");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("cannot parse the query");
        Run step = run(new SearchCommand(), fixtures(), "school", "--status", "nope", "--workspace", ws, "--threads", "2");
        assertThat(step.code()).isEqualTo(2);
        assertThat(step.err()).contains("unknown status \"nope\"");
    }

    @Command(name = "loupe")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void registerAddsSearch() {
        CommandLine loupe = new CommandLine(new Root());
        IndexCommands.register(loupe);
        assertThat(loupe.getSubcommands()).containsOnlyKeys("search");
    }
}
