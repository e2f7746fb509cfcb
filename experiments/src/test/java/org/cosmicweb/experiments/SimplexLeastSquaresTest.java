package org.cosmicweb.experiments;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimplexLeastSquaresTest {
    @Test
    void theProjectionOntoTheSimplexByHand() {
        assertArrayEquals(new double[] {0.5, 0.5}, SimplexLeastSquares.project(new double[] {0.5, 0.5}), 1e-15);
        assertArrayEquals(new double[] {1, 0}, SimplexLeastSquares.project(new double[] {2, 0}), 1e-15);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3},
                SimplexLeastSquares.project(new double[] {0.3, 0.3, 0.3}), 1e-15);
        // Sorted 1, 0.5, -1: theta = (1 + 0.5 - 1) / 2 = 0.25, so (0.75, 0.25, 0).
        assertArrayEquals(new double[] {0.75, 0.25, 0}, SimplexLeastSquares.project(new double[] {1, 0.5, -1}), 1e-15);
    }

    @Test
    void orthogonalErrorsAreWeightedByTheOtherErrorsVarianceByHand() {
        // Errors a(1,-1,1,-1) and b(1,1,-1,-1) are orthogonal: R = diag(a², b²), so w_1 = b² / (a² + b²).
        double[] y = {9, 10, 11, 12};
        double a = 0.1;
        double b = 0.3;
        double[] m1 = {9 + a, 10 - a, 11 + a, 12 - a};
        double[] m2 = {9 + b, 10 + b, 11 - b, 12 - b};
        double[] w = SimplexLeastSquares.fit(new double[][] {m1, m2}, y);
        assertArrayEquals(new double[] {0.9, 0.1}, w, 1e-9);
        // Errors 100 times apart: the optimum, 1e-4 from a vertex, is where momentum overshoots onto the vertex.
        double c = 0.01;
        double[] m3 = {9 + c, 10 - c, 11 + c, 12 - c};
        double[] m4 = {10, 11, 10, 11};
        double expected = 1 / (1 + c * c);
        assertArrayEquals(new double[] {expected, 1 - expected}, SimplexLeastSquares.fit(new double[][] {m3, m4}, y),
                1e-12);
    }

    @Test
    void errorsOfOneSignCannotCancelSoTheBetterModelTakesEverything() {
        // m2's error is twice m1's: unconstrained least squares would take (2, -1) and fit exactly.
        double[] y = {1, 2, 3, 4, 5};
        double[] e = {0.1, -0.2, 0.05, 0.3, -0.1};
        double[] m1 = new double[5];
        double[] m2 = new double[5];
        for (int i = 0; i < 5; i++) {
            m1[i] = y[i] + e[i];
            m2[i] = y[i] + 2 * e[i];
        }
        assertArrayEquals(new double[] {1, 0}, SimplexLeastSquares.fit(new double[][] {m1, m2}, y), 1e-9);
        // Equal and opposite errors cancel exactly at (1/2, 1/2).
        for (int i = 0; i < 5; i++) {
            m2[i] = y[i] - e[i];
        }
        assertArrayEquals(new double[] {0.5, 0.5}, SimplexLeastSquares.fit(new double[][] {m1, m2}, y), 1e-9);
    }

    @Test
    void theWeightsBeatEveryPointOfAFineGridOverTheSimplex() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 5; trial++) {
            int n = 200;
            double[] y = new double[n];
            double[][] m = new double[3][n];
            double[] common = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = 10 + rng.nextGaussian();
                common[i] = 0.1 * rng.nextGaussian();
                for (int k = 0; k < 3; k++) {
                    // Correlated errors of different sizes and a bias, as a sweep's networks have.
                    m[k][i] = y[i] + common[i] + (0.05 + 0.1 * k * trial) * rng.nextGaussian() + 0.01 * (k - 1);
                }
            }
            double[] w = SimplexLeastSquares.fit(m, y);
            assertEquals(1.0, w[0] + w[1] + w[2], 1e-12);
            assertTrue(w[0] >= 0 && w[1] >= 0 && w[2] >= 0);
            double best = Double.POSITIVE_INFINITY;
            int steps = 400;
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; i + j <= steps; j++) {
                    best = Math.min(best, mse(m, y, new double[] {i / (double) steps, j / (double) steps,
                            (steps - i - j) / (double) steps}));
                }
            }
            assertTrue(mse(m, y, w) <= best + 1e-12, "trial " + trial + ": " + mse(m, y, w) + " > grid " + best);
        }
    }

    @Test
    void aPredictionThatIsNotFiniteIsRefused() {
        double[] y = {1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimplexLeastSquares.fit(new double[][] {{1, Double.NaN}, {1, 2}}, y));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void identicalModelsShareTheWeightAndNoGalaxyIsRefused() {
        double[] y = {1, 2, 3};
        double[] m = {1.1, 2.1, 2.9};
        double[] w = SimplexLeastSquares.fit(new double[][] {m, m.clone()}, y);
        assertEquals(1.0, w[0] + w[1], 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, w, 1e-12, "a flat direction keeps the even start");
    }

    private static double mse(double[][] m, double[] y, double[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double p = 0;
            for (int k = 0; k < w.length; k++) {
                p += w[k] * m[k][i];
            }
            s += (y[i] - p) * (y[i] - p);
        }
        return s / y.length;
    }
}
