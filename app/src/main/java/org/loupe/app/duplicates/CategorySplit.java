package org.loupe.app.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.task.TaskContext;

/**
 * What a dedup step does per category (a document's domain, language or topic): among the documents the step
 * was given (those the earlier steps keep), how many of each category it keeps and removes, so a domain or a
 * language that dedup empties stands out against the step's overall removal rate.
 *
 * @param choice     what the documents are grouped by ("Domain", or a categorical column)
 * @param given      documents given to the step
 * @param removed    of them, those the step removes
 * @param rows       the categories that lose the most documents (removed, then given, descending; then by name),
 *                   at most {@code top} of them
 * @param other      the rest added up as one row, or null when every category is listed
 * @param categories categories among the documents given
 * @param highest    the highest removal rates, among categories given at least {@code minGiven} documents
 *                   (rate, then given, descending; then by name)
 * @param minGiven   documents a category needs for {@code highest}
 */
public record CategorySplit(String choice, long given, long removed, List<Row> rows, Row other, int categories,
                            List<Row> highest, long minGiven) {

    /** One category: documents given to the step, kept and removed by it. */
    public record Row(String category, long given, long kept, long removed) {
        /** Removed of given; 0 when none was given. */
        public double removalRate() {
            return given == 0 ? 0 : (double) removed / given;
        }
    }

    /** Categories listed before the rest is added up. */
    public static final int TOP = 50;
    /** Categories in the chart of removal rates. */
    public static final int CHART = 10;
    /** Documents a category needs to be in the chart (a rate of 1 of 1 says nothing). */
    public static final long MIN_GIVEN = 5;

    /** The most removed first, then the most given, then by name. */
    static final Comparator<Row> BY_REMOVED = Comparator.comparingLong(Row::removed).reversed()
            .thenComparing(Comparator.comparingLong(Row::given).reversed())
            .thenComparing(Row::category);

    /** The highest rate first, then the most given, then by name. */
    static final Comparator<Row> BY_RATE = Comparator.comparingDouble(Row::removalRate).reversed()
            .thenComparing(Comparator.comparingLong(Row::given).reversed())
            .thenComparing(Row::category);

    public CategorySplit {
        rows = List.copyOf(rows);
        highest = List.copyOf(highest);
    }

    /** Documents the step keeps. */
    public long kept() {
        return given - removed;
    }

    /** The step's removal rate over every document it was given; 0 when none was. */
    public double overallRate() {
        return given == 0 ? 0 : (double) removed / given;
    }

    /**
     * Counts the categories of the documents step {@code k} was given.
     *
     * @param categoryOf the category of every row (null: {@code missing})
     * @param missing    the category of a row without one, e.g. "(no url)"
     * @param d          the decisions
     * @param k          a step that decides over the rows the earlier steps keep
     * @param top        categories listed before the rest is added up
     * @param ctx        checked for cancellation every few thousand rows
     */
    public static CategorySplit of(String choice, String[] categoryOf, String missing, Decisions d, int k, int top,
                                   TaskContext ctx) {
        int n = d.rows();
        if (categoryOf.length != n) {
            throw new IllegalArgumentException("categories and decisions must have the same rows: " + categoryOf.length
                    + " vs " + n);
        }
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        long[] given = new long[16];
        long[] removed = new long[16];
        long givenTotal = 0;
        long removedTotal = 0;
        for (int row = 0; row < n; row++) {
            if ((row & 0xFFF) == 0) {
                ctx.checkCancelled();
            }
            if (!QualitySplit.given(d, k, row)) {
                continue;
            }
            String c = categoryOf[row] == null ? missing : categoryOf[row];
            Integer id = ids.get(c);
            if (id == null) {
                id = names.size();
                ids.put(c, id);
                names.add(c);
                if (id == given.length) {
                    given = java.util.Arrays.copyOf(given, id * 2);
                    removed = java.util.Arrays.copyOf(removed, id * 2);
                }
            }
            given[id]++;
            givenTotal++;
            if (d.drops(k, row)) {
                removed[id]++;
                removedTotal++;
            }
        }
        List<Row> all = new ArrayList<>(names.size());
        for (int id = 0; id < names.size(); id++) {
            all.add(new Row(names.get(id), given[id], given[id] - removed[id], removed[id]));
        }
        all.sort(BY_REMOVED);
        Row other = null;
        if (all.size() > top) {
            long g = 0;
            long r = 0;
            for (Row row : all.subList(top, all.size())) {
                g += row.given();
                r += row.removed();
            }
            other = new Row(String.format("other (%,d)", all.size() - top), g, g - r, r);
        }
        List<Row> highest = all.stream().filter(x -> x.given() >= MIN_GIVEN).sorted(BY_RATE).limit(CHART).toList();
        return new CategorySplit(choice, givenTotal, removedTotal, all.subList(0, Math.min(top, all.size())), other,
                all.size(), highest, MIN_GIVEN);
    }
}
