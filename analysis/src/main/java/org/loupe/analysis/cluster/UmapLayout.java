package org.loupe.analysis.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.loupe.engine.task.TaskContext;

/**
 * UMAP to two dimensions that keeps every row and gives the same map for the same seed.
 *
 * <p>Smile's {@code UMAP.of} was measured and not used (ADR 0009): it keeps only the largest connected
 * component of its k-NN graph (459–494 rows of 2,000 in four groups), and its spectral initialisation starts
 * ARPACK from a process-wide random vector, so two calls with the same seed give different maps. Smile's
 * Levenberg–Marquardt fits the {@code min_dist} curve; the vectors are reduced by a plain-Java {@link Pca}
 * (Smile's goes through native BLAS, whose sums vary with its threads); UMAP's own steps follow McInnes et al.:
 * exact k-NN, the fuzzy simplicial set with the probabilistic t-conorm, and the SGD with negative sampling
 * (one thread, a seeded generator). Each connected component of the graph starts in its own place, side
 * by side, from its own PCA; the SGD keeps them apart.
 */
public final class UmapLayout {

    /**
     * @param neighbors       k of the k-NN graph (15)
     * @param epochs          SGD epochs (0: 500 up to 5,000 rows, else 200)
     * @param minDist         how tightly points pack (0.1)
     * @param negativeSamples negative samples per positive one (5)
     * @param dimensions      PCA dimensions the vectors are reduced to before the k-NN (32; 0 keeps them)
     * @param seed            the seed; the same seed gives the same map
     */
    public record Options(int neighbors, int epochs, double minDist, int negativeSamples, int dimensions, long seed) {
        public static Options defaults(long seed) {
            return new Options(15, 0, 0.1, 5, 32, seed);
        }
    }

    /**
     * @param xy         every row's position
     * @param component  every row's connected component of the k-NN graph (0 = largest)
     * @param components how many components
     * @param knnMillis  time to reduce the vectors and find the neighbours
     * @param sgdMillis  time to build the fuzzy set, initialise and optimise
     */
    public record Result(double[][] xy, int[] component, int components, long knnMillis, long sgdMillis) { }

    private UmapLayout() {
    }

