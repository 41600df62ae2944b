package org.loupe.engine.measure.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * datatrove's MinHash stages 2, 3 and 4 on one set of signatures: {@code MinhashDedupBuckets} (duplicate pairs
 * per bucket), {@code MinhashDedupCluster} (union-find, {@code save_cluster_id=True, save_cluster_size=True})
 * and what {@code MinhashDedupFilter(load_cluster_ids=True, load_cluster_sizes=True)} does to each document.
 * Spec §11 and the golden dedup README's "Semantics the files pin down":
 * <ul>
 *   <li>per bucket, the records (8 hashes, doc index) are sorted by hashes then doc index, and each record
 *       whose hashes equal the previous record's gives the pair (previous, current);</li>
 *   <li>the pairs of buckets 0 → 13, in that order, go into a union-find with path compression and union by
 *       size; on equal sizes the root of the pair's first element stays the root;</li>
 *   <li>every clustered document that is not its set's root is removed, so each cluster keeps its root;</li>
 *   <li>cluster ids are 0, 1, … in the order of each cluster's smallest document index; a document in no
 *       cluster has id -1 and size 1.</li>
 * </ul>
 *
 * <p>The document index is the position among the <em>included</em> documents: datatrove reads the documents
 * as one stream in one task (rank 0), so the index it writes is the running count. Passing a mask of the
 * documents still kept by earlier steps gives exactly what datatrove would give if only those documents were
 * in its input, in the same order.
 */
public final class MinHashClusters {
    /** What the filter does to one document; {@code clusterSize} is 0 for a document not included. */
    public record Outcome(boolean included, boolean keep, int clusterId, int clusterSize) {
    }

    private static final int BUCKET = MinHasher.HASHES_PER_BUCKET;

    private MinHashClusters() {
    }

    /** The outcome for every document; {@code signatures.get(i) == null} means document i has none. */
    public static List<Outcome> cluster(List<long[]> signatures) {
        boolean[] all = new boolean[signatures.size()];
        Arrays.fill(all, true);
        return cluster(signatures, all);
    }

    /**
     * The outcome for every document when only the documents with {@code included[i]} are deduplicated (in
     * their order); a document not included gets {@code Outcome(false, false, -1, 0)}.
     */
    public static List<Outcome> cluster(List<long[]> signatures, boolean[] included) {
        int[] positions = includedPositions(signatures, included);
        List<long[]> sub = new ArrayList<>(positions.length);
        for (int p : positions) {
            sub.add(signatures.get(p));
        }
        int n = sub.size();
        UnionFind uf = new UnionFind(n);
        for (int bucket = 0; bucket < MinHasher.NUM_BUCKETS; bucket++) {
            for (int[] pair : bucketPairs(sub, bucket)) {
                uf.union(pair[0], pair[1]);
            }
        }
        int[] clusterIdOfRoot = new int[n];
        Arrays.fill(clusterIdOfRoot, -1);
        int nextId = 0;
        Outcome[] out = new Outcome[signatures.size()];
        Arrays.fill(out, new Outcome(false, false, -1, 0));
        for (int i = 0; i < n; i++) {
            Outcome o;
            if (!uf.clustered[i]) {
                o = new Outcome(true, true, -1, 1);
            } else {
                int root = uf.find(i);
                if (clusterIdOfRoot[root] < 0) {
                    clusterIdOfRoot[root] = nextId++;
                }
                o = new Outcome(true, root == i, clusterIdOfRoot[root], uf.size[root]);
            }
            out[positions[i]] = o;
        }
        return List.of(out);
    }

    /**
     * The signatures sorted once, per bucket, so that clustering any subset is a linear walk: what a live
     * pipeline step needs, where the subset (the documents the earlier steps keep) changes with every
     * threshold. {@link Prepared#cluster(boolean[])} equals {@link #cluster(List, boolean[])}.
     */
    public static Prepared prepare(List<long[]> signatures) {
        return new Prepared(signatures);
    }

    /** Signatures with each bucket's records in sort order and the runs of equal hashes marked. */
    public static final class Prepared {
        private final int size;
        /** Per bucket: the documents of its records, in the bucket's sort order. */
        private final int[][] sorted;
        /** Per bucket: for each record in sort order, whether its hashes equal the previous record's. */
        private final boolean[][] sameAsPrevious;

        private Prepared(List<long[]> signatures) {
            size = signatures.size();
            sorted = new int[MinHasher.NUM_BUCKETS][];
            sameAsPrevious = new boolean[MinHasher.NUM_BUCKETS][];
            for (int bucket = 0; bucket < MinHasher.NUM_BUCKETS; bucket++) {
                Records records = records(signatures, bucket);
                int[] docs = new int[records.count()];
                boolean[] same = new boolean[records.count()];
                for (int k = 0; k < docs.length; k++) {
                    docs[k] = records.docs()[records.order()[k]];
                    same[k] = k > 0 && compare(records.keys(), records.order()[k - 1], records.order()[k]) == 0;
                }
                sorted[bucket] = docs;
                sameAsPrevious[bucket] = same;
            }
        }

        public int size() {
            return size;
        }

