package org.loupe.engine.pipeline.steps;

import java.util.List;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.StepMeasure;

/** A step measure made of its metric names and a function. */
final class Measures {
    private Measures() {
    }

    /** The body of a measure: writes the metrics of one document, returns the text for the next steps. */
    @FunctionalInterface
    interface Body {
        String measure(DocumentText doc, double[] out);
    }

    static StepMeasure of(List<String> metrics, Body body) {
        List<String> names = List.copyOf(metrics);
        return new StepMeasure() {
            @Override
            public List<String> metrics() {
                return names;
            }

            @Override
            public String measure(DocumentText doc, double[] out) {
                return body.measure(doc, out);
            }
        };
    }
}
