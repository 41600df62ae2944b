package org.loupe.engine.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
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

    private Decisions(int rows, List<String> stepNames, List<StepType> stepTypes, int[][] reason, boolean[][] rescued,
                      int[] firstFail, long[] tokens) {
        this.rows = rows;
        this.stepNames = stepNames;
        this.stepTypes = stepTypes;
        this.reason = reason;
        this.rescued = rescued;
        this.firstFail = firstFail;
        this.tokens = tokens;
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
            double keepFraction = step.keepFraction();
            if ("c4_badwords".equals(type.name()) && step.params().get("keep_fraction") instanceof Number own) {
                // C4BadWordsFilter's own keep_fraction means the same as Loupe's step keep fraction.
                keepFraction = Math.max(keepFraction, own.doubleValue());
            }
            long salt = config.seed() * 0x9E3779B97F4A7C15L + k * 0xC2B2AE3D27D4EB4FL;
            for (int row = 0; row < n; row++) {
                int g = group == null ? 0 : group[row];
                int why = deciders[g].decide(row);
                r[row] = why;
                if (why >= 0 && keepFraction > 0 && unit(keys.idHash()[row] ^ salt) < keepFraction) {
                    kept[row] = true;
                }
            }
        }
        int[] first = new int[n];
        for (int row = 0; row < n; row++) {
            first[row] = -1;
            for (int k = 0; k < s; k++) {
                if (reason[k][row] >= 0 && !rescued[k][row]) {
                    first[row] = k;
                    break;
                }
            }
        }
        Decisions d = new Decisions(n, List.copyOf(names), List.copyOf(types), reason, rescued, first, keys.tokens());
        d.fromSteps = steps;
        d.fromSeed = config.seed();
        d.fromTable = table;
        d.fromVersion = table.version();
        d.fromKeys = keys;
        return d;
    }

    /** One decider for the step's own parameters (index 0) and one per domain override (index i + 1). */
    private static StepDecider[] deciders(StepType type, StepConfig step, MetricTable table) {
        StepDecider[] d = new StepDecider[step.overrides().size() + 1];
        d[0] = Deciders.compile(type, step.stepName(), ConfigLoader.effectiveParams(type, step, null), table);
        for (int i = 0; i < step.overrides().size(); i++) {
            Map<String, Object> p = ConfigLoader.effectiveParams(type, step, null);
            p.putAll(step.overrides().get(i).params());
            d[i + 1] = Deciders.compile(type, step.stepName(), p, table);
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
        int s = stepNames.size();
        long[] failD = new long[s];
        long[] failT = new long[s];
        long[] remD = new long[s];
        long[] remT = new long[s];
        long[] uniD = new long[s];
        long[] uniT = new long[s];
        List<Map<String, Long>> reasons = new ArrayList<>();
        for (int k = 0; k < s; k++) {
            reasons.add(new java.util.LinkedHashMap<>());
        }
        for (int row = 0; row < rows; row++) {
            long t = tokens[row];
            int fails = 0;
            int only = -1;
            for (int k = 0; k < s; k++) {
                if (reason[k][row] >= 0 && !rescued[k][row]) {
                    failD[k]++;
                    failT[k] += t;
                    fails++;
                    only = k;
                }
            }
            if (fails == 1) {
                uniD[only]++;
                uniT[only] += t;
            }
            int f = firstFail[row];
            if (f >= 0) {
                remD[f]++;
                remT[f] += t;
                reasons.get(f).merge(stepTypes.get(f).reasons().get(reason[f][row]), 1L, Long::sum);
            }
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
            out.add(new StepCounts(stepNames.get(k), failD[k], failT[k], remD[k], remT[k], uniD[k], uniT[k], docs, toks,
                    java.util.Collections.unmodifiableMap(reasons.get(k))));
        }
        return out;
    }

    public long keptDocuments() {
        long n = 0;
        for (int f : firstFail) {
            if (f < 0) {
                n++;
            }
        }
        return n;
    }

    public long keptTokens() {
        long n = 0;
        for (int row = 0; row < rows; row++) {
            if (firstFail[row] < 0) {
                n += tokens[row];
            }
        }
        return n;
    }
}
