package org.loupe.engine.read;

import java.nio.file.Path;
import java.util.Objects;
import org.loupe.engine.model.PositionKind;

/**
 * A problem a reader met: which file, where, what kind, what happened to the data, in a sentence.
 *
 * @param file         the file
 * @param position     where in the file (see {@code positionKind}); -1 when it is about the whole file
 * @param positionKind what {@code position} counts
 * @param kind         the kind of problem
 * @param severity     what happened to the record or file
 * @param message      a sentence a curator can act on
 */
public record Problem(Path file, long position, PositionKind positionKind, ProblemKind kind, Severity severity,
                      String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(positionKind, "positionKind");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Problem ofFile(Path file, ProblemKind kind, String message) {
        return new Problem(file, -1, PositionKind.BYTE_OFFSET, kind, Severity.FILE, message);
    }

    /** "file.jsonl.gz:17" or just the file name when the problem is about the whole file. */
    public String where() {
        return position < 0 ? file.getFileName().toString()
                : file.getFileName() + positionKind.separator() + position;
    }
}
