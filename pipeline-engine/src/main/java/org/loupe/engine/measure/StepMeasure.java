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

    /** Labels of categorical metrics (e.g. the language codes), by metric name; empty for numeric ones. */
    default List<String> labels(String metric) {
        return List.of();
    }
}
