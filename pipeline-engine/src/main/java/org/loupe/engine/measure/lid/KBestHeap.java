package org.loupe.engine.measure.lid;

/**
 * The k-best heap of fastText's prediction: a binary min-heap of (score, label) pairs, kept at no more than k
 * entries, then sorted best first.
 *
 * <p>Why not a {@link java.util.PriorityQueue} and a sort: which of two labels with exactly the same float score
 * survives, and in which order they come out, depends on how the C++ standard library moves elements through the
 * heap. To give the same order as fastText even on ties, this class follows the sift-up and sift-down steps of
 * the GNU C++ library's {@code push_heap}, {@code pop_heap} and {@code sort_heap} as fastText uses them (with the
 * comparison "greater score first", which turns the max-heap algorithms into a min-heap). Not thread-safe: one
 * instance per prediction.
 */
final class KBestHeap {
    private final float[] scores;
    private final int[] ids;
    private int size;

    KBestHeap(int k) {
        scores = new float[k + 1];
        ids = new int[k + 1];
    }

    int size() {
        return size;
    }

    /** The smallest score held; only meaningful when {@link #size()} is positive. */
    float front() {
        return scores[0];
    }

    float scoreAt(int i) {
        return scores[i];
    }

    int idAt(int i) {
        return ids[i];
    }

    /** fastText's step for a candidate: push it, and drop the smallest when the heap then holds more than k. */
    void offer(float score, int id, int k) {
        scores[size] = score;
        ids[size] = id;
        size++;
        siftUp(size - 1, 0, score, id);
        if (size > k) {
            popToBack(size);
            size--;
        }
    }

    /** Sorts the held pairs best first, as {@code std::sort_heap} with the greater-first comparison does. */
    void sortBestFirst() {
        for (int last = size; last > 1; last--) {
            popToBack(last);
        }
    }

    /** {@code std::pop_heap} over the first {@code len} entries: the front moves to {@code len - 1}. */
    private void popToBack(int len) {
        if (len <= 1) {
            return;
        }
        int last = len - 1;
        float vScore = scores[last];
        int vId = ids[last];
        scores[last] = scores[0];
        ids[last] = ids[0];
        adjust(0, last, vScore, vId);
    }

    /** "a comes before b" in the heap order: fastText's comparePairs, {@code a.first > b.first}. */
    private static boolean before(float a, float b) {
        return a > b;
    }

    private void adjust(int hole, int len, float vScore, int vId) {
        int top = hole;
        int child = hole;
        while (child < (len - 1) / 2) {
            child = 2 * (child + 1);
            if (before(scores[child], scores[child - 1])) {
                child--;
            }
            scores[hole] = scores[child];
            ids[hole] = ids[child];
            hole = child;
        }
        if ((len & 1) == 0 && child == (len - 2) / 2) {
            child = 2 * (child + 1);
            scores[hole] = scores[child - 1];
            ids[hole] = ids[child - 1];
            hole = child - 1;
        }
        siftUp(hole, top, vScore, vId);
    }

    private void siftUp(int hole, int top, float vScore, int vId) {
        int parent = (hole - 1) / 2;
        while (hole > top && before(scores[parent], vScore)) {
            scores[hole] = scores[parent];
            ids[hole] = ids[parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        scores[hole] = vScore;
        ids[hole] = vId;
    }
}
