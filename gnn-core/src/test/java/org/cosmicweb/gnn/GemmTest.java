package org.cosmicweb.gnn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vector products against plain triple loops written here, on shapes that exercise every
 * path of the kernels at any vector width: two vectors of columns, one vector, and scalar columns;
 * blocks of 4 rows and leftover rows; inner sizes that are and are not multiples of 4.
 */
class GemmTest {
    private static float[] random(int n, SplittableRandom r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** Random x [n, k], W [k, m], bias [m] and dY [n, m] for one shape. */
    private static final class Shapes {
        final int n;
        final int k;
        final int m;
        final float[] x;
        final float[] w;
        final float[] b;
        final float[] dy;

        Shapes(int n, int k, int m, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            this.n = n;
            this.k = k;
            this.m = m;
            x = random(n * k, r);
            w = random(k * m, r);
            b = random(m, r);
            dy = random(n * m, r);
        }

        float[] forward() {
            float[] y = new float[n * m];
            Gemm.forward(x, n, k, w, m, b, y);
            return y;
        }
    }

    @ParameterizedTest(name = "n={0} k={1} m={2}")
    @CsvSource({"1, 1, 1", "7, 3, 5", "9, 6, 8", "13, 16, 16", "5, 32, 24", "300, 64, 64", "17, 7, 48", "260, 33, 31",
        "4, 64, 16", "6, 9, 40"})
    void productsEqualPlainLoops(int n, int k, int m) {
        Shapes p = new Shapes(n, k, m, n * 1000L + k * 31L + m);
        float[] x = p.x;
        float[] w = p.w;
        float[] b = p.b;
        float[] dy = p.dy;
        float[] y = p.forward();
        float[] dw = new float[k * m];
        float[] db = new float[m];
        Gemm.backwardWeights(x, dy, n, k, m, dw, db);
        float[] dx = new float[n * k];
        Gemm.backwardInput(dy, n, m, Gemm.transpose(w, k, m), k, dx);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = b[j];
                for (int t = 0; t < k; t++) {
                    s += (double) x[i * k + t] * w[t * m + j];
                }
                assertEquals(s, y[i * m + j], 1e-4 * (1 + Math.abs(s)), "y[" + i + "][" + j + "]");
            }
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += (double) dy[i * m + j] * w[t * m + j];
                }
                assertEquals(s, dx[i * k + t], 1e-4 * (1 + Math.abs(s)), "dx[" + i + "][" + t + "]");
            }
        }
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (double) x[i * k + t] * dy[i * m + j];
                }
                assertEquals(s, dw[t * m + j], 1e-4 * (1 + Math.abs(s)), "dw[" + t + "][" + j + "]");
            }
        }
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += dy[i * m + j];
            }
            assertEquals(s, db[j], 1e-4 * (1 + Math.abs(s)), "db[" + j + "]");
        }
    }

    /**
     * Columns past the last full vector are computed as the plain float loop computes them (multiply, then
     * add, in order over the inner index), bit for bit: a 20-wide message layer gives the numbers it gave
     * before its last four columns were vectorised. One chunk of rows (n at most 256), so the weight
     * gradient is that chunk's sum.
     */
    @ParameterizedTest(name = "n={0} k={1} m={2}")
    @CsvSource({"9, 32, 20", "7, 5, 12", "13, 3, 7", "256, 16, 28", "5, 33, 44", "3, 8, 4"})
    void narrowColumnsEqualTheFloatLoopExactly(int n, int k, int m) {
        Shapes p = new Shapes(n, k, m, n * 7919L + k * 13L + m);
        float[] x = p.x;
        float[] w = p.w;
        float[] b = p.b;
        float[] y = p.forward();
        float[] dw = new float[k * m];
        Gemm.backwardWeights(x, p.dy, n, k, m, dw, null);
        int first = m - m % Gemm.L;
        for (int j = first; j < m; j++) {
            for (int i = 0; i < n; i++) {
                float s = b[j];
                for (int t = 0; t < k; t++) {
                    s += x[i * k + t] * w[t * m + j];
                }
                assertEquals(s, y[i * m + j], 0f, "y[" + i + "][" + j + "]");
            }
            for (int t = 0; t < k; t++) {
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    s += x[i * k + t] * p.dy[i * m + j];
                }
                assertEquals(s, dw[t * m + j], 0f, "dw[" + t + "][" + j + "]");
            }
        }
    }

    /**
     * Columns of full vectors are, bit for bit, the chain of fused multiply-adds in order over the inner index
     * from the bias, whichever kernel (two vectors or one, blocks of 4 rows or a leftover row) computed them:
     * a faster blocking must not change a trained network's numbers.
     */
    @ParameterizedTest(name = "n={0} k={1} m={2}")
    @CsvSource({"9, 32, 48", "7, 5, 24", "13, 48, 16", "6, 3, 40", "5, 33, 20", "256, 48, 8"})
    void fullVectorColumnsAreTheFmaChainExactly(int n, int k, int m) {
        Shapes p = new Shapes(n, k, m, n * 104729L + k * 17L + m);
        float[] y = p.forward();
        int full = m - m % Gemm.L;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < full; j++) {
                float s = p.b[j];
                for (int t = 0; t < k; t++) {
                    s = Math.fma(p.w[t * m + j], p.x[i * k + t], s);
                }
                assertEquals(s, y[i * m + j], 0f, "y[" + i + "][" + j + "]");
            }
        }
    }
}
