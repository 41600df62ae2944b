package org.loupe.app.clusters;

/**
 * The map's points: point {@code i} is sample row {@code rows[i]} at {@code (x[i], y[i])} in cluster
 * {@code cluster[i]} (-1: unclustered). Rows ascending.
 */
public record MapPoints(int[] rows, double[] x, double[] y, int[] cluster) {
    public int size() {
        return rows.length;
    }
}
