package org.loupe.app.document;

import java.util.List;

/**
 * What the pipeline says about one document, shown beside its text: a one-line verdict, every metric
 * against every threshold ("why removed"), and for text-editing steps the line diff.
 *
 * @param verdict the pipeline's verdict in a sentence ("Removed by gopher_quality (gopher_short_doc); without
 *                that step: kept")
 * @param why     one row per threshold check or measured value, step by step
 * @param lines   the line diff of the text-editing step (C4 quality), empty when there is none
 * @param lineStep the step the line diff comes from, or "" when there is none
 */
public record Annotation(String verdict, List<WhyRow> why, List<LineRow> lines, String lineStep) {

    public static final Annotation NONE = new Annotation("", List.of(), List.of(), "");

    public Annotation {
        why = List.copyOf(why);
        lines = List.copyOf(lines);
    }

    /**
     * One row of the "why" table.
     *
     * @param step      the step
     * @param test      the parameter and metric compared ({@code min_doc_words: n_non_symbol_words}), or the
     *                  metric alone for a measured value without a threshold
     * @param value     the document's value
     * @param threshold the drop condition ({@code < 50}), empty for a value without a threshold
     * @param result    "pass", "FAIL", "FAIL (kept by keep_fraction)" or "" for a value without a threshold
     * @param margin    how far the value is from the threshold, positive when it passes
     * @param fails     whether this row drops the document
     * @param note      the step's outcome for the first row of each step: its reason and what happens without it
     */
    public record WhyRow(String step, String test, String value, String threshold, String result, String margin,
                         boolean fails, String note) { }

    /**
     * One line of the line diff.
     *
     * @param number  the line number, from 1
     * @param text    the line's text
     * @param rule    "kept", or the rule that removed it (no_terminal_punct, too_few_words, …)
     * @param removed whether the step removed the line
     */
    public record LineRow(int number, String text, String rule, boolean removed) { }

    /** Computes annotations; called off the FX thread. */
    @FunctionalInterface
    public interface Annotator {
        Annotation annotate(int row, org.loupe.engine.model.Document document);
    }
}
