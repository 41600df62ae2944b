package org.loupe.engine.measure.lid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KBestHeapTest {
    @Test
    void keepsTheKLargestScoresBestFirst() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(60);
            int k = 1 + rnd.nextInt(10);
            KBestHeap heap = new KBestHeap(k);
            List<Float> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float s = (float) -rnd.nextDouble() * 10;
                all.add(s);
                if (!(heap.size() == k && s < heap.front())) {
                    heap.offer(s, i, k);
                }
            }
            heap.sortBestFirst();
            all.sort(Comparator.reverseOrder());
            assertThat(heap.size()).isEqualTo(Math.min(k, n));
            for (int i = 0; i < heap.size(); i++) {
                assertThat(heap.scoreAt(i)).isEqualTo(all.get(i));
            }
        }
    }

    @Test
    void tiesComeOutInTheOrderOfTheCxxHeapAlgorithms() {
        // Expected orders printed by the same push/pop/sort sequence on std::push_heap, std::pop_heap and
        // std::sort_heap (GNU libstdc++, comparison "greater first"), as fastText runs it.
        assertThat(run(new float[] {-1, -1, -1, -1}, 3)).containsExactly(3, 1, 2);
        assertThat(run(new float[] {-2, -1, -1, -3, -1, -2, -0.5f, -1}, 5)).containsExactly(6, 1, 4, 7, 2);
    }

    private static List<Integer> run(float[] scores, int k) {
        KBestHeap heap = new KBestHeap(k);
        for (int i = 0; i < scores.length; i++) {
            if (heap.size() == k && scores[i] < heap.front()) {
                continue;
            }
            heap.offer(scores[i], i, k);
        }
        heap.sortBestFirst();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < heap.size(); i++) {
            ids.add(heap.idAt(i));
        }
        return ids;
    }
}
