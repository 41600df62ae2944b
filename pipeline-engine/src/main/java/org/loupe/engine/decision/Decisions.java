package org.loupe.engine.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
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
 * <p>Computing decisions is a scan over primitive columns: this is what runs on every threshold change.
 */
public final class Decisions {
    private final int rows;
    private final List<String> stepNames;
    private final List<StepType> stepTypes;
    private final int[][] reason;        // [step][row]: reason index the step would drop the row for, -1 = pass
    private final boolean[][] rescued;   // [step][row]: dropped by the step but kept by keep_fraction
    private final int[] firstFail;       // [row]: the step that removed the row, -1 = kept
    private final long[] tokens;
    // What these decisions were computed from, so that the next decision can reuse unchanged steps.
    private List<StepConfig> fromSteps = List.of();
    private long fromSeed;
    private MetricTable fromTable;
    private long fromVersion;
    private RowKeys fromKeys;
    // Memoized (decisions never change after construction; a race only computes the same value twice).
    private volatile List<StepCounts> counts;
    private volatile long keptToks;
    private volatile long keptDocs = -1;
    private final long[][] dropBits;

    private Decisions(int rows, List<String> stepNames, List<StepType> stepTypes, int[][] reason, boolean[][] rescued,
                      int[] firstFail, long[] tokens) {
        this.rows = rows;
        this.stepNames = stepNames;
        this.stepTypes = stepTypes;
        this.reason = reason;
        this.rescued = rescued;
        this.firstFail = firstFail;
        this.tokens = tokens;
        this.dropBits = new long[reason.length][];
    }

    /**
     * Decides a config over measured values.
     *
     * @throws IllegalArgumentException when a step's type is unknown or its metrics were not measured
     */
    public static Decisions decide(PipelineConfig config, StepCatalog catalog, MetricTable table, RowKeys keys) {
        return decide(config, catalog, table, keys, null);
    }

    /**
     * Decides a config, reusing from {@code previous} every step whose config, position and inputs did not
     * change: after one threshold change only that step is decided again (what live preview needs).
     */
    public static Decisions decide(PipelineConfig config, StepCatalog catalog, MetricTable table, RowKeys keys,
                                   Decisions previous) {
        int n = table.rows();
        boolean reusable = previous != null && previous.fromTable == table && previous.fromKeys == keys
                && previous.fromVersion == table.version() && previous.fromSeed == config.seed();
        if (keys.rows() != n) {
            throw new IllegalArgumentException("row keys for " + keys.rows() + " rows, table has " + n);
        }
        List<StepConfig> steps = config.steps();
        int s = steps.size();
        List<String> names = new ArrayList<>(s);
        List<StepType> types = new ArrayList<>(s);
        int[][] reason = new int[s][];
        boolean[][] rescued = new boolean[s][];
        for (int k = 0; k < s; k++) {
            StepConfig step = steps.get(k);
            StepType type = catalog.type(step.type())
                    .orElseThrow(() -> new IllegalArgumentException("unknown step type " + step.type()));
            names.add(step.stepName());
            types.add(type);
            if (reusable && k < previous.fromSteps.size() && previous.fromSteps.get(k).equals(step)) {
                // Arrays are never written after construction, so sharing them is safe.
                reason[k] = previous.reason[k];
                rescued[k] = previous.rescued[k];
                continue;
            }
            int[] r = new int[n];
            boolean[] kept = new boolean[n];
            reason[k] = r;
            rescued[k] = kept;
            if (!step.enabled()) {
                java.util.Arrays.fill(r, -1);
                continue;
            }
            StepDecider[] deciders = deciders(type, step, table);
            int[] group = groups(step, keys.hosts());
            int[] changedRows = reusable && group == null && k < previous.fromSteps.size()
                    ? rowsWhoseChecksChanged(previous.fromSteps.get(k), step, type, deciders[0], table) : null;
            double keepFraction = type.keepFraction(step, StepParams.of(type, step));
            long salt = config.seed() * 0x9E3779B97F4A7C15L + k * 0xC2B2AE3D27D4EB4FL;
            if (changedRows != null) {
                // Only thresholds moved: rows whose check outcomes did not change keep their reason.
                System.arraycopy(previous.reason[k], 0, r, 0, n);
                for (int row : changedRows) {
                    r[row] = deciders[0].decide(row);
                }
            } else if (group == null) {
                deciders[0].decideAll(r);
            } else {
                for (int row = 0; row < n; row++) {
                    r[row] = deciders[group[row]].decide(row);
                }
            }
            if (keepFraction > 0) {
                for (int row = 0; row < n; row++) {
                    if (r[row] >= 0 && unit(keys.idHash()[row] ^ salt) < keepFraction) {
                        kept[row] = true;
                    }
                }
            }
        }
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        Decisions d = new Decisions(n, List.copyOf(names), List.copyOf(types), reason, rescued, first, keys.tokens());
        if (previous != null) {
            // Reused steps keep their drop bitsets too.
            for (int k = 0; k < s; k++) {
                for (int p = 0; p < previous.reason.length; p++) {
                    if (previous.reason[p] == reason[k] && previous.rescued[p] == rescued[k] && previous.dropBits[p] != null) {
                        d.dropBits[k] = previous.dropBits[p];
                    }
                }
            }
        }
        // The first step that drops each row, word by word over the steps' drop bitsets.
        long[] left = new long[(n + 63) >>> 6];
        java.util.Arrays.fill(left, -1L);
        for (int k = 0; k < s; k++) {
            long[] bits = d.dropBits(k);
            for (int w = 0; w < left.length; w++) {
                long x = bits[w] & left[w];
                if (x != 0) {
                    left[w] &= ~x;
                    for (; x != 0; x &= x - 1) {
                        first[(w << 6) + Long.numberOfTrailingZeros(x)] = k;
                    }
                }
            }
        }
        d.fromSteps = steps;
        d.fromSeed = config.seed();
        d.fromTable = table;
        d.fromVersion = table.version();
        d.fromKeys = keys;
        return d;
    }

