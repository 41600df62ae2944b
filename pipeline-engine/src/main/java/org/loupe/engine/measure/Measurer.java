package org.loupe.engine.measure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * Measures the steps of a pipeline over all rows of a sample, in parallel, into a {@link MetricTable}.
 * Steps are measured in pipeline order on the text as the previous steps hand it on (after a text-editing
 * step, later steps see the edited text, as in the reference), or all on the original text
 * ({@code independent}). Each step's word list is computed once per text and shared.
 */
public final class Measurer {
    private static final int CHUNK = 256;

    /** A step to measure: its name (the column prefix) and its bound measure. */
    public record Step(String name, StepMeasure measure) { }

    private final int threads;
    private final Function<String, List<String>> wordSplitter;

    public Measurer(int threads, Function<String, List<String>> wordSplitter) {
        this.threads = Math.max(1, threads);
        this.wordSplitter = wordSplitter;
    }

    /**
     * Measures every step for every row.
     *
     * @param rows        number of documents
     * @param texts       the text of a row (called from worker threads; must be thread-safe)
     * @param steps       the steps in pipeline order
     * @param independent measure every step on the original text instead of the chained text
     * @param table       receives one column per step metric ({@code step.metric})
     */
    public void measure(int rows, IntFunction<String> texts, List<Step> steps, boolean independent, MetricTable table,
                        TaskContext ctx) {
        measure(rows, texts, steps, independent, table, null, ctx);
    }

    /** Receives the text a step hands on, per row (called from worker threads). */
    @FunctionalInterface
    public interface TextSink {
        void textAfter(int step, int row, String text);
    }

    /**
     * As {@link #measure(int, IntFunction, List, boolean, MetricTable, TaskContext)}, also handing every
     * step's output text to {@code sink} (when not null): what {@code loupe explain} and the document
     * diff show.
     */
    public void measure(int rows, IntFunction<String> texts, List<Step> steps, boolean independent, MetricTable table,
                        TextSink sink, TaskContext ctx) {
        measureDocuments(rows, row -> new Input(texts.apply(row), null, null), steps, independent, table, sink, ctx);
    }

    /** A document to measure: its text, URL (may be null) and record metadata (may be null). */
    public record Input(String text, String url, java.util.Map<String, Object> metadata) { }

    /** As {@link #measure}, for documents with URL and metadata (the URL and bad-words steps read them). */
    public void measureDocuments(int rows, IntFunction<Input> inputs, List<Step> steps, boolean independent,
                                 MetricTable table, TextSink sink, TaskContext ctx) {
        int s = steps.size();
        double[][][] columns = new double[s][][];
        long[][][][] lists = new long[s][][][];
        for (int k = 0; k < s; k++) {
            int m = steps.get(k).measure().metrics().size();
            columns[k] = new double[m][rows];
            lists[k] = new long[steps.get(k).measure().lists().size()][rows][];
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        Workers.run(threads, "loupe-measure", worker -> {
            double[][] out = new double[s][];
            long[][][] listOut = new long[s][][];
            for (int k = 0; k < s; k++) {
                out[k] = new double[columns[k].length];
                listOut[k] = new long[lists[k].length][];
            }
            int start;
            while ((start = next.getAndAdd(CHUNK)) < rows) {
                ctx.checkCancelled();
                int end = Math.min(rows, start + CHUNK);
                for (int row = start; row < end; row++) {
                    Input in = inputs.apply(row);
                    DocumentText original = new DocumentText(in.text(), in.url(),
                            in.metadata() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(in.metadata()), wordSplitter);
                    DocumentText current = original;
                    for (int k = 0; k < s; k++) {
                        java.util.Arrays.fill(out[k], Double.NaN);
                        StepMeasure measure = steps.get(k).measure();
                        String after;
                        if (listOut[k].length == 0) {
                            after = measure.measure(independent ? original : current, out[k]);
                        } else {
                            java.util.Arrays.fill(listOut[k], null);
                            after = measure.measure(independent ? original : current, out[k], listOut[k]);
                            for (int l = 0; l < listOut[k].length; l++) {
                                lists[k][l][row] = listOut[k][l];
                            }
                        }
                        if (sink != null) {
                            sink.textAfter(k, row, after);
                        }
                        for (int m = 0; m < out[k].length; m++) {
                            columns[k][m][row] = out[k][m];
                        }
                        if (!independent) {
                            current = current.withText(after);
                        }
                    }
                }
                ctx.progress(done.addAndGet(end - start), rows, TaskContext.Unit.DOCUMENTS);
            }
        });
        for (int k = 0; k < s; k++) {
            Step step = steps.get(k);
            table.removeStep(step.name());
            List<String> metrics = step.measure().metrics();
            for (int m = 0; m < metrics.size(); m++) {
                String col = MetricTable.name(step.name(), metrics.get(m));
                table.put(col, columns[k][m]);
                List<String> labels = step.measure().labels(metrics.get(m));
                if (!labels.isEmpty()) {
                    table.putLabels(col, labels);
                }
            }
            List<String> listNames = step.measure().lists();
            for (int l = 0; l < listNames.size(); l++) {
                table.putLists(MetricTable.name(step.name(), listNames.get(l)), MetricTable.LongLists.of(lists[k][l]));
            }
        }
    }
}
