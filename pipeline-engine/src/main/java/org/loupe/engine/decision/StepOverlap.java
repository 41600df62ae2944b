package org.loupe.engine.decision;

import java.util.List;
import java.util.Objects;

/**
 * How the steps' drops overlap: {@code matrix[i][j]} is the number of rows that both step {@code i} and step
 * {@code j} drop (fail and are not kept by keep_fraction), whether or not an earlier step removed them first.
 * The diagonal is each step's own drop count; the matrix is symmetric.
 *
 * @param steps  the step names, in pipeline order (the rows and columns of the matrix)
 * @param matrix {@code steps.size() × steps.size()} document counts
 */
public record StepOverlap(List<String> steps, long[][] matrix) {

    public StepOverlap {
        steps = List.copyOf(steps);
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.length != steps.size()) {
            throw new IllegalArgumentException(matrix.length + " matrix rows for " + steps.size() + " steps");
        }
    }

    /** Counts, over every row of the decisions, the rows each pair of steps drops. */
    public static StepOverlap of(Decisions d) {
        int s = d.steps().size();
        long[][] m = new long[s][s];
        for (int i = 0; i < s; i++) {
            long[] a = d.dropBits(i);
            for (int j = i; j < s; j++) {
                long[] b = d.dropBits(j);
                long n = 0;
                for (int w = 0; w < a.length; w++) {
                    n += Long.bitCount(a[w] & b[w]);
                }
                m[i][j] = n;
                m[j][i] = n;
            }
        }
        return new StepOverlap(d.steps(), m);
    }

    /** Rows both steps drop (the step's own drop count when {@code i == j}). */
    public long both(int i, int j) {
        return matrix[i][j];
    }

    /** Rows the step drops. */
    public long drops(int step) {
        return matrix[step][step];
    }
}
