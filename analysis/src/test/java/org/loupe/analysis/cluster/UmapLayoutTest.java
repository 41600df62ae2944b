package org.loupe.analysis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loupe.engine.task.TaskContext;

class UmapLayoutTest {

    /** n points in g groups far apart in 20 dimensions; group of row i is i % g. */
    static double[][] groups(int n, int g, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][20];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 20; d++) {
                x[i][d] = r.nextGaussian() * 0.1 + (d == i % g ? 10 : 0);
            }
        }
        return x;
    }

    @Test
    void everyRowOfSeveralDisconnectedGroupsGetsAPositionNearItsOwnGroup() {
        int n = 2000;
        double[][] x = groups(n, 4, 1);
        UmapLayout.Result r = UmapLayout.layout(x, UmapLayout.Options.defaults(42), 2, TaskContext.NONE);
        assertThat(r.xy()).hasNumberOfRows(n);
        assertThat(r.components()).isEqualTo(4);
        double[][] centre = new double[4][2];
        for (int i = 0; i < n; i++) {
            assertThat(Double.isFinite(r.xy()[i][0]) && Double.isFinite(r.xy()[i][1])).isTrue();
            centre[i % 4][0] += r.xy()[i][0] / (n / 4.0);
            centre[i % 4][1] += r.xy()[i][1] / (n / 4.0);
        }
        // every row is nearer its own group's centre than any other group's (rows map back to themselves)
        for (int i = 0; i < n; i++) {
            int own = i % 4;
            double dOwn = Math.hypot(r.xy()[i][0] - centre[own][0], r.xy()[i][1] - centre[own][1]);
            for (int c = 0; c < 4; c++) {
                if (c != own) {
                    assertThat(dOwn).as("row %d", i).isLessThan(Math.hypot(r.xy()[i][0] - centre[c][0], r.xy()[i][1] - centre[c][1]));
                }
            }
            assertThat(r.component()[i]).isEqualTo(r.component()[own]);
        }
    }

    @Test
    void theSameSeedGivesTheSameMapAndAnotherSeedAnother() {
        double[][] x = groups(600, 3, 2);
        UmapLayout.Result a = UmapLayout.layout(x, UmapLayout.Options.defaults(7), 2, TaskContext.NONE);
        UmapLayout.Result b = UmapLayout.layout(x, UmapLayout.Options.defaults(7), 1, TaskContext.NONE);
        UmapLayout.Result c = UmapLayout.layout(x, UmapLayout.Options.defaults(8), 2, TaskContext.NONE);
        assertThat(b.xy()).isDeepEqualTo(a.xy());
        assertThat(c.xy()).isNotEqualTo(a.xy());
    }

    @Test
    void aSingleGroupIsOneComponentAndNeighboursStayNeighbours() {
        double[][] x = groups(800, 1, 3);
        UmapLayout.Result r = UmapLayout.layout(x, UmapLayout.Options.defaults(1), 2, TaskContext.NONE);
        assertThat(r.components()).isEqualTo(1);
        assertThat(r.xy()).hasNumberOfRows(800);
    }

    @Test
    void theCurveMatchesUmapLearnForMinDistOneTenth() {
        double[] ab = UmapLayout.curve(0.1);
        assertThat(ab[0]).isCloseTo(1.577, org.assertj.core.data.Offset.offset(0.02));
        assertThat(ab[1]).isCloseTo(0.895, org.assertj.core.data.Offset.offset(0.01));
    }

    /**
     * a and b as scipy's curve_fit gives them (umap-learn's find_ab_params, on this grid of 300 points in (0, 3]),
     * and as Smile's Levenberg–Marquardt gave them before the fit was written here: Smile stopped short of the
     * minimum by up to 5e-4 (a higher sum of squares), the hand-written fit reaches scipy's to 1e-6.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            // min_dist, scipy a, scipy b, Smile a, Smile b
            "0.1,  1.5769419056, 0.8950619388, 1.5767597764, 0.8951480654",
            "0.05, 1.7502240116, 0.8420550685, 1.7500049044, 0.8421495462",
            "0.5,  0.5830179852, 1.3341890427, 0.5835166342, 1.3333449825",
            "0.0,  1.9328073617, 0.7904941573, 1.9325527996, 0.7906035083",
            "0.99, 0.1192957421, 1.9164480676, 0.1200523905, 1.9114630584"})
    void theCurveIsScipysLeastSquaresFit(double minDist, double scipyA, double scipyB, double smileA, double smileB) {
        double[] ab = UmapLayout.curve(minDist);
        assertThat(ab[0]).isCloseTo(scipyA, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(ab[1]).isCloseTo(scipyB, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(ab[0]).isCloseTo(smileA, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(ab[1]).isCloseTo(smileB, org.assertj.core.data.Offset.offset(1e-2));
    }

    @net.jqwik.api.Property(tries = 200)
    void theCurveIsALeastSquaresMinimum(@net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 0.99) double minDist,
                                        @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = -1, max = 1) double da,
                                        @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = -1, max = 1) double db) {
        double[] x = new double[300];
        double[] y = new double[300];
        for (int i = 0; i < 300; i++) {
            x[i] = (i + 1) * 3.0 / 300;
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist));
        }
        double[] ab = UmapLayout.curve(minDist);
        double best = sse(x, y, ab[0], ab[1]);
        for (double h : new double[] {1e-2, 1e-3, 1e-4}) {
            double a = ab[0] * (1 + h * da);
            double b = ab[1] * (1 + h * db);
            assertThat(sse(x, y, a, b)).isGreaterThanOrEqualTo(best - 1e-15);
        }
    }

    @Test
    void theFitRecoversTheParametersOfAnExactCurve() {
        double[] x = new double[100];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = (i + 1) * 0.04;
            y[i] = 1 / (1 + 0.7 * Math.pow(x[i], 2 * 1.3));
        }
        double[] ab = UmapLayout.fitCurve(x, y, 1.0, 1.0);
        assertThat(ab[0]).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ab[1]).isCloseTo(1.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static double sse(double[] x, double[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - 1 / (1 + a * Math.pow(x[i], 2 * b));
            s += r * r;
        }
        return s;
    }

    @net.jqwik.api.Property(tries = 2000)
    void theFastPowerIsWithinFiveDigitsOfMathPow(@net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 1e-6, max = 1e6) @net.jqwik.api.constraints.Scale(8) double x,
                                                 @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = -1.5, max = 1.5) double y) {
        double exact = Math.pow(x, y);
        assertThat(UmapLayout.pow(x, y)).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1e-3));
    }

    @Test
    void nearestNeighboursEqualBruteForce() {
        double[][] x = groups(300, 5, 4);
        NearestNeighbors.Graph g = NearestNeighbors.of(x, 10, 2, TaskContext.NONE);
        for (int i = 0; i < x.length; i++) {
            int fi = i;
            Integer[] order = new Integer[x.length];
            for (int j = 0; j < x.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer j) -> j == fi ? -1 : dist(x[fi], x[j])).thenComparingInt(j -> j));
            for (int t = 0; t < 10; t++) {
                assertThat(g.distance()[i][t]).isCloseTo(dist(x[i], x[order[t + 1]]), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