    /** Lays out vectors (rows of equal length). */
    public static Result layout(double[][] vectors, Options o, int threads, TaskContext ctx) {
        int n = vectors.length;
        if (n == 0) {
            return new Result(new double[0][], new int[0], 0, 0, 0);
        }
        if (n <= 2) {
            double[][] xy = new double[n][];
            for (int i = 0; i < n; i++) {
                xy[i] = new double[] {i, 0};
            }
            return new Result(xy, new int[n], 1, 0, 0);
        }
        long t0 = System.nanoTime();
        ctx.message("Reducing " + n + " vectors with PCA");
        double[][] x = reduce(vectors, o.dimensions());
        ctx.checkCancelled();
        ctx.message("Finding the " + o.neighbors() + " nearest neighbours of " + n + " documents");
        NearestNeighbors.Graph g = NearestNeighbors.of(x, o.neighbors(), threads, ctx);
        int[] component = NearestNeighbors.components(g);
        int components = Arrays.stream(component).max().orElse(0) + 1;
        long t1 = System.nanoTime();
        ctx.message("Laying out " + n + " documents (" + components + (components == 1 ? " component)" : " components)"));
        Edges edges = fuzzySet(g);
        double[][] y = initialize(x, component, components, o.seed());
        int epochs = o.epochs() > 0 ? o.epochs() : n <= 5000 ? 500 : 200;
        double[] ab = curve(o.minDist());
        optimize(y, edges, ab[0], ab[1], epochs, o.negativeSamples(), o.seed(), ctx);
        return new Result(y, component, components, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    /** Float vectors as doubles. */
    public static double[][] toDouble(float[][] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = new double[v[i].length];
            for (int d = 0; d < v[i].length; d++) {
                out[i][d] = v[i][d];
            }
        }
        return out;
    }

    static double[][] reduce(double[][] v, int dims) {
        int d = v[0].length;
        if (dims <= 0 || d <= dims || v.length <= dims + 1) {
            return v;
        }
        return Pca.fit(v, dims).apply(v);
    }

    // ---- fuzzy simplicial set -------------------------------------------------------------------------

    /** Directed edge lists, both directions of every undirected edge, with their membership strength. */
    record Edges(int[] head, int[] tail, double[] weight) { }

    static Edges fuzzySet(NearestNeighbors.Graph g) {
        int n = g.size();
        int k = g.index()[0].length;
        double target = Math.log(k) / Math.log(2);
        Map<Long, Double> directed = new HashMap<>(n * k * 2);
        double mean = 0;
        int count = 0;
        for (double[] row : g.distance()) {
            for (double d : row) {
                mean += d;
                count++;
            }
        }
        mean = count == 0 ? 0 : mean / count;
        for (int i = 0; i < n; i++) {
            double[] dist = g.distance()[i];
            double rho = 0;
            for (double d : dist) {
                if (d > 1e-12) {
                    rho = d;
                    break;
                }
            }
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double mid = 1;
            for (int it = 0; it < 64; it++) {
                double psum = 0;
                for (double d : dist) {
                    double t = d - rho;
                    psum += t > 0 ? Math.exp(-t / mid) : 1;
                }
                if (Math.abs(psum - target) < 1e-5) {
                    break;
                }
                if (psum > target) {
                    hi = mid;
                    mid = (lo + hi) / 2;
                } else {
                    lo = mid;
                    mid = Double.isInfinite(hi) ? mid * 2 : (lo + hi) / 2;
                }
            }
            double rowMean = Arrays.stream(dist).average().orElse(0);
            double sigma = Math.max(mid, 1e-3 * (rho > 0 ? rowMean : mean));
            for (int t = 0; t < dist.length; t++) {
                double w = Math.exp(-Math.max(0, dist[t] - rho) / sigma);
                directed.put(key(i, g.index()[i][t]), w);
            }
        }
        Map<Long, Double> sym = new HashMap<>(directed.size() * 2);
        for (Map.Entry<Long, Double> e : directed.entrySet()) {
            int i = (int) (e.getKey() >>> 32);
            int j = (int) (long) e.getKey();
            long lo = key(Math.min(i, j), Math.max(i, j));
            if (sym.containsKey(lo)) {
                continue;
            }
            double a = e.getValue();
            double b = directed.getOrDefault(key(j, i), 0.0);
            sym.put(lo, a + b - a * b);
        }
        long[] keys = sym.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int m = keys.length;
        int[] head = new int[2 * m];
        int[] tail = new int[2 * m];
        double[] weight = new double[2 * m];
        for (int e = 0; e < m; e++) {
            int i = (int) (keys[e] >>> 32);
            int j = (int) keys[e];
            double w = sym.get(keys[e]);
            head[2 * e] = i;
            tail[2 * e] = j;
            weight[2 * e] = w;
            head[2 * e + 1] = j;
            tail[2 * e + 1] = i;
            weight[2 * e + 1] = w;
        }
        return new Edges(head, tail, weight);
    }

    private static long key(int i, int j) {
        return ((long) i << 32) | (j & 0xFFFFFFFFL);
    }

    // ---- initialisation: each component from its own PCA, side by side ---------------------------------

    static double[][] initialize(double[][] x, int[] component, int components, long seed) {
        int n = x.length;
        double[][] y = new double[n][2];
        List<List<Integer>> rows = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            rows.get(component[i]).add(i);
        }
        SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double cursorX = 0;
        double cursorY = 0;
        double rowHeight = 0;
        double largest = 10;
        double width = 0;
        double[] radius = new double[components];
        for (int c = 0; c < components; c++) {
            radius[c] = largest * Math.sqrt((double) rows.get(c).size() / rows.get(0).size());
            width += 4 * radius[c] * radius[c];
        }
        double maxRow = Math.max(2.2 * largest, Math.sqrt(width) * 1.5);
        for (int c = 0; c < components; c++) {
            List<Integer> r = rows.get(c);
            double[][] local = pca2(x, r);
            double[] mean = new double[2];
            double maxNorm = 0;
            for (double[] p : local) {
                mean[0] += p[0] / local.length;
                mean[1] += p[1] / local.length;
            }
            for (double[] p : local) {
                maxNorm = Math.max(maxNorm, Math.hypot(p[0] - mean[0], p[1] - mean[1]));
            }
            double rad = radius[c];
            double scale = maxNorm > 0 ? rad / maxNorm : 0;
            if (cursorX > 0 && cursorX + 2 * rad > maxRow) {
                cursorX = 0;
                cursorY += rowHeight * 1.1;
                rowHeight = 0;
            }
            double cx = cursorX + rad;
            double cy = cursorY + rad;
            for (int t = 0; t < r.size(); t++) {
                int i = r.get(t);
                y[i][0] = cx + (local[t][0] - mean[0]) * scale + noise.nextDouble(-1e-3, 1e-3) * rad;
                y[i][1] = cy + (local[t][1] - mean[1]) * scale + noise.nextDouble(-1e-3, 1e-3) * rad;
            }
            cursorX += 2 * rad * 1.1;
            rowHeight = Math.max(rowHeight, 2 * rad);
        }
        return y;
    }

