package org.loupe.engine.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.dedup.MinHashClusters;
import org.loupe.engine.task.TaskContext;

/**
 * Sentence dedup's records on disk, as datatrove's {@code SentenceDedupSignature} (stage 1) and
 * {@code SentenceFindDedups} (stage 2) handle them (spec §12).
 *
 * <ul>
 *   <li>Stage 1 ({@link #write}): per shard, files of records (window hash, the document's index among the
 *       shard's documents that reach the step, window index), each sorted by (hash as an unsigned 64-bit
 *       value, document, window).</li>
 *   <li>Stage 2 ({@link #findDuplicates}): a k-way merge of every shard's files ordered by (hash, document
 *       ordinal, window), the ordinal being {@code offsets[shard] + index} — (shard in folder order, record)
 *       order, the workbench sample's row order. The first record of each hash keeps its window; every later
 *       one is a duplicate window of its document. The duplicates are sorted by (ordinal, window) in bounded
 *       memory (sorted spills, merged) and written per shard ({@link #dupsFile}): for each document with
 *       duplicates, its index, their count and the window indices, ascending; then {@code -1}.</li>
 * </ul>
 * Datatrove orders stage 2 by (hash, doc id, file id, window) with doc ids counted per file; with Loupe's
 * single ordinal over the folder the first copy of a window is the first in folder order, as in a sample of
 * the whole folder, which is what the workbench decides on.
 *
 * <p>Run file layout (big-endian): {@code int shard, int count}, then {@code count} records of {@code long
 * hash, int document, int window}.
 */
final class SentenceRuns {
    static final String SUFFIX = ".run";
    /** Records per run file while a pass writes them (16 bytes each). */
    static final int CHUNK = 1 << 18;
    /** Duplicate windows held in memory while stage 2 sorts them (8 bytes each). */
    static final int DUPS_IN_MEMORY = 1 << 21;
    private static final int BUFFER = 1 << 16;
    private static final int RECORD = 16;

    private SentenceRuns() {
    }

    /** The per-shard file of duplicate windows that stage 2 writes into {@code dir}. */
    static Path dupsFile(Path dir, String stem) {
        return dir.resolve(stem + ".dups");
    }

