package org.loupe.index;

/**
 * The order of search hits: by relevance (no column), or by a live metric column, NaN values last in either
 * direction; ties are broken by relevance, then by sample row.
 *
 * @param name       the column's name (for messages), or null for relevance
 * @param column     one value per sample row, or null for relevance
 * @param descending highest first
 */
public record SortBy(String name, double[] column, boolean descending) {
    /** Best-scoring documents first. */
    public static final SortBy RELEVANCE = new SortBy(null, null, true);

    /** A sort by a metric column. */
    public static SortBy metric(String name, double[] column, boolean descending) {
        return new SortBy(name, java.util.Objects.requireNonNull(column, "column"), descending);
    }

    /** Whether this is the relevance order. */
    public boolean relevance() {
        return column == null;
    }
}
