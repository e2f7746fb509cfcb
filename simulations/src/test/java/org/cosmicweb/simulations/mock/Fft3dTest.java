package org.cosmicweb.simulations.mock;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The FFT against the definition of the discrete Fourier transform, summed term by term. */
class Fft3dTest {
    /** F[k] = sum over x of f[x] exp(-2 pi i (k . x) / n), written from the definition alone. */
    private static double[][] naiveDft(double[] re, double[] im, int n) {
        double[] outRe = new double[re.length];
        double[] outIm = new double[re.length];
        for (int k1 = 0; k1 < n; k1++) {
            for (int k2 = 0; k2 < n; k2++) {
                for (int k3 = 0; k3 < n; k3++) {
                    double sr = 0;
                    double si = 0;
                    for (int x1 = 0; x1 < n; x1++) {
                        for (int x2 = 0; x2 < n; x2++) {
                            for (int x3 = 0; x3 < n; x3++) {
                                double phase = -2 * Math.PI * (k1 * x1 + k2 * x2 + k3 * x3) / n;
                                int x = (x1 * n + x2) * n + x3;
                                sr += re[x] * Math.cos(phase) - im[x] * Math.sin(phase);
                                si += re[x] * Math.sin(phase) + im[x] * Math.cos(phase);
                            }
                        }
                    }
                    int k = (k1 * n + k2) * n + k3;
                    outRe[k] = sr;
                    outIm[k] = si;
                }
            }
        }
        return new double[][] {outRe, outIm};
    }

    @Test
    void forwardIsTheDiscreteFourierTransformAndInverseUndoesIt() {
        for (int n : new int[] {2, 4, 8}) {
            SplittableRandom r = new SplittableRandom(n);
            double[] re = new double[n * n * n];
            double[] im = new double[n * n * n];
            for (int i = 0; i < re.length; i++) {
                re[i] = r.nextGaussian();
                im[i] = r.nextGaussian();
            }
            double[][] want = naiveDft(re, im, n);
            double[] fr = re.clone();
            double[] fi = im.clone();
            Fft3d fft = new Fft3d(n);
            fft.forward(fr, fi);
            for (int k = 0; k < re.length; k++) {
                assertEquals(want[0][k], fr[k], 1e-9 * n * n * n, "n=" + n + " Re F[" + k + "]");
                assertEquals(want[1][k], fi[k], 1e-9 * n * n * n, "n=" + n + " Im F[" + k + "]");
            }
            fft.inverse(fr, fi);
            for (int x = 0; x < re.length; x++) {
                assertEquals(re[x], fr[x], 1e-12 * n * n * n, "n=" + n + " round trip re " + x);
                assertEquals(im[x], fi[x], 1e-12 * n * n * n, "n=" + n + " round trip im " + x);
            }
        }
    }

    @Test
    void aSinglePlaneWaveLandsInItsOwnMode() {
        int n = 8;
        double[] re = new double[n * n * n];
        double[] im = new double[n * n * n];
        for (int x1 = 0; x1 < n; x1++) {
            for (int x2 = 0; x2 < n; x2++) {
                for (int x3 = 0; x3 < n; x3++) {
                    re[(x1 * n + x2) * n + x3] = Math.cos(2 * Math.PI * (1 * x1 + 2 * x2 + 3 * x3) / n);
                }
            }
        }
        new Fft3d(n).forward(re, im);
        // cos splits into the modes (1, 2, 3) and (-1, -2, -3) = (7, 6, 5), each n^3 / 2.
        for (int k = 0; k < re.length; k++) {
            boolean mode = k == (1 * n + 2) * n + 3 || k == (7 * n + 6) * n + 5;
            assertEquals(mode ? n * n * n / 2.0 : 0, re[k], 1e-9, "Re F[" + k + "]");
            assertEquals(0, im[k], 1e-9, "Im F[" + k + "]");
        }
    }

    @Test
    void onlyPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft3d(6));
        assertThrows(IllegalArgumentException.class, () -> new Fft3d(1));
    }
}
