package org.loupe.engine.filter;

import java.util.List;

/**
 * A step's decision compiled against a metric table: for a row, the index (into the step type's
 * reasons) of the reason it drops the document for, or -1 to keep. Built per (step, parameter values);
 * cheap to call for every row.
 */
public interface StepDecider {

    /** The reason index for the row, or -1 when the step keeps it. */
    int decide(int row);

    /** Decides every row at once ({@code out.length} rows); deciders override it with a faster column scan. */
    default void decideAll(int[] out) {
        for (int row = 0; row < out.length; row++) {
            out[row] = decide(row);
        }
    }

    /**
     * Decides every row of a step that decides over the documents the earlier steps keep (dedup: which copy
     * survives depends on which copies are still there): {@code keptBefore} has bit {@code row} set for the
     * rows no earlier step removed; rows outside it must get -1. Only called for step types whose
     * {@code decidesOverEarlierKept()} is true; the default decides each row on its own and clears the rest.
     */
    default void decideKept(int[] out, long[] keptBefore) {
        decideAll(out);
        for (int row = 0; row < out.length; row++) {
            if ((keptBefore[row >>> 6] & (1L << row)) == 0) {
                out[row] = -1;
            }
        }
    }

    /** The threshold checks, in order, for histograms and the "why" table; may be empty for special steps. */
    List<Check> checks();

    /**
     * Whether check {@code i} of {@link #checks()}, on its own, drops a document with this value: the check's
     * comparison, unless the step exempts the value (FineWeb's {@code line_punct_exclude_zero}, the language
     * step's {@code label_only}). For the "why" table.
     */
    default boolean checkFails(int i, double value) {
        return checks().get(i).drops(value);
    }
}
