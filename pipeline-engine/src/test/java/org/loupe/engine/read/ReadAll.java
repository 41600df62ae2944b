package org.loupe.engine.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.model.Document;

/** Test helper: scans a file or folder the way the app does, then reads every shard to the end. */
final class ReadAll {
    private ReadAll() {
    }

    /** Everything a scan and a read produced, with the final counts of every shard read. */
    record Outcome(ScanResult scan, List<Document> documents, List<Problem> problems, List<ReadCounts> shardCounts) {

        List<ProblemAt> problemsAt() {
            return problems.stream().map(ProblemAt::of).toList();
        }

        List<String> texts() {
            return documents.stream().map(Document::text).toList();
        }

        List<Long> positions() {
            return documents.stream().map(d -> d.source().position()).toList();
        }

        long records() {
            return shardCounts.stream().mapToLong(ReadCounts::records).sum();
        }

        long skipped() {
            return shardCounts.stream().mapToLong(ReadCounts::skippedRecords).sum();
        }

        long repaired() {
            return shardCounts.stream().mapToLong(ReadCounts::repairedDocuments).sum();
        }

        long countedDocuments() {
            return shardCounts.stream().mapToLong(ReadCounts::documents).sum();
        }

        long problemsOf(Severity severity) {
            return problems.stream().filter(p -> p.severity() == severity).count();
        }

        /**
         * The reader's bookkeeping agrees with what it did: records == documents + skipped for every shard,
         * the documents counted are the documents returned, one SKIPPED problem per skipped record, one
         * REPAIRED problem per repaired document.
         */
        boolean accountedFor() {
            return shardCounts.stream().allMatch(ReadCounts::conserved)
                    && countedDocuments() == documents.size()
                    && skipped() == problemsOf(Severity.SKIPPED)
                    && repaired() == problemsOf(Severity.REPAIRED);
        }
    }

    static Outcome scanAndRead(Path fileOrFolder) {
        return scanAndRead(fileOrFolder, ReaderOptions.defaults());
    }

    static Outcome scanAndRead(Path fileOrFolder, ReaderOptions options) {
        ScanResult scan;
        try {
            scan = new ShardScanner().scan(fileOrFolder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Problem> problems = new ArrayList<>(scan.problems());
        List<Document> documents = new ArrayList<>();
        List<ReadCounts> counts = new ArrayList<>();
        for (Shard shard : scan.shards()) {
            counts.add(readShard(shard, options, documents, problems));
        }
        return new Outcome(scan, documents, problems, counts);
    }

    /** Reads one shard with {@link ShardReaders}, to the end; returns its final counts. */
    static ReadCounts readShard(Shard shard, ReaderOptions options, List<Document> documents, List<Problem> problems) {
        try (DocumentReader reader = ShardReaders.open(shard, options, problems::add)) {
            Document d;
            while ((d = reader.next()) != null) {
                documents.add(d);
            }
            if (reader.next() != null) {
                throw new AssertionError("next() returned a document after it had returned null");
            }
            return reader.counts();
        }
    }
}
