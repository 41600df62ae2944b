package org.loupe.engine.pipeline.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;

/**
 * What the built-in step types share: their description, and a datatrove export that passes every
 * parameter the config sets to a value other than the default, as a keyword argument of the reference
 * class (in {@code datatrove.pipeline.filters}), with comments for what datatrove cannot express.
 */
abstract class AbstractStep implements StepType {
    static final String FILTERS_MODULE = "datatrove.pipeline.filters";

    private final String name;
    private final String title;
    private final String referenceClass;
    private final List<ParamSpec> params;
    private final List<String> metrics;
    private final List<String> reasons;
    private final boolean editsText;

    AbstractStep(String name, String title, String referenceClass, List<ParamSpec> params, List<String> metrics,
                 List<String> reasons, boolean editsText) {
        this.name = name;
        this.title = title;
        this.referenceClass = referenceClass;
        this.params = List.copyOf(params);
        this.metrics = List.copyOf(metrics);
        this.reasons = List.copyOf(reasons);
        this.editsText = editsText;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String referenceClass() {
        return referenceClass;
    }

    @Override
    public final List<ParamSpec> params() {
        return params;
    }

    @Override
    public final List<String> metrics() {
        return metrics;
    }

    @Override
    public final List<String> reasons() {
        return reasons;
    }

    @Override
    public final boolean editsText() {
        return editsText;
    }

    /** Parameters of Loupe's that the reference constructor does not take (left out of the export). */
    Set<String> loupeOnlyParams() {
        return Set.of();
    }

    @Override
    public Optional<DatatroveCall> datatrove(StepConfig step) {
        List<String> comments = new ArrayList<>();
        if (step.keepFraction() > 0) {
            comments.add("Loupe keeps " + step.keepFraction()
                    + " of what this step removes (keep_fraction); datatrove has no equivalent for this filter.");
        }
        for (StepConfig.DomainOverride o : step.overrides()) {
            comments.add("Loupe overrides for " + o.domains() + ": " + o.params() + " (not expressible in datatrove)");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (!step.params().containsKey(p.name()) || loupeOnlyParams().contains(p.name())) {
                continue;
            }
            Object v = step.params().get(p.name());
            if (!Objects.equals(v, p.defaultValue())) {
                args.put(p.name(), v);
            }
        }
        return Optional.of(new DatatroveCall(FILTERS_MODULE, referenceClass, args, comments));
    }

    @Override
    public String toString() {
        return name;
    }
}
