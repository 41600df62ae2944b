package org.loupe.app.duplicates;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.loupe.app.common.Formats;

/**
 * The Duplicates view's charts, drawn on canvases (a redraw is a few hundred primitives, so the S-curve
 * follows a spinner at once): cluster sizes, the S-curve with the measured pairs, and a metric for the
 * documents dedup keeps versus removes.
 */
final class DuplicateCharts {
    static final Color CURVE = Color.web("#3a6fb0");
    static final Color KEPT = Color.web("#4a9d6f");
    static final Color REMOVED = Color.web("#d9534f");
    static final Color AXIS = Color.web("#8c959f");
    static final Color TEXT = Color.web("#57606a");
    private static final Font FONT = Font.font(11);

    private DuplicateCharts() {
    }

    /** A region with a canvas that fills it and is redrawn on every resize. */
    abstract static class Chart extends Region {
        protected final Canvas canvas = new Canvas();

        Chart() {
            getChildren().add(canvas);
        }

        @Override
        protected void layoutChildren() {
            double w = snapSizeX(getWidth());
            double h = snapSizeY(getHeight());
            if (canvas.getWidth() != w || canvas.getHeight() != h) {
                canvas.setWidth(w);
                canvas.setHeight(h);
            }
            draw();
        }

        final void draw() {
            GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            g.clearRect(0, 0, w, h);
            g.setFont(FONT);
            if (w > 40 && h > 30) {
                paint(g, w, h);
            }
        }

        abstract void paint(GraphicsContext g, double w, double h);

        static void text(GraphicsContext g, String s, double x, double y, TextAlignment align, VPos base) {
            g.setFill(TEXT);
            g.setTextAlign(align);
            g.setTextBaseline(base);
            g.fillText(s, x, y);
        }
    }

    /** Clusters per size: one bar per size present, the count above it. */
    static final class Sizes extends Chart {
        private java.util.List<DuplicateClusters.SizeCount> sizes = java.util.List.of();

        Sizes() {
            setMinHeight(90);
            setPrefHeight(110);
        }

        void show(java.util.List<DuplicateClusters.SizeCount> s) {
            sizes = java.util.List.copyOf(s);
            draw();
        }

        @Override
        void paint(GraphicsContext g, double w, double h) {
            if (sizes.isEmpty()) {
                text(g, "No clusters", w / 2, h / 2, TextAlignment.CENTER, VPos.CENTER);
                return;
            }
            double left = 8;
            double top = 16;
            double bottom = h - 18;
            int n = sizes.size();
            double slot = (w - 2 * left) / n;
            long max = sizes.stream().mapToLong(DuplicateClusters.SizeCount::clusters).max().orElse(1);
            boolean every = slot >= 26;
            for (int i = 0; i < n; i++) {
                DuplicateClusters.SizeCount s = sizes.get(i);
                double bh = (bottom - top) * Math.sqrt((double) s.clusters() / max);
                double x = left + i * slot;
                g.setFill(CURVE);
                g.fillRect(x + slot * 0.15, bottom - bh, Math.max(1, slot * 0.7), bh);
                if (every || i == 0 || i == n - 1) {
                    text(g, String.valueOf(s.size()), x + slot / 2, bottom + 3, TextAlignment.CENTER, VPos.TOP);
                    text(g, Formats.compactCount(s.clusters()), x + slot / 2, bottom - bh - 2, TextAlignment.CENTER,
                            VPos.BOTTOM);
                }
            }
            g.setStroke(AXIS);
            g.strokeLine(left, bottom + 0.5, w - left, bottom + 0.5);
        }
    }

    /**
     * The S-curve P(caught | s) for the current buckets × hashes, the similarity where half the pairs are caught,
     * and below it the measured pairs' similarities as a histogram (20 bins) with a rug of every pair.
     */
    static final class Curve extends Chart {
        static final int PAIR_BINS = 20;
        private SCurve curve;
        private double[] pairs = new double[0];

        Curve() {
            setMinSize(260, 200);
        }

        void show(SCurve c, double[] measured) {
            curve = c;
            pairs = measured == null ? new double[0] : measured;
            draw();
        }

        /** The curve drawn last (for tests). */
        SCurve drawn() {
            return curve;
        }

