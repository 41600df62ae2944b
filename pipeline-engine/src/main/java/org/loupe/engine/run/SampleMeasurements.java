package org.loupe.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.tokens.TokenCounter;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * The measurements of a sample for a pipeline, cached in the sample's workspace folder per step
 * ({@code metrics/<key>.bin}). A step's key is its measure parameters plus the keys of the
 * text-editing steps before it (their output is its input), so a threshold change never re-measures,
 * and a measure change re-measures only that step and, if it edits text, the steps after it. Only
 * the steps that are missing are measured (with the editing steps before them, to get their input).
 */
public final class SampleMeasurements {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sample sample;
    private final StepCatalog catalog;
    private final StepResources measures;
    private final int threads;
    private final Path dir;

    public SampleMeasurements(Sample sample, StepCatalog catalog, StepResources measures, int threads) {
        this.sample = sample;
        this.catalog = catalog;
        this.measures = measures;
        this.threads = Math.max(1, threads);
        this.dir = sample.directory().resolve("metrics");
    }

    /** The metric table of the enabled steps of a config, measuring only what is not cached. */
    public MetricTable measure(PipelineConfig config, TaskContext ctx) throws IOException {
        Files.createDirectories(dir);
        List<StepConfig> steps = config.steps().stream().filter(StepConfig::enabled).toList();
        List<StepType> types = steps.stream().map(s -> catalog.type(s.type()).orElseThrow()).toList();
        List<String> keys = new ArrayList<>();
        StringBuilder upstream = new StringBuilder();
        for (int k = 0; k < steps.size(); k++) {
            String own = JSON.writeValueAsString(types.get(k).measureKey(StepParams.of(types.get(k), steps.get(k))));
            keys.add(sha(own + "|" + upstream));
            if (types.get(k).editsText()) {
                upstream.append(own).append(';');
            }
        }
        int lastNeeded = -1;
        boolean[] needed = new boolean[steps.size()];
        for (int k = 0; k < steps.size(); k++) {
            needed[k] = !Files.isRegularFile(file(keys.get(k)));
            if (needed[k]) {
                lastNeeded = k;
            }
        }
        MetricTable table = new MetricTable(sample.size());
        if (lastNeeded >= 0) {
            List<Measurer.Step> run = new ArrayList<>();
            List<Integer> runIndex = new ArrayList<>();
            for (int k = 0; k <= lastNeeded; k++) {
                if (needed[k] || types.get(k).editsText()) {
                    run.add(new Measurer.Step(steps.get(k).stepName(), measures.create(types.get(k),
                            steps.get(k))));
                    runIndex.add(k);
                }
            }
            ctx.message("Measuring " + String.join(", ", run.stream().map(Measurer.Step::name).toList()));
            MetricTable fresh = new MetricTable(sample.size());
            new Measurer(threads, measures::words).measureDocuments(sample.size(), row -> {
                Document d = sample.document(row);
                return new Measurer.Input(d.text(), d.url(), d.metadata());
            }, run, false, fresh, null, ctx);
            for (int i = 0; i < run.size(); i++) {
                int k = runIndex.get(i);
                if (needed[k]) {
                    MetricTable one = new MetricTable(sample.size());
                    String name = steps.get(k).stepName();
                    for (String column : fresh.allNames()) {
                        if (column.startsWith(name + ".")) {
                            String metric = column.substring(name.length() + 1);
                            one.put(metric, fresh.column(column));
                            List<String> labels = fresh.labels(column);
                            if (!labels.isEmpty()) {
                                one.putLabels(metric, labels);
                            }
                        }
                    }
                    for (String list : fresh.listNames()) {
                        if (list.startsWith(name + ".")) {
                            one.putLists(list.substring(name.length() + 1), fresh.lists(list));
                        }
                    }
                    one.write(file(keys.get(k)));
                }
            }
        }
        for (int k = 0; k < steps.size(); k++) {
            MetricTable one = MetricTable.read(file(keys.get(k)));
            String name = steps.get(k).stepName();
            for (String metric : one.allNames()) {
                table.put(MetricTable.name(name, metric), one.column(metric));
                List<String> labels = one.labels(metric);
                if (!labels.isEmpty()) {
                    table.putLabels(MetricTable.name(name, metric), labels);
                }
            }
            for (String list : one.listNames()) {
                table.putLists(MetricTable.name(name, list), one.lists(list));
            }
            table.attachTexts(name, inputTexts(steps.subList(0, k), types.subList(0, k)));
        }
        return table;
    }

