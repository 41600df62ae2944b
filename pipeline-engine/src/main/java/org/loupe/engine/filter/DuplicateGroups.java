package org.loupe.engine.filter;

import java.util.Arrays;

/**
 * What a dedup step found among the documents it was given (those the earlier steps keep): groups of
 * copies, each with the one copy that survives and the copies it removes. A MinHash cluster, or the
 * documents sharing one URL or one normalised text. Rows in no group (unique, too short for a signature,
 * or not given to the step) have group -1. Groups are numbered 0, 1, … in the order of their first row.
 * Immutable.
 */
public final class DuplicateGroups {
    private final int[] group;
    private final boolean[] removed;
    private final int[] survivor;
    private final int[] start;
    private final int[] members;

    /**
     * @param groupPerRow   per row, a group key ({@code -1}: in no group); keys are renumbered by first row
     * @param removedPerRow per row, whether the step removes it as a copy
     * @throws IllegalArgumentException when a group has no survivor or a row outside any group is removed
     */
    public DuplicateGroups(int[] groupPerRow, boolean[] removedPerRow) {
        int n = groupPerRow.length;
        if (removedPerRow.length != n) {
            throw new IllegalArgumentException(n + " groups for " + removedPerRow.length + " rows");
        }
        int maxKey = -1;
        for (int g : groupPerRow) {
            maxKey = Math.max(maxKey, g);
        }
        int[] renumber = new int[maxKey + 1];
        Arrays.fill(renumber, -1);
        int count = 0;
        group = new int[n];
        for (int row = 0; row < n; row++) {
            int key = groupPerRow[row];
            if (key < 0) {
                group[row] = -1;
                if (removedPerRow[row]) {
                    throw new IllegalArgumentException("row " + row + " is removed but in no group");
                }
                continue;
            }
            if (renumber[key] < 0) {
                renumber[key] = count++;
            }
            group[row] = renumber[key];
        }
        removed = removedPerRow.clone();
        start = new int[count + 1];
        for (int g : group) {
            if (g >= 0) {
                start[g + 1]++;
            }
        }
        for (int g = 0; g < count; g++) {
            start[g + 1] += start[g];
        }
        members = new int[start[count]];
        int[] fill = Arrays.copyOf(start, count);
        survivor = new int[count];
        Arrays.fill(survivor, -1);
        for (int row = 0; row < n; row++) {
            int g = group[row];
            if (g >= 0) {
                members[fill[g]++] = row;
                if (!removed[row] && survivor[g] < 0) {
                    survivor[g] = row;
                }
            }
        }
        for (int g = 0; g < count; g++) {
            if (survivor[g] < 0) {
                throw new IllegalArgumentException("group " + g + " has no survivor");
            }
        }
    }

    public int rows() {
        return group.length;
    }

    /** The number of groups (each has at least one survivor; most have two or more members). */
    public int groupCount() {
        return survivor.length;
    }

    /** The row's group, or -1. */
    public int group(int row) {
        return group[row];
    }

    /** The number of documents in the row's group (1 when in none). */
    public int groupSize(int row) {
        int g = group[row];
        return g < 0 ? 1 : size(g);
    }

    public int size(int group) {
        return start[group + 1] - start[group];
    }

    /** Whether the step removes the row as a copy. */
    public boolean removed(int row) {
        return removed[row];
    }

    /** The row of the group's surviving copy. */
    public int survivor(int group) {
        return survivor[group];
    }

    /** The group's rows, ascending (a copy). */
    public int[] members(int group) {
        return Arrays.copyOfRange(members, start[group], start[group + 1]);
    }

    /** The number of rows removed as copies. */
    public int removedCount() {
        int c = 0;
        for (boolean r : removed) {
            if (r) {
                c++;
            }
        }
        return c;
    }
}
