package org.loupe.app.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The map's lookups and drawing against brute force over random points: the grid's nearest point is the
 * linear scan's (ties: the lowest index), its lasso is the crossing test over every point, and the renderer
 * leaves each point's colour at its projected pixel unless a later point covers it.
 */
class PointIndexTest {

    /** Random points: spread out, or on a coarse lattice (many ties and duplicates). */
    @Provide
    Arbitrary<double[][]> points() {
        Arbitrary<double[][]> spread = Arbitraries.doubles().between(-100, 100).list().ofMinSize(2).ofMaxSize(400)
                .map(l -> pairs(l));
        Arbitrary<double[][]> lattice = Arbitraries.integers().between(-4, 4).list().ofMinSize(2).ofMaxSize(200)
                .map(l -> pairs(l.stream().map(Integer::doubleValue).toList()));
        Arbitrary<double[][]> line = Arbitraries.doubles().between(-50, 50).list().ofMinSize(1).ofMaxSize(100)
                .map(l -> new double[][] {l.stream().mapToDouble(Double::doubleValue).toArray(), new double[l.size()]});
        return Arbitraries.oneOf(spread, lattice, line);
    }

    private static double[][] pairs(List<Double> values) {
        int n = values.size() / 2;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = values.get(2 * i);
            y[i] = values.get(2 * i + 1);
        }
        return new double[][] {x, y};
    }

    @Property(tries = 300)
    void theNearestPointIsTheLinearScans(@ForAll("points") double[][] p, @ForAll @DoubleRange(min = -150, max = 150) double qx,
                                         @ForAll @DoubleRange(min = -150, max = 150) double qy,
                                         @ForAll @DoubleRange(min = 0, max = 60) double radius) {
        PointIndex index = PointIndex.of(p[0], p[1]);

        assertThat(index.nearest(qx, qy)).isEqualTo(linearNearest(p, qx, qy, Double.POSITIVE_INFINITY));
        assertThat(index.nearest(qx, qy, radius)).isEqualTo(linearNearest(p, qx, qy, radius));
    }

    @Property(tries = 100)
    void theNearestPointToAPointOnTheMapIsItselfOrAnEarlierDuplicate(@ForAll("points") double[][] p) {
        PointIndex index = PointIndex.of(p[0], p[1]);
        for (int i = 0; i < p[0].length; i++) {
            int found = index.nearest(p[0][i], p[1][i], 0);
            assertThat(found).isLessThanOrEqualTo(i);
            assertThat(p[0][found]).isEqualTo(p[0][i]);
            assertThat(p[1][found]).isEqualTo(p[1][i]);
        }
    }

    @Provide
    Arbitrary<double[][]> polygons() {
        return Arbitraries.integers().between(3, 14).flatMap(n -> Combinators.combine(
                Arbitraries.doubles().between(-120, 120).array(double[].class).ofSize(n),
                Arbitraries.doubles().between(-120, 120).array(double[].class).ofSize(n)).as((x, y) -> new double[][] {x, y}));
    }

    @Property(tries = 300)
    void aLassoHoldsExactlyThePointsTheCrossingTestFindsInside(@ForAll("points") double[][] p, @ForAll("polygons") double[][] polygon) {
        PointIndex index = PointIndex.of(p[0], p[1]);

        assertThat(index.inside(polygon[0], polygon[1])).containsExactly(bruteForceInside(p, polygon));
    }

    @Property(tries = 200)
    void eachPointsColourIsAtItsProjectedPixelUnlessALaterPointCoversIt(@ForAll("points") double[][] p,
                                                                      @ForAll @IntRange(min = 1, max = 9) int size,
                                                                      @ForAll @DoubleRange(min = 0.3, max = 4) double zoom) {
        int w = 97;
        int h = 61;
        int n = p[0].length;
        int[] argb = new int[n];
        for (int i = 0; i < n; i++) {
            argb[i] = 0xFF000000 | (i + 1);
        }
        Viewport v = Viewport.fit(p[0], p[1], w, h, 4).zoom(zoom, w / 2.0, h / 2.0);
        int[] out = new int[w * h];

        PointRenderer.render(p[0], p[1], argb, null, v, size, w, h, 0, out);

        int half = (size - 1) / 2;
        for (int i = 0; i < n; i++) {
            int px = PointRenderer.pixelX(v, p[0][i]);
            int py = PointRenderer.pixelY(v, p[1][i]);
            if (px < 0 || py < 0 || px >= w || py >= h) {
                continue;
            }
            int last = i;
            for (int j = i + 1; j < n; j++) {
                int jx = PointRenderer.pixelX(v, p[0][j]) - half;
                int jy = PointRenderer.pixelY(v, p[1][j]) - half;
                if (PointRenderer.covers(size, px - jx, py - jy)) {
                    last = j;
                }
            }
            assertThat(out[py * w + px]).as("pixel of point %d", i).isEqualTo(argb[last]);
        }
        long painted = java.util.Arrays.stream(out).filter(c -> c != 0).count();
        assertThat(painted).isLessThanOrEqualTo((long) n * size * size);
    }

    @org.junit.jupiter.api.Test
    void pointsGrowWithTheZoomBeyondTheFittedViewUpToTwelvePixels() {
        assertThat(ClusterCanvas.pointSize(1_000, 1)).isEqualTo(4);
        assertThat(ClusterCanvas.pointSize(1_000, 0.5)).isEqualTo(4);
        assertThat(ClusterCanvas.pointSize(1_000, 4)).isEqualTo(8);
        assertThat(ClusterCanvas.pointSize(1_000, 100)).isEqualTo(12);
        assertThat(ClusterCanvas.pointSize(50_000, 1)).isEqualTo(2);
        // From five pixels on a point is a disc: the corners of its square stay free.
        assertThat(PointRenderer.covers(8, 0, 0)).isFalse();
        assertThat(PointRenderer.covers(8, 4, 4)).isTrue();
        assertThat(PointRenderer.covers(3, 0, 0)).isTrue();
    }

    static int linearNearest(double[][] p, double qx, double qy, double radius) {
        int best = -1;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p[0].length; i++) {
            double dx = p[0][i] - qx;
            double dy = p[1][i] - qy;
            double d2 = dx * dx + dy * dy;
            if (d2 <= radius * radius && d2 < bestD2) {
                bestD2 = d2;
                best = i;
            }
        }
        return best;
    }

    /** W. R. Franklin's PNPOLY over every point, written out again here. */
    static int[] bruteForceInside(double[][] p, double[][] polygon) {
        double[] vx = polygon[0];
        double[] vy = polygon[1];
        List<Integer> in = new ArrayList<>();
        for (int k = 0; k < p[0].length; k++) {
            double x = p[0][k];
            double y = p[1][k];
            boolean c = false;
            for (int i = 0, j = vx.length - 1; i < vx.length; j = i++) {
                if (((vy[i] > y) != (vy[j] > y)) && (x < (vx[j] - vx[i]) * (y - vy[i]) / (vy[j] - vy[i]) + vx[i])) {
                    c = !c;
                }
            }
            if (c) {
                in.add(k);
            }
        }
        return in.stream().mapToInt(Integer::intValue).toArray();
    }
}
