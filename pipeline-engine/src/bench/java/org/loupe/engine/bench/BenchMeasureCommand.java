package org.loupe.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import picocli.CommandLine.Command;

/** {@code loupe bench measure --input PATH}: measuring throughput of the quality filters, as JSON. */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Measure MB/s per core of Gopher quality + repetition + C4 + FineWeb on real text (one thread, CPU time).")
public final class BenchMeasureCommand extends TextBenchCommand {
    public BenchMeasureCommand() {
        super(8);
    }

    @Override
    Map<String, Object> measure(List<String> texts, int passes) {
        return MeasureBenchmark.run(texts, passes);
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
