package org.loupe.engine.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;

/**
 * What a pipeline config decides for every row of a measured sample: per step, the reason it would
 * drop each row (evaluated on every row, for overlaps and "removed by this step alone"), whether the
 * step's {@code keep_fraction} keeps it anyway, and the pipeline's verdict: kept, or removed by the
 * <em>first</em> step that drops it (pipeline order, like datatrove). Counts come in documents and tokens.
 *
 * <p>Immutable once made; {@link PipelineDecider} computes it (a scan over primitive columns: what runs on
 * every threshold change).
 */
public final class Decisions {
    private final int rows;
    private final List<String> stepNames;
    private final List<StepType> stepTypes;
    private final int[][] reason;        // [step][row]: reason index the step would drop the row for, -1 = pass
    private final boolean[][] rescued;   // [step][row]: dropped by the step but kept by keep_fraction
    private final int[] firstFail;       // [row]: the step that removed the row, -1 = kept
    private final long[] tokens;
    private Provenance provenance;
    // Memoized (decisions never change after construction; a race only computes the same value twice).
    private volatile List<StepCounts> counts;
    private volatile long keptToks;
    private volatile long keptDocs = -1;
    private final long[][] dropBits;
    private final long[][] keptBefore;
    private final DuplicateGroups[] groups;

    Decisions(int rows, List<String> stepNames, List<StepType> stepTypes, int[][] reason, boolean[][] rescued,
                      int[] firstFail, long[] tokens) {
        this.rows = rows;
        this.stepNames = stepNames;
        this.stepTypes = stepTypes;
        this.reason = reason;
        this.rescued = rescued;
        this.firstFail = firstFail;
        this.tokens = tokens;
        this.dropBits = new long[reason.length][];
        this.keptBefore = new long[reason.length][];
        this.groups = new DuplicateGroups[reason.length];
    }

    /**
     * Whether the keep fraction of step {@code stepIndex} (its index in the config) keeps a document that step
     * drops: the same draw, from the id hash ({@link RowKeys#hashId}) and the pipeline seed, that {@link #decide}
     * makes, for a full run that decides a step outside a metric table (dedup across a folder).
     */
    public static boolean keptByFraction(long idHash, long seed, int stepIndex, double keepFraction) {
        return PipelineDecider.rescues(idHash, PipelineDecider.salt(seed, stepIndex), keepFraction);
    }

    /**
     * Decides a config over measured values.
     *
     * @throws IllegalArgumentException when a step's type is unknown or its metrics were not measured
     */
    public static Decisions decide(PipelineConfig config, StepCatalog catalog, MetricTable table, RowKeys keys) {
        return PipelineDecider.decide(config, catalog, table, keys, null);
    }

    /**
     * Decides a config, reusing from {@code previous} every step whose config, position and inputs did not
     * change: after one threshold change only that step is decided again (what live preview needs).
     */
    public static Decisions decide(PipelineConfig config, StepCatalog catalog, MetricTable table, RowKeys keys,
                                   Decisions previous) {
        return PipelineDecider.decide(config, catalog, table, keys, previous);
    }

    /** What these decisions were computed from, so that the next decision can reuse unchanged steps. */
    record Provenance(List<StepConfig> steps, long seed, MetricTable table, long version, RowKeys keys) { }

    Provenance provenance() {
        return provenance;
    }

    void provenance(Provenance p) {
        provenance = p;
    }

    /** A step's verdict arrays (shared with the decisions that reuse them; never written after construction). */
    int[] reasonsOf(int step) {
        return reason[step];
    }

    boolean[] rescuedOf(int step) {
        return rescued[step];
    }

    /** The rows the earlier steps kept, for a step that decides over them (null for other steps). */
    long[] keptBeforeOf(int step) {
        return step < keptBefore.length ? keptBefore[step] : null;
    }

    void keptBefore(int step, long[] rows) {
        keptBefore[step] = rows;
    }

    /** Adopts another decision's memoized drop bitset for a step whose verdict arrays it shares. */
    void adoptDropBits(int step, long[] bits) {
        dropBits[step] = bits;
    }

