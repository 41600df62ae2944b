package org.loupe.engine.read;

import org.loupe.engine.model.Document;

/** Not yet implemented: reports the shard as unreadable. */
public final class WarcDocumentReader implements DocumentReader {
    private final ReadCounts counts = new ReadCounts();

    public WarcDocumentReader(Shard shard, ReaderOptions options, ProblemSink problems) {
        problems.report(Problem.ofFile(shard.path(), ProblemKind.UNREADABLE_FILE, "reader not implemented yet"));
    }

    @Override
    public Document next() {
        return null;
    }

    @Override
    public ReadCounts counts() {
        return counts;
    }

    @Override
    public void close() {
    }
}
