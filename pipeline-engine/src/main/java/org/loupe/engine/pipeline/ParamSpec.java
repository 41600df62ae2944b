package org.loupe.engine.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named parameter of a pipeline step, named exactly as in the reference implementation
 * (datatrove's constructor argument), with its type, default, range, direction and role. A step type
 * declares its parameters as constants of these; {@link StepParams} holds the values, already of the
 * parameter's type, so a threshold travels as a number from the slider to the column scan.
 *
 * @param name         the reference's parameter name ({@code min_doc_words})
 * @param type         what values it takes
 * @param defaultValue the reference's default (may be null: "disabled" or "none"), in canonical form
 * @param min          lowest allowed value for numbers, or null
 * @param max          highest allowed value for numbers, or null
 * @param nullable     whether null is allowed (in the reference, null usually disables a check)
 * @param role         whether changing it needs a new measurement or only a new decision
 * @param direction    for a threshold, on which side of it documents are dropped
 * @param description  one sentence for the UI and the docs
 */
public record ParamSpec(String name, Type type, Object defaultValue, Double min, Double max, boolean nullable,
                        Role role, Direction direction, String description) {

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

    /** On which side of a threshold a document is dropped. */
    public enum Direction {
        /** Not a threshold (a switch, a list, a measure option). */
        NONE,
        /** A minimum: documents whose value is below it are dropped. */
        DROPS_BELOW,
        /** A maximum: documents whose value is above it are dropped. */
        DROPS_ABOVE;

        /** "drops below", "drops above", or "". */
        public String text() {
            return this == NONE ? "" : name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        direction = direction == null ? Direction.NONE : direction;
        description = description == null ? "" : description;
        defaultValue = canonical(defaultValue);
    }

    public static ParamSpec number(String name, Double defaultValue, Double min, Double max, boolean nullable,
                                   Role role, String description) {
        return new ParamSpec(name, Type.NUMBER, defaultValue, min, max, nullable, role, Direction.NONE, description);
    }

    public static ParamSpec integer(String name, Long defaultValue, Long min, Long max, boolean nullable, Role role,
                                    String description) {
        return new ParamSpec(name, Type.INTEGER, defaultValue, min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(), nullable, role, Direction.NONE, description);
    }

    public static ParamSpec bool(String name, boolean defaultValue, Role role, String description) {
        return new ParamSpec(name, Type.BOOLEAN, defaultValue, null, null, false, role, Direction.NONE, description);
    }

    public static ParamSpec string(String name, String defaultValue, boolean nullable, Role role, String description) {
        return new ParamSpec(name, Type.STRING, defaultValue, null, null, nullable, role, Direction.NONE, description);
    }

    public static ParamSpec strings(String name, List<String> defaultValue, boolean nullable, Role role,
                                    String description) {
        return new ParamSpec(name, Type.STRING_LIST, defaultValue, null, null, nullable, role, Direction.NONE, description);
    }

    public static ParamSpec pairs(String name, List<List<Number>> defaultValue, Role role, String description) {
        return new ParamSpec(name, Type.PAIR_LIST, defaultValue, null, null, false, role, Direction.NONE, description);
    }

    /** This parameter as a minimum: documents below it are dropped. */
    public ParamSpec dropsBelow() {
        return new ParamSpec(name, type, defaultValue, min, max, nullable, role, Direction.DROPS_BELOW, description);
    }

    /** This parameter as a maximum: documents above it are dropped. */
    public ParamSpec dropsAbove() {
        return new ParamSpec(name, type, defaultValue, min, max, nullable, role, Direction.DROPS_ABOVE, description);
    }

    /** Whether the parameter is a number that a slider can move. */
    public boolean numeric() {
        return type == Type.INTEGER || type == Type.NUMBER || type == Type.PAIR_LIST;
    }

    /**
     * What is wrong with a value for this parameter (a Java value as a config holds it: Number, Boolean,
     * String, List), or null when it fits.
     *
     * @param value the value
     * @param shown how to show the value in the message (a file shows its JSON text)
     */
    public String problem(Object value, String shown) {
        if (value == null) {
            return nullable ? null : "null is not allowed (" + typeName() + " expected)";
        }
        switch (type) {
            case INTEGER -> {
                if (!(value instanceof Number n) || !isIntegral(n)) {
                    return "expected an integer, got " + shown;
                }
                return range(n.doubleValue());
            }
            case NUMBER -> {
                if (!(value instanceof Number n)) {
                    return "expected a number, got " + shown;
                }
                return range(n.doubleValue());
            }
            case BOOLEAN -> {
                return value instanceof Boolean ? null : "expected true or false, got " + shown;
            }
            case STRING -> {
                return value instanceof String ? null : "expected a string, got " + shown;
            }
            case STRING_LIST -> {
                if (!(value instanceof List<?> l)) {
                    return "expected a list of strings, got " + shown;
                }
                for (Object s : l) {
                    if (!(s instanceof String)) {
                        return "expected a list of strings, found " + show(s);
                    }
                }
                return null;
            }
            case PAIR_LIST -> {
                if (!(value instanceof List<?> l)) {
                    return "expected a list of [n, fraction] pairs, got " + shown;
                }
                for (Object p : l) {
                    if (!(p instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number n)
                            || !isIntegral(n) || !(pair.get(1) instanceof Number f) || n.doubleValue() < 1
                            || f.doubleValue() < 0 || f.doubleValue() > 1 || Double.isNaN(f.doubleValue())) {
                        return "expected [n, fraction] pairs with n >= 1 and fraction in [0, 1], found " + show(p);
                    }
                }
                return null;
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** As {@link #problem(Object, String)}, showing the value as written in a config. */
    public String problem(Object value) {
        return problem(value, show(value));
    }

    /**
     * The value in this parameter's canonical form: an integer parameter holds a {@code Long} (a number
     * from a slider is rounded), a number parameter a {@code Double}; lists are unmodifiable. Values of
     * another type are returned as they are (for {@link #problem} to report).
     */
    public Object coerce(Object value) {
        if (value instanceof Number n && !(value instanceof Long || value instanceof Double)) {
            value = canonical(value);
        }
        if (type == Type.INTEGER && value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return Math.round(d);
        }
        if (type == Type.NUMBER && value instanceof Long l) {
            return l.doubleValue();
        }
        return canonical(value);
    }

    private String range(double d) {
        if (Double.isNaN(d) || (min != null && d < min) || (max != null && d > max)) {
            return "out of range: " + fmt(d) + " not in [" + (min == null ? "-∞" : fmt(min)) + ", "
                    + (max == null ? "∞" : fmt(max)) + "]";
        }
        return null;
    }

    private String typeName() {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static boolean isIntegral(Number n) {
        double d = n.doubleValue();
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || (!Double.isInfinite(d) && d == Math.rint(d));
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    /**
     * A value in one canonical form, so that a config built in code equals the same config read back from a
     * file: integral numbers as {@code Long}, other numbers as {@code Double}, lists unmodifiable.
     */
    static Object canonical(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.math.BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(canonical(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
