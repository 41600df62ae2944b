package org.loupe.engine.measure;

import java.util.List;

/**
 * The measure half of one step, bound to its measure parameters: per document, the step's metric
 * values, and the text the following steps see (a step that edits text, like C4 quality, returns the
 * edited text; the others return the text unchanged). Implementations are thread-safe.
 */
public interface StepMeasure {

    /** The metric names, in the order {@link #measure} writes them. */
    List<String> metrics();

    /**
     * Measures one document.
     *
     * @param doc the text as the previous steps hand it on, with its shared derived units (words, lines)
     * @param out receives {@code metrics().size()} values (NaN where a metric is undefined)
     * @return the text for the next steps: {@code doc.text()} itself when the step does not edit
     */
    String measure(DocumentText doc, double[] out);

    /**
     * The list metrics: per document a variable-length list of 64-bit values (internal, named with a leading
     * {@code _}), stored in the table's {@link MetricTable#putLists list columns}. Empty for most steps.
     */
    default List<String> lists() {
        return List.of();
    }

    /**
     * Measures one document with list metrics: as {@link #measure(DocumentText, double[])}, also setting
     * {@code lists[i]} to the document's values of list metric {@code i} (left null: an empty list).
     */
    default String measure(DocumentText doc, double[] out, long[][] lists) {
        return measure(doc, out);
    }

    /** Labels of categorical metrics (e.g. the language codes), by metric name; empty for numeric ones. */
    default List<String> labels(String metric) {
        return List.of();
    }
}
