package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

/** Invariants of decision diffs and step overlaps over random tables and random configs. */
class DecisionDiffPropertiesTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final List<String> TYPES = List.of("gopher_repetition", "gopher_quality", "fineweb_quality");
    private static final int ROWS = 300;

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

    private static RowKeys keys(long seed) {
        Random r = new Random(seed);
        long[] ids = new long[ROWS];
        long[] tokens = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = RowKeys.hashId("doc-" + i);
            tokens[i] = r.nextInt(5000);
        }
        return new RowKeys(ids, new String[ROWS], tokens);
    }

    /** A random config: a random subset of the steps, in a random order, with random thresholds and keep fractions. */
    private static PipelineConfig config(long seed) {
        Random r = new Random(seed);
        List<String> types = new ArrayList<>(TYPES);
        java.util.Collections.shuffle(types, r);
        List<StepConfig> steps = new ArrayList<>();
        for (String type : types.subList(0, r.nextInt(types.size() + 1))) {
            StepConfig s = StepConfig.of(type);
            switch (type) {
                case "gopher_quality" -> s = s.withParam("min_doc_words", r.nextInt(150)).withParam("max_avg_word_length", 4 + r.nextDouble() * 8);
                case "gopher_repetition" -> s = s.withParam("dup_line_frac", r.nextDouble());
                default -> s = s.withParam("short_line_thr", r.nextDouble()).withParam("char_duplicates_ratio", r.nextDouble());
            }
            if (r.nextBoolean()) {
                s = s.withKeepFraction(r.nextDouble() * 0.5);
            }
            if (r.nextInt(6) == 0) {
                s = s.withEnabled(false);
            }
            steps.add(s);
        }
        return PipelineConfig.of("p" + seed, steps);
    }

    private static int[] where(java.util.function.IntPredicate p) {
        return IntStream.range(0, ROWS).filter(p).toArray();
    }

    @Property(tries = 80)
    void theDiffIsTheSetDifferenceOfKeptRowsAndItsCountsAddUp(@ForAll long tableSeed, @ForAll long a, @ForAll long b) {
        MetricTable t = table(tableSeed);
        RowKeys k = keys(tableSeed);
        Decisions baseline = Decisions.decide(config(a), CATALOG, t, k);
        Decisions current = Decisions.decide(config(b), CATALOG, t, k);
        DecisionDiff diff = DecisionDiff.of(baseline, current);

        assertThat(diff.newlyRemoved()).containsExactly(where(r -> baseline.kept(r) && !current.kept(r)));
        assertThat(diff.newlyKept()).containsExactly(where(r -> !baseline.kept(r) && current.kept(r)));
        assertThat(current.keptDocuments())
                .isEqualTo(baseline.keptDocuments() - diff.newlyRemoved().length + diff.newlyKept().length);
        assertThat(current.keptTokens())
                .isEqualTo(baseline.keptTokens() - diff.newlyRemovedTokens() + diff.newlyKeptTokens());
    }

    @Property(tries = 80)
    void everyStepDiffIsTheSetDifferenceOfItsDropsMatchedByName(@ForAll long tableSeed, @ForAll long a, @ForAll long b) {
        MetricTable t = table(tableSeed);
        RowKeys k = keys(tableSeed);
        Decisions baseline = Decisions.decide(config(a), CATALOG, t, k);
        Decisions current = Decisions.decide(config(b), CATALOG, t, k);
        DecisionDiff diff = DecisionDiff.of(baseline, current);

        List<String> expectedOrder = new ArrayList<>(current.steps());
        baseline.steps().stream().filter(s -> !current.steps().contains(s)).forEach(expectedOrder::add);
        assertThat(diff.steps()).extracting(DecisionDiff.StepDiff::step).containsExactlyElementsOf(expectedOrder);
        for (DecisionDiff.StepDiff s : diff.steps()) {
            int kb = baseline.stepIndex(s.step());
            int kc = current.stepIndex(s.step());
            java.util.function.IntPredicate before = r -> kb >= 0 && baseline.drops(kb, r);
            java.util.function.IntPredicate now = r -> kc >= 0 && current.drops(kc, r);
            assertThat(s.newlyRemoved()).containsExactly(where(r -> now.test(r) && !before.test(r)));
            assertThat(s.newlyKept()).containsExactly(where(r -> before.test(r) && !now.test(r)));
            assertThat(s.baselineDrops()).isEqualTo(where(before).length);
            assertThat(s.currentDrops()).isEqualTo(s.baselineDrops() - s.newlyKept().length + s.newlyRemoved().length);
            assertThat(s.newlyRemovedTokens()).isEqualTo(IntStream.of(s.newlyRemoved()).mapToLong(r -> k.tokens()[r]).sum());
            assertThat(s.newlyKeptTokens()).isEqualTo(IntStream.of(s.newlyKept()).mapToLong(r -> k.tokens()[r]).sum());
        }
    }

    @Property(tries = 60)
    void theOverlapMatrixCountsRowsBothStepsDrop(@ForAll long tableSeed, @ForAll long c,
                                                 @ForAll @DoubleRange(min = 0, max = 1) double keep,
                                                 @ForAll @IntRange(min = 0, max = 150) int minWords) {
        MetricTable t = table(tableSeed);
        PipelineConfig config = config(c);
        PipelineConfig all = PipelineConfig.of("all", List.of(StepConfig.of("gopher_repetition").withKeepFraction(keep),
                StepConfig.of("gopher_quality").withParam("min_doc_words", minWords), StepConfig.of("fineweb_quality")));
        for (PipelineConfig p : List.of(config, all)) {
            Decisions d = Decisions.decide(p, CATALOG, t, keys(tableSeed));
            StepOverlap o = StepOverlap.of(d);
            int s = d.steps().size();
            assertThat(o.steps()).isEqualTo(d.steps());
            assertThat(o.matrix()).hasDimensions(s, s);
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    int si = i;
                    int sj = j;
                    long brute = IntStream.range(0, ROWS).filter(r -> d.fails(si, r) && !d.rescued(si, r)
                            && d.fails(sj, r) && !d.rescued(sj, r)).count();
                    assertThat(o.both(i, j)).as("steps %s, %s", i, j).isEqualTo(brute).isEqualTo(o.both(j, i));
                }
                assertThat(o.drops(i)).isEqualTo(d.counts().get(i).failDocs());
            }
        }
    }
}
