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
 * The algorithm that makes {@link Decisions}: each enabled step's decider over its columns (one decider per
 * domain override), the keep fractions drawn from the document id and the pipeline seed, and the first
 * step that drops each row, word by word over the steps' drop bitsets. Given the previous decisions, it
 * reuses every step whose config, position and inputs did not change, and when only a step's thresholds
 * moved, re-decides only the rows whose check outcomes flip (ADR 0006).
 */
final class PipelineDecider {
    private PipelineDecider() {
    }

    /**
     * Decides a config, reusing from {@code previous} every step whose config, position and inputs did not
     * change: after one threshold change only that step is decided again (what live preview needs).
     */
    static Decisions decide(PipelineConfig config, StepCatalog catalog, MetricTable table, RowKeys keys,
                            Decisions previous) {
        int n = table.rows();
        Decisions.Provenance was = previous == null ? null : previous.provenance();
        boolean reusable = was != null && was.table() == table && was.keys() == keys
                && was.version() == table.version() && was.seed() == config.seed();
        if (keys.rows() != n) {
            throw new IllegalArgumentException("row keys for " + keys.rows() + " rows, table has " + n);
        }
        List<StepConfig> steps = config.steps();
        int s = steps.size();
        List<String> names = new ArrayList<>(s);
        List<StepType> types = new ArrayList<>(s);
        int[][] reason = new int[s][];
        boolean[][] rescued = new boolean[s][];
        boolean[] overKept = new boolean[s];
        for (int k = 0; k < s; k++) {
            StepConfig step = steps.get(k);
            StepType type = catalog.type(step.type())
                    .orElseThrow(() -> new IllegalArgumentException("unknown step type " + step.type()));
            names.add(step.stepName());
            types.add(type);
            if (step.enabled() && type.decidesOverEarlierKept()) {
                // Decided below, in pipeline order, once the rows the earlier steps keep are known.
                overKept[k] = true;
                reason[k] = new int[n];
                rescued[k] = new boolean[n];
                continue;
            }
            if (reusable && k < was.steps().size() && was.steps().get(k).equals(step)) {
                // Arrays are never written after construction, so sharing them is safe.
                reason[k] = previous.reasonsOf(k);
                rescued[k] = previous.rescuedOf(k);
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
            int[] changedRows = reusable && group == null && k < was.steps().size()
                    ? rowsWhoseChecksChanged(was.steps().get(k), step, type, deciders[0], table) : null;
            double keepFraction = type.keepFraction(step, StepParams.of(type, step));
            long salt = salt(config.seed(), k);
            if (changedRows != null) {
                // Only thresholds moved: rows whose check outcomes did not change keep their reason.
                System.arraycopy(previous.reasonsOf(k), 0, r, 0, n);
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
            keepFraction(r, kept, keys, keepFraction, salt);
        }
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        Decisions d = new Decisions(n, List.copyOf(names), List.copyOf(types), reason, rescued, first, keys.tokens());
        if (previous != null) {
            // Reused steps keep their drop bitsets too.
            for (int k = 0; k < s; k++) {
                for (int p = 0; p < previous.stepCount(); p++) {
                    if (previous.reasonsOf(p) == reason[k] && previous.rescuedOf(p) == rescued[k]
                            && previous.dropBitsIfBuilt(p) != null) {
                        d.adoptDropBits(k, previous.dropBitsIfBuilt(p));
                    }
                }
            }
        }
        // The first step that drops each row, word by word over the steps' drop bitsets.
        long[] left = new long[(n + 63) >>> 6];
        java.util.Arrays.fill(left, -1L);
        if ((n & 63) != 0) {
            left[left.length - 1] = (1L << n) - 1;
        }
        for (int k = 0; k < s; k++) {
            if (overKept[k]) {
                decideOverKept(k, steps.get(k), types.get(k), left, reason, rescued, d, previous,
                        reusable ? was : null, table, keys, config.seed());
            }
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
        d.provenance(new Decisions.Provenance(steps, config.seed(), table, table.version(), keys));
        return d;
    }

    /**
     * Decides a step over the rows the earlier steps keep ({@code left}), or reuses the previous decision of
     * the same step when it saw exactly the same rows.
     */
    private static void decideOverKept(int k, StepConfig step, StepType type, long[] left, int[][] reason,
                                       boolean[][] rescued, Decisions d, Decisions previous, Decisions.Provenance was,
                                       MetricTable table, RowKeys keys, long seed) {
        long[] before = left.clone();
        d.keptBefore(k, before);
        if (was != null && k < was.steps().size() && was.steps().get(k).equals(step)
                && java.util.Arrays.equals(previous.keptBeforeOf(k), before)) {
            // Arrays are never written after construction, so sharing them is safe.
            reason[k] = previous.reasonsOf(k);
            rescued[k] = previous.rescuedOf(k);
            if (previous.dropBitsIfBuilt(k) != null) {
                d.adoptDropBits(k, previous.dropBitsIfBuilt(k));
            }
            return;
        }
        int[] r = reason[k];
        type.decider(step.stepName(), StepParams.of(type, step), table).decideKept(r, before);
        for (int row = 0; row < r.length; row++) {
            if ((before[row >>> 6] & (1L << row)) == 0) {
                r[row] = -1;
            }
        }
        long salt = salt(seed, k);
        keepFraction(r, rescued[k], keys, type.keepFraction(step, StepParams.of(type, step)), salt);
    }

    /** Marks the dropped rows that the step's keep fraction keeps (seeded by document id and pipeline seed). */
    private static void keepFraction(int[] r, boolean[] kept, RowKeys keys, double keepFraction, long salt) {
        if (keepFraction > 0) {
            for (int row = 0; row < r.length; row++) {
                if (r[row] >= 0 && rescues(keys.idHash()[row], salt, keepFraction)) {
                    kept[row] = true;
                }
            }
        }
    }

    /** The keep-fraction salt of step {@code k} (its index in the config) under the pipeline seed. */
    static long salt(long seed, int k) {
        return seed * 0x9E3779B97F4A7C15L + k * 0xC2B2AE3D27D4EB4FL;
    }

    /** Whether a dropped row with this id hash is kept by a keep fraction salted with {@code salt}. */
    static boolean rescues(long idHash, long salt, double keepFraction) {
        return keepFraction > 0 && unit(idHash ^ salt) < keepFraction;
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
}
