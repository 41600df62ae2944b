package org.loupe.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loupe.app.context.AppContext;
import org.loupe.app.diff.DiffViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.bench.DecideBenchmark;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.pipeline.steps.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loupe bench preview --docs 100000}: a threshold dragged across the Gopher word-count histogram,
 * through the Tune and Diffs view models exactly as the workbench drives them (no window): each step of
 * the drag decides, recounts the cascade, re-bins the histogram, refreshes the removed list and the diff
 * against a pinned baseline. Prints the distribution of the time per drag event as JSON. With
 * {@code --minhash}, FineWeb's MinHash step follows the filters, so every event also re-clusters the
 * documents the filters keep.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Time the Tune view model's full update per threshold drag event (decide + cascade + histogram + "
                + "lists + diff) on a synthetic metric table.")
public final class BenchPreviewCommand implements Callable<Integer> {
    /** The share of near-copies among the synthetic signatures of {@code --minhash}. */
    static final double MINHASH_COPY_SHARE = 0.3;

    @Option(names = "--docs", paramLabel = "N", description = "Documents in the sample (default: ${DEFAULT-VALUE}).")
    int docs = 100_000;

    @Option(names = "--events", paramLabel = "E", description = "Drag events timed (default: ${DEFAULT-VALUE}).")
    int events = 400;

    @Option(names = "--seed", description = "Seed of the synthetic table (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--minhash", description = "Add FineWeb's MinHash dedup step after the filters (14 buckets x 8 hashes), "
            + "over synthetic signatures of which about 30%% are near-copies in clusters: every drag re-clusters the kept documents.")
    boolean minhash;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (docs < 1 || events < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--docs and --events must be positive");
        }
        Map<String, Object> out = run(docs, events, seed, minhash);
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Runs the drag; also used by tests (with few documents). */
    public static Map<String, Object> run(int docs, int events, long seed) throws java.io.IOException {
        return run(docs, events, seed, false);
    }

    /**
     * Runs the drag, with FineWeb's MinHash step after the filters when {@code minhash} (the synthetic table
     * then has signatures, about 30% of them near-copies).
     */
    public static Map<String, Object> run(int docs, int events, long seed, boolean minhash) throws java.io.IOException {
        Path ws = Files.createTempDirectory("loupe-bench-preview");
        ImmediateTaskRunner tasks = new ImmediateTaskRunner();
        try {
            AppContext context = AppContext.create(ws, tasks);
            TuneViewModel tune = new TuneViewModel(context);
            DiffViewModel diff = new DiffViewModel(context, tune.session());
            MetricTable table = DecideBenchmark.syntheticTable(docs, seed);
            RowKeys keys = DecideBenchmark.keys(docs, seed);
            int copies = 0;
            if (minhash) {
                copies = DecideBenchmark.addMinHashSignatures(table, MinHashDedupStep.NAME, 14, 8, MINHASH_COPY_SHARE, seed);
            }
            tune.setMeasured(null, table, keys);
            if (minhash) {
                tune.usePreset(Presets.FINEWEB_MINHASH);
            }
            diff.pinCurrent();
            tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
            tune.metricProperty().set("n_non_symbol_words");
            tune.showRemoved();
            Check check = tune.thresholdsProperty().get().stream().filter(c -> c.param().equals("min_doc_words"))
                    .findFirst().orElseThrow();
            double[] column = table.column("gopher_quality.n_non_symbol_words");
            int decided = 0;
            Object last = tune.decisionsProperty().get();

            // A drag goes back and forth between 10 and 400 words, one event per 2 words.
            int warm = Math.min(100, events);
            for (int i = 0; i < warm; i++) {
                tune.moveThreshold(check, value(i));
            }
            long[] times = new long[events];
            long[] scans = new long[events];
            double sink = 0;
            for (int i = 0; i < events; i++) {
                long t0 = System.nanoTime();
                tune.moveThreshold(check, value(i + warm));
                sink += tune.documents().size() + diff.documents().size();
                if (tune.decisionsProperty().get() != last) {
                    decided++;
                    last = tune.decisionsProperty().get();
                }
                long t1 = System.nanoTime();
                double s = 0;
                for (double v : column) {
                    if (v == v) {
                        s += v;
                    }
                }
                sink += s;
                times[i] = t1 - t0;
                scans[i] = System.nanoTime() - t1;
            }
            Arrays.sort(times);
            Arrays.sort(scans);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "preview");
            out.put("docs", docs);
            out.put("events", events);
            if (minhash) {
                int k = tune.configProperty().get().indexOf(MinHashDedupStep.NAME);
                org.loupe.engine.decision.Decisions d = tune.decisionsProperty().get();
                org.loupe.engine.filter.DuplicateGroups g = d.duplicates(k).orElseThrow();
                out.put("minhash", Map.of("step_index", k, "near_copies_made", copies,
                        "final_clusters", g.groupCount(), "final_removed", g.removedCount()));
            }
            out.put("work", "per drag event of min_doc_words: set the parameter (validated), decide (unchanged steps reused), "
                    + "cascade counts, 40-bin histogram with kept / removed-by-step / removed-by-other, removed list of the "
                    + "step, diff against the pinned baseline (overall and per step) and the step overlap matrix"
                    + (minhash ? "; the MinHash step re-clusters the documents the filters keep on every event" : ""));
            out.put("p50_ms", ms(times[events / 2]));
            out.put("p95_ms", ms(times[(int) (events * 0.95)]));
            out.put("max_ms", ms(times[events - 1]));
            out.put("baseline_column_scan_p50_ms", ms(scans[events / 2]));
            out.put("ratio_to_column_scan_p50", Math.round(100.0 * times[events / 2] / Math.max(1, scans[events / 2])) / 100.0);
            out.put("goal_p95_ms", 16);
            out.put("cores", Runtime.getRuntime().availableProcessors());
            // Every event must have decided anew (a guard against timing a no-op).
            out.put("events_decided", decided);
            out.put("final_kept", tune.decisionsProperty().get().keptDocuments());
            out.put("final_min_doc_words", tune.configProperty().get().steps().get(tune.selectedStepProperty().get())
                    .params().get("min_doc_words"));
            out.put("removed_by_step", tune.cascade().stream().collect(java.util.stream.Collectors.toMap(
                    TuneViewModel.CascadeRow::step, TuneViewModel.CascadeRow::removedDocs, (a, b) -> a, LinkedHashMap::new)));
            out.put("error", tune.errorProperty().get());
            out.put("checksum", sink);
            return out;
        } finally {
            org.loupe.engine.io.AtomicFiles.deleteTree(ws);
        }
    }

    private static double value(int i) {
        int step = i % 390;
        return 10 + (i / 390 % 2 == 0 ? step : 390 - step);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
