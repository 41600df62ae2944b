package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

/** Assertions on metric vectors: NaN stands for the reference's {@code null} (a division by zero or {@code mean([])}). */
final class Metrics {
    private Metrics() {
    }

    static final double NAN = Double.NaN;

    /** Every metric equal to the expected value (|Δ| < 1e-12), NaN exactly where NaN is expected. */
    static void assertMetrics(List<String> names, double[] actual, double... expected) {
        assertThat(expected).as("expected values for %s", names).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(actual[i]).as(names.get(i)).isNaN();
            } else {
                assertThat(actual[i]).as(names.get(i)).isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    /** A repeated string, for long words and lines. */
    static String times(String s, int n) {
        return s.repeat(n);
    }
}
