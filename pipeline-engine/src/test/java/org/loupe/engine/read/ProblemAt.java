package org.loupe.engine.read;

/** What a test compares of a {@link Problem}: where, what, and what happened to the data (not the wording). */
record ProblemAt(long position, ProblemKind kind, Severity severity) {

    static ProblemAt of(Problem problem) {
        return new ProblemAt(problem.position(), problem.kind(), problem.severity());
    }

    static ProblemAt skipped(long line, ProblemKind kind) {
        return new ProblemAt(line, kind, Severity.SKIPPED);
    }

    static ProblemAt repaired(long line, ProblemKind kind) {
        return new ProblemAt(line, kind, Severity.REPAIRED);
    }

    /** The rest of the file, from this line, could not be read. */
    static ProblemAt fileFrom(long line, ProblemKind kind) {
        return new ProblemAt(line, kind, Severity.FILE);
    }

    /** A problem about the whole file (position -1). */
    static ProblemAt wholeFile(ProblemKind kind) {
        return new ProblemAt(-1, kind, Severity.FILE);
    }

    @Override
    public String toString() {
        return kind + "/" + severity + "@" + position;
    }
}
