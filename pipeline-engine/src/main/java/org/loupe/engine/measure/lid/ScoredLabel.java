package org.loupe.engine.measure.lid;

/**
 * One label of a fastText prediction.
 *
 * <p>Both numbers are kept as the {@code float}s fastText computes: {@code logProbability} is the summed,
 * smoothed log-probability that ranks the labels, and {@code probability} is {@code exp} of it, which is what
 * fastText prints and what its Python binding returns. Widening {@code probability} to {@code double} gives
 * exactly the Python float that datatrove stores as {@code language_score}.
 *
 * @param label the label as stored in the model, e.g. {@code __label__en}
 * @param probability fastText's probability
 * @param logProbability the score fastText ranks by (log of the probability, with fastText's 1e-5 smoothing)
 */
public record ScoredLabel(String label, float probability, float logProbability) {
}
