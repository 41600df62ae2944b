package org.loupe.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;

/**
 * A step type that brings its own measure and decision, found on the class path with
 * {@link ServiceLoader} (a module that the engine cannot depend on, like {@code analysis} with its
 * embedding model, provides the topic step this way). The catalog, the measures and the deciders fall back
 * to it for types they do not know, so a config with such a step is checked, measured on the sample,
 * decided, exported and run over a whole folder like any other.
 */
public interface ExtensionStep extends StepType {

    /** The measure half bound to the step's effective parameters. Thread-safe. */
    StepMeasure measure(Map<String, Object> params);

    /** The decision compiled against a metric table ({@code stepName} prefixes the metric columns). */
    StepDecider decider(String stepName, Map<String, Object> params, MetricTable table);

    /** The extension steps on the class path, in a stable order (by name). */
    static List<ExtensionStep> load() {
        List<ExtensionStep> out = new ArrayList<>();
        ServiceLoader.load(ExtensionStep.class, ExtensionStep.class.getClassLoader()).forEach(out::add);
        out.sort(java.util.Comparator.comparing(StepType::name));
        return List.copyOf(out);
    }
}
