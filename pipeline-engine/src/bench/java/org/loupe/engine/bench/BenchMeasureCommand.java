package org.loupe.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe bench measure --input PATH}: measuring throughput of the quality filters, as JSON. */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Measure MB/s per core of Gopher quality + repetition + C4 + FineWeb on real text (one thread, CPU time).")
public final class BenchMeasureCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A shard or folder of real text.")
    Path input;

    @Option(names = "--passes", paramLabel = "N", description = "Passes over the text; the best counts (default: ${DEFAULT-VALUE}).")
    int passes = 8;

    @Option(names = "--limit", paramLabel = "DOCS", description = "At most this many documents (default: ${DEFAULT-VALUE}).")
    int limit = 20_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> texts = texts(input, limit);
        var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(json.writeValueAsString(MeasureBenchmark.run(texts, passes)));
        spec.commandLine().getOut().flush();
        return texts.isEmpty() ? 1 : 0;
    }

    /** The texts of the first {@code limit} documents of a shard or folder (also read by {@code bench tokenizer} and {@code bench lid}). */
    static List<String> texts(Path input, int limit) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Shard shard : new ShardScanner().scan(input).shards()) {
            try (DocumentReader r = ShardReaders.open(shard, ReaderOptions.defaults(), ProblemSink.IGNORE)) {
                Document d;
                while (texts.size() < limit && (d = r.next()) != null) {
                    texts.add(d.text());
                }
            }
            if (texts.size() >= limit) {
                break;
            }
        }
        return texts;
    }
}
