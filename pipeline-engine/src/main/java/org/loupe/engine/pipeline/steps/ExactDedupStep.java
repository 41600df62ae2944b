package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.dedup.TextNormalizer;
import org.loupe.engine.measure.dedup.XxHash64;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's exact dedup ({@code ExactDedupSignature} → {@code ExactFindDedups} → {@code ExactDedupFilter})
 * and URL dedup ({@code UrlDedupSignature} → {@code UrlFindDedups} → {@code UrlDedupFilter}) as live steps:
 * the documents with the same content (the URL, or the text — by default Loupe's normalised text, datatrove's
 * {@code simplify_text}) are one group, and the first of them in sample order among the documents the
 * earlier steps keep survives (the reference sorts by (xxhash64, doc index) with equal priorities). The
 * measure is the content's xxhash64 in two internal 32-bit columns; a document without a URL is in no group
 * (the reference cannot read it).
 */
public final class ExactDedupStep extends AbstractStep {
    public static final String EXACT = "exact_dedup";
    public static final String URL = "url_dedup";

    public static final ParamSpec NORMALIZE = ParamSpec.bool("normalize", true, MEASURE,
            "Compare the normalised text (simplify_text: lower case, numbers, punctuation, whitespace, accents) instead of the raw text.");

    private final boolean url;
    private final DedupSupport.PerTable<Runs> prepared = new DedupSupport.PerTable<>();

    private ExactDedupStep(boolean url) {
        super(url ? URL : EXACT, url ? "URL dedup" : "Exact dedup", url ? "UrlDedupFilter" : "ExactDedupFilter",
                url ? List.of() : List.of(NORMALIZE), List.of("has_content"),
                List.of(url ? "url_duplicate" : "exact_duplicate"), false);
        this.url = url;
    }

    /** Dedup on the text (normalised or raw). */
    public static ExactDedupStep exact() {
        return new ExactDedupStep(false);
    }

    /** Dedup on the document's URL. */
    public static ExactDedupStep url() {
        return new ExactDedupStep(true);
    }

    @Override
    public boolean decidesOverEarlierKept() {
        return true;
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        boolean normalize = !url && p.flag(NORMALIZE);
        return Measures.of(List.of("has_content", "_hi", "_lo"), (doc, out) -> {
            String content = url ? doc.url() : normalize ? TextNormalizer.simplify(doc.text()) : doc.text();
            if (content == null || (url && content.isEmpty())) {
                out[0] = 0;
                out[1] = Double.NaN;
                out[2] = Double.NaN;
            } else {
                long h = XxHash64.hash(content);
                out[0] = 1;
                out[1] = h >>> 32;
                out[2] = h & 0xFFFFFFFFL;
            }
            return doc.text();
        });
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        runs(stepName, table);
        return DedupSupport.decider(kept -> groups(stepName, table, kept), table.rows());
    }

    @Override
    public Optional<DuplicateGroups> duplicates(String stepName, StepParams p, MetricTable table, long[] keptBefore) {
        return Optional.of(groups(stepName, table, keptBefore));
    }

    private Runs runs(String stepName, MetricTable table) {
        double[] hi = table.column(MetricTable.name(stepName, "_hi"));
        double[] lo = table.column(MetricTable.name(stepName, "_lo"));
        return prepared.get(hi, c -> Runs.of(hi, lo));
    }

    private DuplicateGroups groups(String stepName, MetricTable table, long[] keptBefore) {
        Runs r = runs(stepName, table);
        int n = table.rows();
        int[] group = new int[n];
        java.util.Arrays.fill(group, -1);
        boolean[] removed = new boolean[n];
        int[] order = r.order;
        for (int start = 0; start < order.length; ) {
            int end = start + 1;
            while (end < order.length && !r.startsRun[end]) {
                end++;
            }
            int survivor = -1;
            int members = 0;
            for (int k = start; k < end; k++) {
                int row = order[k];
                if (DedupSupport.has(keptBefore, row)) {
                    if (survivor < 0) {
                        survivor = row;
                    } else {
                        removed[row] = true;
                    }
                    members++;
                }
            }
            if (members > 1) {
                for (int k = start; k < end; k++) {
                    int row = order[k];
                    if (DedupSupport.has(keptBefore, row)) {
                        group[row] = start;
                    }
                }
            }
            start = end;
        }
        return new DuplicateGroups(group, removed);
    }

    /** The rows with a content sorted by (hash, row), and where each run of equal hashes starts. */
    private record Runs(int[] order, boolean[] startsRun) {
        static Runs of(double[] hi, double[] lo) {
            int n = hi.length;
            int count = 0;
            for (int row = 0; row < n; row++) {
                if (!Double.isNaN(hi[row])) {
                    count++;
                }
            }
            long[] hashes = new long[count];
            int[] rows = new int[count];
            for (int row = 0, k = 0; row < n; row++) {
                if (!Double.isNaN(hi[row])) {
                    hashes[k] = ((long) hi[row]) << 32 | (long) lo[row];
                    rows[k++] = row;
                }
            }
            Integer[] idx = new Integer[count];
            for (int i = 0; i < count; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (x, y) -> {
                int c = Long.compareUnsigned(hashes[x], hashes[y]);
                return c != 0 ? c : Integer.compare(rows[x], rows[y]);
            });
            int[] order = new int[count];
            boolean[] starts = new boolean[count];
            for (int k = 0; k < count; k++) {
                order[k] = rows[idx[k]];
                starts[k] = k == 0 || hashes[idx[k]] != hashes[idx[k - 1]];
            }
            return new Runs(order, starts);
        }
    }

    @Override
    public Optional<DatatroveCall> datatrove(StepConfig step) {
        Map<String, Object> args = new LinkedHashMap<>();
        List<String> comments = new ArrayList<>(MinHashDedupStep.keepFractionComments(step));
        List<String> imports = new ArrayList<>();
        imports.add(MinHashDedupStep.HASH_CONFIG_IMPORT);
        String getter;
        if (url) {
            getter = "lambda doc: doc.metadata.get(\"url\", \"\")";
            comments.add("datatrove treats the documents without a URL as copies of each other (content \"\"); "
                    + "Loupe leaves them out of " + step.stepName() + ".");
        } else if (StepParams.of(this, step).flag(NORMALIZE)) {
            getter = "lambda doc: simplify_text(doc.text)";
            imports.add("from datatrove.utils.text import simplify_text");
        } else {
            getter = "lambda doc: doc.text";
        }
        args.put("content_getter", new DatatroveCall.Code(getter));
        args.put("hash_config", new DatatroveCall.Code("HashConfig(hash_fc=\"xxhash\", precision=64)"));
        return Optional.of(new DatatroveCall(MinHashDedupStep.DEDUP_MODULE + ".exact_dedup", "ExactDedupConfig",
                args, comments, DatatroveCall.Kind.EXACT_DEDUP, imports));
    }
}
