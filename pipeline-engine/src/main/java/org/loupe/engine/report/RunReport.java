package org.loupe.engine.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.Histogram;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;

/**
 * A self-contained HTML report of what a pipeline config does on a measured sample: one file with inline
 * CSS and inline SVG, no scripts and no external resources, that opens offline in any browser and can be
 * attached to a ticket or a paper review.
 *
 * <p>The report has, in order: a header (title, sample, generation time, Loupe version, config hash); the
 * summary (documents and tokens kept); the funnel (documents and tokens remaining after each step, as two
 * bar charts and a table of {@link Decisions#counts()}); for every enabled step and every metric its
 * threshold checks compare, a stacked histogram ({@value #BINS} bins: kept, removed by this step, removed by
 * another step) with each threshold drawn where it falls and labelled {@code param op value}; and the config
 * as YAML. A pipeline with dedup steps also gets a Duplicates section: per step, the documents it was given,
 * its clusters, what it removed and its largest clusters with the survivor and the removed copies (named by
 * id and URL when the caller passes the sample's {@link Documents}).
 *
 * <p>All text from the input (titles, step names, reasons, YAML) is escaped; numbers use {@link Locale#US}
 * grouping whatever the default locale; the output depends only on the input (the generation time is part of
 * it), so the same input gives the same bytes. The markup is also well-formed XML.
 */
public final class RunReport {
    /** Bins of every histogram. */
    public static final int BINS = 40;
    /** A strictly positive metric whose max/min exceeds this ratio is binned on a log scale. */
    static final double LOG_RATIO = 1000;

    private RunReport() {
    }

    /**
     * What a report is made of.
     *
     * @param title             the report's title; null: the config's name
     * @param sampleDescription what the sample is ({@code "demo: 3,937 documents, seed 42"}); may be null
     * @param config            the pipeline config that was decided
     * @param catalog           the step types of the config
     * @param table             the measured values the decisions were made over
     * @param decisions         the decisions of {@code config} over {@code table}
     * @param generatedAt       when the report is generated (passed in, so that output is reproducible)
     * @param loupeVersion      the Loupe version that made the report; may be null
     */
    public record Input(String title, String sampleDescription, PipelineConfig config, StepCatalog catalog,
                        MetricTable table, Decisions decisions, Instant generatedAt, String loupeVersion) {
        public Input {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(generatedAt, "generatedAt");
        }
    }

    /**
     * Renders the report.
     *
     * @throws IllegalArgumentException when the decisions were not made for this config and table
     */
    public static String html(Input in) {
        return html(in, null);
    }

