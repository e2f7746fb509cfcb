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

    /** A grid holding the given values (not copied). */
    static DensityGrid of(int n, double box, double[] values) {
        if (values.length != n * n * n) {
            throw new IllegalArgumentException("a " + n + "^3 grid needs " + n * n * n + " values, got " + values.length);
        }
        DensityGrid g = new DensityGrid(n, box);
        System.arraycopy(values, 0, g.values, 0, values.length);
        return g;
    }

    /**
     * The Hessian H_ab = ∂_a ∂_b δ_σ of the density contrast δ = values / mean − 1 smoothed with a
     * Gaussian of width {@code sigma}: H_ab(k) = −k_a k_b δ(k) e^{−k²σ²/2}. Unlike the tidal tensor
     * (k_a k_b / k² δ), it depends only on the matter within a few σ. Returns, for each of the points
     * (row-major [N, 3]), the six components xx, yy, zz, xy, xz, yz (row-major [N, 6]), interpolated
     * trilinearly.
     */
    double[] hessianAt(double sigma, double[] points) {
        Fft3d fft = new Fft3d(n);
        double mean = mean();
        double[] re = new double[values.length];
        double[] im = new double[values.length];
        for (int i = 0; i < re.length; i++) {
            re[i] = values[i] / mean - 1;
        }
        fft.forward(re, im);
        double kf = 2 * Math.PI / box;
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        int np = points.length / 3;
        double[] out = new double[6 * np];
        double[] cr = new double[re.length];
        double[] ci = new double[re.length];
        double[] k = new double[3];
        for (int c = 0; c < 6; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < n; l++) {
                        int idx = (i * n + j) * n + l;
                        k[0] = kf * fft.freq(i);
                        k[1] = kf * fft.freq(j);
                        k[2] = kf * fft.freq(l);
                        double k2 = k[0] * k[0] + k[1] * k[1] + k[2] * k[2];
                        double f = -k[pairs[c][0]] * k[pairs[c][1]] * Math.exp(-0.5 * k2 * sigma * sigma);
                        cr[idx] = re[idx] * f;
                        ci[idx] = im[idx] * f;
                    }
                }
            }
            fft.inverse(cr, ci);
            DensityGrid comp = of(n, box, cr);
            for (int p = 0; p < np; p++) {
                out[6 * p + c] = comp.interpolate(points[3 * p], points[3 * p + 1], points[3 * p + 2]);
            }
        }
        return out;
    }

    /**
     * Eigenvalues of the symmetric 3×3 matrix (xx, yy, zz, xy, xz, yz) = t[o..o+6), descending, by
     * the trigonometric solution of the characteristic cubic (Smith 1961).
     */
    static double[] eigenvalues(double[] t, int o) {
        double a = t[o];
        double b = t[o + 1];
        double c = t[o + 2];
        double d = t[o + 3];
        double e = t[o + 4];
        double f = t[o + 5];
        double off = d * d + e * e + f * f;
        double q = (a + b + c) / 3;
        double p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2 * off;
        if (p2 <= 1e-300) {
            return new double[] {q, q, q};
        }
        double p = Math.sqrt(p2 / 6);
        // B = (A - qI) / p; r = det(B) / 2
        double ba = (a - q) / p;
        double bb = (b - q) / p;
        double bc = (c - q) / p;
        double bd = d / p;
        double be = e / p;
        double bf = f / p;
        double det = ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be);
        double r = Math.max(-1, Math.min(1, det / 2));
        double phi = Math.acos(r) / 3;
        double l1 = q + 2 * p * Math.cos(phi);
        double l3 = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
        return new double[] {l1, 3 * q - l1 - l3, l3};
    }

    double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
