package org.loupe.app.browse;

import org.loupe.engine.model.Document;

/**
 * What the Browse table shows: a drawn sample, or the first documents of a folder while the sample is
 * being drawn. Row accessors are cheap (in-memory columns); {@link #document(int)} may read from disk
 * and is called off the FX thread.
 */
public interface BrowseSource {
    int size();

    String id(int row);

    /** The URL's host, or null. */
    String host(int row);

    int chars(int row);

    int words(int row);

    /** Tokens of the document, or -1 while they are being counted. */
    default long tokens(int row) {
        return -1;
    }

    /** The identified language code, or null while unknown. */
    default String language(int row) {
        return null;
    }

    /** "shard.jsonl.gz:17". */
    String location(int row);

    Document document(int row);

    /** True for a preview (not a sample: counts mean nothing). */
    boolean isPreview();

    /** A sentence for the banner above the table. */
    String describe();
}
