package org.loupe.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.filter.Check;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

/**
 * The HTML run report over a ten-row sample whose decisions are known by construction:
 * <ul>
 *   <li>gopher_quality removes rows 0, 1 (too few words) and 9 (too many); row 0 also fails FineWeb;</li>
 *   <li>fineweb_quality removes rows 2 (short lines) and 3 (no punctuation); row 2 also fails the next step;</li>
 *   <li>the step named {@code <script>…} (FineWeb, new_line_ratio 0.1) removes row 4;</li>
 *   <li>c4_quality is disabled; rows 5–8 are kept.</li>
 * </ul>
 * Row i has 100·(i + 1) tokens.
 */
class RunReportTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final int ROWS = 10;
    private static final String EVIL = "<script>alert(\"x\")</script>";
    private static final double[] WORDS = {10, 20, 200, 500, 1000, 5000, 20000, 300, 400, 200000};

    private static MetricTable table() {
        MetricTable t = new MetricTable(ROWS);
        Map<String, Double> gopher = new LinkedHashMap<>();
        gopher.put("n_words", 200.0);
        gopher.put("avg_word_length", 5.0);
        gopher.put("hash_ratio", 0.0);
        gopher.put("ellipsis_ratio", 0.0);
        gopher.put("n_lines", 10.0);
        gopher.put("bullet_lines_ratio", 0.0);
        gopher.put("end_ellipsis_lines_ratio", 0.0);
        gopher.put("alpha_words_ratio", 1.0);
        gopher.put("n_stop_words_present", 5.0);
        gopher.forEach((m, v) -> t.put(MetricTable.name("gopher_quality", m), constant(v)));
        t.put(MetricTable.name("gopher_quality", "n_non_symbol_words"), WORDS.clone());

        // Columns are complete before they are put: a table's columns are never changed afterwards.
        t.put(MetricTable.name("fineweb_quality", "char_dup_ratio"), with(constant(0), 0, 0.5));
        t.put(MetricTable.name("fineweb_quality", "short_line_ratio"), with(constant(0), 2, 0.9));
        t.put(MetricTable.name("fineweb_quality", "line_punct_ratio"), with(constant(1), 3, 0.0));
        t.put(MetricTable.name("fineweb_quality", "list_ratio"), constant(0.05));
        t.put(MetricTable.name(EVIL, "char_dup_ratio"), constant(0));
        t.put(MetricTable.name(EVIL, "short_line_ratio"), constant(0));
        t.put(MetricTable.name(EVIL, "line_punct_ratio"), constant(1));
        t.put(MetricTable.name(EVIL, "list_ratio"), with(with(constant(0.05), 2, 0.5), 4, 0.5));
        for (String step : List.of("fineweb_quality", EVIL)) {
            t.put(MetricTable.name(step, "n_lines"), constant(10));
            t.put(MetricTable.name(step, "n_words"), constant(200));
        }
        return t;
    }

    private static double[] with(double[] column, int row, double v) {
        column[row] = v;
        return column;
    }

    private static double[] constant(double v) {
        double[] c = new double[ROWS];
        java.util.Arrays.fill(c, v);
        return c;
    }

    private static RowKeys keys() {
        long[] ids = new long[ROWS];
        String[] hosts = new String[ROWS];
        long[] tokens = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = RowKeys.hashId("doc-" + i);
            hosts[i] = "site" + i + ".org";
            tokens[i] = 100L * (i + 1);
        }
        return new RowKeys(ids, hosts, tokens);
    }

    private static PipelineConfig config() {
        return PipelineConfig.of("test " + EVIL, List.of(
                StepConfig.of("gopher_quality"),
                StepConfig.of("fineweb_quality"),
                new StepConfig("fineweb_quality", EVIL, true, 0, Map.of("new_line_ratio", 0.1), List.of()),
                StepConfig.of("c4_quality").withEnabled(false)));
    }

    private static RunReport.Input input() {
        MetricTable t = table();
        PipelineConfig c = config();
        Decisions d = Decisions.decide(c, CATALOG, t, keys());
        return new RunReport.Input("Report " + EVIL, "unit: 10 documents & " + EVIL, c, CATALOG, t, d,
                Instant.parse("2025-01-02T03:04:05Z"), "0.1.0-test");
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", "").trim());
    }

    @Test
    void theDecisionsAreTheOnesTheFixtureIsBuiltFor() {
        Decisions d = input().decisions();
        assertThat(d.keptDocuments()).isEqualTo(4);
        assertThat(d.keptTokens()).isEqualTo(3000);
        assertThat(d.counts()).extracting(Decisions.StepCounts::removedDocs).containsExactly(3L, 2L, 1L, 0L);
    }

    @Test
    void theFunnelTableShowsExactlyTheCountsOfTheDecisions() {
        RunReport.Input in = input();
        List<Decisions.StepCounts> counts = in.decisions().counts();
        Document doc = Jsoup.parse(RunReport.html(in));

        Elements rows = doc.select("table.funnel tbody tr.step");
        assertThat(rows).hasSize(counts.size());
        long before = ROWS;
        for (int k = 0; k < counts.size(); k++) {
            Decisions.StepCounts c = counts.get(k);
            Element row = rows.get(k);
            assertThat(row.selectFirst("td.name code").text()).isEqualTo(c.step());
            assertThat(number(row.selectFirst("td.removed-docs").text())).isEqualTo(c.removedDocs());
            assertThat(number(row.selectFirst("td.removed-tokens").text())).isEqualTo(c.removedTokens());
            assertThat(number(row.selectFirst("td.unique-docs").text())).isEqualTo(c.uniqueDocs());
            assertThat(number(row.selectFirst("td.remaining-docs").text())).isEqualTo(c.remainingDocs());
            assertThat(number(row.selectFirst("td.remaining-tokens").text())).isEqualTo(c.remainingTokens());
            assertThat(row.selectFirst("td.pct-input").text())
                    .isEqualTo(String.format(Locale.US, "%.1f%%", 100.0 * c.removedDocs() / before));
            before = c.remainingDocs();
            Map<String, Long> shown = new LinkedHashMap<>();
            for (Element r : row.select("td.reasons .reason")) {
                shown.put(r.selectFirst("code").text(), number(r.selectFirst(".count").text()));
            }
            assertThat(shown).isEqualTo(c.reasons());
        }
        // And the values the fixture was built for, spelled out.
        assertThat(rows.get(0).selectFirst("td.removed-tokens").text()).isEqualTo("1,300");
        assertThat(rows.get(0).selectFirst("td.unique-docs").text()).isEqualTo("2");
        assertThat(rows.get(1).selectFirst("td.unique-docs").text()).isEqualTo("1");
        assertThat(rows.get(3).hasClass("disabled")).isTrue();
        assertThat(doc.selectFirst("table.funnel tr.start td.remaining-tokens").text()).isEqualTo("5,500");
    }

    @Test
    void theSummaryGivesKeptDocumentsAndTokensOfTheTotal() {
        Document doc = Jsoup.parse(RunReport.html(input()));
        assertThat(doc.selectFirst(".card.documents").text()).contains("4 of 10").contains("40.0% kept");
        assertThat(doc.selectFirst(".card.tokens").text()).contains("3,000 of 5,500").contains("54.5% kept");
    }

    @Test
    void everyEnabledStepWithChecksHasAHistogramPerMetricWithItsThresholdLabels() {
        RunReport.Input in = input();
        Document doc = Jsoup.parse(RunReport.html(in));
        int expectedHistograms = 0;
        for (StepConfig step : in.config().steps()) {
            if (!step.enabled()) {
                assertThat(figures(doc, step.stepName())).isEmpty();
                continue;
            }
            StepType type = CATALOG.type(step.type()).orElseThrow();
            List<Check> checks = type.decider(step.stepName(), StepParams.of(type, step), in.table()).checks();
            assertThat(checks).isNotEmpty();
            for (Check c : checks) {
                Element fig = figures(doc, step.stepName()).stream()
                        .filter(f -> f.attr("data-metric").equals(c.metric())).findFirst().orElseThrow(
                                () -> new AssertionError("no histogram of " + c.metric() + " for " + step.stepName()));
                assertThat(fig.select("svg")).hasSize(1);
                assertThat(fig.select("svg text.threshold-label").eachText()).contains(RunReport.thresholdLabel(c));
            }
            expectedHistograms += (int) checks.stream().map(Check::metric).distinct().count();
        }
        assertThat(doc.select("figure.histogram svg")).hasSize(expectedHistograms);
        assertThat(doc.select("svg")).hasSize(expectedHistograms + 2); // plus the two funnel charts
        // Every histogram has 40 bins at most and the three-colour legend.
        for (Element fig : doc.select("figure.histogram")) {
            assertThat(fig.select("svg > g > title")).hasSizeLessThanOrEqualTo(RunReport.BINS + 10);
            assertThat(fig.select("svg > text").eachText())
                    .contains("kept", "removed by this step", "removed by another step");
        }
        assertThat(doc.select("text.threshold-label").eachText())
                .contains("min_doc_words < 50", "max_doc_words > 100,000", "line_punct_thr < 0.12", "new_line_ratio > 0.1");
    }

    @Test
    void wordCountsAreBinnedOnALogScaleAndTheThresholdLineSitsAtItsValue() {
        Document doc = Jsoup.parse(RunReport.html(input()));
        Element fig = figures(doc, "gopher_quality").stream()
                .filter(f -> f.attr("data-metric").equals("n_non_symbol_words")).findFirst().orElseThrow();
        assertThat(fig.select("svg text").eachText()).contains("log scale");
        assertThat(fig.selectFirst("figcaption").text()).contains("40 log-spaced bins from 10 to 200,000");

        // Plot area: x from 64 to 744 (760 wide, margins 64 and 16); log scale from 10 to 200,000.
        double expected = 64 + 680 * Math.log(50.0 / 10) / Math.log(200_000.0 / 10);
        Element line = fig.select("g.threshold").stream()
                .filter(g -> g.selectFirst("text").text().equals("min_doc_words < 50")).findFirst().orElseThrow()
                .selectFirst("line");
        assertThat(Double.parseDouble(line.attr("x1"))).isCloseTo(expected, within(0.1));

        // Ratios in [0, 1] are linear.
        Element punct = figures(doc, "fineweb_quality").stream()
                .filter(f -> f.attr("data-metric").equals("line_punct_ratio")).findFirst().orElseThrow();
        assertThat(punct.select("svg text").eachText()).contains("linear scale");
        double x = Double.parseDouble(punct.selectFirst("g.threshold line").attr("x1"));
        assertThat(x).isCloseTo(64 + 680 * 0.12, within(0.1));
    }

    @Test
    void logBinsOnlyForStrictlyPositiveValuesSpanningMoreThanAThousandfoldAndAxesGetRoundTicks() {
        assertThat(RunReport.useLog(new double[] {1, 5000, Double.NaN})).isTrue();
        assertThat(RunReport.useLog(new double[] {1, 1000})).isFalse();
        assertThat(RunReport.useLog(new double[] {0, 1, 5000})).isFalse();
        assertThat(RunReport.useLog(new double[] {Double.NaN})).isFalse();
        assertThat(SvgCharts.ticks(new double[] {10, 200_000}, true)).containsExactly(10.0, 100.0, 1e3, 1e4, 1e5);
        assertThat(SvgCharts.ticks(new double[] {0, 1}, false)).extracting(RunReport::axisNumber)
                .containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
    }

    @Test
    void textFromTheInputIsEscapedEverywhere() {
        String html = RunReport.html(input());
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.title()).isEqualTo("Report " + EVIL);
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Report " + EVIL);
        assertThat(doc.select("dl.meta dd").eachText()).contains("unit: 10 documents & " + EVIL);
        assertThat(doc.select("table.funnel td.name code").eachText()).contains(EVIL);
        assertThat(figures(doc, EVIL)).isNotEmpty();
        assertThat(doc.selectFirst("pre.yaml").text()).contains("name: ").contains("<script>alert(");
    }

    @Test
    void theReportIsSelfContained() {
        Document doc = Jsoup.parse(RunReport.html(input()));
        assertThat(doc.select("script, link, img, iframe, object, embed")).isEmpty();
        assertThat(doc.select("[src]")).isEmpty();
        assertThat(doc.select("a[href]").eachAttr("href")).allMatch(h -> h.startsWith("#"));
        assertThat(doc.select("style")).hasSize(1);
        assertThat(doc.selectFirst("style").data()).doesNotContain("url(", "@import");
    }

    @Test
    void theReportIsWellFormedXml() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document xml = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(RunReport.html(input()).getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(xml.getElementsByTagName("svg").getLength()).isGreaterThan(2);
    }

    @Test
    void theSameInputGivesTheSameBytesWhateverTheDefaultLocale() {
        RunReport.Input in = input();
        String first = RunReport.html(in);
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(RunReport.html(in)).isEqualTo(first);
            assertThat(RunReport.html(input())).isEqualTo(first);
        } finally {
            Locale.setDefault(saved);
        }
        assertThat(first).contains("5,500").doesNotContain("5.500");
    }

    @Test
    void writeReplacesTheFileWithTheReportAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        RunReport.Input in = input();
        RunReport.write(in, file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(RunReport.html(in));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("report.html");
        }
    }

    @Test
    void decisionsOfAnotherConfigAreRejected() {
        RunReport.Input in = input();
        PipelineConfig other = in.config().withSteps(in.config().steps().subList(0, 2));
        assertThatThrownBy(() -> RunReport.html(new RunReport.Input(null, null, other, CATALOG, in.table(), in.decisions(),
                in.generatedAt(), null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
    }

    @Test
    void numbersAreFormattedWithExplicitSeparators() {
        assertThat(RunReport.integer(3_937)).isEqualTo("3,937");
        assertThat(RunReport.percent(1, 3)).isEqualTo("33.3%");
        assertThat(RunReport.percent(0, 0)).isEqualTo("\u2013");
        assertThat(RunReport.value(100_000)).isEqualTo("100,000");
        assertThat(RunReport.value(0.12)).isEqualTo("0.12");
        assertThat(RunReport.axisNumber(0.123456)).isEqualTo("0.123");
        assertThat(RunReport.escape("a<b & \"c\" 'd'\u0001")).isEqualTo("a&lt;b &amp; &quot;c&quot; &#39;d&#39;\uFFFD");
    }

    private static List<Element> figures(Document doc, String step) {
        List<Element> out = new ArrayList<>();
        for (Element f : doc.select("figure.histogram")) {
            if (f.attr("data-step").equals(step)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Ten rows with MinHash signatures: rows 1, 3 and 7 are one cluster, rows 2 and 8 another; row 9 has none. */
    private static RunReport.Input withMinHash() {
        MetricTable t = new MetricTable(ROWS);
        java.util.Random r = new java.util.Random(7);
        long[][] sig = new long[ROWS][112];
        for (long[] s : sig) {
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextLong() >>> 4;
            }
        }
        sig[3] = sig[1].clone();
        System.arraycopy(sig[1], 0, sig[7], 0, 56); // half of the buckets equal
        sig[8] = sig[2].clone();
        double[] shingles = new double[ROWS];
        java.util.Arrays.fill(shingles, 100);
        t.put("minhash_dedup.n_shingles", shingles);
        for (int i = 0; i < 112; i++) {
            double[] c = new double[ROWS];
            for (int row = 0; row < ROWS; row++) {
                c[row] = row == 9 ? Double.NaN : MetricTable.fromBits(sig[row][i]);
            }
            t.put("minhash_dedup._h" + i, c);
        }
        PipelineConfig c = PipelineConfig.of("dedup", List.of(StepConfig.of("minhash_dedup")));
        Decisions d = Decisions.decide(c, CATALOG, t, keys());
        return new RunReport.Input(null, null, c, CATALOG, t, d, Instant.parse("2025-01-02T03:04:05Z"), "0.1.0-test");
    }

    @Test
    void aDedupStepIsInTheFunnelAndHasADuplicatesSectionWithItsLargestClusters() {
        RunReport.Input in = withMinHash();
        Document doc = Jsoup.parse(RunReport.html(in, new RunReport.Documents(row -> "doc-" + row,
                row -> "https://site" + row + ".org/page")));
        assertThat(doc.select("table.funnel tbody tr td.name").eachText()).contains("minhash_dedup");
        assertThat(doc.select("nav a[href=#duplicates]")).hasSize(1);
        Element section = doc.getElementById("duplicates");
        assertThat(section).isNotNull();
        assertThat(section.select("p.dedup-totals").text())
                .isEqualTo("10 documents given, 2 clusters, 3 documents removed (2,100 tokens).");
        Elements rows = section.select("table.duplicates tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("td").eachText()).containsExactly("0", "3", "doc-1", "https://site1.org/page",
                "doc-3 (J 1.00), doc-7 (J 0.50)");
        assertThat(rows.get(1).select("td").eachText()).containsExactly("1", "2", "doc-2", "https://site2.org/page",
                "doc-8 (J 1.00)");
        assertThat(section.select("p.note")).isEmpty();
    }

    @Test
    void withoutTheSamplesDocumentsTheDuplicatesAreNamedBySampleRowAndTheReportSaysWhy() {
        Element section = Jsoup.parse(RunReport.html(withMinHash())).getElementById("duplicates");
        assertThat(section.select("p.note").text()).contains("without the sample's ids and URLs");
        assertThat(section.select("table.duplicates tbody tr").get(0).select("td").get(2).text()).isEqualTo("row 1");
    }

    @Test
    void aPipelineWithoutDedupHasNoDuplicatesSection() {
        Document doc = Jsoup.parse(RunReport.html(input()));
        assertThat(doc.getElementById("duplicates")).isNull();
        assertThat(doc.select("nav a[href=#duplicates]")).isEmpty();
    }
}
