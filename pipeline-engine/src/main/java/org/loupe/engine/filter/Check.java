package org.loupe.engine.filter;

import java.util.Objects;

/**
 * One threshold check of a step, as the reference writes it: drop the document when
 * {@code metric <op> threshold}. NaN never satisfies {@link Op#LT}/{@link Op#GT} (Python's comparisons
 * with NaN are false, so an undefined metric keeps the document), and always satisfies
 * {@link Op#NOT_GT} (the reference keeps only when {@code score > threshold}).
 *
 * @param param     the parameter that holds the threshold ({@code min_doc_words})
 * @param metric    the metric compared ({@code n_non_symbol_words}), without the step prefix
 * @param op        the drop condition
 * @param threshold the threshold value
 * @param reason    the reason given when the check drops the document
 */
public record Check(String param, String metric, Op op, double threshold, String reason) {

    /** Drop conditions. */
    public enum Op {
        /** Drop when the value is below the threshold: the threshold is a minimum. */
        LT,
        /** Drop when the value is above the threshold: the threshold is a maximum. */
        GT,
        /** Drop unless the value is strictly above the threshold (a strict minimum; NaN drops). */
        NOT_GT;

        public boolean drops(double value, double threshold) {
            return switch (this) {
                case LT -> value < threshold;
                case GT -> value > threshold;
                case NOT_GT -> !(value > threshold);
            };
        }

        /** Whether the threshold is a lower bound on what is kept. */
        public boolean isMinimum() {
            return this != GT;
        }
    }

    public Check {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean drops(double value) {
        return op.drops(value, threshold);
    }
}
