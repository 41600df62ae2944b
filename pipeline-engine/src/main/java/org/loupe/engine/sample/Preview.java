package org.loupe.engine.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.task.TaskContext;

/**
 * The first documents of a folder in file order, read in well under a second whatever the folder's size:
 * what the workbench shows while the real sample is being drawn. Not a sample: never used for numbers.
 */
public final class Preview {
    private Preview() {
    }

    public static List<Document> firstDocuments(ScanResult scan, ReaderOptions options, int limit, TaskContext ctx) {
        return firstDocuments(scan.shards(), options, limit, ctx);
    }

    /**
     * The first documents of a folder without scanning all of it: only as many files are sniffed and
     * read as it takes to find {@code limit} documents (at most {@value #MAX_SHARDS} shards).
     */
    public static List<Document> firstDocuments(Path folderOrFile, ReaderOptions options, int limit, TaskContext ctx)
            throws IOException {
        return firstDocuments(new ShardScanner().firstShards(folderOrFile, MAX_SHARDS), options, limit, ctx);
    }

    private static final int MAX_SHARDS = 16;

    private static List<Document> firstDocuments(List<Shard> shards, ReaderOptions options, int limit, TaskContext ctx) {
        List<Document> docs = new ArrayList<>(Math.min(limit, 1024));
        for (Shard shard : shards) {
            try (DocumentReader reader = ShardReaders.open(shard, options, ProblemSink.IGNORE)) {
                Document d;
                while (docs.size() < limit && (d = reader.next()) != null) {
                    docs.add(d);
                    if (docs.size() % 64 == 0) {
                        ctx.checkCancelled();
                    }
                }
            }
            if (docs.size() >= limit) {
                break;
            }
        }
        return docs;
    }
}