    /**
     * Renders the report, naming the documents of the Duplicates section by their id and URL.
     *
     * @param documents the sample's documents by row; null: the section names them by sample row
     * @throws IllegalArgumentException when the decisions were not made for this config and table
     */
    public static String html(Input in, Documents documents) {
        PipelineConfig config = in.config();
        Decisions d = in.decisions();
        List<String> names = config.steps().stream().map(StepConfig::stepName).toList();
        if (!names.equals(d.steps())) {
            throw new IllegalArgumentException("decisions are for steps " + d.steps() + ", config has " + names);
        }
        if (d.rows() != in.table().rows()) {
            throw new IllegalArgumentException("decisions for " + d.rows() + " rows, table has " + in.table().rows());
        }
        String yaml = new ConfigLoader(in.catalog()).toYaml(config);
        String title = in.title() != null && !in.title().isBlank() ? in.title()
                : "Loupe report" + (config.name() == null ? "" : ": " + config.name());
        List<Decisions.StepCounts> counts = d.counts();

        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"generator\" content=\"Loupe ").append(escape(version(in))).append("\"/>\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n");
        header(h, in, title, yaml);
        summary(h, d);
        funnel(h, config, d, counts);
        histograms(h, in);
        duplicates(h, in, documents);
        h.append("<section id=\"config\">\n<h2>Config</h2>\n<pre class=\"yaml\"><code>").append(escape(yaml))
                .append("</code></pre>\n</section>\n");
        h.append("<footer>Generated by Loupe ").append(escape(version(in))).append(" on ")
                .append(escape(timestamp(in.generatedAt())))
                .append(". Self-contained: no scripts, no external resources.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the report as UTF-8, atomically: to a temporary file in the same folder, then moved into place. */
    public static void write(Input in, Path file) throws IOException {
        write(in, null, file);
    }

    /** As {@link #write(Input, Path)}, naming the Duplicates section's documents ({@code documents} may be null). */
    public static void write(Input in, Documents documents, Path file) throws IOException {
        byte[] bytes = html(in, documents).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The sample's documents by row, for the Duplicates section.
     *
     * @param ids  the id of a row
     * @param urls the URL of a row (or null)
     */
    public record Documents(java.util.function.IntFunction<String> ids, java.util.function.IntFunction<String> urls) {
        public Documents {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(urls, "urls");
        }
    }

    private static boolean hasDedup(Input in) {
        return in.config().steps().stream().anyMatch(s -> s.enabled()
                && in.catalog().type(s.type()).map(StepType::decidesOverEarlierKept).orElse(false));
    }

    /** Clusters listed per dedup step in the Duplicates section. */
    static final int LARGEST_CLUSTERS = 10;

    /**
     * When the pipeline has dedup steps: per step, the documents it was given, its clusters and what it
     * removed, and its largest clusters with the survivor and the removed copies.
     */
    private static void duplicates(StringBuilder h, Input in, Documents documents) {
        if (!hasDedup(in)) {
            return;
        }
        java.util.function.IntFunction<String> ids = documents != null ? documents.ids() : row -> "row " + row;
        java.util.function.IntFunction<String> urls = documents != null ? documents.urls() : row -> null;
        List<DuplicatesSummary> steps = DuplicatesSummary.of(in.decisions(), in.table(), ids, urls, LARGEST_CLUSTERS);
        h.append("<section id=\"duplicates\">\n<h2>Duplicates</h2>\n<p>What each dedup step found among the documents ")
                .append("the steps before it keep: groups of copies, of which one survives.</p>\n");
        if (documents == null) {
            h.append("<p class=\"note\">Documents are named by their sample row: this report was made without the ")
                    .append("sample's ids and URLs.</p>\n");
        }
        for (DuplicatesSummary d : steps) {
            h.append("<h3>").append(escape(d.step())).append("</h3>\n<p class=\"dedup-totals\">")
                    .append(integer(d.documents())).append(" documents given, ")
                    .append(integer(d.clusters())).append(" clusters, ")
                    .append(integer(d.removed())).append(" documents removed (")
                    .append(integer(d.removedTokens())).append(" tokens).</p>\n");
            if (d.largest().isEmpty()) {
                continue;
            }
            h.append("<table class=\"duplicates\">\n<thead><tr><th>Cluster</th><th>Size</th><th>Survivor</th>")
                    .append("<th>Survivor URL</th><th>Removed copies</th></tr></thead>\n<tbody>\n");
            for (DuplicatesSummary.Cluster c : d.largest()) {
                List<String> copies = new ArrayList<>();
                for (DuplicatesSummary.Member m : c.members()) {
                    if (m.removed()) {
                        copies.add(m.id() + (Double.isNaN(m.jaccard()) ? "" : String.format(Locale.US, " (J %.2f)", m.jaccard())));
                    }
                }
                h.append("<tr><td class=\"num\">").append(c.id()).append("</td><td class=\"num\">").append(integer(c.size()))
                        .append("</td><td>").append(escape(c.survivor().id())).append("</td><td>")
                        .append(escape(c.survivor().url() == null ? "" : c.survivor().url())).append("</td><td>")
                        .append(escape(String.join(", ", copies))).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
            if (d.largest().size() < d.clusters()) {
                h.append("<p class=\"note\">The ").append(d.largest().size()).append(" largest of ")
                        .append(integer(d.clusters())).append(" clusters.</p>\n");
            }
        }
        h.append("</section>\n");
    }

    // Sections

    private static void header(StringBuilder h, Input in, String title, String yaml) {
        PipelineConfig config = in.config();
        h.append("<header>\n<h1>").append(escape(title)).append("</h1>\n<dl class=\"meta\">\n");
        meta(h, "Pipeline", config.name() == null ? "(unnamed)" : config.name());
        if (in.sampleDescription() != null && !in.sampleDescription().isBlank()) {
            meta(h, "Sample", in.sampleDescription());
        }
        meta(h, "Documents", integer(in.decisions().rows()));
        meta(h, "Generated", timestamp(in.generatedAt()));
        meta(h, "Loupe", version(in));
        meta(h, "Config hash", "sha256:" + sha256(yaml).substring(0, 16));
        h.append("</dl>\n<nav><a href=\"#summary\">Summary</a> \u00b7 <a href=\"#funnel\">Funnel</a> \u00b7 ")
                .append("<a href=\"#steps\">Steps</a> \u00b7 ")
                .append(hasDedup(in) ? "<a href=\"#duplicates\">Duplicates</a> \u00b7 " : "")
                .append("<a href=\"#config\">Config</a></nav>\n</header>\n");
    }

    private static void meta(StringBuilder h, String key, String value) {
        h.append("<dt>").append(escape(key)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static void summary(StringBuilder h, Decisions d) {
        long docs = d.rows();
        long tokens = 0;
        for (int row = 0; row < d.rows(); row++) {
            tokens += d.tokens(row);
        }
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
        card(h, "documents", "Documents kept", d.keptDocuments(), docs);
        card(h, "tokens", "Tokens kept", d.keptTokens(), tokens);
        h.append("</div>\n</section>\n");
    }

    private static void card(StringBuilder h, String cls, String what, long kept, long total) {
        h.append("<div class=\"card ").append(cls).append("\"><div class=\"what\">").append(what)
                .append("</div><div class=\"big\"><span class=\"kept\">").append(integer(kept))
                .append("</span> of <span class=\"total\">").append(integer(total)).append("</span></div>")
                .append("<div class=\"pct\">").append(percent(kept, total)).append(" kept, ")
                .append(integer(total - kept)).append(" removed</div></div>\n");
    }

    private static void funnel(StringBuilder h, PipelineConfig config, Decisions d, List<Decisions.StepCounts> counts) {
        int s = counts.size();
        long totalTokens = 0;
        for (int row = 0; row < d.rows(); row++) {
            totalTokens += d.tokens(row);
        }
        List<String> labels = new ArrayList<>();
        labels.add("all documents");
        long[] remDocs = new long[s + 1];
        long[] remTokens = new long[s + 1];
        long[] cutDocs = new long[s + 1];
        long[] cutTokens = new long[s + 1];
        remDocs[0] = d.rows();
        remTokens[0] = totalTokens;
        for (int k = 0; k < s; k++) {
            Decisions.StepCounts c = counts.get(k);
            labels.add(c.step() + (config.steps().get(k).enabled() ? "" : " (disabled)"));
            remDocs[k + 1] = c.remainingDocs();
            remTokens[k + 1] = c.remainingTokens();
            cutDocs[k + 1] = c.removedDocs();
            cutTokens[k + 1] = c.removedTokens();
        }
        h.append("<section id=\"funnel\">\n<h2>Funnel</h2>\n<p>What remains after each step, in pipeline order; a document ")
                .append("is counted against the <em>first</em> step that removes it. Pale: removed by that step.</p>\n");
        h.append("<figure class=\"funnel\" data-unit=\"documents\">\n")
                .append(SvgCharts.funnel("Documents remaining after each step", labels, remDocs, cutDocs, d.rows()))
                .append("<figcaption>Documents remaining after each step.</figcaption>\n</figure>\n");
        h.append("<figure class=\"funnel\" data-unit=\"tokens\">\n")
                .append(SvgCharts.funnel("Tokens remaining after each step", labels, remTokens, cutTokens, totalTokens))
                .append("<figcaption>Tokens remaining after each step.</figcaption>\n</figure>\n");

        h.append("<table class=\"funnel\">\n<thead><tr><th>Step</th><th>Removed docs</th><th>Removed tokens</th>")
                .append("<th title=\"removed documents / documents entering the step\">% of step input</th>")
                .append("<th title=\"documents no other step would remove\">Removed by this step alone</th>")
                .append("<th>Remaining docs</th><th>Remaining tokens</th><th>Top reasons</th></tr></thead>\n<tbody>\n");
        h.append("<tr class=\"start\"><td class=\"name\">all documents</td><td></td><td></td><td></td><td></td>")
                .append("<td class=\"num remaining-docs\">").append(integer(d.rows())).append("</td>")
                .append("<td class=\"num remaining-tokens\">").append(integer(totalTokens)).append("</td><td></td></tr>\n");
        for (int k = 0; k < s; k++) {
            Decisions.StepCounts c = counts.get(k);
            StepConfig step = config.steps().get(k);
            h.append("<tr class=\"step").append(step.enabled() ? "" : " disabled").append("\">")
                    .append("<td class=\"name\"><code>").append(escape(c.step())).append("</code>");
            if (!step.enabled()) {
                h.append(" <span class=\"tag\">disabled</span>");
            }
            h.append("</td>");
            cell(h, "removed-docs", integer(c.removedDocs()));
            cell(h, "removed-tokens", integer(c.removedTokens()));
            cell(h, "pct-input", percent(c.removedDocs(), remDocs[k]));
            cell(h, "unique-docs", integer(c.uniqueDocs()));
            cell(h, "remaining-docs", integer(c.remainingDocs()));
            cell(h, "remaining-tokens", integer(c.remainingTokens()));
            h.append("<td class=\"reasons\">");
            List<Map.Entry<String, Long>> reasons = topReasons(c.reasons());
            for (int i = 0; i < Math.min(3, reasons.size()); i++) {
                Map.Entry<String, Long> e = reasons.get(i);
                h.append("<span class=\"reason\"><code>").append(escape(e.getKey())).append("</code> <span class=\"count\">")
                        .append(integer(e.getValue())).append("</span></span>");
            }
            if (reasons.size() > 3) {
                h.append("<span class=\"more\">+").append(reasons.size() - 3).append(" more</span>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void cell(StringBuilder h, String cls, String text) {
        h.append("<td class=\"num ").append(cls).append("\">").append(text).append("</td>");
    }

    /** Reasons by count, most frequent first, ties by name: independent of map order. */
    static List<Map.Entry<String, Long>> topReasons(Map<String, Long> reasons) {
        List<Map.Entry<String, Long>> list = new ArrayList<>(reasons.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return list;
    }

    private static void histograms(StringBuilder h, Input in) {
        PipelineConfig config = in.config();
        Decisions d = in.decisions();
        h.append("<section id=\"steps\">\n<h2>Steps</h2>\n<p class=\"legend\">")
                .append(swatch(SvgCharts.KEPT)).append(" kept by the pipeline ")
                .append(swatch(SvgCharts.REMOVED_BY_STEP)).append(" removed by this step ")
                .append(swatch(SvgCharts.REMOVED_BY_OTHER)).append(" removed by another step (earlier or later). ")
                .append("Dashed lines: the step's thresholds, labelled <code>parameter condition value</code>: a ")
                .append("document is removed when its value meets the condition.</p>\n");
        for (int k = 0; k < config.steps().size(); k++) {
            StepConfig step = config.steps().get(k);
            StepType type = in.catalog().type(step.type()).orElse(d.stepType(k));
            h.append("<section class=\"step").append(step.enabled() ? "" : " disabled").append("\" id=\"step-").append(k + 1)
                    .append("\">\n<h3>").append(k + 1).append(". <code>").append(escape(step.stepName())).append("</code> <span class=\"type\">")
                    .append(escape(type.title())).append(" (").append(escape(type.name())).append(")</span></h3>\n");
            if (!step.enabled()) {
                h.append("<p class=\"note\">Disabled: kept in the config, decides nothing.</p>\n</section>\n");
                continue;
            }
            List<Check> checks = type.decider(step.stepName(), StepParams.of(type, step), in.table()).checks();
            if (step.keepFraction() > 0) {
                h.append("<p class=\"note\">keep_fraction ").append(value(step.keepFraction()))
                        .append(": that share of the documents this step would remove is kept anyway.</p>\n");
            }
            if (!step.overrides().isEmpty()) {
                h.append("<p class=\"note\">").append(integer(step.overrides().size()))
                        .append(" per-domain override(s): the thresholds drawn are the step's own; overridden domains use theirs.</p>\n");
            }
            if (checks.isEmpty()) {
                h.append("<p class=\"note\">No threshold checks to draw: this step decides by lists or switches.</p>\n");
            }
            Map<String, List<Check>> byMetric = new LinkedHashMap<>();
            for (Check c : checks) {
                byMetric.computeIfAbsent(c.metric(), m -> new ArrayList<>()).add(c);
            }
            int m = 0;
            for (Map.Entry<String, List<Check>> e : byMetric.entrySet()) {
                m++;
                histogram(h, in, k, step.stepName(), e.getKey(), e.getValue(), "step-" + (k + 1) + "-" + m);
            }
            h.append("</section>\n");
        }
        h.append("</section>\n");
    }

    private static void histogram(StringBuilder h, Input in, int k, String stepName, String metric, List<Check> checks,
                                  String id) {
        String column = MetricTable.name(stepName, metric);
        h.append("<figure class=\"histogram\" id=\"").append(id).append("\" data-step=\"").append(escape(stepName))
                .append("\" data-metric=\"").append(escape(metric)).append("\">\n");
        if (!in.table().has(column)) {
            h.append("<figcaption>No measured values for <code>").append(escape(column)).append("</code>.</figcaption>\n</figure>\n");
            return;
        }
        double[] values = in.table().column(column);
        boolean log = useLog(values);
        Histogram hist = Histogram.of(values, in.decisions(), k, BINS, log);
        h.append(SvgCharts.histogram(metric + " of " + stepName, hist, log, checks));
        long kept = 0;
        long byStep = 0;
        long byOther = 0;
        for (int i = 0; i < hist.kept().length; i++) {
            kept += hist.kept()[i];
            byStep += hist.removedByStep()[i];
            byOther += hist.removedByOther()[i];
        }
        h.append("<figcaption><code>").append(escape(metric)).append("</code>: ").append(BINS)
                .append(log ? " log-spaced" : "").append(" bins from ").append(escape(axisNumber(hist.edges()[0])))
                .append(" to ").append(escape(axisNumber(hist.edges()[BINS]))).append(". Kept ").append(integer(kept))
                .append(", removed by this step ").append(integer(byStep)).append(", removed by another step ")
                .append(integer(byOther));
        if (hist.nan() > 0) {
            h.append("; ").append(integer(hist.nan())).append(" without a value, not drawn");
        }
        h.append(". Thresholds: ");
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            double at = SvgCharts.position(hist.edges(), log, c.threshold());
            h.append(i == 0 ? "" : "; ").append("<code>").append(escape(thresholdLabel(c))).append("</code> (")
                    .append(escape(thresholdMeaning(c))).append(at >= 0 && at <= 1 ? "" : "; outside the range of the values")
                    .append(")");
        }
        h.append(".</figcaption>\n</figure>\n");
    }

    private static String swatch(String colour) {
        return "<span class=\"swatch\" style=\"background:" + colour + "\"></span>";
    }

    // Formatting (package-private: shared with SvgCharts and tests)

    /** Log bins when every defined value is positive and they span more than {@value #LOG_RATIO}×. */
    static boolean useLog(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v <= 0) {
                return false;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return lo <= hi && hi / lo > LOG_RATIO;
    }

    /** The label of a threshold line: {@code param op value}, e.g. {@code min_doc_words < 50}. */
    static String thresholdLabel(Check c) {
        return c.param() + " " + opSymbol(c.op()) + " " + value(c.threshold());
    }

    /** What a check drops, in words. */
    static String thresholdMeaning(Check c) {
        return switch (c.op()) {
            case LT -> "removed when " + c.metric() + " < " + value(c.threshold());
            case GT -> "removed when " + c.metric() + " > " + value(c.threshold());
            case NOT_GT -> "removed unless " + c.metric() + " > " + value(c.threshold()) + "; undefined values are removed";
        };
    }

    /** The drop condition as a symbol: {@code NOT_GT} (drop unless above) reads as ≤. */
    static String opSymbol(Check.Op op) {
        return switch (op) {
            case LT -> "<";
            case GT -> ">";
            case NOT_GT -> "\u2264";
        };
    }

    /** Escapes text for HTML/XML content and attribute values; control characters XML forbids become U+FFFD. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0xFFFE || c == 0xFFFF
                        ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /** A count with thousands separators: {@code 3,937}. */
    static String integer(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** A share with one decimal ({@code 81.5%}); a dash when the whole is 0. */
    static String percent(long part, long whole) {
        return whole == 0 ? "\u2013" : String.format(Locale.US, "%.1f%%", 100.0 * part / whole);
    }

    /** A parameter value as written: integers grouped ({@code 100,000}), fractions exact ({@code 0.12}). */
    static String value(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return integer((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** An axis value: three significant digits, integers grouped. */
    static String axisNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (Math.abs(v) >= 1000) {
            return integer(Math.round(v));
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    private static String version(Input in) {
        return in.loupeVersion() == null || in.loupeVersion().isBlank() ? "(unknown version)" : in.loupeVersion();
    }

    private static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0 auto;
                   max-width: 1000px; padding: 24px; background: #fff; }
            h1 { font-size: 24px; margin: 0 0 8px; }
            h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 24px 0 6px; }
            h3 .type { font-weight: normal; color: #666; font-size: 13px; }
            code { font: 12.5px ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
            dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
            dl.meta dt { color: #666; }
            dl.meta dd { margin: 0; }
            nav a { color: #3b6ea5; }
            .cards { display: flex; gap: 16px; flex-wrap: wrap; }
            .card { border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; min-width: 260px; }
            .card .what { color: #666; }
            .card .big { font-size: 22px; }
            .card .kept { font-weight: 700; }
            .card .pct { color: #444; }
            figure { margin: 12px 0 20px; }
            figure svg { max-width: 100%; height: auto; display: block; }
            figcaption { color: #555; font-size: 12.5px; margin-top: 4px; }
            table.funnel { border-collapse: collapse; width: 100%; font-size: 13px; }
            table.funnel th, table.funnel td { border-bottom: 1px solid #e4e4e4; padding: 4px 6px; text-align: left;
                   vertical-align: top; }
            table.funnel th { background: #f5f5f5; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.disabled { color: #999; }
            .tag { font-size: 11px; border: 1px solid #bbb; border-radius: 3px; padding: 0 4px; }
            td.reasons .reason { display: block; }
            td.reasons .count { color: #666; }
            td.reasons .more { color: #999; font-size: 12px; }
            .swatch { display: inline-block; width: 11px; height: 11px; vertical-align: -1px; margin: 0 3px 0 8px; }
            .note { color: #555; font-style: italic; }
            section.step.disabled h3 { color: #999; }
            pre.yaml { background: #f7f7f7; border: 1px solid #e4e4e4; padding: 12px; overflow-x: auto; }
            footer { margin-top: 32px; color: #888; font-size: 12px; }
            @media print { body { padding: 0; } figure, tr { break-inside: avoid; } }
            """;
}
