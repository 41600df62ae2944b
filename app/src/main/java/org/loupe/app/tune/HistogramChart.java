package org.loupe.app.tune;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.loupe.engine.filter.Check;
import org.loupe.app.common.Formats;
import org.loupe.app.common.HistogramScale;

/**
 * A stacked histogram drawn on a canvas (kept / removed by this step / removed by another step) with the
 * step's thresholds drawn as vertical lines that can be dragged. A click on a bar reports the bin. One
 * redraw is a few dozen rectangles, so it keeps up with a drag. The binning ({@link MetricHistogram},
 * {@link HistogramScale}) decides the axis: the tails beyond the robust range are the hatched end bars with
 * their counts written over them, the y axis turns logarithmic when one bar dwarfs the rest, and a threshold
 * beyond the values is drawn at the edge with its value, so it can always be dragged back in.
 */
final class HistogramChart extends Region {
    static final Color KEPT = Color.web("#4a9d6f");
    static final Color BY_STEP = Color.web("#d9534f");
    static final Color BY_OTHER = Color.web("#a3a8ae");
    private static final double LEFT = 50;
    private static final double RIGHT = 16;
    private static final double TOP = 24;
    private static final double BOTTOM = 32;
    private static final double GRAB = 6;

    /** Receives the value a threshold was dragged to. */
    interface ThresholdListener {
        void moved(Check check, double value);
    }

    private final Canvas canvas = new Canvas();
    private MetricHistogram histogram;
    private List<Check> checks = List.of();
    private Check dragging;
    private boolean dragged;
    private int hoverBin = -1;
    private ThresholdListener onThreshold = (c, v) -> { };
    private IntConsumer onBin = b -> { };

    HistogramChart() {
        getChildren().add(canvas);
        getStyleClass().add("histogram-chart");
        setMinSize(200, 120);
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMousePressed(this::press);
        canvas.setOnMouseDragged(this::drag);
        canvas.setOnMouseReleased(this::release);
        canvas.setOnMouseExited(e -> {
            hoverBin = -1;
            draw();
        });
    }

    void setOnThresholdMoved(ThresholdListener l) {
        onThreshold = l;
    }

    void setOnBinClicked(IntConsumer l) {
        onBin = l;
    }

    void show(MetricHistogram h, List<Check> thresholds) {
        histogram = h;
        checks = thresholds == null ? List.of() : thresholds;
        draw();
    }

