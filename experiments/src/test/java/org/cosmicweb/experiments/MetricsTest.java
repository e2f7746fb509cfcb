package org.cosmicweb.experiments;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {
    @Test
    void handComputedMetrics() {
        double[] pred = {1, 2, 3, 4, 6};
        double[] truth = {1, 2, 3, 5, 5};
        Metrics m = Metrics.of(pred, truth);
        // Δ = 0, 0, 0, -1, +1
        assertEquals(Math.sqrt(2.0 / 5), m.rmse(), 1e-12);
        assertEquals(2.0 / 5, m.mae(), 1e-12);
        assertEquals(0.0, m.bias(), 1e-12);
        // median Δ = 0, |Δ - 0| = 0,0,0,1,1 -> median 0 -> NMAD 0; both nonzero residuals are outliers.
        assertEquals(0.0, m.nmad(), 1e-12);
        assertEquals(2.0 / 5, m.outlierFraction(), 1e-12);
        // ȳ = 3.2, Σ (y - ȳ)^2 = 4.84 + 1.44 + 0.04 + 3.24 + 3.24 = 12.8
        assertEquals(1 - 2 / 12.8, m.r2(), 1e-12);
        // Pearson by the textbook formula: p̄ = 3.2 too.
        double sxy = (1 - 3.2) * (1 - 3.2) + (2 - 3.2) * (2 - 3.2) + (3 - 3.2) * (3 - 3.2) + (4 - 3.2) * (5 - 3.2)
                + (6 - 3.2) * (5 - 3.2);
        double sxx = 4.84 + 1.44 + 0.04 + 0.64 + 7.84;
        assertEquals(sxy / Math.sqrt(sxx * 12.8), m.pearson(), 1e-12);
        assertEquals(5, m.n());
    }

    @Test
    void nmadOfAGaussianIsItsSigma() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 200_000;
        double[] p = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.3 * r.nextGaussian();
        }
        Metrics m = Metrics.of(p, t);
        assertEquals(0.3, m.nmad(), 0.003);
        assertEquals(0.3, m.rmse(), 0.003);
        // Gaussian: 0.27 % beyond 3 sigma.
        assertEquals(0.0027, m.outlierFraction(), 0.0006);
        assertEquals(0.6827, Metrics.coverage(p, filled(n, 0.3), t, 1), 0.005);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
