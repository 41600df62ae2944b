package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.dedup.MinHashClusters;
import org.loupe.engine.measure.dedup.MinHashConfig;
import org.loupe.engine.measure.dedup.MinHasher;
import org.loupe.engine.measure.dedup.TextNormalizer;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's MinHash deduplication ({@code MinhashDedupSignature} → {@code MinhashDedupBuckets} →
 * {@code MinhashDedupCluster} → {@code MinhashDedupFilter}, spec §11) as one live step. The measure is each
 * document's signature (stored bit for bit in internal columns {@code _h0 …}, cached with the other
 * measures); the decision clusters the documents the earlier steps keep — pairs of equal bucket hash tuples,
 * union-find with the reference's tie rule — and removes every clustered document but its cluster's root,
 * exactly as datatrove would given exactly those documents in sample order. The per-bucket sort is done once
 * per measured table, so a threshold drag upstream only walks the sorted buckets again.
 */
public final class MinHashDedupStep extends AbstractStep {
    public static final String NAME = "minhash_dedup";
    static final String DEDUP_MODULE = "datatrove.pipeline.dedup";
    static final String REASON = "minhash_duplicate";

    public static final ParamSpec N_GRAMS = ParamSpec.integer("n_grams", 5L, 1L, 64L, false, MEASURE,
            "Words per shingle (MinhashConfig.n_grams); a document with fewer words has no signature and is never a duplicate.");
    public static final ParamSpec NUM_BUCKETS = ParamSpec.integer("num_buckets", 14L, 1L, 128L, false, MEASURE,
            "Bands of the signature (b): two documents are candidates when all hashes of one band are equal.");
    public static final ParamSpec HASHES_PER_BUCKET = ParamSpec.integer("hashes_per_bucket", 8L, 1L, 64L, false, MEASURE,
            "Hashes per band (r). The chance that a pair at Jaccard s is caught is 1 - (1 - s^r)^b.");
    public static final ParamSpec SEED = ParamSpec.integer("seed", 1L, 0L, 4294967295L, false, MEASURE,
            "Seed of numpy's RandomState that draws the permutations (MinhashConfig.seed).");
    public static final ParamSpec HASH_FC = ParamSpec.string("hash_fc", "xxhash", false, MEASURE,
            "Shingle hash, 64-bit: xxhash (datatrove's default) or sha1 (FineWeb's).");

    private final DedupSupport.PerTable<MinHashClusters.Prepared> prepared = new DedupSupport.PerTable<>();

    public MinHashDedupStep() {
        super(NAME, "MinHash dedup", "MinhashDedupFilter", List.of(N_GRAMS, NUM_BUCKETS, HASHES_PER_BUCKET, SEED, HASH_FC),
                List.of("n_shingles"), List.of(REASON), false);
    }

    @Override
    public boolean decidesOverEarlierKept() {
        return true;
    }

    @Override
    public void check(String at, Map<String, Object> params, StepCatalog catalog, List<String> problems) {
        Object f = params.get(HASH_FC.name());
        if (f != null && !(f instanceof String s && (s.equals("xxhash") || s.equals("sha1")))) {
            problems.add(at + "." + HASH_FC.name() + ": '" + f + "' is no shingle hash; one of [xxhash, sha1]");
        }
        long buckets = params.get(NUM_BUCKETS.name()) instanceof Number n ? n.longValue() : 14;
        long perBucket = params.get(HASHES_PER_BUCKET.name()) instanceof Number n ? n.longValue() : 8;
        if (buckets * perBucket > 1024) {
            problems.add(at + ": num_buckets x hashes_per_bucket = " + buckets * perBucket + " hashes; at most 1024");
        }
    }

    /** The number of signature values (buckets × hashes per bucket). */
    static int hashes(StepParams p) {
        return (int) (p.number(NUM_BUCKETS) * p.number(HASHES_PER_BUCKET));
    }

    /** The signature configuration the step's parameters describe. */
    public static MinHashConfig config(StepParams p) {
        return new MinHashConfig((int) p.number(N_GRAMS), (int) p.number(NUM_BUCKETS), (int) p.number(HASHES_PER_BUCKET),
                (long) p.number(SEED), MinHasher.HashFunction.valueOf(p.string(HASH_FC).toUpperCase(Locale.ROOT)));
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        int nGrams = (int) p.number(N_GRAMS);
        int count = hashes(p);
        EnglishTokenizer tokenizer = resources.tokenizer();
        MinHasher hasher = new MinHasher(config(p), tokenizer);
        List<String> metrics = new ArrayList<>(count + 1);
        metrics.add("n_shingles");
        for (int i = 0; i < count; i++) {
            metrics.add("_h" + i);
        }
        return Measures.of(metrics, (doc, out) -> {
            List<String> words = tokenizer.words(TextNormalizer.simplify(doc.text()));
            long[] sig = hasher.signatureOfWords(words);
            out[0] = Math.max(0, words.size() - nGrams + 1);
            for (int i = 0; i < count; i++) {
                out[i + 1] = sig == null ? Double.NaN : MetricTable.fromBits(sig[i]);
            }
            return doc.text();
        });
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        signatures(stepName, p, table); // fails now, with the known columns, when the step was not measured
        // deciding needs only what is removed: no groups built on the live path (a threshold drag upstream)
        return DedupSupport.deciderOfRemoved(kept -> {
            MinHashClusters.Clusters c = clusters(stepName, p, table, kept);
            return row -> c.included(row) && !c.keep(row);
        }, table.rows());
    }

