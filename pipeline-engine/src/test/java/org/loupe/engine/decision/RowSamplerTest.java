package org.loupe.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

class RowSamplerTest {

    private static int[] array(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 200)
    void pagesOfTheSameSeedAreDisjointAndTogetherAreTheWholeSet(
            @ForAll @Size(max = 300) @UniqueElements List<@IntRange(min = 0, max = 1_000_000) Integer> rows,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int pageSize) {
        int[] input = array(rows);
        List<Integer> seen = new ArrayList<>();
        for (int offset = 0; offset < input.length + pageSize; offset += pageSize) {
            int[] page = RowSampler.sample(input, seed, offset, pageSize);
            assertThat(page.length).isEqualTo(Math.max(0, Math.min(pageSize, input.length - offset)));
            assertThat(page).containsExactly(RowSampler.sample(input, seed, offset, pageSize));
            IntStream.of(page).forEach(seen::add);
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rows);
        // One big page is the concatenation of the small ones.
        assertThat(RowSampler.sample(input, seed, 0, input.length)).containsExactly(array(seen));
    }

    @Property(tries = 100)
    void theOrderDependsOnTheSetNotOnTheInputOrder(
            @ForAll @Size(max = 200) @UniqueElements List<@IntRange(min = 0, max = 100_000) Integer> rows,
            @ForAll long seed, @ForAll long shuffle) {
        List<Integer> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new java.util.Random(shuffle));
        assertThat(RowSampler.sample(array(shuffled), seed, 0, rows.size()))
                .containsExactly(RowSampler.sample(array(rows), seed, 0, rows.size()));
    }

    @Property(tries = 100)
    void aSubsetKeepsTheRelativeOrderOfItsRows(
            @ForAll @Size(max = 200) @UniqueElements List<@IntRange(min = 0, max = 100_000) Integer> rows,
            @ForAll long seed) {
        int[] all = RowSampler.sample(array(rows), seed, 0, rows.size());
        int[] half = array(rows.subList(0, rows.size() / 2));
        Set<Integer> inHalf = new HashSet<>(rows.subList(0, rows.size() / 2));
        assertThat(RowSampler.sample(half, seed, 0, half.length))
                .containsExactly(IntStream.of(all).filter(inHalf::contains).toArray());
    }

    @Test
    void anotherSeedGivesAnotherOrder() {
        int[] rows = IntStream.range(0, 1000).toArray();
        int[] a = RowSampler.sample(rows, 1, 0, 10);
        assertThat(a).hasSize(10).isNotEqualTo(RowSampler.sample(rows, 2, 0, 10));
        assertThat(a).as("not simply the first rows").isNotEqualTo(IntStream.range(0, 10).toArray());
    }

    @Test
    void pagesPastTheEndAreShortOrEmptyAndBadArgumentsAreRejected() {
        int[] rows = {5, 9, 2};
        assertThat(RowSampler.sample(rows, 3, 2, 10)).hasSize(1);
        assertThat(RowSampler.sample(rows, 3, 3, 10)).isEmpty();
        assertThat(RowSampler.sample(rows, 3, 0, 0)).isEmpty();
        assertThat(RowSampler.sample(new int[0], 3, 0, 10)).isEmpty();
        assertThat(RowSampler.sample(rows, 3, 1, Integer.MAX_VALUE)).hasSize(2);
        assertThatThrownBy(() -> RowSampler.sample(rows, 3, -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowSampler.sample(rows, 3, 0, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowSampler.sample(new int[] {4, 4}, 3, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsCollectsTheMatchingRowsAscending() {
        MetricTable t = new MetricTable(5);
        for (String m : BuiltinSteps.GOPHER_QUALITY.metrics()) {
            t.put(MetricTable.name("gopher_quality", m), new double[] {100, 10, 100, 20, 100});
        }
        t.put("gopher_quality.avg_word_length", new double[] {5, 5, 5, 5, 5});
        t.put("gopher_quality.alpha_words_ratio", new double[] {1, 1, 1, 1, 1});
        for (String m : List.of("hash_ratio", "ellipsis_ratio", "bullet_lines_ratio", "end_ellipsis_lines_ratio")) {
            t.put(MetricTable.name("gopher_quality", m), new double[5]);
        }
        Decisions d = Decisions.decide(PipelineConfig.of("p", List.of(StepConfig.of("gopher_quality"))),
                BuiltinSteps.catalog(Set.of()), t, new RowKeys(new long[5], new String[5], new long[5]));
        assertThat(RowSampler.rows(d, r -> !d.kept(r))).containsExactly(1, 3);
        assertThat(RowSampler.rows(d, d::kept)).containsExactly(0, 2, 4);
        assertThat(RowSampler.rows(d, r -> false)).isEmpty();
        assertThat(Arrays.stream(RowSampler.rows(d, r -> true)).boxed()).containsExactly(0, 1, 2, 3, 4);
    }
}
