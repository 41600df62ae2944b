/**
 * Reference-exact ports of datatrove's quality filters ({@code GopherQualityFilter},
 * {@code GopherRepetitionFilter}, {@code C4QualityFilter}, {@code FineWebQualityFilter}; spec
 * {@code filters.md} §3–§6), each split into a MEASURE and a DECISION so that a curator can move any
 * threshold over an already measured sample.
 *
 * <p>Each class has the same shape: {@code METRICS} (metric names, the golden file's where it has them),
 * a {@code Params} record with every constructor parameter of the reference and its default (each
 * documented as changing the measure or only the decision), a static {@code measure} that fills a
 * {@code double[]} (NaN where the reference divides by zero or averages nothing),. The decisions
 * live in the step types ({@code org.loupe.engine.pipeline.steps}), compiled over metric columns; the
 * tests hold them equal to a line-by-line transcription of the reference's decision functions. The word list (spaCy's,
 * spec §1.2) and C4's sentence splitter are inputs, so one word list per document is shared by Gopher
 * quality, Gopher repetition and FineWeb quality, and no class depends on a concrete tokenizer.
 */
package org.loupe.engine.measure.filters;
