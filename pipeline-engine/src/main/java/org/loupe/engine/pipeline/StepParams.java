package org.loupe.engine.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective parameter values of one step: every parameter its type declares, each already in its
 * canonical type (integers as {@code Long}, numbers as {@code Double}, lists unmodifiable), defaults
 * filled in. Step types read values through the typed accessors, which fail loudly on a name the type
 * does not declare, so a threshold is a number from the slider to the column scan and a typo is a test
 * failure rather than a silent default. Immutable.
 */
public final class StepParams {
    private final StepType type;
    private final Map<String, Object> values;

    private StepParams(StepType type, Map<String, Object> values) {
        this.type = type;
        this.values = Collections.unmodifiableMap(values);
    }

    /** The type's defaults. */
    public static StepParams defaults(StepType type) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (ParamSpec p : type.params()) {
            v.put(p.name(), p.defaultValue());
        }
        return new StepParams(type, v);
    }

    /**
     * A step's values for documents of a host: the type's defaults, then the step's own values, then those
     * of the first per-domain override whose domains match the host (none when {@code host} is null).
     */
    public static StepParams of(StepType type, StepConfig step, String host) {
        StepParams p = defaults(type).with(step.params());
        for (StepConfig.DomainOverride o : step.overrides()) {
            if (o.matches(host)) {
                return p.with(o.params());
            }
        }
        return p;
    }

    /** The step's own values (no override applies). */
    public static StepParams of(StepType type, StepConfig step) {
        return of(type, step, null);
    }

    /** The values of the step's {@code i}-th per-domain override. */
    public static StepParams ofOverride(StepType type, StepConfig step, int i) {
        return defaults(type).with(step.params()).with(step.overrides().get(i).params());
    }

    /**
     * A copy with some values replaced, each coerced to its parameter's type.
     *
     * @throws IllegalArgumentException for a name the step type does not declare
     */
    public StepParams with(Map<String, ?> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<String, Object> v = new LinkedHashMap<>(values);
        changes.forEach((k, x) -> v.put(k, spec(k).coerce(x)));
        return new StepParams(type, v);
    }

    /** A copy with one value replaced. */
    public StepParams with(String name, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(name, value);
        return with(one);
    }

    public StepType type() {
        return type;
    }

    /** The raw value (null where the parameter is null). */
    public Object get(String name) {
        spec(name);
        return values.get(name);
    }

    public Object get(ParamSpec p) {
        return get(p.name());
    }

    /** A number; throws when the value is null. */
    public double number(ParamSpec p) {
        Double d = numberOrNull(p);
        if (d == null) {
            throw new IllegalArgumentException(type.name() + "." + p.name() + " is null");
        }
        return d;
    }

    /** A number, or null when the parameter is null (the reference's "disabled"). */
    public Double numberOrNull(ParamSpec p) {
        Object v = get(p);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** An integer; throws when the value is null. */
    public long integer(ParamSpec p) {
        Object v = get(p);
        if (v == null) {
            throw new IllegalArgumentException(type.name() + "." + p.name() + " is null");
        }
        return ((Number) v).longValue();
    }

    public boolean flag(ParamSpec p) {
        return Boolean.TRUE.equals(get(p));
    }

    public String string(ParamSpec p) {
        Object v = get(p);
        return v == null ? null : v.toString();
    }

    /** A list of strings, or null when the parameter is null. */
    public List<String> strings(ParamSpec p) {
        Object v = get(p);
        if (!(v instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>(l.size());
        l.forEach(x -> out.add(String.valueOf(x)));
        return List.copyOf(out);
    }

    /** A pair list ({@code [[n, fraction], ...]}), empty when null. */
    public List<Pair> pairs(ParamSpec p) {
        Object v = get(p);
        List<Pair> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                List<?> nf = (List<?>) o;
                out.add(new Pair(((Number) nf.get(0)).intValue(), ((Number) nf.get(1)).doubleValue()));
            }
        }
        return List.copyOf(out);
    }

    /** One {@code [n, fraction]} pair of a pair-list parameter. */
    public record Pair(int n, double fraction) {
        public List<Number> asList() {
            return List.of((long) n, fraction);
        }
    }

    /** Every value by name, in the type's parameter order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private ParamSpec spec(String name) {
        return type.param(name).orElseThrow(() -> new IllegalArgumentException(
                type.name() + " has no parameter '" + name + "'"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepParams p && p.type.name().equals(type.name()) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type.name(), values);
    }

    @Override
    public String toString() {
        return type.name() + values;
    }
}
