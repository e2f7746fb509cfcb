package org.cosmicweb.gnn;

import java.util.Arrays;

/**
 * Per-column standardisation (x − mean) / std of row-major [n, dim] data, fitted on chosen rows
 * only (the training fold) and applied everywhere. A constant column gets std 1.
 */
public record Standardizer(double[] mean, double[] std) {
    public Standardizer {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
        }
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

    public float[] apply(double[] data) {
        return apply(data.length, i -> data[i]);
    }

    public float[] apply(float[] data) {
        return apply(data.length, i -> data[i]);
    }

    private float[] apply(int length, java.util.function.IntToDoubleFunction value) {
        int dim = dim();
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            int c = i % dim;
            out[i] = (float) ((value.applyAsDouble(i) - mean[c]) / std[c]);
        }
        return out;
    }

    /** Inverse for a single column-0 value (used for targets). */
    public double invert(double z) {
        return z * std[0] + mean[0];
    }

    @Override
    public String toString() {
        return "Standardizer" + Arrays.toString(mean) + Arrays.toString(std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
    }
}
