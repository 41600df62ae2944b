package org.loupe.index.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.loupe.engine.cli.CliExtension;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loupe bench search} reaches the command line through the indexer's {@link CliExtension}. */
class IndexBenchCommandsTest {

    @Command(name = "loupe")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void theServiceLoaderFindsTheIndexerBenchmarkAndItJoinsTheBenchGroup() {
        CommandLine loupe = new CommandLine(new Root());
        ServiceLoader.load(CliExtension.class).forEach(e -> e.register(loupe));

        assertThat(loupe.getSubcommands().get("bench").getSubcommands()).containsKeys("search", "generate", "sample");
        assertThat(BenchSearchCommand.QUERIES).hasSize(50);
    }
}
