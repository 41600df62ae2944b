/**
 * The Lucene index of a sample: build, persist, search, highlight, facets. Depends on the engine only;
 * Lucene types do not leak out of this module's public API.
 */
package org.loupe.index;
