package org.loupe.engine.report;

import static org.loupe.engine.report.RunReport.axisNumber;
import static org.loupe.engine.report.RunReport.escape;
import static org.loupe.engine.report.RunReport.integer;
import static org.loupe.engine.report.RunReport.percent;

import java.util.List;
import java.util.Locale;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.Histogram;

/**
 * The inline SVG charts of a {@link RunReport}: the funnel (remaining documents or tokens after each step)
 * and the stacked histogram of one metric with its thresholds. Plain SVG 1.1 text, well-formed as XML,
 * with native {@code <title>} tooltips instead of scripts; every coordinate is printed with
 * {@link Locale#ROOT} so the output does not depend on the machine's locale.
 */
final class SvgCharts {
    /** Colours of the three histogram series and of the funnel; also used by the HTML legend/CSS. */
    static final String KEPT = "#4e9a5e";
    static final String REMOVED_BY_STEP = "#d1495b";
    static final String REMOVED_BY_OTHER = "#b9b9b9";
    private static final String FUNNEL_BAR = "#3b6ea5";
    private static final String FUNNEL_DROP = "#f0b8bf";
    private static final String INK = "#222";
    private static final String MUTED = "#666";

    private SvgCharts() {
    }

    /**
     * A horizontal bar per stage: the remaining amount after it, and (pale, to its right) what the stage
     * removed.
     *
     * @param title     the chart's accessible title
     * @param labels    stage labels; the first is the start (everything)
     * @param remaining remaining amount after each stage
     * @param removed   amount each stage removed (0 for the start)
     * @param total     the amount at the start (100 %)
     */
    static String funnel(String title, List<String> labels, long[] remaining, long[] removed, long total) {
        int labelW = 220;
        int barW = 360;
        int valueW = 190;
        int rowH = 24;
        int top = 8;
        int width = labelW + barW + valueW;
        int height = top + rowH * labels.size() + 8;
        StringBuilder s = new StringBuilder();
        openSvg(s, width, height, title);
        for (int i = 0; i < labels.size(); i++) {
            double y = top + i * rowH;
            double w = total == 0 ? 0 : barW * (double) remaining[i] / total;
            double d = total == 0 ? 0 : barW * (double) removed[i] / total;
            String label = labels.get(i);
            s.append("<g><title>").append(escape(label)).append(": ").append(integer(remaining[i]))
                    .append(" remaining (").append(percent(remaining[i], total)).append("), ")
                    .append(integer(removed[i])).append(" removed</title>\n");
            s.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(num(y + rowH / 2.0 + 4))
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"").append(INK).append("\">")
                    .append(escape(shorten(label, 32))).append("</text>\n");
            rect(s, labelW, y + 3, w, rowH - 6, FUNNEL_BAR);
            if (d > 0) {
                rect(s, labelW + w, y + 3, d, rowH - 6, FUNNEL_DROP);
            }
            s.append("<text x=\"").append(num(labelW + w + d + 6)).append("\" y=\"").append(num(y + rowH / 2.0 + 4))
                    .append("\" font-size=\"12\" fill=\"").append(INK).append("\">").append(integer(remaining[i]))
                    .append(" (").append(percent(remaining[i], total)).append(")</text>\n</g>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /**
     * A stacked histogram (kept at the bottom, then removed by this step, then removed by another step),
     * with a legend, axes, and a labelled vertical line per threshold check.
     *
     * @param title  the chart's accessible title
     * @param h      the histogram (its edges give the x scale)
     * @param log    whether the bins are log-spaced
     * @param checks the checks drawn as threshold lines, all on this metric
     */
    static String histogram(String title, Histogram h, boolean log, List<Check> checks) {
        int width = 760;
        int left = 64;
        int right = 16;
        int legendH = 24;
        int labelsH = 16 * checks.size() + 6;
        int plotTop = legendH + labelsH;
        int plotH = 160;
        int bottom = 40;
        int height = plotTop + plotH + bottom;
        int plotW = width - left - right;
        int bins = h.kept().length;
        long max = 1;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, h.kept()[i] + h.removedByStep()[i] + h.removedByOther()[i]);
        }
        long yMax = niceCeiling(max);
        StringBuilder s = new StringBuilder();
        openSvg(s, width, height, title);
        legend(s, left);
        // Grid and y axis: 0, half, max.
        for (int t = 0; t <= 2; t++) {
            if (t == 1 && yMax % 2 != 0) {
                continue;
            }
            long v = yMax * t / 2;
            double y = plotTop + plotH - plotH * (double) v / yMax;
            s.append("<line x1=\"").append(left).append("\" x2=\"").append(left + plotW).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#e4e4e4\"/>\n");
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"").append(MUTED).append("\">")
                    .append(integer(v)).append("</text>\n");
        }
        // Bars.
        double bw = (double) plotW / bins;
        for (int i = 0; i < bins; i++) {
            long k = h.kept()[i];
            long st = h.removedByStep()[i];
            long ot = h.removedByOther()[i];
            if (k + st + ot == 0) {
                continue;
            }
            double x = left + i * bw;
            s.append("<g><title>").append(axisNumber(h.edges()[i])).append(" to ").append(axisNumber(h.edges()[i + 1]))
                    .append(": ").append(integer(k)).append(" kept, ").append(integer(st)).append(" removed by this step, ")
                    .append(integer(ot)).append(" removed by another step</title>\n");
            double base = plotTop + plotH;
            base = stack(s, x, base, bw, k, yMax, plotH, KEPT);
            base = stack(s, x, base, bw, st, yMax, plotH, REMOVED_BY_STEP);
            stack(s, x, base, bw, ot, yMax, plotH, REMOVED_BY_OTHER);
            s.append("</g>\n");
        }
        // X axis with ticks at every tenth edge.
        int axisY = plotTop + plotH;
        s.append("<line x1=\"").append(left).append("\" x2=\"").append(left + plotW).append("\" y1=\"").append(axisY)
                .append("\" y2=\"").append(axisY).append("\" stroke=\"").append(MUTED).append("\"/>\n");
        for (double t : ticks(h.edges(), log)) {
            double f = position(h.edges(), log, t);
            double x = left + f * plotW;
            String anchor = f < 0.02 ? "start" : f > 0.98 ? "end" : "middle";
            s.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(axisY)
                    .append("\" y2=\"").append(axisY + 4).append("\" stroke=\"").append(MUTED).append("\"/>\n");
            s.append("<text x=\"").append(num(x)).append("\" y=\"").append(axisY + 16).append("\" text-anchor=\"")
                    .append(anchor).append("\" font-size=\"11\" fill=\"").append(MUTED).append("\">")
                    .append(axisNumber(t)).append("</text>\n");
        }
        s.append("<text x=\"").append(left + plotW).append("\" y=\"").append(axisY + 32)
                .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"").append(MUTED).append("\">")
                .append(log ? "log scale" : "linear scale").append("</text>\n");
        // Thresholds: a dashed line at the value, its label in the band above the plot.
        for (int c = 0; c < checks.size(); c++) {
            Check check = checks.get(c);
            double f = position(h.edges(), log, check.threshold());
            boolean off = f < 0 || f > 1 || Double.isNaN(f);
            double fx = Double.isNaN(f) ? 0 : Math.max(0, Math.min(1, f));
            double x = left + fx * plotW;
            double labelY = legendH + 12 + 16 * c;
            String label = RunReport.thresholdLabel(check);
            s.append("<g class=\"threshold").append(off ? " off-scale" : "").append("\"><title>")
                    .append(escape(RunReport.thresholdMeaning(check)))
                    .append(off ? " (the threshold lies outside the range of the values; drawn at the edge)" : "")
                    .append("</title>\n");
            s.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(num(labelY + 3))
                    .append("\" y2=\"").append(axisY).append("\" stroke=\"").append(INK)
                    .append("\" stroke-width=\"1.5\" stroke-dasharray=\"").append(off ? "1 3" : "5 3").append("\"/>\n");
            boolean rightSide = fx > 0.6;
            if (off) {
                // An arrow at the edge says that the real position is further out.
                s.append("<text class=\"off-scale-mark\" x=\"").append(num(fx > 0.5 ? x - 2 : x + 2)).append("\" y=\"")
                        .append(axisY - 4).append("\" text-anchor=\"").append(fx > 0.5 ? "end" : "start")
                        .append("\" font-size=\"11\" fill=\"").append(INK).append("\">")
                        .append(fx > 0.5 ? "beyond \u25b8" : "\u25c2 beyond").append("</text>\n");
            }
            s.append("<text class=\"threshold-label\" x=\"").append(num(rightSide ? x - 5 : x + 5)).append("\" y=\"")
                    .append(num(labelY)).append("\" text-anchor=\"").append(rightSide ? "end" : "start")
                    .append("\" font-size=\"12\" font-weight=\"600\" fill=\"").append(INK).append("\">")
                    .append(escape(label)).append("</text>\n</g>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Where a value falls on the histogram's x scale, as a fraction of its width (outside [0, 1] when off scale). */
    static double position(double[] edges, boolean log, double v) {
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        if (log) {
            if (!(v > 0)) {
                return -1;
            }
            return (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
        }
        return (v - lo) / (hi - lo);
    }

    /**
     * Round tick values inside the histogram's range: powers of ten on a log scale, multiples of 1, 2 or 5
     * times a power of ten (about five of them) on a linear one; the two ends when no round value fits.
     */
    static List<Double> ticks(double[] edges, boolean log) {
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        List<Double> out = new java.util.ArrayList<>();
        if (log) {
            for (int e = (int) Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
                out.add(Math.pow(10, e));
            }
        } else {
            double raw = (hi - lo) / 5;
            double p = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
            for (long i = (long) Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
                // Multiply (not accumulate) so that 0.1 * 3 prints as 0.3 after rounding in axisNumber.
                out.add(i * step);
            }
        }
        if (out.size() < 2) {
            out.clear();
            out.add(lo);
            out.add(hi);
        }
        return out;
    }

    private static void legend(StringBuilder s, int left) {
        String[][] items = {{KEPT, "kept"}, {REMOVED_BY_STEP, "removed by this step"}, {REMOVED_BY_OTHER, "removed by another step"}};
        int x = left;
        for (String[] it : items) {
            rect(s, x, 6, 12, 12, it[0]);
            s.append("<text x=\"").append(x + 17).append("\" y=\"16\" font-size=\"12\" fill=\"").append(INK).append("\">")
                    .append(it[1]).append("</text>\n");
            x += 26 + it[1].length() * 6;
        }
    }

    /** Draws one segment of a stacked bar upwards from {@code base}; returns the new base. */
    private static double stack(StringBuilder s, double x, double base, double bw, long n, long yMax, int plotH, String fill) {
        if (n == 0) {
            return base;
        }
        double hgt = plotH * (double) n / yMax;
        rect(s, x + 0.5, base - hgt, Math.max(0.5, bw - 1), hgt, fill);
        return base - hgt;
    }

    private static void rect(StringBuilder s, double x, double y, double w, double h, String fill) {
        s.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill).append("\"/>\n");
    }

    private static void openSvg(StringBuilder s, int width, int height, String title) {
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" font-family=\"system-ui, sans-serif\">\n<title>").append(escape(title))
                .append("</title>\n");
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code v} (a round axis maximum). */
    static long niceCeiling(long v) {
        if (v <= 1) {
            return 1;
        }
        long p = 1;
        while (p * 10 < v) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
