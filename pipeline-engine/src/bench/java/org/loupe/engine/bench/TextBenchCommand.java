package org.loupe.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A benchmark over the texts of a shard or folder ({@code --input}, {@code --passes}, {@code --limit}) that
 * prints its figures as JSON: {@code bench measure}, {@code bench tokenizer}, {@code bench minhash}.
 */
abstract class TextBenchCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A shard or folder of real text.")
    Path input;

    @Option(names = "--passes", paramLabel = "N", description = "Passes over the text; the best counts (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--limit", paramLabel = "DOCS", description = "At most this many documents (default: ${DEFAULT-VALUE}).")
    int limit = 20_000;

    @Spec
    CommandSpec spec;

    TextBenchCommand(int defaultPasses) {
        this.passes = defaultPasses;
    }

    /** The figures for these texts, best of {@code passes}. */
    abstract Map<String, Object> measure(List<String> texts, int passes);

    @Override
    public Integer call() throws Exception {
        if (passes <= 0 || limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--passes and --limit must be positive");
        }
        List<String> texts = BenchMeasureCommand.texts(input, limit);
        var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(json.writeValueAsString(measure(texts, passes)));
        spec.commandLine().getOut().flush();
        return texts.isEmpty() ? 1 : 0;
    }
}
