package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gopher quality, Gopher repetition and FineWeb quality against datatrove's own outputs on all 1,107
 * fixture documents ({@code golden/reference/}): every metric within 1e-9 of the reference (its {@code null}
 * where Loupe gives NaN), and the same keep/reason with the default parameters. The word lists are the
 * golden spaCy word lists, so these tests need no tokenizer.
 */
class ReferenceFiltersGoldenTest {
    private static final double TOLERANCE = 1e-9;

    /** Compares measured metrics to the reference's, keeping the largest difference per metric. */
    static final class MetricComparison {
        private final String filter;
        private final Map<String, Double> maxDelta = new LinkedHashMap<>();
        private final List<String> mismatches = new ArrayList<>();
        private int docs;
        private int agreeingDecisions;

        MetricComparison(String filter, List<String> names) {
            this.filter = filter;
            names.forEach(n -> maxDelta.put(n, 0.0));
        }

        void compare(ReferenceGolden.Doc doc, ReferenceGolden.Outcome ref, List<String> names, double[] got,
                     String reason) {
            docs++;
            assertThat(names).as("metric names of %s", filter).containsAll(ref.metrics().keySet());
            for (Map.Entry<String, Double> e : ref.metrics().entrySet()) {
                double value = got[names.indexOf(e.getKey())];
                Double expected = e.getValue();
                if (expected == null) {
                    if (!Double.isNaN(value)) {
                        mismatches.add(doc.id() + " " + e.getKey() + ": null expected, got " + value);
                    }
                    continue;
                }
                double delta = Math.abs(value - expected);
                if (Double.isNaN(value) || !(delta < TOLERANCE)) {
                    mismatches.add(doc.id() + " " + e.getKey() + ": expected " + expected + ", got " + value);
                }
                if (!Double.isNaN(delta)) {
                    maxDelta.merge(e.getKey(), delta, Math::max);
                }
            }
            boolean same = ref.keep() ? reason == null : reason != null && reason.equals(ref.reason());
            if (same) {
                agreeingDecisions++;
            } else {
                mismatches.add(doc.id() + " decision: expected " + (ref.keep() ? "keep" : ref.reason()) + ", got "
                        + (reason == null ? "keep" : reason));
            }
        }

        void assertAllAgree() {
            System.out.printf("%s: %d/%d decisions agree; max |delta| per metric: %s%n", filter, agreeingDecisions, docs,
                    maxDelta);
            assertThat(mismatches).as(filter + " disagreements with datatrove").isEmpty();
            assertThat(docs).isEqualTo(1107);
        }
    }

    @Test
    void gopherQualityMetricsAndDecisionsMatchDatatroveOnEveryFixture() {
        MetricComparison cmp = new MetricComparison("gopher_quality", GopherQuality.METRICS);
        double[] m = new double[GopherQuality.METRICS.size()];
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            GopherQuality.measure(doc.text(), doc.words(), GopherQuality.Params.DEFAULTS, m);
            cmp.compare(doc, doc.gopherQuality(), GopherQuality.METRICS, m,
                    ReferenceDecisions.gopherQuality(m, GopherQuality.Params.DEFAULTS));
            assertThat(ReferenceDecisions.gopherQualityRaises(m, GopherQuality.Params.DEFAULTS)).isFalse();
        }
        cmp.assertAllAgree();
    }

    @Test
    void gopherRepetitionMetricsAndDecisionsMatchDatatroveOnEveryFixture() {
        MetricComparison cmp = new MetricComparison("gopher_repetition", GopherRepetition.METRICS);
        double[] m = new double[GopherRepetition.METRICS.size()];
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            GopherRepetition.measure(doc.text(), doc.words(), GopherRepetition.Params.DEFAULTS, m);
            cmp.compare(doc, doc.gopherRepetition(), GopherRepetition.METRICS, m,
                    ReferenceDecisions.gopherRepetition(m, GopherRepetition.Params.DEFAULTS));
        }
        cmp.assertAllAgree();
    }

    @Test
    void fineWebQualityMetricsAndDecisionsMatchDatatroveOnEveryFixture() {
        MetricComparison cmp = new MetricComparison("fineweb_quality", FineWebQuality.METRICS);
        double[] m = new double[FineWebQuality.METRICS.size()];
        for (ReferenceGolden.Doc doc : ReferenceGolden.docs()) {
            FineWebQuality.measure(doc.text(), doc.words(), FineWebQuality.Params.DEFAULTS, m);
            cmp.compare(doc, doc.fineWebQuality(), FineWebQuality.METRICS, m,
                    ReferenceDecisions.fineWebQuality(m, FineWebQuality.Params.DEFAULTS));
        }
        cmp.assertAllAgree();
    }

    @Test
    void metricNamesAreExactlyTheGoldenOnesInTheGoldenOrder() {
        ReferenceGolden.Doc first = ReferenceGolden.docs().get(0);
        assertThat(GopherQuality.METRICS).containsExactlyElementsOf(first.gopherQuality().metrics().keySet());
        assertThat(GopherRepetition.METRICS).containsExactlyElementsOf(first.gopherRepetition().metrics().keySet());
        assertThat(FineWebQuality.METRICS).containsExactlyElementsOf(first.fineWebQuality().metrics().keySet());
    }
}
