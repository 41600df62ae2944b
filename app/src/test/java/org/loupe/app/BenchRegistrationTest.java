package org.loupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code loupe bench}: not named by {@link LoupeCommand}, found on the class path through the modules'
 * {@link org.loupe.engine.cli.CliExtension}s, and still a command like any other.
 */
class BenchRegistrationTest {

    @Test
    void everyModulesBenchmarksJoinTheBenchGroup() {
        CommandLine bench = LoupeCommand.commandLine().getSubcommands().get("bench");

        assertThat(bench).isNotNull();
        assertThat(bench.getSubcommands().keySet()).containsExactlyInAnyOrder("generate", "sample", "decide", "measure",
                "tokenizer", "lid", "minhash", "dedup", "preview", "draw", "startup", "search", "bpe", "clusters");
    }

    @Test
    void benchIsACommandAndIsListedInTheHelp() {
        assertThat(LoupeCommand.isCommand(new String[] {"bench"})).isTrue();
        assertThat(LoupeCommand.isCommand(new String[] {"bench", "decide", "--help"})).isTrue();

        StringWriter out = new StringWriter();
        CommandLine cli = LoupeCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^  bench +Benchmarks");
    }
}