    /**
     * When a step differs from its previous config only in the thresholds of its checks (same type, name,
     * switches, keep fraction, no overrides; same checks in the same order), the rows where at least one
     * check's outcome flips; else null (decide every row). A row whose check outcomes are all unchanged
     * keeps its reason: a decider's verdict is a function of its checks' outcomes on that row.
     */
    private static int[] rowsWhoseChecksChanged(StepConfig before, StepConfig after, StepType type, StepDecider decider,
                                               MetricTable table) {
        if (!before.enabled() || !after.enabled() || !before.type().equals(after.type())
                || !java.util.Objects.equals(before.name(), after.name()) || before.keepFraction() != after.keepFraction()
                || !before.overrides().isEmpty() || !after.overrides().isEmpty()) {
            return null;
        }
        List<Check> now = decider.checks();
        Map<String, Object> oldParams = StepParams.of(type, before).asMap();
        Map<String, Object> newParams = StepParams.of(type, after).asMap();
        java.util.Set<String> thresholdParams = new java.util.HashSet<>();
        for (Check c : now) {
            thresholdParams.add(c.param());
        }
        java.util.Set<String> keys = new java.util.HashSet<>(oldParams.keySet());
        keys.addAll(newParams.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(oldParams.get(key), newParams.get(key)) && !thresholdParams.contains(key)) {
                return null;
            }
        }
        List<Check> was;
        try {
            was = type.decider(before.stepName(), StepParams.of(type, before), table).checks();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (was.size() != now.size() || now.isEmpty()) {
            return null;
        }
        int n = table.rows();
        boolean[] flips = new boolean[n];
        int count = 0;
        for (int i = 0; i < now.size(); i++) {
            Check a = was.get(i);
            Check b = now.get(i);
            if (!a.metric().equals(b.metric()) || a.op() != b.op() || !a.reason().equals(b.reason())
                    || !a.param().equals(b.param())) {
                return null;
            }
            if (a.threshold() == b.threshold() || Double.doubleToLongBits(a.threshold()) == Double.doubleToLongBits(b.threshold())) {
                continue;
            }
            String column = MetricTable.name(after.stepName(), a.metric());
            if (!table.has(column)) {
                return null;
            }
            double[] values = table.column(column);
            for (int row = 0; row < n; row++) {
                if (!flips[row] && a.drops(values[row]) != b.drops(values[row])) {
                    flips[row] = true;
                    count++;
                }
            }
        }
        int[] rows = new int[count];
        for (int row = 0, j = 0; row < n; row++) {
            if (flips[row]) {
                rows[j++] = row;
            }
        }
        return rows;
    }

    /** One decider for the step's own parameters (index 0) and one per domain override (index i + 1). */
    private static StepDecider[] deciders(StepType type, StepConfig step, MetricTable table) {
        StepDecider[] d = new StepDecider[step.overrides().size() + 1];
        d[0] = type.decider(step.stepName(), StepParams.of(type, step), table);
        for (int i = 0; i < step.overrides().size(); i++) {
            d[i + 1] = type.decider(step.stepName(), StepParams.ofOverride(type, step, i), table);
        }
        return d;
    }

    /** Per row, 0 or the index + 1 of the first override whose domains match the row's host; null when none. */
    private static int[] groups(StepConfig step, String[] hosts) {
        if (step.overrides().isEmpty()) {
            return null;
        }
        Map<String, Integer> cache = new HashMap<>();
        int[] g = new int[hosts.length];
        for (int row = 0; row < hosts.length; row++) {
            String h = hosts[row];
            if (h == null) {
                continue;
            }
            g[row] = cache.computeIfAbsent(h, host -> {
                for (int i = 0; i < step.overrides().size(); i++) {
                    if (step.overrides().get(i).matches(host)) {
                        return i + 1;
                    }
                }
                return 0;
            });
        }
        return g;
    }

    private static double unit(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        x = x ^ (x >>> 31);
        return (x >>> 11) * 0x1.0p-53;
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
