package org.loupe.engine.pipeline.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;

/** What the dedup steps share: their decider over the kept rows, and a cache of what they prepare per table. */
final class DedupSupport {
    private DedupSupport() {
    }

    /** Whether bit {@code row} is set. */
    static boolean has(long[] bits, int row) {
        return (bits[row >>> 6] & (1L << row)) != 0;
    }

    /** Every row of a table as a bitset. */
    static long[] allRows(int rows) {
        long[] bits = new long[(rows + 63) >>> 6];
        java.util.Arrays.fill(bits, -1L);
        if ((rows & 63) != 0 && bits.length > 0) {
            bits[bits.length - 1] = (1L << rows) - 1;
        }
        return bits;
    }

    /**
     * The internal columns {@code stepName._<prefix>0 … _<prefix>(count-1)} of a table, or an exception
     * naming what is missing.
     */
    static List<double[]> columns(MetricTable table, String stepName, String prefix, int count) {
        List<double[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(table.column(MetricTable.name(stepName, "_" + prefix + i)));
        }
        return out;
    }

    /** A dedup step's decider: reason 0 for every row its groups remove, over the rows the earlier steps keep. */
    static StepDecider decider(Function<long[], DuplicateGroups> groups, int rows) {
        return deciderOfRemoved(kept -> groups.apply(kept)::removed, rows);
    }

    /**
     * A dedup step's decider from what it removes among the rows the earlier steps keep ({@code removed} gives,
     * for those rows, whether a row is removed): for the live path, which needs no {@link DuplicateGroups}.
     */
    static StepDecider deciderOfRemoved(Function<long[], java.util.function.IntPredicate> removed, int rows) {
        return new StepDecider() {
            @Override
            public int decide(int row) {
                throw new UnsupportedOperationException("a dedup step decides over the kept rows only");
            }

            @Override
            public void decideAll(int[] out) {
                decideKept(out, allRows(out.length));
            }

            @Override
            public void decideKept(int[] out, long[] keptBefore) {
                if (out.length != rows) {
                    throw new IllegalArgumentException(out.length + " rows, table has " + rows);
                }
                java.util.function.IntPredicate r = removed.apply(keptBefore);
                for (int row = 0; row < out.length; row++) {
                    out[row] = r.test(row) ? 0 : -1;
                }
            }

            @Override
            public List<Check> checks() {
                return List.of();
            }
        };
    }

    /**
     * What a step prepares once per measured table (sorted signatures), kept while the table's column is
     * alive: keyed by the identity of one of the step's columns, which a re-measure replaces.
     */
    static final class PerTable<T> {
        private final Map<double[], T> cache = new WeakHashMap<>();

        synchronized T get(double[] column, Function<double[], T> make) {
            return cache.computeIfAbsent(column, make);
        }
    }
}
