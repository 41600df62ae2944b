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

    /** The threshold checks, in order, for histograms and the "why" table; may be empty for special steps. */
    List<Check> checks();
}
