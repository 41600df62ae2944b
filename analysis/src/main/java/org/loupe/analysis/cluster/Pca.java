package org.loupe.analysis.cluster;

/**
 * Principal axes by subspace iteration on the covariance, in plain Java: the same input gives the same
 * bits on any machine and thread count (native BLAS sums in an order that depends on its threads, which
 * made the map differ from run to run). Used to reduce embeddings before the k-NN graph; distances within
 * the top subspace do not depend on which basis of it the iteration lands on.
 */
public final class Pca {
    private final double[] mean;
    private final double[][] axes;

    private Pca(double[] mean, double[][] axes) {
        this.mean = mean;
        this.axes = axes;
    }

    /** The top {@code dims} principal axes of the rows of {@code x}. */
    public static Pca fit(double[][] x, int dims) {
        int n = x.length;
        int d = x[0].length;
        int p = Math.min(dims, d);
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                mean[t] += row[t];
            }
        }
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                c[t] = row[t] - mean[t];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                double[] ra = cov[a];
                for (int b = a; b < d; b++) {
                    ra[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        // subspace iteration from a fixed start
        double[][] v = new double[p][d];
        java.util.SplittableRandom r = new java.util.SplittableRandom(0x9E3779B97F4A7C15L);
        for (int k = 0; k < p; k++) {
            for (int t = 0; t < d; t++) {
                v[k][t] = r.nextDouble() - 0.5;
            }
        }
        orthonormalize(v);
        double[][] w = new double[p][d];
        for (int it = 0; it < 60; it++) {
            for (int k = 0; k < p; k++) {
                double[] vk = v[k];
                double[] wk = w[k];
                for (int a = 0; a < d; a++) {
                    double s = 0;
                    double[] ca = cov[a];
                    for (int b = 0; b < d; b++) {
                        s += ca[b] * vk[b];
                    }
                    wk[a] = s;
                }
            }
            double[][] tmp = v;
            v = w;
            w = tmp;
            orthonormalize(v);
        }
        return new Pca(mean, v);
    }

    private static void orthonormalize(double[][] v) {
        for (int k = 0; k < v.length; k++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int t = 0; t < v[k].length; t++) {
                    dot += v[k][t] * v[j][t];
                }
                for (int t = 0; t < v[k].length; t++) {
                    v[k][t] -= dot * v[j][t];
                }
            }
            double norm = 0;
            for (double x : v[k]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-300) {
                java.util.Arrays.fill(v[k], 0);
                v[k][k % v[k].length] = 1;
            } else {
                for (int t = 0; t < v[k].length; t++) {
                    v[k][t] /= norm;
                }
            }
        }
    }

    /** The rows' coordinates on the axes. */
    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][axes.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < axes.length; k++) {
                double s = 0;
                double[] ak = axes[k];
                double[] xi = x[i];
                for (int t = 0; t < xi.length; t++) {
                    s += (xi[t] - mean[t]) * ak[t];
                }
                out[i][k] = s;
            }
        }
        return out;
    }
}
