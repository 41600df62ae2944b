package org.loupe.engine.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.loupe.engine.measure.dedup.MinHashClusters;
import org.loupe.engine.task.TaskContext;

/**
 * A dedup step's records on disk, as datatrove's MinHash stage 1 writes them: per bucket, files of records
 * (the bucket's {@code width} hashes, the document's shard index and its index among the shard's documents
 * that reach the step), each file sorted by (hashes as unsigned 64-bit values, document). Stage 2 is
 * {@link #merge}: a k-way merge of one bucket's files, which hands every pair of consecutive records with
 * equal hashes to the union-find, in sort order — never more than one record per file in memory.
 *
 * <p>File layout (big-endian): {@code int shard, int width, int count}, then {@code count} records of
 * {@code width} longs and an {@code int} document index.
 */
final class DedupRuns {
    static final String SUFFIX = ".run";
    private static final int BUFFER = 1 << 16;

    private DedupRuns() {
    }

    /** The folder of one bucket's files. */
    static Path bucketDir(Path runs, int bucket) {
        return runs.resolve("b" + bucket);
    }

    /**
     * Writes {@code count} documents' records for every bucket: document {@code r} has the hashes
     * {@code values[r * buckets * width ..]} and index {@code docs[r]} (ascending). Each bucket's file is
     * {@code bucketDir/<name>.run.tmp}, added to {@code temps} (moved into place with the shard's other outputs).
     */
    static void write(Path runs, String name, int shard, long[] values, int[] docs, int count, int buckets, int width,
                      List<Path> temps) throws IOException {
        long[] keys = new long[count * width];
        int stride = buckets * width;
        for (int bucket = 0; bucket < buckets; bucket++) {
            for (int r = 0; r < count; r++) {
                System.arraycopy(values, r * stride + bucket * width, keys, r * width, width);
            }
            // stable: records start in document order, so equal hashes stay ordered by document
            int[] order = MinHashClusters.sortedOrder(keys, width, count);
            Path target = bucketDir(runs, bucket).resolve(name + SUFFIX);
            Path tmp = FullRun.tmp(target, temps);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.allocate(BUFFER);
                buf.putInt(shard).putInt(width).putInt(count);
                int recordBytes = width * 8 + 4;
                for (int k = 0; k < count; k++) {
                    if (buf.remaining() < recordBytes) {
                        drain(ch, buf);
                    }
                    int r = order[k];
                    for (int j = 0; j < width; j++) {
                        buf.putLong(keys[r * width + j]);
                    }
                    buf.putInt(docs[r]);
                }
                drain(ch, buf);
            }
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /**
     * Merges one bucket's files and unions every pair of consecutive records with equal hashes; a document is
     * numbered {@code offsets[shard] + index}, so ties between shards go to the earlier shard, as in one
     * stream read in folder order. Returns the number of records merged.
     */
    static long merge(Path bucketDir, int width, long[] offsets, MinHashClusters.UnionFind uf, TaskContext ctx)
            throws IOException {
        if (!Files.isDirectory(bucketDir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(bucketDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        List<Reader> readers = new ArrayList<>(files.size());
        PriorityQueue<Reader> queue = new PriorityQueue<>(Math.max(1, files.size()), Reader::compareTo);
        try {
            for (Path f : files) {
                Reader r = new Reader(f, width, offsets);
                readers.add(r);
                if (r.next()) {
                    queue.add(r);
                }
            }
            long[] previous = new long[width];
            long previousDoc = -1;
            long merged = 0;
            while (!queue.isEmpty()) {
                Reader r = queue.poll();
                if (previousDoc >= 0 && MinHashClusters.compareRecords(previous, 0, r.key, 0, width) == 0) {
                    uf.union((int) previousDoc, (int) r.doc);
                }
                System.arraycopy(r.key, 0, previous, 0, width);
                previousDoc = r.doc;
                if ((++merged & 0xFFFF) == 0) {
                    ctx.checkCancelled();
                }
                if (r.next()) {
                    queue.add(r);
                }
            }
            return merged;
        } finally {
            for (Reader r : readers) {
                r.close();
            }
        }
    }

    /** One sorted file, read a buffer at a time; {@link #key} and {@link #doc} are its current record. */
    private static final class Reader implements Comparable<Reader> {
        private final Path file;
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        private final int width;
        private final long base;
        private final long[] key;
        private long remaining;
        long doc;

        Reader(Path file, int width, long[] offsets) throws IOException {
            this.file = file;
            this.width = width;
            this.key = new long[width];
            ch = FileChannel.open(file, StandardOpenOption.READ);
            buf.limit(0);
            fill(12);
            int shard = buf.getInt();
            int w = buf.getInt();
            remaining = buf.getInt();
            if (w != width || shard < 0 || shard >= offsets.length || remaining < 0) {
                throw new IOException("dedup run " + file + " does not belong to this run (shard " + shard
                        + ", width " + w + "); delete the output's work folder and run again");
            }
            base = offsets[shard];
        }

        boolean next() throws IOException {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            fill(width * 8 + 4);
            for (int j = 0; j < width; j++) {
                key[j] = buf.getLong();
            }
            doc = base + buf.getInt();
            return true;
        }

        private void fill(int bytes) throws IOException {
            if (buf.remaining() >= bytes) {
                return;
            }
            buf.compact();
            while (buf.position() < bytes) {
                if (ch.read(buf) < 0) {
                    throw new IOException("dedup run " + file + " ends early; delete the output's work folder and run again");
                }
            }
            buf.flip();
        }

        @Override
        public int compareTo(Reader o) {
            int c = MinHashClusters.compareRecords(key, 0, o.key, 0, width);
            return c != 0 ? c : Long.compare(doc, o.doc);
        }

        void close() throws IOException {
            ch.close();
        }
    }
}
