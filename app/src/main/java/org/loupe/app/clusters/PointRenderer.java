package org.loupe.app.clusters;

import java.util.Arrays;

/**
 * Draws a scatter of points into an ARGB pixel buffer: each point a filled square of {@code size} pixels
 * centred on its projected pixel, later points over earlier ones. A pure function of the points, their
 * colours and the viewport (no JavaFX), so that the canvas writes the buffer into its image in one call and
 * tests and benchmarks run it without a window.
 */
public final class PointRenderer {

    private PointRenderer() {
    }

    /** The pixel column of a map x (may lie outside the canvas). */
    public static int pixelX(Viewport v, double x) {
        return (int) Math.floor(v.screenX(x));
    }

    /** The pixel row of a map y (may lie outside the canvas). */
    public static int pixelY(Viewport v, double y) {
        return (int) Math.floor(v.screenY(y));
    }

    /** The size from which points are drawn as discs. */
    static final int ROUND = 5;

    /**
     * Whether a point of this size paints the pixel at {@code (ox, oy)} of its {@code size × size} square: all
     * of them below {@link #ROUND} pixels (a square), those within the inscribed disc from there on.
     */
    public static boolean covers(int size, int ox, int oy) {
        if (ox < 0 || oy < 0 || ox >= size || oy >= size) {
            return false;
        }
        if (size < ROUND) {
            return true;
        }
        double c = (size - 1) / 2.0;
        double r = size / 2.0;
        return (ox - c) * (ox - c) + (oy - c) * (oy - c) <= r * r;
    }

    /**
     * Renders the points.
     *
     * @param x          the points' map x
     * @param y          the points' map y
     * @param argb       each point's colour (non-premultiplied ARGB); a point whose alpha is 0 is skipped
     * @param order      the drawing order (point indexes, the last on top), or null for index order
     * @param viewport   map to pixels
     * @param size       the side of a point's square in pixels (at least 1)
     * @param width      the buffer's width
     * @param height     the buffer's height
     * @param background the colour every other pixel gets (0: transparent)
     * @param out        the buffer, row-major, at least {@code width * height}
     */
    public static void render(double[] x, double[] y, int[] argb, int[] order, Viewport viewport, int size, int width,
                              int height, int background, int[] out) {
        if (out.length < width * height) {
            throw new IllegalArgumentException("buffer of " + out.length + " pixels for " + width + "×" + height);
        }
        Arrays.fill(out, 0, width * height, background);
        int n = order == null ? x.length : order.length;
        int s = Math.max(1, size);
        int half = (s - 1) / 2;
        double x0 = viewport.x0();
        double y0 = viewport.y0();
        double scale = viewport.scale();
        double minS = -s;
        double maxX = width + s;
        double maxY = height + s;
        for (int k = 0; k < n; k++) {
            int i = order == null ? k : order[k];
            int c = argb[i];
            if (c >>> 24 == 0) {
                continue;
            }
            double sx = (x[i] - x0) * scale;
            double sy = (y[i] - y0) * scale;
            // NaN fails both comparisons and is skipped
            if (!(sx > minS && sx < maxX && sy > minS && sy < maxY)) {
                continue;
            }
            int left = (int) Math.floor(sx) - half;
            int top = (int) Math.floor(sy) - half;
            int squareLeft = left;
            int squareTop = top;
            int right = Math.min(width, left + s);
            int bottom = Math.min(height, top + s);
            if (left < 0) {
                left = 0;
            }
            if (top < 0) {
                top = 0;
            }
            for (int py = top; py < bottom; py++) {
                int at = py * width;
                for (int px = left; px < right; px++) {
                    if (covers(s, px - squareLeft, py - squareTop)) {
                        out[at + px] = c;
                    }
                }
            }
        }
    }
}
