package org.loupe.engine.measure.lid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.lid.LanguageIdentifier;

/**
 * The language step's measure (spec §7): fastText's best label and score, and the five best
 * (label, score) pairs so that thresholds below 0.5 with a list of languages decide exactly. Labels are
 * stored as indexes into the model's language codes.
 */
public final class LanguageMeasure implements StepMeasure {
    static final int TOP = 5;
    private static final List<String> METRICS;

    static {
        List<String> m = new ArrayList<>(List.of("language", "language_score"));
        for (int k = 1; k <= TOP; k++) {
            m.add("top_label_" + k);
            m.add("top_score_" + k);
        }
        METRICS = List.copyOf(m);
    }

    private final LanguageIdentifier lid;
    private final List<String> codes;
    private final Map<String, Integer> index = new HashMap<>();

    public LanguageMeasure(LanguageIdentifier lid) {
        this.lid = lid;
        List<String> c = new ArrayList<>();
        for (String label : lid.model().labels()) {
            c.add(label.startsWith("__label__") ? label.substring("__label__".length()) : label);
        }
        this.codes = List.copyOf(c);
        for (int i = 0; i < codes.size(); i++) {
            index.put(codes.get(i), i);
        }
    }

    /** The language codes the model knows (for config validation). */
    public List<String> codes() {
        return codes;
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public String measure(DocumentText doc, double[] out) {
        List<LanguageIdentifier.Prediction> top = lid.topK(doc.text(), TOP);
        if (!top.isEmpty()) {
            out[0] = index.getOrDefault(top.get(0).language(), -1);
            out[1] = top.get(0).score();
            // Like datatrove's LanguageFilter, which sets doc.metadata["language"] for later steps (bad words).
            doc.setAttribute("language", top.get(0).language());
            doc.setAttribute("language_score", top.get(0).score());
        }
        for (int k = 0; k < TOP; k++) {
            out[2 + 2 * k] = k < top.size() ? index.getOrDefault(top.get(k).language(), -1) : -1;
            out[3 + 2 * k] = k < top.size() ? top.get(k).score() : 0;
        }
        return doc.text();
    }

    @Override
    public List<String> labels(String metric) {
        return metric.equals("language") || metric.startsWith("top_label_") ? codes : List.of();
    }
}
