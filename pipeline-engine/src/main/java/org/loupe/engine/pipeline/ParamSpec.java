package org.loupe.engine.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One named parameter of a pipeline step, named exactly as in the reference implementation
 * (datatrove's constructor argument), with its type, default, range and role.
 *
 * @param name        the reference's parameter name ({@code min_doc_words})
 * @param type        what values it takes
 * @param defaultValue the reference's default (may be null: "disabled" or "none")
 * @param min         lowest allowed value for numbers, or null
 * @param max         highest allowed value for numbers, or null
 * @param nullable    whether null is allowed (in the reference, null usually disables a check)
 * @param role        whether changing it needs a new measurement or only a new decision
 * @param description one sentence for the UI and the docs
 */
public record ParamSpec(String name, Type type, Object defaultValue, Double min, Double max, boolean nullable,
                        Role role, String description) {

    /** Value types a parameter may have. */
    public enum Type {
        INTEGER, NUMBER, BOOLEAN, STRING, STRING_LIST,
        /** A list of [n, fraction] pairs, e.g. Gopher repetition's {@code top_n_grams}. */
        PAIR_LIST
    }

    /** Whether a parameter changes what is measured, or only how measured values are decided. */
    public enum Role {
        /** Changing it re-measures the step (e.g. C4 {@code min_words_per_line}). */
        MEASURE,
        /** Changing it only re-decides over measured values (thresholds, toggles of checks). */
        DECISION
    }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        description = description == null ? "" : description;
    }

    public static ParamSpec number(String name, Double defaultValue, Double min, Double max, boolean nullable,
                                   Role role, String description) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, min, max, nullable, role, description);
    }

    public static ParamSpec integer(String name, Long defaultValue, Long min, Long max, boolean nullable, Role role,
                                    String description) {
        return new ParamSpec(name, Type.INTEGER, defaultValue, min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(), nullable, role, description);
    }

    public static ParamSpec bool(String name, boolean defaultValue, Role role, String description) {
        return new ParamSpec(name, Type.BOOLEAN, defaultValue, null, null, false, role, description);
    }

    public static ParamSpec string(String name, String defaultValue, boolean nullable, Role role, String description) {
        return new ParamSpec(name, Type.STRING, defaultValue, null, null, nullable, role, description);
    }

    public static ParamSpec strings(String name, List<String> defaultValue, boolean nullable, Role role,
                                    String description) {
        return new ParamSpec(name, Type.STRING_LIST, defaultValue, null, null, nullable, role, description);
    }

    public static ParamSpec pairs(String name, List<List<Number>> defaultValue, Role role, String description) {
        return new ParamSpec(name, Type.PAIR_LIST, defaultValue, null, null, false, role, description);
    }
}
