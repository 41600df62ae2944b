package org.loupe.engine.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.Histogram;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

/**
 * What one threshold change costs on a measured sample: re-deciding the whole FineWeb pipeline over an
 * N-row metric table, recounting the cascade, and re-binning the changed metric's histogram (the
 * Tune view's work per frame). Baseline in the same run: one pass summing a single metric column
 * (the memory floor of any scan).
 */
public final class DecideBenchmark {
    private DecideBenchmark() {
    }

    public static Map<String, Object> run(int docs, int repeats, long seed) {
        StepCatalog catalog = BuiltinSteps.catalog(Set.of());
        MetricTable table = syntheticTable(docs, seed);
        RowKeys keys = keys(docs, seed);
        PipelineConfig base = Presets.require(Presets.FINEWEB);
        int gopher = base.indexOf("gopher_quality");
        double[] column = table.column("gopher_quality.n_non_symbol_words");

        // Warm-up, then measure. Each change reuses the previous decisions for the steps that did not change,
        // as the Tune view does.
        Decisions[] previous = {Decisions.decide(base, catalog, table, keys)};
        for (int i = 0; i < Math.min(30, repeats); i++) {
            once(base, gopher, 40 + i % 20, catalog, table, keys, column, previous);
        }
        long[] times = new long[repeats];
        long[] scans = new long[repeats];
        double sink = 0;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            sink += once(base, gopher, 30 + i % 40, catalog, table, keys, column, previous);
            long t1 = System.nanoTime();
            double s = 0;
            for (double v : column) {
                s += v;
            }
            sink += s;
            long t2 = System.nanoTime();
            times[i] = t1 - t0;
            scans[i] = t2 - t1;
        }
        Arrays.sort(times);
        Arrays.sort(scans);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "decide");
        out.put("docs", docs);
        out.put("steps", base.steps().size());
        out.put("repeats", repeats);
        out.put("work", "after one threshold change: decide the changed step (the others reused), first-fail over all steps, cascade counts, 64-bin histogram of the changed metric");
        out.put("p50_ms", ms(times[repeats / 2]));
        out.put("p95_ms", ms(times[(int) (repeats * 0.95)]));
        out.put("max_ms", ms(times[repeats - 1]));
        out.put("baseline_column_scan_p50_ms", ms(scans[repeats / 2]));
        out.put("ratio_to_column_scan_p50", Math.round(100.0 * times[repeats / 2] / Math.max(1, scans[repeats / 2])) / 100.0);
        out.put("goal_ms", 16);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("checksum", sink);
        return out;
    }

    private static double once(PipelineConfig base, int step, int minWords, StepCatalog catalog, MetricTable table,
                               RowKeys keys, double[] column, Decisions[] previous) {
        PipelineConfig c = base.withStep(step, base.steps().get(step).withParam("min_doc_words", minWords));
        Decisions d = Decisions.decide(c, catalog, table, keys, previous[0]);
        previous[0] = d;
        List<Decisions.StepCounts> counts = d.counts();
        Histogram h = Histogram.of(column, d, step, 64, false);
        return counts.get(counts.size() - 1).remainingDocs() + h.kept()[0];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Metric values with the shapes real web text gives (counts, ratios in [0, 1], a few NaN). */
    public static MetricTable syntheticTable(int rows, long seed) {
        Random r = new Random(seed);
        MetricTable t = new MetricTable(rows);
        for (StepType type : BuiltinSteps.all()) {
            for (String m : type.metrics()) {
                double[] c = new double[rows];
                for (int i = 0; i < rows; i++) {
                    double v;
                    if (m.startsWith("n_") || m.equals("len_text") || m.equals("num_sentences")) {
                        v = Math.floor(Math.exp(r.nextGaussian() * 1.2 + 5));
                    } else if (m.endsWith("_line")) {
                        v = r.nextInt(40) == 0 ? r.nextInt(50) : Double.NaN;
                    } else if (m.equals("language") || m.startsWith("top_label")) {
                        v = r.nextInt(10) == 0 ? r.nextInt(176) : 0;
                    } else if (m.equals("language_score") || m.startsWith("top_score")) {
                        // Language scores: about seven documents in ten pass FineWeb's 0.65.
                        v = 0.3 + 0.7 * Math.sqrt(r.nextDouble());
                    } else if (m.equals("avg_word_length")) {
                        v = 4 + r.nextGaussian();
                    } else {
                        v = Math.min(1, Math.abs(r.nextGaussian() * 0.2));
                    }
                    c[i] = r.nextInt(500) == 0 ? Double.NaN : v;
                }
                t.put(MetricTable.name(type.name(), m), c);
            }
        }
        t.putLabels("language.language", java.util.stream.IntStream.range(0, 176).mapToObj(i -> i == 0 ? "en" : "l" + i).toList());
        // Every metric a FineWeb check compares is drawn around its threshold, so that each check drops a few
        // percent of the documents and about half of them survive the whole pipeline, as on real web text.
        StepCatalog catalog = BuiltinSteps.catalog(Set.of());
        for (var step : Presets.require(Presets.FINEWEB).steps()) {
            StepType type = catalog.type(step.type()).orElseThrow();
            var params = org.loupe.engine.pipeline.StepParams.of(type, step);
            for (var check : type.decider(step.stepName(), params, t).checks()) {
                double th = check.threshold();
                String name = MetricTable.name(step.stepName(), check.metric());
                if (!(th > 0) || Double.isInfinite(th) || !t.has(name) || check.metric().equals("language_score")) {
                    continue;
                }
                double[] c = new double[rows];
                boolean ratio = th <= 1;
                for (int i = 0; i < rows; i++) {
                    double margin = Math.exp(r.nextGaussian() * 0.5 + 1.0);
                    double v = check.op().isMinimum() ? th * margin : th / margin;
                    c[i] = ratio ? Math.min(1, v) : Math.floor(v);
                }
                t.put(name, c);
            }
        }
        return t;
    }

    /**
     * Adds a MinHash step's signature columns ({@code stepName._h0 …}, stored bit for bit as the step measures
     * them) to a synthetic table: about {@code copyShare} of the rows are near-copies of an earlier original
     * row, each sharing every hash of at least one of its source's buckets (half of the buckets on average) and
     * differing in the others, so they land in the source's cluster; one row in fifty has no signature (too
     * short for a shingle). The MinHash values are uniform below 2^61 - 1, as the reference's are.
     *
     * @return the number of rows made as copies
     */
    public static int addMinHashSignatures(MetricTable t, String stepName, int buckets, int hashesPerBucket,
                                           double copyShare, long seed) {
        int rows = t.rows();
        int hashes = buckets * hashesPerBucket;
        Random r = new Random(seed + 2);
        long prime = (1L << 61) - 1;
        long[][] sig = new long[rows][];
        int[] originals = new int[rows];
        int originalCount = 0;
        int copies = 0;
        for (int row = 0; row < rows; row++) {
            if (r.nextInt(50) == 0) {
                continue;
            }
            long[] s = new long[hashes];
            for (int i = 0; i < hashes; i++) {
                s[i] = Math.floorMod(r.nextLong(), prime);
            }
            if (originalCount > 0 && r.nextDouble() < copyShare) {
                long[] source = sig[originals[r.nextInt(originalCount)]];
                int forced = r.nextInt(buckets);
                for (int b = 0; b < buckets; b++) {
                    if (b == forced || r.nextBoolean()) {
                        System.arraycopy(source, b * hashesPerBucket, s, b * hashesPerBucket, hashesPerBucket);
                    }
                }
                copies++;
            } else {
                originals[originalCount++] = row;
            }
            sig[row] = s;
        }
        for (int i = 0; i < hashes; i++) {
            double[] c = new double[rows];
            for (int row = 0; row < rows; row++) {
                c[row] = sig[row] == null ? Double.NaN : MetricTable.fromBits(sig[row][i]);
            }
            t.put(MetricTable.name(stepName, "_h" + i), c);
        }
        return copies;
    }

    public static RowKeys keys(int rows, long seed) {
        Random r = new Random(seed + 1);
        long[] ids = new long[rows];
        String[] hosts = new String[rows];
        long[] tokens = new long[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = r.nextLong();
            hosts[i] = "site" + r.nextInt(5000) + ".example";
            tokens[i] = 50 + r.nextInt(3000);
        }
        return new RowKeys(ids, hosts, tokens);
    }

}
