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
 *   <li>per bucket, the records (the bucket's hashes, doc index) are sorted by hashes then doc index, and each
 *       record whose hashes equal the previous record's gives the pair (previous, current);</li>
 *   <li>the pairs of buckets 0, 1, …, in that order, go into a union-find with path compression and union by
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
 *
 * <p>The bucket layout is the signature length split into buckets of {@code hashesPerBucket} consecutive values
 * (the default, without that argument, is {@link MinHasher#HASHES_PER_BUCKET} = 8: 14 buckets for a 112-value
 * signature). Every signature must have the same length, a multiple of {@code hashesPerBucket}.
 */
public final class MinHashClusters {
    /** What the filter does to one document; {@code clusterSize} is 0 for a document not included. */
    public record Outcome(boolean included, boolean keep, int clusterId, int clusterSize) {
    }

    /**
     * What the filter does to every document, as flat arrays ({@link Prepared#clusterBits}): the same values as
     * {@link Outcome} for document {@code doc}, without an object per document.
     */
    public static final class Clusters {
        private final int size;
        private final long[] included;
        private final long[] keep;
        /** Bits of the included documents in a cluster; clusterIdPlusOne and clusterSize hold only theirs. */
        private final long[] clustered;
        private final int[] clusterIdPlusOne;
        private final int[] clusterSize;
        private final int clusterCount;
        private final int removedCount;

        private Clusters(int size, long[] included, long[] keep, long[] clustered, int[] clusterIdPlusOne,
                int[] clusterSize, int clusterCount, int removedCount) {
            this.size = size;
            this.included = included;
            this.keep = keep;
            this.clustered = clustered;
            this.clusterIdPlusOne = clusterIdPlusOne;
            this.clusterSize = clusterSize;
            this.clusterCount = clusterCount;
            this.removedCount = removedCount;
        }

        /** The number of documents, included or not. */
        public int size() {
            return size;
        }

        /** Whether {@code doc} was in the deduplicated subset. */
        public boolean included(int doc) {
            return (included[index(doc) >>> 6] & 1L << doc) != 0;
        }

        /** Whether the filter keeps {@code doc}: included, and in no cluster or its cluster's root. */
        public boolean keep(int doc) {
            return (keep[index(doc) >>> 6] & 1L << doc) != 0;
        }

        /** {@code doc}'s cluster id (0, 1, … by smallest member), -1 when in no cluster or not included. */
        public int clusterId(int doc) {
            return clustered(index(doc)) ? clusterIdPlusOne[doc] - 1 : -1;
        }

        /** The size of {@code doc}'s cluster: 1 when in no cluster, 0 when not included (as {@link Outcome}). */
        public int clusterSize(int doc) {
            return !included(doc) ? 0 : clustered(doc) ? clusterSize[doc] : 1;
        }

        private boolean clustered(int doc) {
            return (clustered[doc >>> 6] & 1L << doc) != 0;
        }

        /** The number of clusters (ids {@code 0 .. clusterCount() - 1}). */
        public int clusterCount() {
            return clusterCount;
        }

        /** The number of included documents the filter drops (clustered and not their cluster's root). */
        public int removedCount() {
            return removedCount;
        }

        /** {@code doc}'s outcome as an object (for tests and one-off reads). */
        public Outcome outcome(int doc) {
            return new Outcome(included(doc), keep(doc), clusterId(doc), clusterSize(doc));
        }

        private int index(int doc) {
            if (doc < 0 || doc >= size) {
                throw new IndexOutOfBoundsException("document " + doc + " of " + size);
            }
            return doc;
        }
    }

    private MinHashClusters() {
    }

    /** The outcome for every document; {@code signatures.get(i) == null} means document i has none. */
    public static List<Outcome> cluster(List<long[]> signatures) {
        return cluster(signatures, MinHasher.HASHES_PER_BUCKET);
    }

    /** {@link #cluster(List)} with buckets of {@code hashesPerBucket} values. */
    public static List<Outcome> cluster(List<long[]> signatures, int hashesPerBucket) {
        boolean[] all = new boolean[signatures.size()];
        Arrays.fill(all, true);
        return cluster(signatures, hashesPerBucket, all);
    }

    /**
     * The outcome for every document when only the documents with {@code included[i]} are deduplicated (in
     * their order); a document not included gets {@code Outcome(false, false, -1, 0)}.
     */
    public static List<Outcome> cluster(List<long[]> signatures, boolean[] included) {
        return cluster(signatures, MinHasher.HASHES_PER_BUCKET, included);
    }

    /** {@link #cluster(List, boolean[])} with buckets of {@code hashesPerBucket} values. */
    public static List<Outcome> cluster(List<long[]> signatures, int hashesPerBucket, boolean[] included) {
        int numBuckets = numBuckets(signatures, hashesPerBucket);
        int[] positions = includedPositions(signatures, included);
        List<long[]> sub = new ArrayList<>(positions.length);
        for (int p : positions) {
            sub.add(signatures.get(p));
        }
        int n = sub.size();
        UnionFind uf = new UnionFind(n);
        for (int bucket = 0; bucket < numBuckets; bucket++) {
            for (int[] pair : pairs(sub, hashesPerBucket, bucket)) {
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
            if (!uf.clustered(i)) {
                o = new Outcome(true, true, -1, 1);
            } else {
                int root = uf.find(i);
                if (clusterIdOfRoot[root] < 0) {
                    clusterIdOfRoot[root] = nextId++;
                }
                o = new Outcome(true, root == i, clusterIdOfRoot[root], uf.setSize(root));
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
        return prepare(signatures, MinHasher.HASHES_PER_BUCKET);
    }

    /** {@link #prepare(List)} with buckets of {@code hashesPerBucket} values. */
    public static Prepared prepare(List<long[]> signatures, int hashesPerBucket) {
        return new Prepared(signatures, hashesPerBucket);
    }

    /** Signatures with each bucket's records in sort order and the runs of equal hashes marked. */
    public static final class Prepared {
        private final int size;
        /** Per bucket: the documents of its records that share their hashes with another record, in sort order. */
        private final int[][] sorted;
        /** Per bucket: for each record in sort order, whether its hashes equal the previous record's. */
        private final boolean[][] sameAsPrevious;

        private Prepared(List<long[]> signatures, int hashesPerBucket) {
            size = signatures.size();
            int numBuckets = numBuckets(signatures, hashesPerBucket);
            sorted = new int[numBuckets][];
            sameAsPrevious = new boolean[numBuckets][];
            for (int bucket = 0; bucket < numBuckets; bucket++) {
                Records records = records(signatures, hashesPerBucket, bucket);
                int[] docs = new int[records.count()];
                boolean[] same = new boolean[records.count()];
                for (int k = 0; k < docs.length; k++) {
                    docs[k] = records.docs()[records.order()[k]];
                    same[k] = k > 0 && compare(records.keys(), hashesPerBucket, records.order()[k - 1],
                            records.order()[k]) == 0;
                }
                // Only runs of two or more equal records make pairs: a live re-cluster walks those alone (a
                // record alone in its run is never paired, whatever the subset), often a small share of all.
                int kept = 0;
                for (int k = 0; k < docs.length; k++) {
                    if (same[k] || k + 1 < docs.length && same[k + 1]) {
                        docs[kept] = docs[k];
                        same[kept] = same[k];
                        kept++;
                    }
                }
                sorted[bucket] = Arrays.copyOf(docs, kept);
                sameAsPrevious[bucket] = Arrays.copyOf(same, kept);
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
            for (int bucket = 0; bucket < sorted.length; bucket++) {
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
                } else if (!uf.clustered(i)) {
                    out[i] = alone;
                } else {
                    int root = uf.find(i);
                    if (clusterIdOfRoot[root] < 0) {
                        clusterIdOfRoot[root] = nextId++;
                    }
                    out[i] = new Outcome(true, root == i, clusterIdOfRoot[root], uf.setSize(root));
                }
            }
            return List.of(out);
        }

        /**
         * {@link #cluster(boolean[])} without an object per document, for the live step that re-clusters on
         * every threshold change: document {@code doc} is included when bit {@code doc & 63} of
         * {@code includedBits[doc >>> 6]} is set ({@code includedBits} has at least {@code ceil(size / 64)}
         * words; bits at or past {@code size} are ignored). Linear in the number of records.
         */
        public Clusters clusterBits(long[] includedBits) {
            int words = (size + 63) >>> 6;
            if (includedBits.length < words) {
                throw new IllegalArgumentException("mask has " + includedBits.length + " words for " + size
                        + " documents (" + words + " needed)");
            }
            UnionFind uf = new UnionFind(size);
            for (int bucket = 0; bucket < sorted.length; bucket++) {
                int[] docs = sorted[bucket];
                boolean[] same = sameAsPrevious[bucket];
                int previous = -1;
                for (int k = 0; k < docs.length; k++) {
                    if (!same[k]) {
                        previous = -1;
                    }
                    int doc = docs[k];
                    if ((includedBits[doc >>> 6] & 1L << doc) == 0) {
                        continue;
                    }
                    if (previous >= 0) {
                        uf.union(previous, doc);
                    }
                    previous = doc;
                }
            }
            return uf.clusters(includedBits);
        }
    }

    /** One bucket's records: document of each record, the flat keys (width hashes each), and the stable sort order. */
    private record Records(int count, int[] docs, long[] keys, int[] order) { }

    private static Records records(List<long[]> signatures, int width, int bucket) {
        int from = bucket * width;
        int count = 0;
        for (long[] s : signatures) {
            if (s != null) {
                count++;
            }
        }
        int[] docs = new int[count];
        long[] keys = new long[count * width];
        int r = 0;
        for (int i = 0; i < signatures.size(); i++) {
            long[] s = signatures.get(i);
            if (s != null) {
                docs[r] = i;
                System.arraycopy(s, from, keys, r * width, width);
                r++;
            }
        }
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        // stable, and the records start in document order: equal hashes stay ordered by doc index
        mergeSort(order, new int[count], 0, count, keys, width);
        return new Records(count, docs, keys, order);
    }

    /**
     * {@code MinhashDedupBuckets}' pairs for one bucket of the default layout (8 hashes per bucket), in the order
     * it writes them: {@code [a, b]} with {@code a} the earlier record in the sort order (here always the lower
     * index). Indices are positions in {@code signatures}; {@code null} entries have no record.
     */
    public static List<int[]> bucketPairs(List<long[]> signatures, int bucket) {
        return bucketPairs(signatures, MinHasher.HASHES_PER_BUCKET, bucket);
    }

    /** {@link #bucketPairs(List, int)} for buckets of {@code hashesPerBucket} values. */
    public static List<int[]> bucketPairs(List<long[]> signatures, int hashesPerBucket, int bucket) {
        int numBuckets = numBuckets(signatures, hashesPerBucket);
        if (bucket < 0 || bucket >= Math.max(numBuckets, 1)) {
            throw new IllegalArgumentException("bucket " + bucket + " of " + numBuckets);
        }
        return numBuckets == 0 ? List.of() : pairs(signatures, hashesPerBucket, bucket);
    }

    private static List<int[]> pairs(List<long[]> signatures, int width, int bucket) {
        Records records = records(signatures, width, bucket);
        int[] order = records.order();
        List<int[]> pairs = new ArrayList<>();
        for (int k = 1; k < records.count(); k++) {
            if (compare(records.keys(), width, order[k - 1], order[k]) == 0) {
                pairs.add(new int[] {records.docs()[order[k - 1]], records.docs()[order[k]]});
            }
        }
        return pairs;
    }

    /**
     * The number of buckets of {@code signatures} with {@code hashesPerBucket} values each (0 when no document has
     * a signature), after checking that all signatures have one length, a multiple of {@code hashesPerBucket}.
     */
    static int numBuckets(List<long[]> signatures, int hashesPerBucket) {
        if (hashesPerBucket < 1) {
            throw new IllegalArgumentException("hashesPerBucket must be at least 1, got " + hashesPerBucket);
        }
        int length = -1;
        for (int i = 0; i < signatures.size(); i++) {
            long[] s = signatures.get(i);
            if (s == null) {
                continue;
            }
            if (length < 0) {
                length = s.length;
                if (length == 0 || length % hashesPerBucket != 0) {
                    throw new IllegalArgumentException("signature length " + length + " is not a positive multiple of "
                            + hashesPerBucket + " hashes per bucket (document " + i + ")");
                }
            } else if (s.length != length) {
                throw new IllegalArgumentException("document " + i + " has a signature of " + s.length
                        + " values, earlier ones " + length);
            }
        }
        return length < 0 ? 0 : length / hashesPerBucket;
    }

    /** Compares records x and y by their {@code width} hashes, as unsigned 64-bit values. */
    private static int compare(long[] keys, int width, int x, int y) {
        int a = x * width;
        int b = y * width;
        for (int j = 0; j < width; j++) {
            int c = Long.compareUnsigned(keys[a + j], keys[b + j]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * The stable sort order of {@code count} records of {@code width} hashes each, stored flat in {@code keys}
     * (record r at {@code keys[r * width ..]}), by their hashes as unsigned 64-bit values: the order
     * {@code MinhashDedupBuckets} reads a bucket's records in when they were written in document order.
     */
    public static int[] sortedOrder(long[] keys, int width, int count) {
        if (width < 1 || keys.length < (long) count * width) {
            throw new IllegalArgumentException(count + " records of " + width + " hashes in " + keys.length + " values");
        }
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        mergeSort(order, new int[count], 0, count, keys, width);
        return order;
    }

    /** Compares record {@code x} of {@code a} with record {@code y} of {@code b} ({@code width} unsigned hashes each). */
    public static int compareRecords(long[] a, int x, long[] b, int y, int width) {
        int i = x * width;
        int j = y * width;
        for (int k = 0; k < width; k++) {
            int c = Long.compareUnsigned(a[i + k], b[j + k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A stable merge sort of {@code order[from, to)} by {@link #compare}, without boxing. */
    private static void mergeSort(int[] order, int[] tmp, int from, int to, long[] keys, int width) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = order[i];
                int j = i - 1;
                while (j >= from && compare(keys, width, order[j], v) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(order, tmp, from, mid, keys, width);
        mergeSort(order, tmp, mid, to, keys, width);
        if (compare(keys, width, order[mid - 1], order[mid]) <= 0) {
            return;
        }
        System.arraycopy(order, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compare(keys, width, tmp[i], tmp[j]) <= 0)) {
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

    /**
     * {@code MinhashDedupCluster}'s union-find over documents {@code 0 .. n-1}, on flat arrays: path compression,
     * union by size, and on equal sizes the root of the pair's first element stays the root. A document is
     * "clustered" from its first union on. Feeding it the pairs of buckets 0, 1, … in their sort order and then
     * calling {@link #clusters(long[])} gives what the reference's stages 3 and 4 give — whether the pairs come
     * from signatures in memory ({@link Prepared}) or from sorted runs merged from disk (a full run).
     */
    public static final class UnionFind {
        private final int n;
        private final int[] parent;
        private final int[] size;
        private final long[] clustered;

        public UnionFind(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("negative document count " + n);
            }
            this.n = n;
            parent = new int[n];
            size = new int[n];
            clustered = new long[(n + 63) >>> 6];
        }

        /** The number of documents. */
        public int size() {
            return n;
        }

        /** Joins the sets of {@code a} and {@code b} (a pair of one bucket, {@code a} the earlier record). */
        public void union(int a, int b) {
            claim(a);
            claim(b);
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

        /** Whether {@code x} was in at least one pair. */
        public boolean clustered(int x) {
            return (clustered[x >>> 6] & 1L << x) != 0;
        }

        /** The root of a clustered document's set (the document itself when not clustered). */
        public int find(int x) {
            if (!clustered(x)) {
                return x;
            }
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

        /** The size of {@code x}'s set (1 when not clustered). */
        public int setSize(int x) {
            return clustered(x) ? size[find(x)] : 1;
        }

        private void claim(int x) {
            if (x < 0 || x >= n) {
                throw new IndexOutOfBoundsException("document " + x + " of " + n);
            }
            long bit = 1L << x;
            if ((clustered[x >>> 6] & bit) == 0) {
                clustered[x >>> 6] |= bit;
                parent[x] = x;
                size[x] = 1;
            }
        }

        /**
         * What the filter does with every document, when the documents with their bit set in {@code included}
         * (at least {@code ceil(n / 64)} words; bits at or past n ignored) are the deduplicated ones and the
         * pairs were made of included documents only: every clustered document but its set's root is removed,
         * cluster ids 0, 1, … in the order of each cluster's smallest document.
         */
        public Clusters clusters(long[] includedBits) {
            int words = (n + 63) >>> 6;
            if (includedBits.length < words) {
                throw new IllegalArgumentException("mask has " + includedBits.length + " words for " + n
                        + " documents (" + words + " needed)");
            }
            long[] included = Arrays.copyOf(includedBits, words);
            if ((n & 63) != 0) {
                included[words - 1] &= (1L << n) - 1;
            }
            // only clustered documents are visited, in increasing order, so that ids number the clusters by their
            // smallest member; the others are kept when included
            int[] clusterIdPlusOne = new int[n];
            int[] clusterSize = new int[n];
            long[] keep = new long[words];
            long[] inCluster = new long[words];
            int nextId = 0;
            int removed = 0;
            for (int w = 0; w < words; w++) {
                long members = clustered[w] & included[w];
                inCluster[w] = members;
                long kept = included[w] & ~members;
                for (long bits = members; bits != 0; bits &= bits - 1) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                    int root = find(i);
                    // a root's slot holds its cluster's id from its first member on (never a smaller index's)
                    if (clusterIdPlusOne[root] == 0) {
                        clusterIdPlusOne[root] = ++nextId;
                    }
                    clusterIdPlusOne[i] = clusterIdPlusOne[root];
                    clusterSize[i] = size[root];
                    if (root == i) {
                        kept |= 1L << i;
                    } else {
                        removed++;
                    }
                }
                keep[w] = kept;
            }
            return new Clusters(n, included, keep, inCluster, clusterIdPlusOne, clusterSize, nextId, removed);
        }

        /** {@link #clusters(long[])} with every document included. */
        public Clusters clusters() {
            long[] all = new long[(n + 63) >>> 6];
            Arrays.fill(all, -1L);
            return clusters(all);
        }
    }
}