    /**
     * Writes {@code count} records, given in (document, window) order, sorted by hash to
     * {@code runs/<name>.run.tmp}, added to {@code temps} (moved into place with the shard's other outputs).
     */
    static void write(Path runs, String name, int shard, long[] hash, int[] doc, int[] window, int count,
                      List<Path> temps) throws IOException {
        // stable: records come in (document, window) order, so equal hashes stay in that order
        int[] order = MinHashClusters.sortedOrder(hash, 1, count);
        Path tmp = FullRun.tmp(runs.resolve(name + SUFFIX), temps);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            buf.putInt(shard).putInt(count);
            for (int k = 0; k < count; k++) {
                if (buf.remaining() < RECORD) {
                    drain(ch, buf);
                }
                int r = order[k];
                buf.putLong(hash[r]).putInt(doc[r]).putInt(window[r]);
            }
            drain(ch, buf);
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
     * Stage 2 over every run file in {@code runs}: writes each shard's duplicate windows to
     * {@code dupsFile(out, stems.get(i))} (every shard gets a file, empty of documents when none has
     * duplicates), each atomically. Returns the number of duplicate windows.
     *
     * @param offsets the first ordinal of each shard's documents, and the total last
     */
    static long findDuplicates(Path runs, long[] offsets, List<String> stems, Path out, TaskContext ctx)
            throws IOException {
        return findDuplicates(runs, offsets, stems, out, ctx, DUPS_IN_MEMORY);
    }

    /** {@link #findDuplicates} holding at most {@code inMemory} duplicate windows before it spills them sorted. */
    static long findDuplicates(Path runs, long[] offsets, List<String> stems, Path out, TaskContext ctx, int inMemory)
            throws IOException {
        Path spills = out.resolveSibling(out.getFileName() + "-spill");
        AtomicFiles.deleteTree(spills);
        List<Path> files = Files.isDirectory(runs) ? list(runs, SUFFIX) : List.of();
        long[] dups = new long[inMemory];
        int held = 0;
        int spilled = 0;
        long found = 0;
        List<RunReader> readers = new ArrayList<>(files.size());
        PriorityQueue<RunReader> queue = new PriorityQueue<>(Math.max(1, files.size()), RunReader::compareTo);
        try {
            for (Path f : files) {
                RunReader r = new RunReader(f, offsets);
                readers.add(r);
                if (r.next()) {
                    queue.add(r);
                }
            }
            boolean any = false;
            long previous = 0;
            long merged = 0;
            while (!queue.isEmpty()) {
                RunReader r = queue.poll();
                if (any && r.hash == previous) {
                    if (held == dups.length) {
                        spill(dups, held, spills.resolve(String.format("%05d.bin", spilled++)));
                        held = 0;
                    }
                    dups[held++] = r.doc << 32 | r.window;
                    found++;
                }
                any = true;
                previous = r.hash;
                if ((++merged & 0xFFFF) == 0) {
                    ctx.checkCancelled();
                }
                if (r.next()) {
                    queue.add(r);
                }
            }
        } finally {
            for (RunReader r : readers) {
                r.close();
            }
        }
        Arrays.sort(dups, 0, held);
        List<LongSource> sources = new ArrayList<>();
        try {
            for (int i = 0; i < spilled; i++) {
                sources.add(new SpillReader(spills.resolve(String.format("%05d.bin", i))));
            }
            sources.add(new ArraySource(dups, held));
            writePerShard(sources, offsets, stems, out, ctx);
        } finally {
            for (LongSource s : sources) {
                s.close();
            }
        }
        AtomicFiles.deleteTree(spills);
        return found;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void spill(long[] dups, int count, Path file) throws IOException {
        Arrays.sort(dups, 0, count);
        AtomicFiles.write(file, raw -> {
            DataOutputStream o = new DataOutputStream(new BufferedOutputStream(raw, BUFFER));
            o.writeInt(count);
            for (int i = 0; i < count; i++) {
                o.writeLong(dups[i]);
            }
            o.flush();
        });
    }

    /** Merges the sorted (ordinal, window) sources and writes them out shard by shard, document by document. */
    private static void writePerShard(List<LongSource> sources, long[] offsets, List<String> stems, Path out,
                                      TaskContext ctx) throws IOException {
        if (stems.isEmpty()) {
            return;
        }
        PriorityQueue<LongSource> queue = new PriorityQueue<>(Math.max(1, sources.size()),
                (a, b) -> Long.compare(a.current(), b.current()));
        for (LongSource s : sources) {
            if (s.next()) {
                queue.add(s);
            }
        }
        int shard = 0;
        ShardWriter w = new ShardWriter(dupsFile(out, stems.get(0)));
        long written = 0;
        try {
            while (!queue.isEmpty()) {
                LongSource s = queue.poll();
                long v = s.current();
                long doc = v >>> 32;
                while (doc >= offsets[shard + 1]) {
                    w.finish();
                    w = new ShardWriter(dupsFile(out, stems.get(++shard)));
                }
                w.add(doc - offsets[shard], (int) v);
                if ((++written & 0xFFFF) == 0) {
                    ctx.checkCancelled();
                }
                if (s.next()) {
                    queue.add(s);
                }
            }
            w.finish();
            while (++shard < stems.size()) {
                w = new ShardWriter(dupsFile(out, stems.get(shard)));
                w.finish();
            }
        } finally {
            w.abort();
        }
    }

    /** One shard's duplicates file, written to a temporary sibling and moved into place by {@link #finish}. */
    private static final class ShardWriter {
        private final Path target;
        private final Path tmp;
        private final DataOutputStream out;
        private long doc = -1;
        private int[] windows = new int[16];
        private int count;
        private boolean done;

        ShardWriter(Path target) throws IOException {
            this.target = target;
            Files.createDirectories(target.getParent());
            this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER));
        }

        void add(long local, int window) throws IOException {
            if (local != doc) {
                flushDoc();
                doc = local;
            }
            if (count == windows.length) {
                windows = Arrays.copyOf(windows, count * 2);
            }
            windows[count++] = window;
        }

        private void flushDoc() throws IOException {
            if (count > 0) {
                out.writeInt((int) doc);
                out.writeInt(count);
                for (int i = 0; i < count; i++) {
                    out.writeInt(windows[i]);
                }
            }
            count = 0;
        }

        void finish() throws IOException {
            flushDoc();
            out.writeInt(-1);
            out.close();
            AtomicFiles.move(tmp, target);
            done = true;
        }

        void abort() throws IOException {
            if (!done) {
                out.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A shard's duplicate windows, read along with its documents in order: {@link #of} gives those of
     * document {@code local} (none when it has none), and {@link #finish} checks every entry was asked for.
     */
    static final class Dups implements AutoCloseable {
        private static final int[] NONE = new int[0];
        private final Path file;
        private final DataInputStream in;
        private long next;

        Dups(Path file) throws IOException {
            this.file = file;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
            this.next = readDoc();
        }

        private long readDoc() throws IOException {
            try {
                return in.readInt();
            } catch (EOFException e) {
                throw new IOException(file + " is cut short; delete the output's work folder and run again", e);
            }
        }

        /** The sorted duplicate windows of the shard's document {@code local}; documents must be asked in order. */
        int[] of(long local) throws IOException {
            if (next < 0 || next > local) {
                return NONE;
            }
            if (next < local) {
                throw new IOException(file + " lists document " + next + ", which was never asked for; delete the"
                        + " output's work folder and run again");
            }
            try {
                int n = in.readInt();
                int[] w = new int[n];
                for (int i = 0; i < n; i++) {
                    w[i] = in.readInt();
                }
                next = readDoc();
                return w;
            } catch (EOFException e) {
                throw new IOException(file + " is cut short; delete the output's work folder and run again", e);
            }
        }

        /** Fails unless every listed document was asked for and the file ends there. */
        void finish() throws IOException {
            if (next >= 0 || in.read() >= 0) {
                throw new IOException(file + " lists more documents than its pass passed on; delete the output's"
                        + " work folder and run again");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A sorted stream of longs. */
    private interface LongSource extends AutoCloseable {
        boolean next() throws IOException;

        long current();

        @Override
        void close() throws IOException;
    }

    private static final class ArraySource implements LongSource {
        private final long[] values;
        private final int count;
        private int at = -1;

        ArraySource(long[] values, int count) {
            this.values = values;
            this.count = count;
        }

        @Override
        public boolean next() {
            return ++at < count;
        }

        @Override
        public long current() {
            return values[at];
        }

        @Override
        public void close() {
        }
    }

    private static final class SpillReader implements LongSource {
        private final Path file;
        private final DataInputStream in;
        private int remaining;
        private long current;

        SpillReader(Path file) throws IOException {
            this.file = file;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
            this.remaining = in.readInt();
        }

        @Override
        public boolean next() throws IOException {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            try {
                current = in.readLong();
            } catch (EOFException e) {
                throw new IOException(file + " ends early; delete the output's work folder and run again", e);
            }
            return true;
        }

        @Override
        public long current() {
            return current;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One sorted run file, read a buffer at a time; {@link #hash}, {@link #doc}, {@link #window} its current record. */
    private static final class RunReader implements Comparable<RunReader> {
        private final Path file;
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        private final long base;
        private final long end;
        private long remaining;
        long hash;
        long doc;
        int window;

        RunReader(Path file, long[] offsets) throws IOException {
            this.file = file;
            ch = FileChannel.open(file, StandardOpenOption.READ);
            buf.limit(0);
            fill(8);
            int shard = buf.getInt();
            remaining = buf.getInt();
            if (shard < 0 || shard >= offsets.length - 1 || remaining < 0) {
                ch.close();
                throw new IOException("sentence dedup run " + file + " does not belong to this run (shard " + shard
                        + "); delete the output's work folder and run again");
            }
            base = offsets[shard];
            end = offsets[shard + 1];
        }

        boolean next() throws IOException {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            fill(RECORD);
            hash = buf.getLong();
            doc = base + buf.getInt();
            window = buf.getInt();
            if (doc >= end || window < 0) {
                throw new IOException("sentence dedup run " + file + " holds document " + (doc - base) + " window "
                        + window + ", beyond its shard's documents; delete the output's work folder and run again");
            }
            return true;
        }

        private void fill(int bytes) throws IOException {
            if (buf.remaining() >= bytes) {
                return;
            }
            buf.compact();
            while (buf.position() < bytes) {
                if (ch.read(buf) < 0) {
                    throw new IOException("sentence dedup run " + file + " ends early; delete the output's work folder"
                            + " and run again");
                }
            }
            buf.flip();
        }

        @Override
        public int compareTo(RunReader o) {
            int c = Long.compareUnsigned(hash, o.hash);
            if (c != 0) {
                return c;
            }
            c = Long.compare(doc, o.doc);
            return c != 0 ? c : Integer.compare(window, o.window);
        }

        void close() throws IOException {
            ch.close();
        }
    }
}
