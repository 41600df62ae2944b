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

    /** Replaces the rows (the array is kept, not copied: do not change it afterwards). */
    public void setRows(int[] next) {
        int[] old = rows;
        rows = next;
        beginChange();
        if (old.length > 0) {
            nextRemove(0, new AbstractList<T>() {
                @Override
                public T get(int i) {
                    return item.apply(old[i]);
                }

                @Override
                public int size() {
                    return old.length;
                }
            });
        }
        if (next.length > 0) {
            nextAdd(0, next.length);
        }
        endChange();
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
