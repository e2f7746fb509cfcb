package org.cosmicweb.gnn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

import java.util.Arrays;

/**
 * Per-column standardisation z = (x − mean) / std of row-major [n, dim] data, fitted on chosen rows
 * only (the training fold) and applied everywhere. A constant column gets std 1.
 *
 * <p>A decorrelating standardiser ({@link #fitDecorrelated}) goes on, column by column, in order:
 * column c becomes (z_c − Σ_{k&lt;c} beta[c·dim + k] z_k) / rstd[c], the residual of its least-squares
 * fit on the columns before it, rescaled to unit variance (Gram–Schmidt on the standardised columns;
 * a column that is a linear function of earlier ones becomes 0). A quantity that is a small offset at fixed values of the earlier
 * columns (a halo's concentration: its Vmax at fixed mass) then reaches a network as an O(1) input
 * instead of a difference of two large ones. {@code beta} and {@code rstd} are null for a plain one.
 */
public record Standardizer(double[] mean, double[] std, double[] beta, double[] rstd) {
    public Standardizer {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
        }
        if ((beta == null) != (rstd == null)) {
            throw new IllegalArgumentException("a decorrelating standardizer needs both beta and rstd");
        }
        if (beta != null && (beta.length != mean.length * mean.length || rstd.length != mean.length)) {
            throw new IllegalArgumentException("decorrelation of " + mean.length + " columns needs " + mean.length
                    * mean.length + " beta and " + mean.length + " rstd values, got " + beta.length + " and "
                    + rstd.length);
        }
    }

    public Standardizer(double[] mean, double[] std) {
        this(mean, std, null, null);
    }

    public boolean decorrelates() {
        return beta != null;
    }

    public int dim() {
        return mean.length;
    }

    /** Fits on rows [lo, hi) given by {@code rows} (all rows when null). */
    public static Standardizer fit(double[] data, int dim, int[] rows) {
        int n = rows == null ? data.length / dim : rows.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on zero rows");
        }
        double[] mean = new double[dim];
        double[] m2 = new double[dim];
        for (int k = 0; k < n; k++) {
            int r = rows == null ? k : rows[k];
            for (int c = 0; c < dim; c++) {
                mean[c] += data[r * dim + c];
            }
        }
        for (int c = 0; c < dim; c++) {
            mean[c] /= n;
        }
        for (int k = 0; k < n; k++) {
            int r = rows == null ? k : rows[k];
            for (int c = 0; c < dim; c++) {
                double d = data[r * dim + c] - mean[c];
                m2[c] += d * d;
            }
        }
        double[] std = new double[dim];
        for (int c = 0; c < dim; c++) {
            double s = Math.sqrt(m2[c] / n);
            std[c] = s > 1e-12 ? s : 1.0;
        }
        return new Standardizer(mean, std);
    }

    /**
     * Fits a decorrelating standardiser (class comment) on {@code rows} (all rows when null): the
     * plain one, then for each column c ≥ 1 the least-squares coefficients of z_c on z_0..z_{c−1}
     * over the same rows and the residual's standard deviation (1 where the residual is constant).
     */
    public static Standardizer fitDecorrelated(double[] data, int dim, int[] rows) {
        Standardizer plain = fit(data, dim, rows);
        int n = rows == null ? data.length / dim : rows.length;
        double[] z = new double[n * dim];
        for (int k = 0; k < n; k++) {
            int r = rows == null ? k : rows[k];
            for (int c = 0; c < dim; c++) {
                z[k * dim + c] = (data[r * dim + c] - plain.mean[c]) / plain.std[c];
            }
        }
        double[] beta = new double[dim * dim];
        double[] rstd = new double[dim];
        rstd[0] = 1;
        for (int c = 1; c < dim; c++) {
            double[] ata = new double[c * c];
            double[] atb = new double[c];
            for (int k = 0; k < n; k++) {
                for (int a = 0; a < c; a++) {
                    double za = z[k * dim + a];
                    atb[a] += za * z[k * dim + c];
                    for (int b = 0; b < c; b++) {
                        ata[a * c + b] += za * z[k * dim + b];
                    }
                }
            }
            double[] coef = solve(ata, atb, c);
            System.arraycopy(coef, 0, beta, c * dim, c);
            double m2 = 0;
            for (int k = 0; k < n; k++) {
                double res = z[k * dim + c];
                for (int a = 0; a < c; a++) {
                    res -= coef[a] * z[k * dim + a];
                }
                m2 += res * res;
            }
            double sd = Math.sqrt(m2 / n);
            rstd[c] = sd > 1e-6 ? sd : 1.0;
        }
        return new Standardizer(plain.mean, plain.std, beta, rstd);
    }

    /**
     * Solves the c × c normal equations (symmetric, row-major) by Cholesky decomposition; a tiny
     * ridge (1e-9 of the trace) keeps an exactly collinear column (a copy of an earlier one) solvable.
     */
    private static double[] solve(double[] a, double[] b, int c) {
        double trace = 0;
        for (int i = 0; i < c; i++) {
            trace += a[i * c + i];
        }
        double[][] m = new double[c][c];
        for (int i = 0; i < c; i++) {
            System.arraycopy(a, i * c, m[i], 0, c);
            m[i][i] += 1e-9 * Math.max(trace, 1e-300);
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(m, false), 1e-12, 1e-14).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
    }

    public float[] apply(double[] data) {
        return apply(data.length, i -> data[i]);
    }

    public float[] apply(float[] data) {
        return apply(data.length, i -> data[i]);
    }

    private float[] apply(int length, java.util.function.IntToDoubleFunction value) {
        int dim = dim();
        if (dim == 0 ? length > 0 : length % dim != 0) {
            throw new IllegalArgumentException(length + " values are not whole rows of " + dim + " columns");
        }
        float[] out = new float[length];
        double[] z = new double[dim];
        for (int row = 0; row < length; row += dim) {
            for (int c = 0; c < dim; c++) {
                z[c] = (value.applyAsDouble(row + c) - mean[c]) / std[c];
            }
            for (int c = 0; c < dim; c++) {
                double v = z[c];
                if (beta != null) {
                    for (int k = 0; k < c; k++) {
                        v -= beta[c * dim + k] * z[k];
                    }
                    v /= rstd[c];
                }
                out[row + c] = (float) v;
            }
        }
        return out;
    }

    /** Inverse for a single column-0 value (used for targets; column 0 is never decorrelated). */
    public double invert(double z) {
        return z * std[0] + mean[0];
    }

    @Override
    public String toString() {
        return "Standardizer" + Arrays.toString(mean) + Arrays.toString(std)
                + (beta == null ? "" : Arrays.toString(beta) + Arrays.toString(rstd));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std)
                && Arrays.equals(s.beta, beta) && Arrays.equals(s.rstd, rstd);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(mean) * 31 + Arrays.hashCode(std)) * 31 + Arrays.hashCode(beta) * 7
                + Arrays.hashCode(rstd);
    }
}
