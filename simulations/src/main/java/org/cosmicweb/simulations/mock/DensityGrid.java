package org.cosmicweb.simulations.mock;

/**
 * A periodic n^3 grid over a box of side {@code box}: cloud-in-cell deposits, Gaussian smoothing
 * by FFT, and trilinear interpolation back to points. Lengths in the caller's units.
 */
final class DensityGrid {
    final int n;
    final double box;
    final double[] values;

    DensityGrid(int n, double box) {
        this.n = n;
        this.box = box;
        this.values = new double[n * n * n];
    }

    int index(int i, int j, int k) {
        return (Math.floorMod(i, n) * n + Math.floorMod(j, n)) * n + Math.floorMod(k, n);
    }

    /** Adds {@code weight} at (x, y, z) with cloud-in-cell weights (cell centres at (i + 1/2) h). */
    void deposit(double x, double y, double z, double weight) {
        double h = box / n;
        double fx = x / h - 0.5;
        double fy = y / h - 0.5;
        double fz = z / h - 0.5;
        int i0 = (int) Math.floor(fx);
        int j0 = (int) Math.floor(fy);
        int k0 = (int) Math.floor(fz);
        double dx = fx - i0;
        double dy = fy - j0;
        double dz = fz - k0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    double w = (a == 0 ? 1 - dx : dx) * (b == 0 ? 1 - dy : dy) * (c == 0 ? 1 - dz : dz);
                    values[index(i0 + a, j0 + b, k0 + c)] += weight * w;
                }
            }
        }
    }

    /** Trilinear interpolation, the adjoint of {@link #deposit}. */
    double interpolate(double x, double y, double z) {
        double h = box / n;
        double fx = x / h - 0.5;
        double fy = y / h - 0.5;
        double fz = z / h - 0.5;
        int i0 = (int) Math.floor(fx);
        int j0 = (int) Math.floor(fy);
        int k0 = (int) Math.floor(fz);
        double dx = fx - i0;
        double dy = fy - j0;
        double dz = fz - k0;
        double s = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    double w = (a == 0 ? 1 - dx : dx) * (b == 0 ? 1 - dy : dy) * (c == 0 ? 1 - dz : dz);
                    s += w * values[index(i0 + a, j0 + b, k0 + c)];
                }
            }
        }
        return s;
    }

    /** A copy convolved with a Gaussian of width {@code sigma}: W(k) = exp(-k^2 sigma^2 / 2). */
    DensityGrid smoothed(double sigma) {
        Fft3d fft = new Fft3d(n);
        double[] re = values.clone();
        double[] im = new double[re.length];
        fft.forward(re, im);
        double kf = 2 * Math.PI / box;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double kx = kf * fft.freq(i);
                    double ky = kf * fft.freq(j);
                    double kz = kf * fft.freq(k);
                    double w = Math.exp(-0.5 * (kx * kx + ky * ky + kz * kz) * sigma * sigma);
                    int idx = (i * n + j) * n + k;
                    re[idx] *= w;
                    im[idx] *= w;
                }
            }
        }
        fft.inverse(re, im);
        DensityGrid out = new DensityGrid(n, box);
        System.arraycopy(re, 0, out.values, 0, re.length);
        return out;
    }

    double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
