package org.loupe.engine.read;

/** Opens the right {@link DocumentReader} for a shard. */
public final class ShardReaders {
    private ShardReaders() {
    }

    /**
     * Opens a reader. Never throws for bad files: a file that cannot be opened yields a reader with no
     * documents and one problem.
     */
    public static DocumentReader open(Shard shard, ReaderOptions options, ProblemSink problems) {
        return switch (shard.format()) {
            case JSONL -> new JsonlReader(shard, options, problems);
            case PARQUET -> new ParquetDocumentReader(shard, options, problems);
            case WARC, WET -> new WarcDocumentReader(shard, options, problems);
            case UNKNOWN -> new EmptyReader(shard, problems);
        };
    }

    private static final class EmptyReader implements DocumentReader {
        private final ReadCounts counts = new ReadCounts();

        EmptyReader(Shard shard, ProblemSink problems) {
            problems.report(Problem.ofFile(shard.path(), ProblemKind.UNKNOWN_FORMAT, "not a known shard format"));
        }

        @Override
        public org.loupe.engine.model.Document next() {
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
}
