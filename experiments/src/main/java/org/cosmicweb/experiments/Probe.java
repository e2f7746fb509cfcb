package org.cosmicweb.experiments;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.cosmicweb.graph.SpatialFolds;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A linear probe of a representation, as foundation-model papers judge one: ridge regression of a
 * column on the embedding, scored by out-of-fold R² over K spatial slabs along z. The penalty λ is
 * chosen inside each training set by the same slab cross-validation over the other folds (nested,
 * so R² never sees the penalty's selection), from a grid of 13 values 10⁻⁴…10⁴ times the number of
 * training rows, on features standardised on the training rows. The control is the same probe on
 * as many Gaussian random features: a representation that carries the target scores well above it.
 */
public final class Probe {
    static final double[] LAMBDAS = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1, 3, 10, 1e2, 1e4};

    /** Out-of-fold R² of the embedding and of random features, and the median λ chosen. */
    public record Result(String column, double r2, double r2Random, double lambda, int folds, int n, int width) {
    }

    private Probe() {
    }

    /** The values of a probe column, or an error listing the columns the embeddings file has. */
    public static double[] column(EnvironmentEmbedding.Table t, String column) {
        double[] y = t.columns().get(column);
        if (y == null) {
            throw new IllegalArgumentException("no column '" + column + "' in the embeddings; available: "
                    + String.join(", ", t.columns().keySet()));
        }
        return y;
    }

    public static Result run(EnvironmentEmbedding.Table t, String column, int folds, long seed) {
        double[] y = column(t, column);
        List<SpatialFolds.Fold> split = SpatialFolds.split(t.positionsMpc(), t.boxMpc(), folds, 0, 2);
        double[] x = new double[t.embedding().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.embedding()[i];
        }
        double[][] fit = outOfFold(x, t.width(), y, split);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] noise = new double[x.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextGaussian();
        }
        double[][] control = outOfFold(noise, t.width(), y, split);
        return new Result(column, r2(fit[0], y), r2(control[0], y), fit[1][0], folds, y.length, t.width());
    }

    /** Out-of-fold predictions [0] and the median chosen λ [1][0]. */
    private static double[][] outOfFold(double[] x, int w, double[] y, List<SpatialFolds.Fold> folds) {
        double[] pred = new double[y.length];
        double[] chosen = new double[folds.size()];
        for (SpatialFolds.Fold f : folds) {
            int[] train = f.train();
            double best = Double.POSITIVE_INFINITY;
            double bestLambda = LAMBDAS[0];
            for (double lambda : LAMBDAS) {
                double sse = 0;
                for (SpatialFolds.Fold inner : folds) {
                    if (inner.index() == f.index()) {
                        continue;
                    }
                    int[] innerTrain = java.util.Arrays.stream(train)
                            .filter(i -> java.util.Arrays.binarySearch(inner.validation(), i) < 0).toArray();
                    double[] p = fitPredict(x, w, y, innerTrain, inner.validation(), lambda);
                    for (int k = 0; k < p.length; k++) {
                        double d = p[k] - y[inner.validation()[k]];
                        sse += d * d;
                    }
                }
                if (sse < best) {
                    best = sse;
                    bestLambda = lambda;
                }
            }
            chosen[f.index()] = bestLambda;
            double[] p = fitPredict(x, w, y, train, f.validation(), bestLambda);
            for (int k = 0; k < p.length; k++) {
                pred[f.validation()[k]] = p[k];
            }
        }
        java.util.Arrays.sort(chosen);
        return new double[][] {pred, {chosen[chosen.length / 2]}};
    }

    /** Ridge fit on the train rows (features standardised there), predictions for the test rows. */
    static double[] fitPredict(double[] x, int w, double[] y, int[] train, int[] test, double lambda) {
        int n = train.length;
        double[] mean = new double[w];
        double[] sd = new double[w];
        double ym = 0;
        for (int i : train) {
            ym += y[i];
            for (int c = 0; c < w; c++) {
                mean[c] += x[i * w + c];
            }
        }
        ym /= n;
        for (int c = 0; c < w; c++) {
            mean[c] /= n;
        }
        for (int i : train) {
            for (int c = 0; c < w; c++) {
                double d = x[i * w + c] - mean[c];
                sd[c] += d * d;
            }
        }
        for (int c = 0; c < w; c++) {
            sd[c] = Math.sqrt(sd[c] / n);
            sd[c] = sd[c] > 1e-12 ? sd[c] : 1;
        }
        double[][] a = new double[w][w];
        double[] b = new double[w];
        double[] z = new double[w];
        for (int i : train) {
            for (int c = 0; c < w; c++) {
                z[c] = (x[i * w + c] - mean[c]) / sd[c];
            }
            for (int c = 0; c < w; c++) {
                b[c] += z[c] * (y[i] - ym);
                for (int d = 0; d <= c; d++) {
                    a[c][d] += z[c] * z[d];
                }
            }
        }
        for (int c = 0; c < w; c++) {
            for (int d = 0; d < c; d++) {
                a[d][c] = a[c][d];
            }
            a[c][c] += lambda * n;
        }
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        RealVector coef = new CholeskyDecomposition(m, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(b, false));
        double[] out = new double[test.length];
        for (int k = 0; k < test.length; k++) {
            double s = ym;
            for (int c = 0; c < w; c++) {
                s += coef.getEntry(c) * (x[test[k] * w + c] - mean[c]) / sd[c];
            }
            out[k] = s;
        }
        return out;
    }

    static double r2(double[] pred, double[] y) {
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (pred[i] - y[i]) * (pred[i] - y[i]);
            sst += (y[i] - m) * (y[i] - m);
        }
        return 1 - sse / sst;
    }
}