        @Override
        void paint(GraphicsContext g, double w, double h) {
            double left = 44;
            double right = w - 16;
            double top = 14;
            double pairHeight = Math.min(90, h * 0.28);
            double bottom = h - 34 - pairHeight;
            double pairTop = bottom + 30;
            double pairBottom = h - 6;
            double pw = right - left;
            g.setStroke(AXIS);
            g.setLineWidth(1);
            g.strokeRect(left + 0.5, top + 0.5, pw, bottom - top);
            for (int i = 0; i <= 10; i += 2) {
                double x = left + pw * i / 10;
                double y = bottom - (bottom - top) * i / 10;
                text(g, Formats.shortNumber(i / 10.0), x, bottom + 3, TextAlignment.CENTER, VPos.TOP);
                text(g, Formats.shortNumber(i / 10.0), left - 4, y, TextAlignment.RIGHT, VPos.CENTER);
                g.setStroke(Color.web("#d0d7de"));
                g.strokeLine(x + 0.5, top, x + 0.5, bottom);
            }
            text(g, "P(caught)", left + 4, top + 2, TextAlignment.LEFT, VPos.TOP);
            text(g, "Jaccard similarity s", right, bottom + 16, TextAlignment.RIGHT, VPos.TOP);
            if (curve != null) {
                double[] v = curve.values();
                g.setStroke(CURVE);
                g.setLineWidth(2);
                g.beginPath();
                for (int i = 0; i < v.length; i++) {
                    double x = left + pw * i / (v.length - 1);
                    double y = bottom - (bottom - top) * v[i];
                    if (i == 0) {
                        g.moveTo(x, y);
                    } else {
                        g.lineTo(x, y);
                    }
                }
                g.stroke();
                g.setLineWidth(1);
                double half = curve.halfway();
                double hx = left + pw * half;
                g.setStroke(REMOVED);
                g.setLineDashes(4, 3);
                g.strokeLine(hx, top, hx, bottom);
                g.setLineDashes();
                text(g, "50% at s = " + Formats.shortNumber(half), Math.min(hx + 4, right - 90), top + 18, TextAlignment.LEFT,
                        VPos.TOP);
                // Each measured pair on the curve: where the sample's copies fall.
                g.setFill(REMOVED.deriveColor(0, 1, 1, 0.35));
                for (double s : pairs) {
                    if (!Double.isNaN(s)) {
                        g.fillOval(left + pw * s - 3, bottom - (bottom - top) * curve.at(s) - 3, 6, 6);
                    }
                }
            }
            // The pairs' similarities: a histogram and a rug on the same x-axis.
            long[] bins = new long[PAIR_BINS];
            int defined = 0;
            for (double s : pairs) {
                if (!Double.isNaN(s)) {
                    bins[Math.min(PAIR_BINS - 1, (int) (s * PAIR_BINS))]++;
                    defined++;
                }
            }
            long max = java.util.Arrays.stream(bins).max().orElse(0);
            text(g, String.format("%,d measured pairs (survivor, copy)", defined), left, pairTop - 14, TextAlignment.LEFT,
                    VPos.TOP);
            double rug = pairBottom - 8;
            if (max > 0) {
                for (int b = 0; b < PAIR_BINS; b++) {
                    double bh = (rug - pairTop - 4) * bins[b] / max;
                    g.setFill(REMOVED.deriveColor(0, 1, 1, 0.7));
                    g.fillRect(left + pw * b / PAIR_BINS + 1, rug - bh, pw / PAIR_BINS - 2, bh);
                }
                g.setStroke(REMOVED);
                for (double s : pairs) {
                    if (!Double.isNaN(s)) {
                        double x = left + pw * s;
                        g.strokeLine(x, rug + 1, x, pairBottom);
                    }
                }
            }
            g.setStroke(AXIS);
            g.strokeLine(left, rug + 0.5, right, rug + 0.5);
        }
    }

    /** A metric's histogram for the documents dedup keeps (green) and removes (red), overlaid, as shares of each side. */
    static final class Split extends Chart {
        private QualitySplit split;

        Split() {
            setMinSize(260, 160);
        }

        void show(QualitySplit s) {
            split = s;
            draw();
        }

        @Override
        void paint(GraphicsContext g, double w, double h) {
            if (split == null || split.edges().length < 2) {
                text(g, split == null ? "Choose a metric" : "No defined values", w / 2, h / 2, TextAlignment.CENTER, VPos.CENTER);
                return;
            }
            double left = 44;
            double right = w - 16;
            double top = 22;
            double bottom = h - 34;
            double pw = right - left;
            long keptTotal = java.util.Arrays.stream(split.keptCounts()).sum();
            long removedTotal = java.util.Arrays.stream(split.removedCounts()).sum();
            double max = 0;
            int bins = split.keptCounts().length;
            for (int b = 0; b < bins; b++) {
                max = Math.max(max, share(split.keptCounts()[b], keptTotal));
                max = Math.max(max, share(split.removedCounts()[b], removedTotal));
            }
            if (max == 0) {
                max = 1;
            }
            double bw = pw / bins;
            for (int b = 0; b < bins; b++) {
                double x = left + b * bw;
                double kh = (bottom - top) * share(split.keptCounts()[b], keptTotal) / max;
                double rh = (bottom - top) * share(split.removedCounts()[b], removedTotal) / max;
                g.setFill(KEPT.deriveColor(0, 1, 1, 0.55));
                g.fillRect(x + 1, bottom - kh, bw - 2, kh);
                g.setFill(REMOVED.deriveColor(0, 1, 1, 0.45));
                g.fillRect(x + 1, bottom - rh, bw - 2, rh);
            }
            g.setStroke(AXIS);
            g.strokeLine(left, bottom + 0.5, right, bottom + 0.5);
            // Bars are equal widths on screen, the tail bins too: ticks sit on bin edges.
            double[] e = split.edges();
            int step = Math.max(1, (int) Math.ceil(60 / bw));
            for (int i = 0; i <= bins; i += step) {
                text(g, Formats.shortNumber(e[i]), left + bw * i, bottom + 3, TextAlignment.CENTER, VPos.TOP);
            }
            if (bins % step != 0) {
                text(g, Formats.shortNumber(e[bins]), right, bottom + 3, TextAlignment.RIGHT, VPos.TOP);
            }
            text(g, "share of documents", left, 4, TextAlignment.LEFT, VPos.TOP);
            g.setFill(KEPT);
            g.fillRect(right - 200, 6, 10, 10);
            text(g, "kept by dedup", right - 186, 4, TextAlignment.LEFT, VPos.TOP);
            g.setFill(REMOVED);
            g.fillRect(right - 96, 6, 10, 10);
            text(g, "removed", right - 82, 4, TextAlignment.LEFT, VPos.TOP);
            // Medians as lines.
            marker(g, split.kept().median(), KEPT, left, pw, top, bottom);
            marker(g, split.removed().median(), REMOVED, left, pw, top, bottom);
        }

