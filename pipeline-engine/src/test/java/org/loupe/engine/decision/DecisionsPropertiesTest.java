package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

/** Invariants of deciding: monotone thresholds, monotone steps, config round trips, seeded keep fractions. */
class DecisionsPropertiesTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final int ROWS = 400;

    /** A table with random values for every metric of the threshold steps (some NaN). */
    private static MetricTable table(long seed) {
        Random r = new Random(seed);
        MetricTable t = new MetricTable(ROWS);
        for (StepType type : List.of(BuiltinSteps.GOPHER_QUALITY, BuiltinSteps.GOPHER_REPETITION, BuiltinSteps.FINEWEB_QUALITY)) {
            for (String m : type.metrics()) {
                double[] c = new double[ROWS];
                for (int i = 0; i < ROWS; i++) {
                    c[i] = r.nextInt(50) == 0 ? Double.NaN : m.startsWith("n_") ? r.nextInt(200) : r.nextDouble() * (m.contains("avg") ? 12 : 1);
                }
                t.put(MetricTable.name(type.name(), m), c);
            }
        }
        return t;
    }

    private static RowKeys keys() {
        long[] ids = new long[ROWS];
        String[] hosts = new String[ROWS];
        long[] tokens = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = RowKeys.hashId("doc-" + i);
            hosts[i] = "site" + (i % 5) + ".org";
            tokens[i] = 10 + i;
        }
        return new RowKeys(ids, hosts, tokens);
    }

    private static PipelineConfig pipeline(StepConfig... steps) {
        return PipelineConfig.of("p", List.of(steps));
    }

    @Property(tries = 60)
    void raisingAMinimumNeverKeepsMore(@ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int low, @ForAll @IntRange(min = 0, max = 50) int more) {
        MetricTable t = table(seed);
        Decisions a = Decisions.decide(pipeline(StepConfig.of("gopher_quality").withParam("min_doc_words", low)), CATALOG, t, keys());
        Decisions b = Decisions.decide(pipeline(StepConfig.of("gopher_quality").withParam("min_doc_words", low + more)), CATALOG, t, keys());
        for (int i = 0; i < ROWS; i++) {
            if (b.kept(i)) {
                assertThat(a.kept(i)).isTrue();
            }
        }
    }

    @Property(tries = 60)
    void loweringAMaximumNeverKeepsMore(@ForAll long seed, @ForAll @DoubleRange(min = 0.01, max = 1) double max, @ForAll @DoubleRange(min = 0, max = 1) double cut) {
        MetricTable t = table(seed);
        double lower = Math.max(0.001, max * cut);
        Decisions a = Decisions.decide(pipeline(StepConfig.of("fineweb_quality").withParam("short_line_thr", max)), CATALOG, t, keys());
        Decisions b = Decisions.decide(pipeline(StepConfig.of("fineweb_quality").withParam("short_line_thr", lower)), CATALOG, t, keys());
        assertThat(b.keptDocuments()).isLessThanOrEqualTo(a.keptDocuments());
        for (int i = 0; i < ROWS; i++) {
            if (b.kept(i)) {
                assertThat(a.kept(i)).isTrue();
            }
        }
    }

    @Property(tries = 40)
    void disablingAStepNeverKeepsFewer(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int which) {
        MetricTable t = table(seed);
        List<StepConfig> steps = List.of(StepConfig.of("gopher_repetition"), StepConfig.of("gopher_quality"), StepConfig.of("fineweb_quality"));
        Decisions all = Decisions.decide(PipelineConfig.of("p", steps), CATALOG, t, keys());
        List<StepConfig> fewer = new java.util.ArrayList<>(steps);
        fewer.set(which, steps.get(which).withEnabled(false));
        Decisions less = Decisions.decide(PipelineConfig.of("p", fewer), CATALOG, t, keys());
        for (int i = 0; i < ROWS; i++) {
            if (all.kept(i)) {
                assertThat(less.kept(i)).isTrue();
            }
        }
    }

    @Property(tries = 30)
    void aConfigRoundTrippedThroughYamlDecidesIdentically(@ForAll long seed, @ForAll @DoubleRange(min = 0, max = 1) double keep) throws Exception {
        MetricTable t = table(seed);
        PipelineConfig c = pipeline(StepConfig.of("gopher_repetition").withKeepFraction(keep),
                new StepConfig("gopher_quality", null, true, 0, Map.of("min_doc_words", 80),
                        List.of(new StepConfig.DomainOverride(List.of("site1.org"), Map.of("min_doc_words", 5)))),
                StepConfig.of("fineweb_quality"));
        ConfigLoader loader = new ConfigLoader(CATALOG);
        PipelineConfig back = loader.parse(loader.toYaml(c), "yaml");
        Decisions a = Decisions.decide(c, CATALOG, t, keys());
        Decisions b = Decisions.decide(back, CATALOG, t, keys());
        for (int i = 0; i < ROWS; i++) {
            assertThat(b.removedBy(i)).isEqualTo(a.removedBy(i));
            assertThat(b.reason(i)).isEqualTo(a.reason(i));
        }
    }

    @Property(tries = 30)
    void aLargerKeepFractionKeepsASupersetAndTheSameSeedKeepsTheSameDocuments(@ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 1) double f, @ForAll @DoubleRange(min = 0, max = 1) double g) {
        MetricTable t = table(seed);
        double lo = Math.min(f, g);
        double hi = Math.max(f, g);
        Decisions a = Decisions.decide(pipeline(StepConfig.of("gopher_quality").withKeepFraction(lo)), CATALOG, t, keys());
        Decisions b = Decisions.decide(pipeline(StepConfig.of("gopher_quality").withKeepFraction(hi)), CATALOG, t, keys());
        Decisions again = Decisions.decide(pipeline(StepConfig.of("gopher_quality").withKeepFraction(lo)), CATALOG, t, keys());
        for (int i = 0; i < ROWS; i++) {
            if (a.kept(i)) {
                assertThat(b.kept(i)).isTrue();
            }
            assertThat(again.kept(i)).isEqualTo(a.kept(i));
        }
    }

    @Property(tries = 30)
    void countsAddUp(@ForAll long seed) {
        MetricTable t = table(seed);
        Decisions d = Decisions.decide(pipeline(StepConfig.of("gopher_repetition"), StepConfig.of("gopher_quality"),
                StepConfig.of("fineweb_quality")), CATALOG, t, keys());
        var counts = d.counts();
        long removed = counts.stream().mapToLong(Decisions.StepCounts::removedDocs).sum();
        assertThat(removed + d.keptDocuments()).isEqualTo(ROWS);
        assertThat(counts.get(counts.size() - 1).remainingDocs()).isEqualTo(d.keptDocuments());
        assertThat(counts.get(counts.size() - 1).remainingTokens()).isEqualTo(d.keptTokens());
        for (var c : counts) {
            assertThat(c.uniqueDocs()).isLessThanOrEqualTo(c.failDocs());
            assertThat(c.removedDocs()).isLessThanOrEqualTo(c.failDocs());
            assertThat(c.reasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(c.removedDocs());
        }
    }

    @Property(tries = 30)
    void reusingThePreviousDecisionsGivesTheSameResultAsDecidingAfresh(@ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int a,
            @ForAll @IntRange(min = 1, max = 150) int b) {
        MetricTable t = table(seed);
        RowKeys k = keys();
        PipelineConfig first = pipeline(StepConfig.of("gopher_repetition"), StepConfig.of("gopher_quality").withParam("min_doc_words", a),
                StepConfig.of("fineweb_quality"));
        PipelineConfig second = first.withStep(1, first.steps().get(1).withParam("min_doc_words", b));
        Decisions before = Decisions.decide(first, CATALOG, t, k);
        Decisions reused = Decisions.decide(second, CATALOG, t, k, before);
        Decisions fresh = Decisions.decide(second, CATALOG, t, k);
        for (int i = 0; i < ROWS; i++) {
            assertThat(reused.removedBy(i)).isEqualTo(fresh.removedBy(i));
            assertThat(reused.reason(i)).isEqualTo(fresh.reason(i));
        }
        // A changed table is never reused.
        t.put("gopher_repetition.dup_line_frac", new double[ROWS]);
        Decisions afterChange = Decisions.decide(second, CATALOG, t, k, fresh);
        Decisions afresh = Decisions.decide(second, CATALOG, t, k);
        for (int i = 0; i < ROWS; i++) {
            assertThat(afterChange.removedBy(i)).isEqualTo(afresh.removedBy(i));
        }
    }
}