    /**
     * The text a step measured, row by row: the sample's text handed through the text-editing steps before it
     * (their measures are made on first use, so a step that never asks costs nothing).
     */
    private java.util.function.IntFunction<String> inputTexts(List<StepConfig> before, List<StepType> types) {
        List<Integer> editing = new ArrayList<>();
        for (int k = 0; k < before.size(); k++) {
            if (types.get(k).editsText()) {
                editing.add(k);
            }
        }
        if (editing.isEmpty()) {
            return row -> sample.document(row).text();
        }
        java.util.function.Supplier<List<org.loupe.engine.measure.StepMeasure>> bound = memoize(() -> editing.stream()
                .map(k -> measures.create(types.get(k), before.get(k))).toList());
        return row -> {
            Document d = sample.document(row);
            org.loupe.engine.measure.DocumentText text = new org.loupe.engine.measure.DocumentText(d.text(), d.url(),
                    d.metadata() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(d.metadata()), measures::words);
            for (org.loupe.engine.measure.StepMeasure m : bound.get()) {
                double[] out = new double[m.metrics().size()];
                text = text.withText(m.lists().isEmpty() ? m.measure(text, out)
                        : m.measure(text, out, new long[m.lists().size()][]));
            }
            return text.text();
        };
    }

    private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> make) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** Tokens per row with a named encoding, cached ({@code tokens-<encoding>.bin}). */
    public long[] tokens(String encoding, TaskContext ctx) throws IOException {
        return tokens(sample, encoding, threads, ctx);
    }

    /** Tokens per row of a sample with a named encoding, cached in the sample's workspace folder. */
    public static long[] tokens(Sample sample, String encoding, int threads, TaskContext ctx) throws IOException {
        Path dir = sample.directory().resolve("metrics");
        Files.createDirectories(dir);
        TokenCounter counter = TokenCounter.named(encoding);
        Path f = dir.resolve("tokens-" + counter.name() + ".bin");
        if (Files.isRegularFile(f)) {
            double[] col = MetricTable.read(f).column("tokens");
            long[] out = new long[col.length];
            for (int i = 0; i < col.length; i++) {
                out[i] = (long) col[i];
            }
            return out;
        }
        ctx.message("Counting tokens (" + counter.name() + ")");
        int n = sample.size();
        long[] out = new long[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        AtomicLong done = new AtomicLong();
        Workers.run(threads, "loupe-tokens", worker -> {
            int start;
            while ((start = next.getAndAdd(256)) < n) {
                ctx.checkCancelled();
                int end = Math.min(n, start + 256);
                for (int row = start; row < end; row++) {
                    out[row] = counter.count(sample.document(row).text());
                }
                ctx.progress(done.addAndGet(end - start), n, TaskContext.Unit.DOCUMENTS);
            }
        });
        MetricTable t = new MetricTable(n);
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
            col[i] = out[i];
        }
        t.put("tokens", col);
        t.write(f);
        return out;
    }

    /**
     * The fastText language code and score per row, cached ({@code language-lid176.bin}): what Browse
     * shows before any pipeline is chosen. Codes are returned through {@code labels}.
     */
    public static MetricTable languages(Sample sample, org.loupe.engine.measure.lid.LanguageIdentifier lid, int threads,
                                        TaskContext ctx) throws IOException {
        Path dir = sample.directory().resolve("metrics");
        Files.createDirectories(dir);
        Path f = dir.resolve("language-lid176.bin");
        if (Files.isRegularFile(f)) {
            return MetricTable.read(f);
        }
        ctx.message("Identifying languages");
        org.loupe.engine.measure.lid.LanguageMeasure measure = new org.loupe.engine.measure.lid.LanguageMeasure(lid);
        MetricTable t = new MetricTable(sample.size());
        new Measurer(threads, text -> List.of()).measure(sample.size(), row -> sample.document(row).text(),
                List.of(new Measurer.Step("language", measure)), true, t, ctx);
        MetricTable slim = new MetricTable(sample.size());
        slim.put("language", t.column("language.language"));
        slim.putLabels("language", t.labels("language.language"));
        slim.put("language_score", t.column("language.language_score"));
        slim.write(f);
        return slim;
    }

    private Path file(String key) {
        return dir.resolve(key + ".bin");
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
