package org.cosmicweb.simulations.mock;

/**
 * In-place complex 3D FFT on an n x n x n grid (n a power of two), arrays indexed
 * {@code (i * n + j) * n + k}. Forward uses exp(-2 pi i k x / n); the inverse divides by n^3, so
 * inverse(forward(f)) == f.
 */
final class Fft3d {
    private final int n;
    private final double[] cos;
    private final double[] sin;

    Fft3d(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("grid size must be a power of two >= 2, got " + n);
        }
        this.n = n;
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
    }

    void forward(double[] re, double[] im) {
        transform(re, im, false);
    }

    void inverse(double[] re, double[] im) {
        transform(re, im, true);
        double s = 1.0 / ((double) n * n * n);
        for (int i = 0; i < re.length; i++) {
            re[i] *= s;
            im[i] *= s;
        }
    }

    private void transform(double[] re, double[] im, boolean inverse) {
        double[] lr = new double[n];
        double[] li = new double[n];
        int[] strides = {n * n, n, 1};
        for (int axis = 0; axis < 3; axis++) {
            int stride = strides[axis];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    int base = lineBase(axis, a, b);
                    for (int t = 0; t < n; t++) {
                        lr[t] = re[base + t * stride];
                        li[t] = im[base + t * stride];
                    }
                    fft1d(lr, li, inverse);
                    for (int t = 0; t < n; t++) {
                        re[base + t * stride] = lr[t];
                        im[base + t * stride] = li[t];
                    }
                }
            }
        }
    }

    private int lineBase(int axis, int a, int b) {
        return switch (axis) {
            case 0 -> a * n + b;
            case 1 -> a * n * n + b;
            default -> (a * n + b) * n;
        };
    }

    private void fft1d(double[] re, double[] im, boolean inverse) {
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1) {
            int step = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int u = i + k;
                    int v = u + len / 2;
                    double xr = re[v] * wr - im[v] * wi;
                    double xi = re[v] * wi + im[v] * wr;
                    re[v] = re[u] - xr;
                    im[v] = im[u] - xi;
                    re[u] += xr;
                    im[u] += xi;
                }
            }
        }
    }

    /** Signed wavenumber index of grid index {@code i}: 0..n/2 then -n/2+1..-1. */
    int freq(int i) {
        return i <= n / 2 ? i : i - n;
    }
}
