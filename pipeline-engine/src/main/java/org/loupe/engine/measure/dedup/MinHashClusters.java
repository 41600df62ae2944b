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
     * {@code MinhashDedupBuckets}' pairs for one bucket, in the order it writes them: {@code [a, b]} with
     * {@code a} the earlier record in the sort order (here always the lower index). Indices are positions in
     * {@code signatures}; {@code null} entries have no record.
     */
    public static List<int[]> bucketPairs(List<long[]> signatures, int bucket) {
        int from = bucket * MinHasher.HASHES_PER_BUCKET;
        int count = 0;
        for (long[] s : signatures) {
            if (s != null) {
                count++;
            }
        }
        // the bucket's records, flat: record r is keys[r*8 .. r*8+8) and belongs to document docs[r]
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
        List<int[]> pairs = new ArrayList<>();
        for (int k = 1; k < count; k++) {
            if (compare(keys, order[k - 1], order[k]) == 0) {
                pairs.add(new int[] {docs[order[k - 1]], docs[order[k]]});
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
