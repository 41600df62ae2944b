package org.loupe.app.common;

import java.util.AbstractList;
import java.util.function.IntFunction;
import javafx.collections.ObservableListBase;

/**
 * A read-only observable list over an array of sample rows whose items are built only when a cell
 * asks for them: replacing 100,000 rows is one array swap and one change event, so lists can follow a
 * threshold drag.
 *
 * @param <T> the item a table shows for a row
 */
public final class RowList<T> extends ObservableListBase<T> {
    private final IntFunction<T> item;
    private int[] rows = new int[0];

    public RowList(IntFunction<T> item) {
        this.item = item;
    }

    /**
     * Replaces the rows (the array is kept, not copied: do not change it afterwards). The change event
     * builds removed items only if a listener asks for them (JavaFX's change builder would copy them all).
     */
    public void setRows(int[] next) {
        int[] old = rows;
        rows = next;
        if (old.length == 0 && next.length == 0) {
            return;
        }
        java.util.List<T> removed = new AbstractList<>() {
            @Override
            public T get(int i) {
                return item.apply(old[i]);
            }

            @Override
            public int size() {
                return old.length;
            }
        };
        fireChange(new javafx.collections.ListChangeListener.Change<T>(this) {
            private int cursor = -1;

            @Override
            public boolean next() {
                return ++cursor == 0;
            }

            @Override
            public void reset() {
                cursor = -1;
            }

            @Override
            public int getFrom() {
                check();
                return 0;
            }

            @Override
            public int getTo() {
                check();
                return next.length;
            }

            @Override
            public java.util.List<T> getRemoved() {
                check();
                return removed;
            }

            @Override
            public int getRemovedSize() {
                check();
                return old.length;
            }

            @Override
            protected int[] getPermutation() {
                check();
                return new int[0];
            }

            private void check() {
                if (cursor != 0) {
                    throw new IllegalStateException("call next() first");
                }
            }
        });
    }

    /** The rows, in list order. */
    public int[] rows() {
        return rows.clone();
    }

    /** The sample row of item {@code i}. */
    public int row(int i) {
        return rows[i];
    }

    @Override
    public T get(int index) {
        return item.apply(rows[index]);
    }

    @Override
    public int size() {
        return rows.length;
    }
}
