package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.ChecksDecider;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.StepType;

/**
 * A step that decides over the documents the earlier steps keep (the shape of dedup: the first document of
 * each value survives among those still there) is decided after them, again whenever they keep other
 * documents, and reused when they do not.
 */
class StepsOverEarlierKeptTest {
    private static final int ROWS = 300;

    /** Drops rows whose {@code x} is below {@code min}: an ordinary filter. */
    private static final StepType MIN_X = new Fake("min_x", List.of(ParamSpec.integer("min", 0L, 0L, null, false,
            ParamSpec.Role.DECISION, "minimum x").dropsBelow()), List.of("x"), List.of("small"), false) {
        @Override
        public StepDecider decider(String stepName, StepParams p, MetricTable table) {
            return new ChecksDecider(reasons(), stepName, table,
                    List.of(new Check("min", "x", Check.Op.LT, p.number(param("min").orElseThrow()), "small")));
        }
    };

    /** Among the rows still kept, the first of each value of {@code v} survives, later ones are duplicates. */
    private static final StepType FIRST_OF_VALUE = new Fake("first_of_value", List.of(), List.of("v"), List.of("duplicate"),
            true) {
        @Override
        public StepDecider decider(String stepName, StepParams p, MetricTable table) {
            double[] v = table.column(MetricTable.name(stepName, "v"));
            return new StepDecider() {
                @Override
                public int decide(int row) {
                    throw new UnsupportedOperationException("decided over the kept rows only");
                }

                @Override
                public void decideKept(int[] out, long[] keptBefore) {
                    Set<Double> seen = new HashSet<>();
                    for (int row = 0; row < out.length; row++) {
                        boolean kept = (keptBefore[row >>> 6] & (1L << row)) != 0;
                        out[row] = !kept ? -1 : seen.add(v[row]) ? -1 : 0;
                    }
                }

                @Override
                public List<Check> checks() {
                    return List.of();
                }
            };
        }
    };

    private static final StepCatalog CATALOG = StepCatalog.of(List.of(MIN_X, FIRST_OF_VALUE), Set.of());

    private static MetricTable table(long seed) {
        Random r = new Random(seed);
        MetricTable t = new MetricTable(ROWS);
        double[] x = new double[ROWS];
        double[] v = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = r.nextInt(10);
            v[i] = r.nextInt(40);
        }
        t.put("min_x.x", x);
        t.put("first_of_value.v", v);
        return t;
    }

    private static RowKeys keys() {
        long[] ids = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = RowKeys.hashId("doc-" + i);
        }
        return new RowKeys(ids, new String[ROWS], new long[ROWS]);
    }

    private static PipelineConfig pipeline(int min) {
        return PipelineConfig.of("p", List.of(new StepConfig("min_x", null, true, 0, Map.of("min", (long) min), List.of()),
                StepConfig.of("first_of_value")));
    }

    /** What datatrove would do: filter, then dedup exactly the documents that are left, in order. */
    private static boolean[] bruteForceKept(MetricTable t, int min) {
        double[] x = t.column("min_x.x");
        double[] v = t.column("first_of_value.v");
        boolean[] kept = new boolean[ROWS];
        Set<Double> seen = new HashSet<>();
        for (int row = 0; row < ROWS; row++) {
            kept[row] = x[row] >= min && seen.add(v[row]);
        }
        return kept;
    }

    @Property(tries = 100)
    void liveDecisionsEqualAFromScratchDedupOfWhatTheFilterKeeps(@ForAll long seed, @ForAll @IntRange(max = 10) int first,
                                                                 @ForAll @IntRange(max = 10) int then) {
        MetricTable t = table(seed);
        RowKeys keys = keys();
        Decisions before = Decisions.decide(pipeline(first), CATALOG, t, keys);
        Decisions after = Decisions.decide(pipeline(then), CATALOG, t, keys, before);
        boolean[] expected = bruteForceKept(t, then);
        for (int row = 0; row < ROWS; row++) {
            assertThat(after.kept(row)).as("row %d", row).isEqualTo(expected[row]);
            if (!expected[row] && t.column("min_x.x")[row] >= then) {
                assertThat(after.reason(row)).isEqualTo("duplicate");
            }
        }
        assertThat(after.counts().get(1).removedDocs()).isEqualTo(after.counts().get(1).failDocs());
    }

    @Test
    void theDedupStepIsReusedWhenTheEarlierStepsKeepTheSameRowsAndDecidedAgainWhenNot() {
        MetricTable t = table(7);
        RowKeys keys = keys();
        Decisions d1 = Decisions.decide(pipeline(3), CATALOG, t, keys);
        Decisions same = Decisions.decide(pipeline(3), CATALOG, t, keys, d1);
        assertThat(same.sameVerdicts(1, d1, 1)).isTrue();
        Decisions moved = Decisions.decide(pipeline(5), CATALOG, t, keys, same);
        assertThat(moved.sameVerdicts(1, same, 1)).isFalse();
        // A threshold that keeps exactly the same rows (no x is between 9.5 and 10) reuses the dedup verdicts.
        Decisions nine = Decisions.decide(pipeline(9), CATALOG, t, keys, moved);
        Decisions ten = Decisions.decide(pipeline(9), CATALOG, t, keys, nine);
        assertThat(ten.sameVerdicts(1, nine, 1)).isTrue();
    }

    /** A minimal step type for these tests. */
    private abstract static class Fake implements StepType {
        private final String name;
        private final List<ParamSpec> params;
        private final List<String> metrics;
        private final List<String> reasons;
        private final boolean overKept;

        Fake(String name, List<ParamSpec> params, List<String> metrics, List<String> reasons, boolean overKept) {
            this.name = name;
            this.params = params;
            this.metrics = metrics;
            this.reasons = reasons;
            this.overKept = overKept;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return name;
        }

        @Override
        public String referenceClass() {
            return "(test)";
        }

        @Override
        public List<ParamSpec> params() {
            return params;
        }

        @Override
        public List<String> metrics() {
            return metrics;
        }

        @Override
        public List<String> reasons() {
            return reasons;
        }

        @Override
        public boolean editsText() {
            return false;
        }

        @Override
        public boolean decidesOverEarlierKept() {
            return overKept;
        }

        @Override
        public StepMeasure measure(StepParams p, StepResources resources) {
            throw new UnsupportedOperationException("the tests give measured tables");
        }
    }
}
