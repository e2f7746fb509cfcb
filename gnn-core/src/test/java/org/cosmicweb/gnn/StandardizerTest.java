package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decorrelating standardiser against answers worked by hand and sample moments computed here. */
class StandardizerTest {
    @Test
    void aColumnThatIsALineInTheFirstPlusAnOrthogonalPartBecomesThatPart() {
        // x0 = (1, −1, 1, −1): mean 0, std 1. e = (1, 1, −1, −1) is orthogonal to x0 with mean 0, std 1.
        // x1 = 3 + 2 x0 + 0.5 e: mean 3, std √4.25; its standardised value is (2 x0 + 0.5 e)/√4.25, whose
        // fit on z0 = x0 leaves 0.5 e/√4.25 with std 0.5/√4.25, so the output column is e itself.
        double[] x0 = {1, -1, 1, -1};
        double[] e = {1, 1, -1, -1};
        double[] data = new double[8];
        for (int r = 0; r < 4; r++) {
            data[2 * r] = x0[r];
            data[2 * r + 1] = 3 + 2 * x0[r] + 0.5 * e[r];
        }
        Standardizer s = Standardizer.fitDecorrelated(data, 2, null);
        assertTrue(s.decorrelates());
        assertArrayEquals(new double[] {0, 3}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {1, Math.sqrt(4.25)}, s.std(), 1e-12);
        assertEquals(2 / Math.sqrt(4.25), s.beta()[2], 1e-8); // 1e-9 ridge
        assertEquals(0.5 / Math.sqrt(4.25), s.rstd()[1], 1e-8);
        float[] out = s.apply(data);
        for (int r = 0; r < 4; r++) {
            assertEquals(x0[r], out[2 * r], 1e-6);
            assertEquals(e[r], out[2 * r + 1], 1e-6);
        }
        // The plain standardiser keeps the correlation: its second column is not e.
        float[] plain = Standardizer.fit(data, 2, null).apply(data);
        assertEquals(2.5 / Math.sqrt(4.25), plain[1], 1e-6);
    }

    @Test
    void onItsFitRowsTheOutputHasZeroMeanUnitVarianceAndNoCorrelation() {
        Random rnd = new Random(7);
        int n = 400;
        int dim = 3;
        double[] data = new double[n * dim];
        for (int r = 0; r < n; r++) {
            double m = 11 + 1.5 * rnd.nextDouble();
            double central = rnd.nextDouble() < 0.7 ? 1 : 0;
            data[r * dim] = m;
            data[r * dim + 1] = 0.3 * m + 0.02 * rnd.nextGaussian() + 0.05 * central;
            data[r * dim + 2] = central;
        }
        int[] rows = new int[n / 2];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = 2 * k + 1;
        }
        Standardizer s = Standardizer.fitDecorrelated(data, dim, rows);
        float[] out = s.apply(data);
        double[] mean = new double[dim];
        double[][] cov = new double[dim][dim];
        for (int r : rows) {
            for (int a = 0; a < dim; a++) {
                mean[a] += out[r * dim + a] / rows.length;
            }
        }
        for (int r : rows) {
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < dim; b++) {
                    cov[a][b] += (out[r * dim + a] - mean[a]) * (out[r * dim + b] - mean[b]) / rows.length;
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            assertEquals(0, mean[a], 1e-5);
            for (int b = 0; b < dim; b++) {
                assertEquals(a == b ? 1 : 0, cov[a][b], 1e-5, "cov[" + a + "][" + b + "]");
            }
        }
        // Negative control: plain standardisation leaves log Vmax almost a copy of log M.
        float[] plain = Standardizer.fit(data, dim, rows).apply(data);
        double c01 = 0;
        for (int r : rows) {
            c01 += plain[r * dim] * plain[r * dim + 1] / rows.length;
        }
        assertTrue(c01 > 0.9, "plain correlation " + c01);
    }

    @Test
    void aCopiedColumnGivesAFiniteConstantNotNaN() {
        double[] data = {1, 1, 2, 2, 4, 4, 7, 7};
        float[] out = Standardizer.fitDecorrelated(data, 2, null).apply(data);
        for (int r = 0; r < 4; r++) {
            assertFalse(Float.isNaN(out[2 * r + 1]));
            assertEquals(0, out[2 * r + 1], 1e-4);
        }
    }

    @Test
    void aColumnOnTwoCopiesNeedsTheRidgeAndStillComesOutOrthogonal() {
        // Columns 0 and 1 are the same, so column 2's normal equations are singular without the ridge
        // (not positive definite); with it, column 2 becomes its residual on column 0.
        double[] a = {3, 1, 4, 1, 5, 9};
        double[] b = {2, 7, 1, 8, 2, 8};
        double[] data = new double[18];
        for (int r = 0; r < 6; r++) {
            data[3 * r] = a[r];
            data[3 * r + 1] = a[r];
            data[3 * r + 2] = b[r] - 0.5 * a[r];
        }
        float[] out = Standardizer.fitDecorrelated(data, 3, null).apply(data);
        double c02 = 0;
        double v2 = 0;
        for (int r = 0; r < 6; r++) {
            assertFalse(Float.isNaN(out[3 * r + 2]), "row " + r);
            assertEquals(0, out[3 * r + 1], 1e-3, "the copy is all residual 0");
            c02 += out[3 * r] * out[3 * r + 2] / 6;
            v2 += out[3 * r + 2] * out[3 * r + 2] / 6;
        }
        assertEquals(0, c02, 1e-4);
        assertEquals(1, v2, 1e-4);
    }

    @Test
    void rowsThatAreNotWholeAreRefused() {
        Standardizer s = Standardizer.fit(new double[] {1, 2, 3, 4}, 2, null);
        assertThrows(IllegalArgumentException.class, () -> s.apply(new double[] {1, 2, 3}));
    }

    @Test
    void halfADecorrelationOrOneOfTheWrongSizeIsRefused() {
        double[] two = {0, 0};
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(two, two, new double[4], null));
        String m = assertThrows(IllegalArgumentException.class,
                () -> new Standardizer(two, two, new double[3], new double[2])).getMessage();
        assertTrue(m.contains("4 beta"), m);
    }
}