    long[] dropBitsIfBuilt(int step) {
        return dropBits[step];
    }

    int stepCount() {
        return reason.length;
    }

    // Queries

    public int rows() {
        return rows;
    }

    public List<String> steps() {
        return stepNames;
    }

    public StepType stepType(int step) {
        return stepTypes.get(step);
    }

    public boolean kept(int row) {
        return firstFail[row] < 0;
    }

    /** The step that removed the row, or -1 when it is kept. */
    public int removedBy(int row) {
        return firstFail[row];
    }

    /** The reason of the step that removed the row, or null when it is kept. */
    public String reason(int row) {
        int s = firstFail[row];
        return s < 0 ? null : stepTypes.get(s).reasons().get(reason[s][row]);
    }

    /** The reason the step would drop the row for (on its own), or null when it passes. */
    public String stepReason(int step, int row) {
        int r = reason[step][row];
        return r < 0 ? null : stepTypes.get(step).reasons().get(r);
    }

    /** Whether the step would drop the row, evaluated on its own. */
    public boolean fails(int step, int row) {
        return reason[step][row] >= 0;
    }

    /** Whether the step would drop the row but its keep_fraction keeps it. */
    public boolean rescued(int step, int row) {
        return rescued[step][row];
    }

    /**
     * Whether the step drops the row in the pipeline's terms: it fails and its keep_fraction does not keep it
     * ({@code fails && !rescued}).
     */
    public boolean drops(int step, int row) {
        return reason[step][row] >= 0 && !rescued[step][row];
    }

    /** Bit {@code row} set when the step drops the row ({@link #drops}); memoized, never to be modified. */
    long[] dropBits(int step) {
        long[][] all = dropBits;
        if (all[step] == null) {
            long[] bits = new long[(rows + 63) >>> 6];
            int[] r = reason[step];
            boolean[] kept = rescued[step];
            for (int row = 0; row < rows; row++) {
                if (r[row] >= 0 && !kept[row]) {
                    bits[row >>> 6] |= 1L << row;
                }
            }
            all[step] = bits;
        }
        return all[step];
    }

    /** Whether step {@code k} here and step {@code ko} of {@code other} share their verdict arrays (a reused step). */
    boolean sameVerdicts(int k, Decisions other, int ko) {
        return reason[k] == other.reason[ko] && rescued[k] == other.rescued[ko];
    }

    /**
     * For a dedup step (one that decides over the rows the earlier steps keep), its groups of copies among
     * those rows; empty for other steps and for a disabled one. Memoized.
     */
    public java.util.Optional<DuplicateGroups> duplicates(int step) {
        long[] before = keptBeforeOf(step);
        if (before == null || provenance == null) {
            return java.util.Optional.empty();
        }
        DuplicateGroups g = groups[step];
        if (g == null) {
            StepConfig config = provenance.steps().get(step);
            StepType type = stepTypes.get(step);
            g = type.duplicates(config.stepName(), StepParams.of(type, config), provenance.table(), before).orElse(null);
            groups[step] = g;
        }
        return java.util.Optional.ofNullable(g);
    }

    /**
     * What a step whose output text depends on the decisions (sentence dedup) does to a row's text, given the
     * rows the earlier steps keep; empty for other steps, a disabled one, or a row an earlier step drops.
     */
    public java.util.Optional<StepType.DecidedText> decidedText(int step, int row) {
        long[] before = keptBeforeOf(step);
        if (before == null || provenance == null || (before[row >>> 6] & (1L << row)) == 0) {
            return java.util.Optional.empty();
        }
        StepConfig config = provenance.steps().get(step);
        StepType type = stepTypes.get(step);
        return type.decidedText(config.stepName(), StepParams.of(type, config), provenance.table(), before, row);
    }

    /** The index of the first step of this name, or -1. */
    public int stepIndex(String name) {
        return stepNames.indexOf(name);
    }

    public long tokens(int row) {
        return tokens[row];
    }

    /** Counts of one step, in documents and tokens. */
    public record StepCounts(String step, long failDocs, long failTokens, long removedDocs, long removedTokens,
                             long uniqueDocs, long uniqueTokens, long remainingDocs, long remainingTokens,
                             Map<String, Long> reasons) { }