        /**
         * The outcome for every document when only the documents with {@code included[i]} are deduplicated.
         * Removing records from a sorted run keeps the rest sorted, so the pairs of the subset are the
         * consecutive included records of each run; documents are numbered by their index, which orders them
         * as datatrove's running index of the subset would.
         */
        public List<Outcome> cluster(boolean[] included) {
            if (included.length != size) {
                throw new IllegalArgumentException("mask has " + included.length + " entries for " + size + " documents");
            }
            UnionFind uf = new UnionFind(size);
            for (int bucket = 0; bucket < MinHasher.NUM_BUCKETS; bucket++) {
                int[] docs = sorted[bucket];
                boolean[] same = sameAsPrevious[bucket];
                int previous = -1;
                for (int k = 0; k < docs.length; k++) {
                    if (!same[k]) {
                        previous = -1;
                    }
                    int doc = docs[k];
                    if (!included[doc]) {
                        continue;
                    }
                    if (previous >= 0) {
                        uf.union(previous, doc);
                    }
                    previous = doc;
                }
            }
            int[] clusterIdOfRoot = new int[size];
            Arrays.fill(clusterIdOfRoot, -1);
            int nextId = 0;
            Outcome excluded = new Outcome(false, false, -1, 0);
            Outcome alone = new Outcome(true, true, -1, 1);
            Outcome[] out = new Outcome[size];
            for (int i = 0; i < size; i++) {
                if (!included[i]) {
                    out[i] = excluded;
                } else if (!uf.clustered[i]) {
                    out[i] = alone;
                } else {
                    int root = uf.find(i);
                    if (clusterIdOfRoot[root] < 0) {
                        clusterIdOfRoot[root] = nextId++;
                    }
                    out[i] = new Outcome(true, root == i, clusterIdOfRoot[root], uf.size[root]);
                }
            }
            return List.of(out);
        }
    }

    /** One bucket's records: document of each record, the flat 8-hash keys, and the stable sort order. */
    private record Records(int count, int[] docs, long[] keys, int[] order) { }

    private static Records records(List<long[]> signatures, int bucket) {
        int from = bucket * MinHasher.HASHES_PER_BUCKET;
        int count = 0;
        for (long[] s : signatures) {
            if (s != null) {
                count++;
            }
        }
        int[] docs = new int[count];
        long[] keys = new long[count * BUCKET];
        int r = 0;
        for (int i = 0; i < signatures.size(); i++) {
            long[] s = signatures.get(i);
            if (s != null) {
                docs[r] = i;
                System.arraycopy(s, from, keys, r * BUCKET, BUCKET);
                r++;
            }
        }
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        // stable, and the records start in document order: equal hashes stay ordered by doc index
        mergeSort(order, new int[count], 0, count, keys);
        return new Records(count, docs, keys, order);
    }

    /**
     * {@code MinhashDedupBuckets}' pairs for one bucket, in the order it writes them: {@code [a, b]} with
     * {@code a} the earlier record in the sort order (here always the lower index). Indices are positions in
     * {@code signatures}; {@code null} entries have no record.
     */
    public static List<int[]> bucketPairs(List<long[]> signatures, int bucket) {
        Records records = records(signatures, bucket);
        int[] order = records.order();
        List<int[]> pairs = new ArrayList<>();
        for (int k = 1; k < records.count(); k++) {
            if (compare(records.keys(), order[k - 1], order[k]) == 0) {
                pairs.add(new int[] {records.docs()[order[k - 1]], records.docs()[order[k]]});
            }
        }
        return pairs;
    }

    /** Compares records x and y by their 8 hashes, as unsigned 64-bit values. */
    private static int compare(long[] keys, int x, int y) {
        int a = x * BUCKET;
        int b = y * BUCKET;
        for (int j = 0; j < BUCKET; j++) {
            int c = Long.compareUnsigned(keys[a + j], keys[b + j]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A stable merge sort of {@code order[from, to)} by {@link #compare}, without boxing. */
    private static void mergeSort(int[] order, int[] tmp, int from, int to, long[] keys) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = order[i];
                int j = i - 1;
                while (j >= from && compare(keys, order[j], v) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(order, tmp, from, mid, keys);
        mergeSort(order, tmp, mid, to, keys);
        if (compare(keys, order[mid - 1], order[mid]) <= 0) {
            return;
        }
        System.arraycopy(order, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compare(keys, tmp[i], tmp[j]) <= 0)) {
                order[k] = tmp[i++];
            } else {
                order[k] = tmp[j++];
            }
        }
    }

    private static int[] includedPositions(List<long[]> signatures, boolean[] included) {
        if (included.length != signatures.size()) {
            throw new IllegalArgumentException("mask has " + included.length + " entries for " + signatures.size()
                    + " documents");
        }
        int n = 0;
        for (boolean b : included) {
            if (b) {
                n++;
            }
        }
        int[] positions = new int[n];
        int k = 0;
        for (int i = 0; i < included.length; i++) {
            if (included[i]) {
                positions[k++] = i;
            }
        }
        return positions;
    }

    /** {@code MinhashDedupCluster}'s union-find: path compression, union by size, ties to the first root. */
    private static final class UnionFind {
        final int[] parent;
        final int[] size;
        final boolean[] clustered;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            clustered = new boolean[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int x) {
            int root = x;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[x] != root) {
                int next = parent[x];
                parent[x] = root;
                x = next;
            }
            return root;
        }

        void union(int a, int b) {
            clustered[a] = true;
            clustered[b] = true;
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }
    }
}