    /** The rows' coordinates on their two principal axes (power iteration from a fixed start: deterministic). */
    private static double[][] pca2(double[][] x, List<Integer> rows) {
        int m = rows.size();
        int d = x[0].length;
        double[] mean = new double[d];
        for (int i : rows) {
            for (int t = 0; t < d; t++) {
                mean[t] += x[i][t] / m;
            }
        }
        double[][] c = new double[m][d];
        for (int r = 0; r < m; r++) {
            for (int t = 0; t < d; t++) {
                c[r][t] = x[rows.get(r)][t] - mean[t];
            }
        }
        double[] v1 = axis(c, null);
        double[] v2 = axis(c, v1);
        double[][] out = new double[m][2];
        for (int r = 0; r < m; r++) {
            out[r][0] = dot(c[r], v1);
            out[r][1] = dot(c[r], v2);
        }
        return out;
    }

    private static double[] axis(double[][] c, double[] orthogonalTo) {
        int d = c[0].length;
        double[] v = new double[d];
        for (int t = 0; t < d; t++) {
            v[t] = 1.0 / Math.sqrt(d) * (1 + 0.01 * t);
        }
        for (int it = 0; it < 50; it++) {
            double[] w = new double[d];
            for (double[] row : c) {
                double p = dot(row, v);
                for (int t = 0; t < d; t++) {
                    w[t] += p * row[t];
                }
            }
            if (orthogonalTo != null) {
                double p = dot(w, orthogonalTo);
                for (int t = 0; t < d; t++) {
                    w[t] -= p * orthogonalTo[t];
                }
            }
            double norm = Math.sqrt(dot(w, w));
            if (norm < 1e-12) {
                return v;
            }
            for (int t = 0; t < d; t++) {
                w[t] /= norm;
            }
            v = w;
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    // ---- the curve and the SGD ------------------------------------------------------------------------

    /**
     * UMAP's a and b for a min_dist (spread 1): the curve 1 / (1 + a d^2b) fitted by least squares to the offset
     * exponential (1 below min_dist, e^-(d - min_dist) above) at 300 points of (0, 3], as umap-learn's
     * {@code find_ab_params} does with scipy's {@code curve_fit}.
     */
    static double[] curve(double minDist) {
        int size = 300;
        double[] x = new double[size];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = (i + 1) * 3.0 / size;
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist));
        }
        return fitCurve(x, y, 1.0, 1.0);
    }

    /**
     * Levenberg–Marquardt least squares of y ≈ 1 / (1 + a x^2b) over a and b, from (a0, b0); x must be positive.
     * Each step solves (JᵀJ + λ diag(JᵀJ)) δ = Jᵀr for the 2×2 system; a step that does not lower the sum of
     * squares is refused and λ grows tenfold, an accepted one shrinks it tenfold. Stops when a step changes the
     * parameters by less than 1e-14 relative, or the sum of squares by less than 1e-15 relative.
     */
    static double[] fitCurve(double[] x, double[] y, double a0, double b0) {
        double a = a0;
        double b = b0;
        double sse = curveSse(x, y, a, b);
        double lambda = 1e-3;
        for (int iter = 0; iter < 500; iter++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 0; i < x.length; i++) {
                double pow = Math.pow(x[i], 2 * b);
                double de = 1 + a * pow;
                double r = y[i] - 1 / de;
                double da = -pow / (de * de);
                double db = -a * 2 * Math.log(x[i]) * pow / (de * de);
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            boolean accepted = false;
            while (!accepted && lambda < 1e20) {
                double maa = jaa * (1 + lambda);
                double mbb = jbb * (1 + lambda);
                double det = maa * mbb - jab * jab;
                double stepA = (mbb * ga - jab * gb) / det;
                double stepB = (maa * gb - jab * ga) / det;
                double na = a + stepA;
                double nb = b + stepB;
                double nsse = na > 0 ? curveSse(x, y, na, nb) : Double.NaN;
                if (Double.isFinite(nsse) && nsse <= sse) {
                    accepted = true;
                    lambda = Math.max(lambda / 10, 1e-12);
                    boolean smallStep = Math.abs(stepA) <= 1e-14 * Math.abs(na) && Math.abs(stepB) <= 1e-14 * Math.abs(nb);
                    boolean smallGain = sse - nsse <= 1e-15 * sse;
                    a = na;
                    b = nb;
                    sse = nsse;
                    if (smallStep || smallGain) {
                        return new double[] {a, b};
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!accepted) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double curveSse(double[] x, double[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - 1 / (1 + a * Math.pow(x[i], 2 * b));
            s += r * r;
        }
        return s;
    }

    private static void optimize(double[][] y, Edges edges, double a, double b, int epochs, int negativeRate, long seed,
                                 TaskContext ctx) {
        int m = edges.head().length;
        int n = y.length;
        double maxW = Arrays.stream(edges.weight()).max().orElse(1);
        double[] perSample = new double[m];
        for (int e = 0; e < m; e++) {
            double w = edges.weight()[e];
            perSample[e] = w < maxW / epochs ? -1 : maxW / w;
        }
        double[] nextSample = perSample.clone();
        double[] perNegative = new double[m];
        double[] nextNegative = new double[m];
        for (int e = 0; e < m; e++) {
            perNegative[e] = perSample[e] / negativeRate;
            nextNegative[e] = perNegative[e];
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] head = edges.head();
        int[] tail = edges.tail();
        // positions in one flat array: the random negative samples read it all over, so no pointer per row
        double[] p = new double[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = y[i][0];
            p[2 * i + 1] = y[i][1];
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            double alpha = 1.0 - (double) epoch / epochs;
            for (int e = 0; e < m; e++) {
                if (perSample[e] <= 0 || nextSample[e] > epoch) {
                    continue;
                }
                int j = 2 * head[e];
                int k = 2 * tail[e];
                double dx = p[j] - p[k];
                double dy = p[j + 1] - p[k + 1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    double pb = pow(d2, b);
                    double coeff = -2 * a * b * (pb / d2) / (a * pb + 1);
                    double gx = clip(coeff * dx) * alpha;
                    double gy = clip(coeff * dy) * alpha;
                    p[j] += gx;
                    p[j + 1] += gy;
                    p[k] -= gx;
                    p[k + 1] -= gy;
                }
                nextSample[e] += perSample[e];
                int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
                for (int s = 0; s < negatives; s++) {
                    int o = random.nextInt(n);
                    if (o == head[e]) {
                        continue;
                    }
                    int oo = 2 * o;
                    double nx = p[j] - p[oo];
                    double ny = p[j + 1] - p[oo + 1];
                    double nd2 = nx * nx + ny * ny;
                    if (nd2 > 0) {
                        double coeff = 2 * b / ((0.001 + nd2) * (a * pow(nd2, b) + 1));
                        p[j] += clip(coeff * nx) * alpha;
                        p[j + 1] += clip(coeff * ny) * alpha;
                    } else {
                        p[j] += 4 * alpha;
                        p[j + 1] += 4 * alpha;
                    }
                }
                nextNegative[e] += negatives * perNegative[e];
            }
            if ((epoch & 7) == 0) {
                ctx.checkCancelled();
                ctx.progress(epoch, epochs);
            }
        }
        for (int i = 0; i < n; i++) {
            y[i][0] = p[2 * i];
            y[i][1] = p[2 * i + 1];
        }
        ctx.progress(epochs, epochs);
    }

    /**
     * x^y for x > 0 to about five digits, several times faster than {@link Math#pow} (the SGD's inner loop
     * calls it hundreds of millions of times; the layout needs no more precision): 2^(y log2 x) with the
     * exponent bits taken apart and short series for the fractions.
     */
    static double pow(double x, double y) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7FF) - 1023;
        double m = Double.longBitsToDouble((bits & 0xFFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951) { // keep m in [0.71, 1.41) so the series converges fast
            m *= 0.5;
            e++;
        }
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        double ln = 2 * t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 / 9))));
        double z = y * (e + ln * 1.4426950408889634);
        if (z < -1000) {
            return 0;
        }
        if (z > 1000) {
            return Double.POSITIVE_INFINITY;
        }
        double fl = Math.floor(z);
        double f = (z - fl) * 0.6931471805599453;
        double p = 1 + f * (1 + f * (0.5 + f * (1.0 / 6 + f * (1.0 / 24 + f * (1.0 / 120 + f * (1.0 / 720 + f / 5040))))));
        return Math.scalb(p, (int) fl);
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }
}