    /**
     * Per step: documents the step would drop on its own ({@code fail}), documents it removed in the
     * pipeline ({@code removed}: first failing step), documents only this step drops ({@code unique}),
     * and what remains after it (the cascade); plus the removal reasons.
     */
    public List<StepCounts> counts() {
        List<StepCounts> c = counts;
        if (c == null) {
            c = computeCounts();
            counts = c;
        }
        return c;
    }

    private List<StepCounts> computeCounts() {
        int s = stepNames.size();
        long[] failD = new long[s];
        long[] failT = new long[s];
        long[] remD = new long[s];
        long[] remT = new long[s];
        long[] uniD = new long[s];
        long[] uniT = new long[s];
        long[][] byReason = new long[s][];
        int words = (rows + 63) >>> 6;
        // Word-parallel: rows dropped by at least one step (once) and by two or more (twice); rows not yet
        // removed by an earlier step (left).
        long[] once = new long[words];
        long[] twice = new long[words];
        long[] left = new long[words];
        java.util.Arrays.fill(left, -1L);
        for (int k = 0; k < s; k++) {
            long[] bits = dropBits(k);
            int[] r = reason[k];
            long[] perReason = new long[stepTypes.get(k).reasons().size()];
            byReason[k] = perReason;
            long fd = 0;
            long ft = 0;
            long rd = 0;
            long rt = 0;
            for (int w = 0; w < words; w++) {
                long x = bits[w];
                if (x == 0) {
                    continue;
                }
                twice[w] |= once[w] & x;
                once[w] |= x;
                fd += Long.bitCount(x);
                for (long y = x; y != 0; y &= y - 1) {
                    ft += tokens[(w << 6) + Long.numberOfTrailingZeros(y)];
                }
                long first = x & left[w];
                left[w] &= ~x;
                rd += Long.bitCount(first);
                for (long y = first; y != 0; y &= y - 1) {
                    int row = (w << 6) + Long.numberOfTrailingZeros(y);
                    rt += tokens[row];
                    perReason[r[row]]++;
                }
            }
            failD[k] = fd;
            failT[k] = ft;
            remD[k] = rd;
            remT[k] = rt;
        }
        for (int k = 0; k < s; k++) {
            long[] bits = dropBits(k);
            long ud = 0;
            long ut = 0;
            for (int w = 0; w < words; w++) {
                long only = bits[w] & ~twice[w];
                ud += Long.bitCount(only);
                for (long y = only; y != 0; y &= y - 1) {
                    ut += tokens[(w << 6) + Long.numberOfTrailingZeros(y)];
                }
            }
            uniD[k] = ud;
            uniT[k] = ut;
        }
        long docs = rows;
        long toks = 0;
        for (long t : tokens) {
            toks += t;
        }
        List<StepCounts> out = new ArrayList<>(s);
        for (int k = 0; k < s; k++) {
            docs -= remD[k];
            toks -= remT[k];
            Map<String, Long> reasons = new java.util.LinkedHashMap<>();
            List<String> names = stepTypes.get(k).reasons();
            for (int i = 0; i < byReason[k].length; i++) {
                if (byReason[k][i] > 0) {
                    reasons.put(names.get(i), byReason[k][i]);
                }
            }
            out.add(new StepCounts(stepNames.get(k), failD[k], failT[k], remD[k], remT[k], uniD[k], uniT[k], docs, toks,
                    java.util.Collections.unmodifiableMap(reasons)));
        }
        return List.copyOf(out);
    }

    public long keptDocuments() {
        keptTotals();
        return keptDocs;
    }

    public long keptTokens() {
        keptTotals();
        return keptToks;
    }

    private void keptTotals() {
        if (keptDocs >= 0) {
            return;
        }
        long n = 0;
        long t = 0;
        for (int row = 0; row < rows; row++) {
            if (firstFail[row] < 0) {
                n++;
                t += tokens[row];
            }
        }
        keptToks = t;
        keptDocs = n;
    }
}
