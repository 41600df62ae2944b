package org.loupe.index;

import java.util.Objects;

/**
 * A filter on one live metric column: rows whose value lies in {@code [min, max]} (inclusive). A NaN value
 * (not measured for that row) never matches.
 *
 * @param name   the column's name, e.g. {@code "gopher_quality.n_non_symbol_words"} (for messages)
 * @param column one value per sample row
 * @param min    the lowest value kept ({@code Double.NEGATIVE_INFINITY} for none)
 * @param max    the highest value kept ({@code Double.POSITIVE_INFINITY} for none)
 */
public record MetricRange(String name, double[] column, double min, double max) {
    public MetricRange {
        Objects.requireNonNull(column, "column");
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("range of " + name + ": bounds must be numbers, got [" + min + ", " + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException("range of " + name + ": min " + min + " is above max " + max);
        }
    }

    /** Whether a value lies in the range (never for NaN). */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
