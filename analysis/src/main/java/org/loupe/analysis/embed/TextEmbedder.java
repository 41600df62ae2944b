package org.loupe.analysis.embed;

import java.util.List;

/** Turns texts into unit-length vectors whose dot products measure how alike the texts are. */
public interface TextEmbedder extends AutoCloseable {

    /** A name that identifies the model and the text preparation (it names the cache file). */
    String name();

    /** Vector length. */
    int dimension();

    /** The vectors of some texts, in order, each of length {@link #dimension()} and unit norm. Thread-safe. */
    float[][] embed(List<String> texts);

    @Override
    default void close() {
    }
}
