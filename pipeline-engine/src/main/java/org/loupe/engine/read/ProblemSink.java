package org.loupe.engine.read;

/** Receives the problems readers meet. Implementations must be thread-safe when shared between readers. */
@FunctionalInterface
public interface ProblemSink {
    void report(Problem problem);

    ProblemSink IGNORE = problem -> { };
}
