package org.loupe.engine.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * Reads every record of every shard of a folder and reports what it found: documents and problems per
 * shard, and every problem with its position. The folder is only read.
 */
public final class Inspector {

    /**
     * What one shard holds.
     *
     * @param shard    the shard
     * @param counts   the reader's final counters
     * @param problems problems reported for this shard
     */
    public record ShardReport(Shard shard, ReadCounts counts, List<Problem> problems) { }

    /**
     * @param scan     the folder scan (its problems are files that are not shards)
     * @param shards   one report per shard, in folder order
     */
    public record Report(ScanResult scan, List<ShardReport> shards) {
        /** Every problem: the scan's, then each shard's in folder order. */
        public List<Problem> problems() {
            List<Problem> all = new ArrayList<>(scan.problems());
            shards.forEach(s -> all.addAll(s.problems()));
            return all;
        }

        public long documents() {
            return shards.stream().mapToLong(s -> s.counts().documents()).sum();
        }
    }

    private final int threads;
    private final ReaderOptions options;

    public Inspector(ReaderOptions options, int threads) {
        this.options = options;
        this.threads = Math.max(1, threads);
    }

    public Report inspect(ScanResult scan, TaskContext ctx) {
        List<Shard> shards = scan.shards();
        ShardReport[] reports = new ShardReport[shards.size()];
        long total = scan.totalBytes();
        AtomicLong done = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Workers.run(threads, "loupe-inspect", worker -> {
            int index;
            while ((index = next.getAndIncrement()) < shards.size()) {
                Shard shard = shards.get(index);
                ctx.message("Reading " + shard.relativePath());
                List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
                long reported = 0;
                try (DocumentReader reader = ShardReaders.open(shard, options, problems::add)) {
                    long n = 0;
                    while (reader.next() != null) {
                        if (++n % 512 == 0) {
                            ctx.checkCancelled();
                            long now = Math.min(reader.counts().bytesRead(), shard.sizeBytes());
                            ctx.progress(done.addAndGet(now - reported), total, TaskContext.Unit.BYTES);
                            reported = now;
                        }
                    }
                    reports[index] = new ShardReport(shard, reader.counts(), List.copyOf(problems));
                }
                ctx.progress(done.addAndGet(shard.sizeBytes() - reported), total, TaskContext.Unit.BYTES);
            }
        });
        return new Report(scan, List.of(reports));
    }
}
