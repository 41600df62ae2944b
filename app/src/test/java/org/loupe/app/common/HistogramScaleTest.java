package org.loupe.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HistogramScaleTest {

    /** 995 word counts from 50 to 1,044 and five huge documents. */
    private static double[] wordCounts() {
        double[] v = new double[1000];
        for (int i = 0; i < 995; i++) {
            v[i] = 50 + i;
        }
        for (int i = 995; i < 1000; i++) {
            v[i] = 100_000 + i;
        }
        return v;
    }

    /** Word counts spread over decades (log-uniform from 20 to 1,100): most documents short, a long tail. */
    private static double[] spreadCounts() {
        return IntStream.range(0, 1000).mapToDouble(i -> Math.floor(Math.exp(3 + 4 * i / 1000.0))).toArray();
    }

    @Test
    void aFewHugeValuesGoToTheOverflowBinInsteadOfStretchingTheAxis() {
        HistogramScale s = HistogramScale.of(wordCounts(), 40, false);
        assertThat(s.overflow()).isTrue();
        assertThat(s.underflow()).isFalse();
        assertThat(s.bins()).isEqualTo(40);
        double[] e = s.edges();
        assertThat(e[0]).isEqualTo(50);
        assertThat(e[39]).isLessThan(1100); // the regular range ends near the 99th percentile
        assertThat(e[40]).isEqualTo(100_999);
        assertThat(s.binOf(100_500)).isEqualTo(39);
        assertThat(s.binOf(60)).isEqualTo(0);
        assertThat(s.isTail(39)).isTrue();
        assertThat(s.isTail(38)).isFalse();
    }

    @Test
    void aShortTailJoinsTheRegularRange() {
        double[] v = IntStream.range(0, 1000).asDoubleStream().toArray();
        HistogramScale s = HistogramScale.of(v, 20, false);
        assertThat(s.underflow()).isFalse();
        assertThat(s.overflow()).isFalse();
        assertThat(s.edges()[0]).isZero();
        assertThat(s.edges()[20]).isEqualTo(999);
    }

    @Test
    void aLogAxisPutsZeroInTheUnderflowBinAndSpacesTheRestByDecades() {
        double[] v = new double[1000];
        for (int i = 0; i < 1000; i++) {
            v[i] = i < 100 ? 0 : Math.round(Math.pow(10, 1 + 3.0 * i / 1000));
        }
        HistogramScale s = HistogramScale.of(v, 30, true);
        assertThat(s.logX()).isTrue();
        assertThat(s.underflow()).isTrue();
        assertThat(s.binOf(0)).isZero();
        assertThat(s.binOf(10_000)).isEqualTo(s.bins() - 1);
        // Log-spaced: each regular bin spans the same ratio.
        double[] e = s.edges();
        double ratio = e[2] / e[1];
        assertThat(e[10] / e[9]).isCloseTo(ratio, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aThresholdBeyondTheValuesSitsAtTheEdgeAndDraggingFromTheEdgeMovesItBackIn() {
        HistogramScale s = HistogramScale.of(wordCounts(), 40, false);
        assertThat(s.beyond(1_000_000)).isTrue();
        assertThat(s.position(1_000_000)).isEqualTo(1);
        assertThat(s.position(-5)).isZero();
        // A drag that starts at the right edge and moves left reaches the overflow bin, then the regular range.
        assertThat(s.valueAt(0.99)).isBetween(s.edges()[39], s.edges()[40]);
        assertThat(s.valueAt(0.5)).isBetween(50.0, 1100.0);
    }

    @Test
    void positionAndValueAtAreInverseAndIncreasing() {
        for (boolean log : new boolean[] {false, true}) {
            HistogramScale s = HistogramScale.of(wordCounts(), 40, log);
            double previous = -1;
            for (int i = 0; i <= 100; i++) {
                double t = i / 100.0;
                double v = s.valueAt(t);
                assertThat(v).isGreaterThanOrEqualTo(previous);
                assertThat(s.position(v)).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-6));
                previous = v;
            }
        }
    }

    @Test
    void equalValuesGetOneRangeAroundThem() {
        HistogramScale s = HistogramScale.of(new double[] {3, 3, 3, Double.NaN}, 10, false);
        assertThat(s.edges()[0]).isLessThan(3);
        assertThat(s.edges()[10]).isGreaterThan(3);
        assertThat(s.binOf(Double.NaN)).isEqualTo(-1);
        assertThat(HistogramScale.of(new double[0], 10, true).bins()).isEqualTo(10);
        assertThatThrownBy(() -> HistogramScale.of(new double[] {1}, 2, false)).hasMessageContaining("3 bins");
    }

    @Test
    void countsAreNonNegativeWholeNumbersWithALongUpperTail() {
        assertThat(HistogramScale.countLike(spreadCounts())).isTrue();
        assertThat(HistogramScale.countLike(wordCounts())).isFalse();
        assertThat(HistogramScale.countLike(new double[] {0.1, 0.2, 0.35, 0.9})).isFalse();
        assertThat(HistogramScale.countLike(new double[] {-1, 5, 100, 2000})).isFalse();
        assertThat(HistogramScale.countLike(new double[] {10, 11, 12, 13, 12})).isFalse();
    }

    @Test
    void oneBarDwarfingTheMedianBarAsksForALogCountAxis() {
        assertThat(HistogramScale.dominated(new long[] {5000, 10, 12, 0, 9, 11})).isTrue();
        assertThat(HistogramScale.dominated(new long[] {50, 10, 12, 0, 9, 11})).isFalse();
        assertThat(HistogramScale.dominated(new long[] {5000, 0, 1})).isFalse();
    }

    @Property(tries = 300)
    void everyFiniteValueFallsInExactlyOneBinWhoseEdgesHoldIt(@ForAll("samples") double[] values,
                                                              @ForAll @IntRange(min = 3, max = 60) int bins,
                                                              @ForAll boolean log) {
        HistogramScale s = HistogramScale.of(values, bins, log);
        double[] e = s.edges();
        assertThat(e).hasSize(bins + 1);
        for (int i = 0; i < bins; i++) {
            assertThat(e[i]).isLessThan(e[i + 1]);
        }
        long[] counts = new long[bins];
        long nan = 0;
        for (double v : values) {
            int b = s.binOf(v);
            if (Double.isNaN(v)) {
                assertThat(b).isEqualTo(-1);
                nan++;
                continue;
            }
            assertThat(b).isBetween(0, bins - 1);
            counts[b]++;
            // Inside its bin, or beyond the axis only in an end bin.
            assertThat(b == 0 || v >= e[b]).isTrue();
            assertThat(b == bins - 1 || v < e[b + 1]).isTrue();
            assertThat(s.position(v)).isBetween(b / (double) bins, (b + 1) / (double) bins);
        }
        assertThat(Arrays.stream(counts).sum() + nan).isEqualTo(values.length);
    }

    @Provide
    Arbitrary<double[]> samples() {
        Arbitrary<Double> counts = Arbitraries.integers().between(0, 2000).map(Integer::doubleValue);
        Arbitrary<Double> heavy = Arbitraries.doubles().between(0, 12).map(x -> Math.floor(Math.exp(x)));
        Arbitrary<Double> fractions = Arbitraries.doubles().between(-1, 1);
        Arbitrary<Double> odd = Arbitraries.of(Double.NaN, 0.0, 1e9, -3.0, 7.0);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, counts), net.jqwik.api.Tuple.of(3, heavy),
                        net.jqwik.api.Tuple.of(2, fractions), net.jqwik.api.Tuple.of(1, odd))
                .array(double[].class).ofMinSize(0).ofMaxSize(400)
                .map(a -> a);
    }
}
