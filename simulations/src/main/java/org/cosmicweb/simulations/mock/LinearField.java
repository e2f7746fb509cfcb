package org.cosmicweb.simulations.mock;

import java.util.SplittableRandom;

/**
 * A Gaussian random density field on a periodic grid and its Zel'dovich displacement.
 *
 * <p>Power spectrum P(k) ∝ k^{n_s} T(k)^2 with the BBKS transfer function
 * T(q) = ln(1 + 2.34 q) / (2.34 q) [1 + 3.89 q + (16.1 q)^2 + (5.46 q)^3 + (6.71 q)^4]^{-1/4},
 * q = k / Γ (k in h/Mpc, Γ = Ω_m h = 0.21, n_s = 0.965; Bardeen et al. 1986). The amplitude is
 * set so that the field smoothed with a Gaussian of 5.1 Mpc/h (about a top hat of 8 Mpc/h) has
 * rms σ8 = 0.81. Displacement ψ(k) = i k δ(k) / k^2 e^{−k² R²/2} with R = {@value #ZA_SMOOTHING_MPCH}
 * Mpc/h, the truncated Zel'dovich approximation (Coles, Melott and Shandarin 1993), which moves
 * matter into walls and filaments without the shell crossing of the smallest modes; linear
 * velocities are v = 100 f ψ km/s for ψ in Mpc/h, with growth rate f = Ω_m^0.55.
 */
final class LinearField {
    static final double SIGMA8 = 0.81;
    static final double GAMMA = 0.21;
    static final double N_S = 0.965;
    static final double GROWTH_RATE = Math.pow(0.3089, 0.55);
    /** Gaussian smoothing of the Zel'dovich displacement, Mpc/h. */
    static final double ZA_SMOOTHING_MPCH = 2.0;

    final int n;
    final double box;
    /** Linear density contrast per cell. */
    final double[] delta;
    /** Displacement components in Mpc/h, each per cell. */
    final double[][] psi;

    private LinearField(int n, double box, double[] delta, double[][] psi) {
        this.n = n;
        this.box = box;
        this.delta = delta;
        this.psi = psi;
    }

    static double powerShape(double k) {
        double q = k / GAMMA;
        double t = Math.log(1 + 2.34 * q) / (2.34 * q)
                * Math.pow(1 + 3.89 * q + Math.pow(16.1 * q, 2) + Math.pow(5.46 * q, 3) + Math.pow(6.71 * q, 4), -0.25);
        return Math.pow(k, N_S) * t * t;
    }

    static LinearField generate(int n, double box, SplittableRandom rng) {
        int cells = n * n * n;
        double[] re = new double[cells];
        double[] im = new double[cells];
        for (int i = 0; i < cells; i++) {
            re[i] = rng.nextGaussian();
        }
        Fft3d fft = new Fft3d(n);
        fft.forward(re, im);
        double kf = 2 * Math.PI / box;
        double[] kx = new double[cells];
        double[] ky = new double[cells];
        double[] kz = new double[cells];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int idx = (i * n + j) * n + k;
                    kx[idx] = kf * fft.freq(i);
                    ky[idx] = kf * fft.freq(j);
                    kz[idx] = kf * fft.freq(k);
                    double kk = Math.sqrt(kx[idx] * kx[idx] + ky[idx] * ky[idx] + kz[idx] * kz[idx]);
                    double amp = kk == 0 ? 0 : Math.sqrt(powerShape(kk));
                    re[idx] *= amp;
                    im[idx] *= amp;
                }
            }
        }
        // Normalise: rms of the field smoothed at 5.1 Mpc/h equals sigma8.
        double[] sre = re.clone();
        double[] sim = im.clone();
        for (int idx = 0; idx < cells; idx++) {
            double k2 = kx[idx] * kx[idx] + ky[idx] * ky[idx] + kz[idx] * kz[idx];
            double w = Math.exp(-0.5 * k2 * 5.1 * 5.1);
            sre[idx] *= w;
            sim[idx] *= w;
        }
        fft.inverse(sre, sim);
        double var = 0;
        for (double v : sre) {
            var += v * v;
        }
        double scale = SIGMA8 / Math.sqrt(var / cells);
        double[][] psi = new double[3][];
        double[][] ks = {kx, ky, kz};
        for (int a = 0; a < 3; a++) {
            double[] pr = new double[cells];
            double[] pi = new double[cells];
            for (int idx = 0; idx < cells; idx++) {
                double k2 = kx[idx] * kx[idx] + ky[idx] * ky[idx] + kz[idx] * kz[idx];
                if (k2 == 0) {
                    continue;
                }
                double f = ks[a][idx] / k2 * scale * Math.exp(-0.5 * k2 * ZA_SMOOTHING_MPCH * ZA_SMOOTHING_MPCH);
                // i * f * (re + i im) = -f im + i f re
                pr[idx] = -f * im[idx];
                pi[idx] = f * re[idx];
            }
            fft.inverse(pr, pi);
            psi[a] = pr;
        }
        for (int idx = 0; idx < cells; idx++) {
            re[idx] *= scale;
            im[idx] *= scale;
        }
        fft.inverse(re, im);
        return new LinearField(n, box, re, psi);
    }

    /** The displacement at (x, y, z), Mpc/h, interpolated trilinearly between cell centres. */
    void displacement(double x, double y, double z, double[] out) {
        for (int a = 0; a < 3; a++) {
            if (psiGrids[a] == null) {
                psiGrids[a] = DensityGrid.of(n, box, psi[a]);
            }
            out[a] = psiGrids[a].interpolate(x, y, z);
        }
    }

    private final DensityGrid[] psiGrids = new DensityGrid[3];

    int cellOf(double x, double y, double z) {
        double h = box / n;
        int i = Math.min(n - 1, (int) (x / h));
        int j = Math.min(n - 1, (int) (y / h));
        int k = Math.min(n - 1, (int) (z / h));
        return (i * n + j) * n + k;
    }
}
