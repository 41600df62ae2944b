package org.loupe.app.clusters;

/**
 * How map coordinates become canvas pixels: {@code screen = (data - origin) * scale}, on both axes (y grows
 * downwards on screen as it does in the data). Immutable; zooming and panning return new viewports.
 *
 * @param x0    the map x at the canvas' left edge
 * @param y0    the map y at the canvas' top edge
 * @param scale pixels per map unit (positive)
 */
public record Viewport(double x0, double y0, double scale) {

    public Viewport {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, not " + scale);
        }
    }

    public double screenX(double x) {
        return (x - x0) * scale;
    }

    public double screenY(double y) {
        return (y - y0) * scale;
    }

    public double dataX(double sx) {
        return x0 + sx / scale;
    }

    public double dataY(double sy) {
        return y0 + sy / scale;
    }

    /** Zooms by {@code factor} keeping the map point under the screen point {@code (sx, sy)} where it is. */
    public Viewport zoom(double factor, double sx, double sy) {
        double s = scale * factor;
        if (!(s > 0) || Double.isInfinite(s)) {
            return this;
        }
        return new Viewport(dataX(sx) - sx / s, dataY(sy) - sy / s, s);
    }

    /** Moves the map by {@code (dx, dy)} screen pixels (a drag to the right moves the map right). */
    public Viewport pan(double dx, double dy) {
        return new Viewport(x0 - dx / scale, y0 - dy / scale, scale);
    }

    /**
     * The viewport showing every point, centred, with {@code margin} pixels free on each side; a unit
     * viewport for no points.
     */
    public static Viewport fit(double[] x, double[] y, int width, int height, double margin) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
                minY = Math.min(minY, y[i]);
                maxY = Math.max(maxY, y[i]);
            }
        }
        if (minX > maxX) {
            return new Viewport(0, 0, 1);
        }
        double w = Math.max(1, width - 2 * margin);
        double h = Math.max(1, height - 2 * margin);
        double dx = Math.max(maxX - minX, 1e-9);
        double dy = Math.max(maxY - minY, 1e-9);
        double scale = Math.min(w / dx, h / dy);
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        return new Viewport(cx - width / 2.0 / scale, cy - height / 2.0 / scale, scale);
    }
}
