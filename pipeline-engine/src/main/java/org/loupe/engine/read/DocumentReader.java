package org.loupe.engine.read;

import java.io.Closeable;
import org.loupe.engine.model.Document;

/**
 * Reads the documents of one shard, one at a time, in file order, with bounded memory.
 *
 * <p>Bad data never escapes as an exception: every record that cannot become a document, and every
 * part of the file that cannot be read, is reported to the {@link ProblemSink} given when the reader
 * was opened, and reading goes on with the next record (or ends, when the rest of the file is lost).
 */
public interface DocumentReader extends Closeable {

    /** The next document, or {@code null} at the end of the shard. */
    Document next();

    /** Live counters; final once {@link #next()} returned null. */
    ReadCounts counts();

    @Override
    void close();
}
