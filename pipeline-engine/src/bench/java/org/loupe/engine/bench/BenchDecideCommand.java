package org.loupe.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe bench decide --docs 100000}: the cost of one threshold change, as JSON. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Time re-deciding the FineWeb pipeline, recounting and re-binning one histogram after a threshold change.")
public final class BenchDecideCommand implements Callable<Integer> {
    @Option(names = "--docs", paramLabel = "N", description = "Rows of the metric table (default: ${DEFAULT-VALUE}).")
    int docs = 100_000;

    @Option(names = "--repeat", paramLabel = "R", description = "Threshold changes timed (default: ${DEFAULT-VALUE}).")
    int repeat = 200;

    @Option(names = "--seed", description = "Seed of the synthetic table (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(json.writeValueAsString(DecideBenchmark.run(docs, repeat, seed)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
