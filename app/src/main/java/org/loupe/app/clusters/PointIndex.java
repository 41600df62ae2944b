package org.loupe.app.clusters;

import java.util.Arrays;

/**
 * A uniform grid over 2-D points (about four points per cell) for the lookups the map makes on every mouse
 * move: the nearest point to the cursor, and the points inside a lasso polygon. Only the cells near the
 * query are visited, never all points. Immutable; FX-free.
 */
public final class PointIndex {
    private static final int POINTS_PER_CELL = 4;
    private static final int MAX_CELLS_PER_SIDE = 2048;

    private final double[] x;
    private final double[] y;
    private final double minX;
    private final double minY;
    private final double cellW;
    private final double cellH;
    private final int gx;
    private final int gy;
    /** Points of cell c are {@code points[start[c] .. start[c + 1])}, ascending. */
    private final int[] start;
    private final int[] points;

    private PointIndex(double[] x, double[] y, double minX, double minY, double cellW, double cellH, int gx, int gy,
                       int[] start, int[] points) {
        this.x = x;
        this.y = y;
        this.minX = minX;
        this.minY = minY;
        this.cellW = cellW;
        this.cellH = cellH;
        this.gx = gx;
        this.gy = gy;
        this.start = start;
        this.points = points;
    }

    /** Indexes points (equal lengths, finite coordinates; the arrays are kept, not copied). */
    public static PointIndex of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = x.length;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        if (n == 0) {
            minX = minY = 0;
            maxX = maxY = 1;
        }
        double w = maxX - minX;
        double h = maxY - minY;
        int cells = Math.max(1, n / POINTS_PER_CELL);
        double cell;
        if (w > 0 && h > 0) {
            cell = Math.sqrt(w * h / cells);
        } else {
            cell = Math.max(w, h) / cells;
        }
        if (!(cell > 0)) {
            cell = 1;
        }
        int gx = (int) Math.max(1, Math.min(MAX_CELLS_PER_SIDE, Math.ceil(w / cell)));
        int gy = (int) Math.max(1, Math.min(MAX_CELLS_PER_SIDE, Math.ceil(h / cell)));
        double cellW = w > 0 ? w / gx : cell;
        double cellH = h > 0 ? h / gy : cell;
        int[] count = new int[gx * gy + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            int cx = clamp((int) ((x[i] - minX) / cellW), gx);
            int cy = clamp((int) ((y[i] - minY) / cellH), gy);
            cellOf[i] = cy * gx + cx;
            count[cellOf[i] + 1]++;
        }
        for (int c = 0; c < gx * gy; c++) {
            count[c + 1] += count[c];
        }
        int[] start = count.clone();
        int[] fill = Arrays.copyOf(count, gx * gy);
        int[] points = new int[n];
        for (int i = 0; i < n; i++) {
            points[fill[cellOf[i]]++] = i;
        }
        return new PointIndex(x, y, minX, minY, cellW, cellH, gx, gy, start, points);
    }

    private static int clamp(int c, int g) {
        return c < 0 ? 0 : c >= g ? g - 1 : c;
    }

    public int size() {
        return x.length;
    }

    /** The nearest point to {@code (qx, qy)} (ties: the lowest index), or -1 when there are none. */
    public int nearest(double qx, double qy) {
        return nearest(qx, qy, Double.POSITIVE_INFINITY);
    }

    /**
     * The nearest point to {@code (qx, qy)} at most {@code maxDistance} away (ties: the lowest index), or -1
     * when there is none that close.
     */
    public int nearest(double qx, double qy, double maxDistance) {
        if (x.length == 0 || Double.isNaN(qx) || Double.isNaN(qy)) {
            return -1;
        }
        int cx = cellX(qx);
        int cy = cellY(qy);
        double cellMin = Math.min(cellW, cellH);
        // Points in cells r rings away are at least (r - 1) cells away (also for a query outside the grid:
        // clamping to the grid never brings it further from a point in it); a little slack covers rounding.
        double slack = cellMin * 1e-6;
        double limit2 = maxDistance * maxDistance;
        int best = -1;
        double bestD2 = Double.POSITIVE_INFINITY;
        int rings = Math.max(gx, gy);
        for (int r = 0; r <= rings; r++) {
            double bound = Math.max(0, (r - 1) * cellMin - slack);
            double bound2 = bound * bound;
            if (bound2 > limit2 || bound2 > bestD2) {
                break;
            }
            int y0 = cy - r;
            int y1 = cy + r;
            for (int yy = Math.max(0, y0); yy <= Math.min(gy - 1, y1); yy++) {
                boolean edgeRow = yy == y0 || yy == y1;
                int step = edgeRow ? 1 : 2 * r;
                for (int xx = cx - r; xx <= cx + r; xx += Math.max(1, step)) {
                    if (xx < 0 || xx >= gx) {
                        continue;
                    }
                    int c = yy * gx + xx;
                    for (int k = start[c]; k < start[c + 1]; k++) {
                        int i = points[k];
                        double dx = x[i] - qx;
                        double dy = y[i] - qy;
                        double d2 = dx * dx + dy * dy;
                        if (d2 <= limit2 && (d2 < bestD2 || d2 == bestD2 && i < best)) {
                            bestD2 = d2;
                            best = i;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** The points inside a polygon (even-odd rule; the last vertex joins the first), ascending. */
    public int[] inside(double[] px, double[] py) {
        if (px.length != py.length) {
            throw new IllegalArgumentException("polygon x and y differ in length");
        }
        if (px.length < 3 || x.length == 0) {
            return new int[0];
        }
        double minPx = Double.POSITIVE_INFINITY;
        double minPy = Double.POSITIVE_INFINITY;
        double maxPx = Double.NEGATIVE_INFINITY;
        double maxPy = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < px.length; i++) {
            minPx = Math.min(minPx, px[i]);
            maxPx = Math.max(maxPx, px[i]);
            minPy = Math.min(minPy, py[i]);
            maxPy = Math.max(maxPy, py[i]);
        }
        int[] out = new int[16];
        int n = 0;
        for (int yy = cellY(minPy); yy <= cellY(maxPy); yy++) {
            for (int xx = cellX(minPx); xx <= cellX(maxPx); xx++) {
                int c = yy * gx + xx;
                for (int k = start[c]; k < start[c + 1]; k++) {
                    int i = points[k];
                    double qx = x[i];
                    double qy = y[i];
                    if (qx >= minPx && qx <= maxPx && qy >= minPy && qy <= maxPy && contains(px, py, qx, qy)) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = i;
                    }
                }
            }
        }
        int[] result = Arrays.copyOf(out, n);
        Arrays.sort(result);
        return result;
    }

    /** Whether a polygon holds a point (even-odd rule, W. R. Franklin's crossing test). */
    public static boolean contains(double[] px, double[] py, double x, double y) {
        boolean in = false;
        for (int i = 0, j = px.length - 1; i < px.length; j = i++) {
            if ((py[i] > y) != (py[j] > y) && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i]) {
                in = !in;
            }
        }
        return in;
    }

    private int cellX(double v) {
        double c = (v - minX) / cellW;
        return c <= 0 ? 0 : c >= gx ? gx - 1 : (int) c;
    }

    private int cellY(double v) {
        double c = (v - minY) / cellH;
        return c <= 0 ? 0 : c >= gy ? gy - 1 : (int) c;
    }
}
