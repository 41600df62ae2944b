/**
 * Reference-exact ports of datatrove's deduplication stages (spec {@code filters.md} §10–§12 and the
 * golden dedup README): {@code simplify_text} ({@link org.loupe.engine.measure.dedup.TextNormalizer}),
 * MinHash signatures ({@link org.loupe.engine.measure.dedup.MinHasher}) and their clustering
 * ({@link org.loupe.engine.measure.dedup.MinHashClusters}), exact URL / text dedup
 * ({@link org.loupe.engine.measure.dedup.ExactDedup}) and C4-style sentence dedup
 * ({@link org.loupe.engine.measure.dedup.SentenceDedup}).
 *
 * <p>datatrove runs each of these as several pipeline stages that write and merge files; here each is a
 * function from the documents (in order) to what the final filter stage does to each one. Every class
 * says which reference function or stage it reproduces, and the tests hold it to datatrove's own output
 * on the golden dedup input.
 */
package org.loupe.engine.measure.dedup;