    @Override
    public Optional<DuplicateGroups> duplicates(String stepName, StepParams p, MetricTable table, long[] keptBefore) {
        return Optional.of(groups(stepName, p, table, keptBefore));
    }

    private MinHashClusters.Clusters clusters(String stepName, StepParams p, MetricTable table, long[] keptBefore) {
        List<double[]> columns = signatures(stepName, p, table);
        int perBucket = (int) p.number(HASHES_PER_BUCKET);
        MinHashClusters.Prepared sorted = prepared.get(columns.get(0),
                c -> MinHashClusters.prepare(toSignatures(columns), perBucket));
        return sorted.clusterBits(keptBefore);
    }

    private DuplicateGroups groups(String stepName, StepParams p, MetricTable table, long[] keptBefore) {
        int n = table.rows();
        MinHashClusters.Clusters clusters = clusters(stepName, p, table, keptBefore);
        int[] group = new int[n];
        boolean[] removed = new boolean[n];
        for (int row = 0; row < n; row++) {
            boolean in = clusters.included(row);
            group[row] = in ? clusters.clusterId(row) : -1;
            removed[row] = in && !clusters.keep(row);
        }
        return new DuplicateGroups(group, removed);
    }

    private static List<double[]> signatures(String stepName, StepParams p, MetricTable table) {
        return DedupSupport.columns(table, stepName, "h", hashes(p));
    }

    /** The signatures of every row from the internal columns ({@code null} for a row without one). */
    static List<long[]> toSignatures(List<double[]> columns) {
        int n = columns.get(0).length;
        int h = columns.size();
        long[][] out = new long[n][];
        double[] first = columns.get(0);
        for (int row = 0; row < n; row++) {
            if (Double.isNaN(first[row])) {
                continue;
            }
            long[] sig = new long[h];
            for (int i = 0; i < h; i++) {
                sig[i] = MetricTable.bitsOf(columns.get(i)[row]);
            }
            out[row] = sig;
        }
        return java.util.Arrays.asList(out);
    }

    /**
     * The estimated Jaccard similarity of two rows: the share of their signature values that are equal (NaN
     * when either has no signature).
     */
    public static double estimatedJaccard(MetricTable table, String stepName, int a, int b) {
        int equal = 0;
        int count = 0;
        for (String column : table.allNames()) {
            if (column.startsWith(stepName + "._h")) {
                double[] c = table.column(column);
                if (Double.isNaN(c[a]) || Double.isNaN(c[b])) {
                    return Double.NaN;
                }
                count++;
                if (MetricTable.bitsOf(c[a]) == MetricTable.bitsOf(c[b])) {
                    equal++;
                }
            }
        }
        return count == 0 ? Double.NaN : (double) equal / count;
    }

    /** The probability that a pair at Jaccard similarity {@code s} lands in a common bucket: 1 − (1 − s^r)^b. */
    public static double catchProbability(double s, int buckets, int hashesPerBucket) {
        return 1 - Math.pow(1 - Math.pow(s, hashesPerBucket), buckets);
    }

    @Override
    public Optional<DatatroveCall> datatrove(StepConfig step) {
        StepParams p = StepParams.of(this, step);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("n_grams", (long) p.number(N_GRAMS));
        args.put("num_buckets", (long) p.number(NUM_BUCKETS));
        args.put("hashes_per_bucket", (long) p.number(HASHES_PER_BUCKET));
        args.put("seed", (long) p.number(SEED));
        args.put("hash_config", new DatatroveCall.Code("HashConfig(hash_fc=\"" + p.string(HASH_FC) + "\", precision=64)"));
        return Optional.of(new DatatroveCall(DEDUP_MODULE + ".minhash", "MinhashConfig", args, keepFractionComments(step),
                DatatroveCall.Kind.MINHASH_DEDUP, List.of(HASH_CONFIG_IMPORT)));
    }

    static final String HASH_CONFIG_IMPORT = "from datatrove.utils.hashing import HashConfig";

    /** What datatrove's dedup stages cannot do: keep a share of the removed copies. */
    static List<String> keepFractionComments(StepConfig step) {
        List<String> comments = new ArrayList<>();
        if (step.keepFraction() > 0) {
            comments.add("Loupe keeps " + step.keepFraction() + " of what " + step.stepName()
                    + " removes (keep_fraction); datatrove's dedup removes every copy but one.");
        }
        return comments;
    }
}
