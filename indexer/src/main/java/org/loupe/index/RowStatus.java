package org.loupe.index;

import java.util.List;
import java.util.Objects;
import org.loupe.engine.decision.Decisions;

/**
 * The live status of every sample row: kept, or removed by a step. Searches read it from the current decisions,
 * never from the index, so a threshold change re-counts the status facet without reindexing.
 */
public interface RowStatus {
    /** The number of rows. */
    int rows();

    /** The index in {@link #steps()} of the step that removed the row, or -1 when it is kept. */
    int removedBy(int row);

    /** The pipeline's step names, in order. */
    List<String> steps();

    /** Why the row was removed, or null when it is kept. */
    String reason(int row);

    /** The status of the rows as the decisions have it. */
    static RowStatus of(Decisions d) {
        Objects.requireNonNull(d, "decisions");
        return new RowStatus() {
            @Override
            public int rows() {
                return d.rows();
            }

            @Override
            public int removedBy(int row) {
                return d.removedBy(row);
            }

            @Override
            public List<String> steps() {
                return d.steps();
            }

            @Override
            public String reason(int row) {
                return d.reason(row);
            }
        };
    }

    /** Every row kept, no steps (before any pipeline is decided). */
    static RowStatus none(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        return new RowStatus() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int removedBy(int row) {
                return -1;
            }

            @Override
            public List<String> steps() {
                return List.of();
            }

            @Override
            public String reason(int row) {
                return null;
            }
        };
    }
}
