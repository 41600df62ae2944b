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
import org.loupe.engine.decision.Histogram;

/**
 * A stacked histogram drawn on a canvas (kept / removed by this step / removed by another step) with the
 * step's thresholds drawn as vertical lines that can be dragged. A click on a bar reports the bin. One
 * redraw is a few dozen rectangles, so it keeps up with a drag.
 */
final class HistogramChart extends Region {
    static final Color KEPT = Color.web("#4a9d6f");
    static final Color BY_STEP = Color.web("#d9534f");
    static final Color BY_OTHER = Color.web("#a3a8ae");
    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TOP = 22;
    private static final double BOTTOM = 26;
    private static final double GRAB = 6;

    /** Receives the value a threshold was dragged to. */
    interface ThresholdListener {
        void moved(Check check, double value);
    }

    private final Canvas canvas = new Canvas();
    private Histogram histogram;
    private List<Check> checks = List.of();
    private boolean log;
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

    void show(Histogram h, List<Check> thresholds, boolean logBins) {
        histogram = h;
        checks = thresholds == null ? List.of() : thresholds;
        log = logBins;
        draw();
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

    /** The x position of a value (clamped to the plot). */
    double xOf(double v) {
        double[] e = histogram.edges();
        double a = e[0];
        double b = e[e.length - 1];
        double t;
        if (log) {
            t = v <= 0 ? 0 : (Math.log(v) - Math.log(a)) / (Math.log(b) - Math.log(a));
        } else {
            t = (v - a) / (b - a);
        }
        return LEFT + Math.max(0, Math.min(1, t)) * plotWidth();
    }

    /** The value at an x position. */
    double valueAt(double x) {
        double[] e = histogram.edges();
        double a = e[0];
        double b = e[e.length - 1];
        double t = Math.max(0, Math.min(1, (x - LEFT) / plotWidth()));
        return log ? Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a))) : a + t * (b - a);
    }

    private int binAt(double x) {
        if (histogram == null || x < LEFT || x > LEFT + plotWidth()) {
            return -1;
        }
        int bins = histogram.kept().length;
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
        Color ink = Color.gray(0.45);
        g.setFont(Font.font(11));
        int bins = histogram.kept().length;
        long max = 1;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, histogram.kept()[i] + histogram.removedByStep()[i] + histogram.removedByOther()[i]);
        }
        double pw = plotWidth();
        double ph = plotHeight();
        double bw = pw / bins;
        double yScale = ph / max;

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
            double y = TOP + ph;
            long[] parts = {histogram.kept()[i], histogram.removedByStep()[i], histogram.removedByOther()[i]};
            Color[] colors = {KEPT, BY_STEP, BY_OTHER};
            for (int p = 0; p < 3; p++) {
                double hh = parts[p] * yScale;
                if (hh > 0) {
                    g.setFill(i == hoverBin ? colors[p].brighter() : colors[p]);
                    g.fillRect(x + 0.5, y - hh, Math.max(1, bw - 1), hh);
                    y -= hh;
                }
            }
        }
        // Axes and ticks.
        g.setStroke(ink);
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP + ph + 0.5, LEFT + pw, TOP + ph + 0.5);
        g.setFill(ink);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int t = 0; t <= 4; t++) {
            long v = Math.round(max * t / 4.0);
            double y = TOP + ph - v * yScale;
            g.fillText(String.format("%,d", v), LEFT - 6, y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        int ticks = Math.max(2, Math.min(8, (int) (pw / 90)));
        for (int t = 0; t <= ticks; t++) {
            double x = LEFT + pw * t / ticks;
            g.fillText(TuneViewModel.shortNumber(valueAt(x)), x, TOP + ph + 5);
        }
        // Thresholds.
        g.setTextBaseline(VPos.BOTTOM);
        for (Check c : checks) {
            double x = Math.round(xOf(c.threshold())) + 0.5;
            g.setStroke(Color.web("#1f6feb"));
            g.setLineWidth(c == dragging ? 3 : 2);
            g.strokeLine(x, TOP - 4, x, TOP + ph);
            g.setFill(Color.web("#1f6feb"));
            g.fillRect(x - 4, TOP - 8, 8, 8);
            String op = switch (c.op()) {
                case LT -> "<";
                case GT -> ">";
                case NOT_GT -> "≤";
            };
            String label = c.param() + " " + TuneViewModel.shortNumber(c.threshold()) + "  (drops " + op + ")";
            boolean right = x < LEFT + pw / 2;
            g.setTextAlign(right ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.fillText(label, right ? x + 7 : x - 7, TOP - 6);
        }
        if (hoverBin >= 0) {
            int i = hoverBin;
            String text = String.format("[%s, %s)  kept %,d  ·  this step %,d  ·  other steps %,d  — click to list",
                    TuneViewModel.shortNumber(histogram.edges()[i]), TuneViewModel.shortNumber(histogram.edges()[i + 1]),
                    histogram.kept()[i], histogram.removedByStep()[i], histogram.removedByOther()[i]);
            g.setFill(ink);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(text, LEFT + pw, TOP + 2);
        }
    }
}
