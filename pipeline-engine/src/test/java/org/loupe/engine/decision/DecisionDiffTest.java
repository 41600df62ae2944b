package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.task.TaskContext;

/** The diff of two decisions over a table measured from synthetic documents, against brute force. */
class DecisionDiffTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final List<String> WORDS = List.of("the", "and", "of", "to", "with", "that", "have", "be", "river",
            "garden", "morning", "teacher", "window", "yellow", "quietly", "market", "summer", "letter", "bridge",
            "station", "village", "kitchen", "history", "mountain", "evening", "picture", "number", "people", "water",
            "children", "doctor", "forest", "music", "animal", "island", "problem", "question", "answer", "family");
    private static final int ROWS = 60;
    private static MetricTable table;
    private static RowKeys keys;

    @BeforeAll
    static void measure() {
        Random r = new Random(7);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            StringBuilder b = new StringBuilder();
            int sentences = 1 + i / 3;
            for (int s = 0; s < sentences; s++) {
                int n = 6 + r.nextInt(6);
                for (int w = 0; w < n; w++) {
                    String word = WORDS.get(r.nextInt(WORDS.size()));
                    b.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(w + 1 < n ? " " : ".\n");
                }
            }
            docs.add(b.toString());
        }
        StepResources measures = new StepResources(EnglishTokenizer.shared(), () -> null);
        List<Measurer.Step> steps = new ArrayList<>();
        for (String type : List.of("gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality")) {
            steps.add(new Measurer.Step(type, measures.create(CATALOG.type(type).orElseThrow(), StepConfig.of(type))));
        }
        table = new MetricTable(ROWS);
        new Measurer(1, measures::words).measure(ROWS, docs::get, steps, false, table, TaskContext.NONE);
        long[] ids = new long[ROWS];
        String[] hosts = new String[ROWS];
        long[] tokens = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = RowKeys.hashId("doc-" + i);
            tokens[i] = 100 + i;
        }
        keys = new RowKeys(ids, hosts, tokens);
    }

    private static Decisions decide(StepConfig... steps) {
        return Decisions.decide(PipelineConfig.of("p", List.of(steps)), CATALOG, table, keys);
    }

    private static int[] where(java.util.function.IntPredicate p) {
        return IntStream.range(0, ROWS).filter(p).toArray();
    }

    private static long tokens(int[] rows) {
        return IntStream.of(rows).mapToLong(r -> keys.tokens()[r]).sum();
    }

    @Test
    void raisingTheGopherMinimumWordCountRemovesExactlyTheRowsBruteForceFinds() {
        Decisions before = decide(StepConfig.of("gopher_repetition"), StepConfig.of("gopher_quality").withParam("min_doc_words", 20),
                StepConfig.of("fineweb_quality"));
        Decisions after = decide(StepConfig.of("gopher_repetition"), StepConfig.of("gopher_quality").withParam("min_doc_words", 90),
                StepConfig.of("fineweb_quality"));
        DecisionDiff diff = DecisionDiff.of(before, after);

        int[] removed = where(r -> before.kept(r) && !after.kept(r));
        assertThat(removed).as("the change matters on this sample").isNotEmpty();
        assertThat(diff.newlyRemoved()).containsExactly(removed);
        assertThat(diff.newlyKept()).isEmpty();
        assertThat(diff.newlyRemovedTokens()).isEqualTo(tokens(removed));
        assertThat(after.keptDocuments()).isEqualTo(before.keptDocuments() - removed.length);

        DecisionDiff.StepDiff gopher = diff.stepDiff("gopher_quality").orElseThrow();
        int g = after.stepIndex("gopher_quality");
        int[] gopherRemoved = where(r -> after.drops(g, r) && !before.drops(g, r));
        assertThat(gopher.newlyRemoved()).containsExactly(gopherRemoved);
        assertThat(gopher.newlyRemoved().length).isGreaterThanOrEqualTo(removed.length);
        assertThat(gopher.newlyKept()).isEmpty();
        assertThat(gopher.newlyRemovedTokens()).isEqualTo(tokens(gopherRemoved));
        assertThat(gopher.currentDrops() - gopher.baselineDrops()).isEqualTo(gopherRemoved.length);
        assertThat(diff.stepDiff("gopher_repetition").orElseThrow().unchanged()).isTrue();
        assertThat(diff.stepDiff("fineweb_quality").orElseThrow().unchanged()).isTrue();
        assertThat(diff.steps()).extracting(DecisionDiff.StepDiff::step)
                .containsExactly("gopher_repetition", "gopher_quality", "fineweb_quality");

        DecisionDiff back = DecisionDiff.of(after, before);
        assertThat(back.newlyKept()).containsExactly(removed);
        assertThat(back.newlyKeptTokens()).isEqualTo(tokens(removed));
        assertThat(back.newlyRemoved()).isEmpty();
    }

    @Test
    void stepsAreMatchedByNameAndAStepMissingOnOneSideDropsNothingThere() {
        Decisions baseline = decide(StepConfig.of("c4_quality"), StepConfig.of("gopher_quality"));
        Decisions current = decide(StepConfig.of("gopher_quality").withParam("min_doc_words", 30), StepConfig.of("fineweb_quality"));
        DecisionDiff diff = DecisionDiff.of(baseline, current);

        assertThat(diff.steps()).extracting(DecisionDiff.StepDiff::step)
                .containsExactly("gopher_quality", "fineweb_quality", "c4_quality");
        int f = current.stepIndex("fineweb_quality");
        DecisionDiff.StepDiff fineweb = diff.stepDiff("fineweb_quality").orElseThrow();
        assertThat(fineweb.baselineDrops()).isZero();
        assertThat(fineweb.newlyRemoved()).containsExactly(where(r -> current.drops(f, r)));
        assertThat(fineweb.currentDrops()).isEqualTo(fineweb.newlyRemoved().length);
        assertThat(fineweb.newlyKept()).isEmpty();

        int c = baseline.stepIndex("c4_quality");
        DecisionDiff.StepDiff c4 = diff.stepDiff("c4_quality").orElseThrow();
        assertThat(c4.currentDrops()).isZero();
        assertThat(c4.newlyKept()).containsExactly(where(r -> baseline.drops(c, r)));
        assertThat(c4.newlyRemoved()).isEmpty();

        int gb = baseline.stepIndex("gopher_quality");
        int gc = current.stepIndex("gopher_quality");
        DecisionDiff.StepDiff gopher = diff.stepDiff("gopher_quality").orElseThrow();
        assertThat(gopher.newlyKept()).containsExactly(where(r -> baseline.drops(gb, r) && !current.drops(gc, r)));
        assertThat(gopher.newlyRemoved()).containsExactly(where(r -> current.drops(gc, r) && !baseline.drops(gb, r)));

        assertThat(diff.newlyRemoved()).containsExactly(where(r -> baseline.kept(r) && !current.kept(r)));
        assertThat(diff.newlyKept()).containsExactly(where(r -> !baseline.kept(r) && current.kept(r)));
        assertThat(diff.stepDiff("url")).isEmpty();
    }

    @Test
    void identicalDecisionsDiffToNothing() {
        Decisions d = decide(StepConfig.of("gopher_repetition"), StepConfig.of("gopher_quality"));
        DecisionDiff diff = DecisionDiff.of(d, d);
        assertThat(diff.unchanged()).isTrue();
        assertThat(diff.newlyRemovedTokens()).isZero();
        assertThat(diff.steps()).allSatisfy(s -> {
            assertThat(s.unchanged()).isTrue();
            assertThat(s.baselineDrops()).isEqualTo(s.currentDrops());
        });
    }

    @Test
    void decisionsOverDifferentRowsAreRejected() {
        MetricTable small = new MetricTable(2);
        for (String m : CATALOG.type("gopher_quality").orElseThrow().metrics()) {
            small.put(MetricTable.name("gopher_quality", m), new double[2]);
        }
        Decisions other = Decisions.decide(PipelineConfig.of("p", List.of(StepConfig.of("gopher_quality"))), CATALOG, small,
                new RowKeys(new long[2], new String[2], new long[2]));
        assertThatThrownBy(() -> DecisionDiff.of(other, decide(StepConfig.of("gopher_quality"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
