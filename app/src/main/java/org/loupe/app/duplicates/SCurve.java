package org.loupe.app.duplicates;

import org.loupe.engine.pipeline.steps.MinHashDedupStep;

/**
 * The MinHash S-curve of a bucket layout: the probability that a pair of documents at Jaccard similarity s
 * shares at least one bucket, 1 − (1 − s^r)^b for b buckets of r hashes ({@link MinHashDedupStep#catchProbability}).
 *
 * @param buckets         b
 * @param hashesPerBucket r
 * @param values          the probability at s = i / (values.length − 1)
 */
public record SCurve(int buckets, int hashesPerBucket, double[] values) {

    /** Points drawn per curve. */
    public static final int POINTS = 201;

    public static SCurve of(int buckets, int hashesPerBucket) {
        double[] v = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            v[i] = MinHashDedupStep.catchProbability((double) i / (POINTS - 1), buckets, hashesPerBucket);
        }
        return new SCurve(buckets, hashesPerBucket, v);
    }

    /** The similarity at which half the pairs are caught: (1 − 0.5^(1/b))^(1/r). */
    public double halfway() {
        return Math.pow(1 - Math.pow(0.5, 1.0 / buckets), 1.0 / hashesPerBucket);
    }

    /** The probability at similarity s. */
    public double at(double s) {
        return MinHashDedupStep.catchProbability(s, buckets, hashesPerBucket);
    }
}