        private void marker(GraphicsContext g, double v, Color c, double left, double pw, double top, double bottom) {
            double[] e = split.edges();
            if (Double.isNaN(v) || e[e.length - 1] == e[0]) {
                return;
            }
            int b = QualitySplit.binOf(v, e);
            double f = e[b + 1] > e[b] ? Math.max(0, Math.min(1, (v - e[b]) / (e[b + 1] - e[b]))) : 0;
            double x = left + pw * (b + f) / (e.length - 1);
            g.setStroke(c);
            g.setLineWidth(2);
            g.strokeLine(x, top, x, bottom);
            g.setLineWidth(1);
        }

        private static double share(long count, long total) {
            return total == 0 ? 0 : (double) count / total;
        }
    }

    /**
     * The highest removal rates of a categorical split: a horizontal bar per category (its name on the left, its
     * rate and documents on the right) and a dashed line at the step's overall rate.
     */
    static final class Rates extends Chart {
        private static final double ROW = 17;
        private CategorySplit split;

        Rates() {
            setMinHeight(44);
            setPrefHeight(heightFor(CategorySplit.CHART));
        }

        void show(CategorySplit s) {
            split = s;
            // As tall as its bars: the table above takes the rest.
            setPrefHeight(heightFor(s == null ? CategorySplit.CHART : Math.max(1, s.highest().size())));
            draw();
        }

        private static double heightFor(int rows) {
            return 26 + ROW * rows;
        }

        /** The split drawn last (for tests). */
        CategorySplit drawn() {
            return split;
        }

        @Override
        void paint(GraphicsContext g, double w, double h) {
            if (split == null || split.highest().isEmpty()) {
                text(g, split == null ? "Choose a split" : String.format("No category was given %,d documents or more",
                        split.minGiven()), w / 2, h / 2, TextAlignment.CENTER, VPos.CENTER);
                return;
            }
            text(g, String.format("Highest removal rates (categories given ≥ %,d documents); dashed: the step's %s",
                    split.minGiven(), DuplicatesView.percent(split.overallRate())), 4, 2, TextAlignment.LEFT, VPos.TOP);
            double top = 20;
            double labelWidth = Math.min(170, w * 0.32);
            double valueWidth = 118;
            double left = labelWidth + 8;
            double right = w - valueWidth;
            if (right - left < 30) {
                return;
            }
            java.util.List<CategorySplit.Row> rows = split.highest();
            int shown = (int) Math.min(rows.size(), Math.max(1, Math.floor((h - top - 4) / ROW)));
            for (int i = 0; i < shown; i++) {
                CategorySplit.Row r = rows.get(i);
                double y = top + i * ROW;
                text(g, fit(r.category(), labelWidth), labelWidth, y + ROW / 2, TextAlignment.RIGHT, VPos.CENTER);
                double bw = (right - left) * r.removalRate();
                g.setFill(REMOVED.deriveColor(0, 1, 1, 0.75));
                g.fillRect(left, y + 3, Math.max(bw, r.removed() > 0 ? 1 : 0), ROW - 6);
                text(g, DuplicatesView.percent(r.removalRate()) + String.format("  %,d/%,d", r.removed(), r.given()),
                        right + 6, y + ROW / 2, TextAlignment.LEFT, VPos.CENTER);
            }
            double bottom = top + shown * ROW;
            g.setStroke(AXIS);
            g.strokeLine(left + 0.5, top, left + 0.5, bottom);
            double x = left + (right - left) * split.overallRate();
            g.setStroke(CURVE);
            g.setLineDashes(4, 3);
            g.strokeLine(x, top, x, bottom);
            g.setLineDashes();
        }

        /** A name cut to fit a width (about 6 pixels a character at this font), marked with "…" when cut. */
        private static String fit(String s, double width) {
            int max = Math.max(4, (int) (width / 6.2));
            return s.length() <= max ? s : s.substring(0, max - 1) + "…";
        }
    }
}
