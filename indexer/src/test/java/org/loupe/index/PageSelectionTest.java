package org.loupe.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The page of hits is the first k of a full sort, found without sorting every hit. */
class PageSelectionTest {

    @Property(tries = 200)
    void theKSmallestAreTheFirstKOfAFullSort(@ForAll @Size(max = 300) int[] keys, @ForAll @IntRange(min = 1, max = 50) int k) {
        int n = keys.length;
        int[] indices = IntStream.range(0, n).toArray();
        java.util.function.IntBinaryOperator order = (a, b) -> {
            int c = Integer.compare(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(a, b);
        };
        int[] expected = IntStream.range(0, n).boxed()
                .sorted((a, b) -> order.applyAsInt(a, b)).mapToInt(Integer::intValue).limit(k).toArray();
        assertThat(IndexSearch.smallest(indices, n, Math.min(k, n), order))
                .containsExactly(expected);
        assertThat(Arrays.stream(expected).distinct().count()).isEqualTo(expected.length);
    }
}