    /** Whether the counts are drawn on a log axis (one bar dwarfs the rest). */
    boolean logCounts() {
        return histogram != null && histogram.logY();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    // Geometry

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, canvas.getHeight() - TOP - BOTTOM);
    }

    /** The x position of a value (a value beyond the axis lies at its edge). */
    double xOf(double v) {
        return LEFT + histogram.scale().position(v) * plotWidth();
    }

    /** The value at an x position (clamped to the axis). */
    double valueAt(double x) {
        return histogram.scale().valueAt((x - LEFT) / plotWidth());
    }

    private int binAt(double x) {
        if (histogram == null || x < LEFT || x > LEFT + plotWidth()) {
            return -1;
        }
        int bins = histogram.bins();
        return Math.min(bins - 1, (int) ((x - LEFT) / plotWidth() * bins));
    }

    private Check checkNear(double x) {
        if (histogram == null) {
            return null;
        }
        Check best = null;
        double bestDistance = GRAB;
        for (Check c : checks) {
            double d = Math.abs(xOf(c.threshold()) - x);
            if (d <= bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The height of a count on the y axis, in [0, 1] of the plot. */
    private static double heightOf(double count, double max, boolean logY) {
        if (count <= 0) {
            return 0;
        }
        return logY ? Math.log10(1 + count) / Math.log10(1 + max) : count / max;
    }

    // Mouse

    private void hover(MouseEvent e) {
        Check near = checkNear(e.getX());
        canvas.setCursor(near != null ? javafx.scene.Cursor.H_RESIZE : javafx.scene.Cursor.DEFAULT);
        int bin = binAt(e.getX());
        if (bin != hoverBin) {
            hoverBin = bin;
            draw();
        }
    }

    private void press(MouseEvent e) {
        dragging = checkNear(e.getX());
        dragged = false;
    }

    private void drag(MouseEvent e) {
        if (dragging != null && histogram != null) {
            dragged = true;
            onThreshold.moved(dragging, valueAt(e.getX()));
            // The model replaces the checks; keep dragging the one with the same parameter.
            for (Check c : checks) {
                if (c.param().equals(dragging.param())) {
                    dragging = c;
                }
            }
        }
    }

    private void release(MouseEvent e) {
        if (dragging == null && !dragged) {
            int bin = binAt(e.getX());
            if (bin >= 0) {
                onBin.accept(bin);
            }
        }
        dragging = null;
    }

    // Drawing

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (histogram == null || w < 10 || h < 10) {
            return;
        }
        HistogramScale scale = histogram.scale();
        Color ink = Color.gray(0.45);
        g.setFont(Font.font(11));
        int bins = histogram.bins();
        long max = 1;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, histogram.total(i));
        }
        boolean logY = histogram.logY();
        double pw = plotWidth();
        double ph = plotHeight();
        double bw = pw / bins;

        // Shade the side of each threshold that the step removes.
        for (Check c : checks) {
            double x = xOf(c.threshold());
            g.setFill(Color.rgb(217, 83, 79, 0.07));
            if (c.op().isMinimum()) {
                g.fillRect(LEFT, TOP, x - LEFT, ph);
            } else {
                g.fillRect(x, TOP, LEFT + pw - x, ph);
            }
        }
        for (int i = 0; i < bins; i++) {
            double x = LEFT + i * bw;
            long[] parts = {histogram.kept()[i], histogram.removedByStep()[i], histogram.removedByOther()[i]};
            long total = parts[0] + parts[1] + parts[2];
            double full = heightOf(total, max, logY) * ph;
            double y = TOP + ph;
            Color[] colors = {KEPT, BY_STEP, BY_OTHER};
            boolean tail = scale.isTail(i);
            for (int p = 0; p < 3; p++) {
                double hh = total == 0 ? 0 : full * parts[p] / total;
                if (hh > 0) {
                    Color c = i == hoverBin ? colors[p].brighter() : colors[p];
                    g.setFill(tail ? c.deriveColor(0, 0.7, 1.1, 0.75) : c);
                    g.fillRect(x + 0.5, y - hh, Math.max(1, bw - 1), hh);
                    y -= hh;
                }
            }
            if (tail) {
                // The tail bar: hatched, set apart by a dashed line, its count written over it.
                g.setStroke(Color.gray(1, 0.55));
                g.setLineWidth(1);
                for (double hy = TOP + ph; hy > TOP + ph - full; hy -= 5) {
                    g.strokeLine(x + 1, hy, x + bw - 1, Math.max(TOP + ph - full, hy - bw));
                }
                g.setStroke(ink);
                g.setLineDashes(3, 3);
                double edge = i == 0 ? x + bw : x;
                g.strokeLine(edge + 0.5, TOP + 8, edge + 0.5, TOP + ph);
                g.setLineDashes();
                g.setFill(ink);
                g.setTextAlign(i == 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
                g.setTextBaseline(VPos.BOTTOM);
                String count = Formats.compactCount(total);
                g.fillText(i == 0 ? "◂ " + count : count + " ▸", i == 0 ? x + 1 : x + bw - 1,
                        Math.max(TOP + 12, TOP + ph - full - 2));
            }
        }
        // Axes and ticks.
        g.setStroke(ink);
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP + ph + 0.5, LEFT + pw, TOP + ph + 0.5);
        g.setFill(ink);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        if (logY) {
            for (long v = 1; v <= max; v *= 10) {
                double y = TOP + ph - heightOf(v, max, true) * ph;
                g.fillText(Formats.compactCount(v), LEFT - 6, y);
            }
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("log", 2, TOP + ph + 5);
        } else {
            for (int t = 0; t <= 4; t++) {
                long v = Math.round(max * t / 4.0);
                double y = TOP + ph - heightOf(v, max, false) * ph;
                g.fillText(Formats.compactCount(v), LEFT - 6, y);
            }
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        // Ticks on the edges of the regular bins, as many as fit; the tails' outer edges show the extremes.
        int first = scale.firstRegular();
        int last = scale.lastRegular() + 1;
        int step = Math.max(1, (int) Math.ceil(70 / bw));
        for (int e = first; e <= last; e += step) {
            if (last - e < step && e != last && (last - e) * bw < 40) {
                continue; // leave room for the last regular edge
            }
            double x = LEFT + e * bw;
            g.fillText(TuneViewModel.shortNumber(scale.edges()[e]), x, TOP + ph + 5);
        }
        if (last % step != first % step) {
            g.fillText(TuneViewModel.shortNumber(scale.edges()[last]), LEFT + last * bw, TOP + ph + 5);
        }
        g.setFill(Color.gray(0.55));
        if (scale.underflow()) {
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("min " + TuneViewModel.shortNumber(scale.edges()[0]), LEFT, TOP + ph + 16);
        }
        if (scale.overflow()) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText("max " + TuneViewModel.shortNumber(scale.edges()[bins]), LEFT + pw, TOP + ph + 16);
        }
        // Thresholds; one beyond the values sits on the edge, its label pointing outwards.
        g.setTextBaseline(VPos.BOTTOM);
        List<double[]> placed = new java.util.ArrayList<>();
        for (Check c : checks) {
            double x = Math.round(xOf(c.threshold())) + 0.5;
            boolean beyond = scale.beyond(c.threshold());
            g.setStroke(Color.web("#1f6feb"));
            g.setLineWidth(c == dragging ? 3 : 2);
            if (beyond) {
                g.setLineDashes(4, 3);
            }
            g.strokeLine(x, TOP - 4, x, TOP + ph);
            g.setLineDashes();
            g.setFill(Color.web("#1f6feb"));
            g.fillRect(x - 4, TOP - 8, 8, 8);
            String op = switch (c.op()) {
                case LT -> "<";
                case GT -> ">";
                case NOT_GT -> "≤";
            };
            String value = TuneViewModel.shortNumber(c.threshold());
            if (beyond) {
                value = c.threshold() < scale.edges()[0] ? "◂ " + value : value + " ▸";
            }
            String label = c.param() + " " + value + "  (drops " + op + ")";
            double width = textWidth(label, g.getFont());
            boolean right = x < LEFT + pw / 2;
            double from = right ? x + 7 : x - 7 - width;
            // A label that would overlap one drawn before goes on the next line, inside the plot.
            int row = 0;
            while (overlaps(placed, row, from, from + width)) {
                row++;
            }
            placed.add(new double[] {row, from, from + width});
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(label, from, TOP - 8 + row * 14);
        }
        if (hoverBin >= 0) {
            int i = hoverBin;
            String text = String.format("%s  kept %,d  ·  this step %,d  ·  other steps %,d  — click to list",
                    histogram.describe(i), histogram.kept()[i], histogram.removedByStep()[i],
                    histogram.removedByOther()[i]);
            g.setFill(ink);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(text, LEFT + pw, TOP + 2);
        }
    }

    private static boolean overlaps(List<double[]> placed, int row, double from, double to) {
        for (double[] p : placed) {
            if (p[0] == row && from < p[2] + 8 && to > p[1] - 8) {
                return true;
            }
        }
        return false;
    }

    private static double textWidth(String s, Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
