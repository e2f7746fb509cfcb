package org.cosmicweb.experiments;

import java.util.Arrays;

/**
 * Least squares over the probability simplex: the weights w ≥ 0, Σ w = 1 that minimise
 * Σ_i (y_i − Σ_k w_k m_ki)², the convex combination of K predictions closest to the truth. With
 * r_k = m_k − y the objective is wᵀ R w, R_kl = mean_i(r_ki r_li), minimised by accelerated
 * projected gradient (FISTA, Beck &amp; Teboulle 2009, with adaptive restart) with the Euclidean projection onto the simplex
 * (Duchi et al. 2008); deterministic.
 */
final class SimplexLeastSquares {
    static final int MAX_ITERATIONS = 100_000;

    private SimplexLeastSquares() {
    }

    /**
     * @param predictions [K][n] predictions of K models for the same n galaxies
     * @param y           the n truths
     * @return the K weights
     */
    static double[] fit(double[][] predictions, double[] y) {
        int k = predictions.length;
        int n = y.length;
        if (k == 0 || n == 0) {
            throw new IllegalArgumentException("stacking needs at least one model and one galaxy, got " + k + " and " + n);
        }
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (predictions[a][i] - y[i]) * (predictions[b][i] - y[i]);
                }
                r[a][b] = s / n;
                r[b][a] = s / n;
            }
        }
        for (double[] row : r) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("stacking needs finite predictions and truths");
                }
            }
        }
        double lipschitz = 0; // 2 λ_max(R) ≤ 2 × the largest absolute row sum
        for (double[] row : r) {
            lipschitz = Math.max(lipschitz, 2 * Arrays.stream(row).map(Math::abs).sum());
        }
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        if (lipschitz == 0) {
            return w;
        }
        double[] z = w.clone();
        double t = 1;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] next = step(r, z, lipschitz);
            double uphill = 0;
            for (int a = 0; a < k; a++) {
                uphill += (z[a] - next[a]) * (next[a] - w[a]);
            }
            if (uphill > 0) { // the momentum overshot: restart it from w (O'Donoghue & Candès 2015)
                t = 1;
                z = w.clone();
                continue;
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            for (int a = 0; a < k; a++) {
                z[a] = next[a] + (t - 1) / tNext * (next[a] - w[a]);
            }
            w = next;
            t = tNext;
            // Optimal when a projected gradient step no longer moves w.
            double[] fixed = step(r, w, lipschitz);
            double residual = 0;
            for (int a = 0; a < k; a++) {
                residual = Math.max(residual, Math.abs(fixed[a] - w[a]));
            }
            if (residual < 1e-14) {
                break;
            }
        }
        return w;
    }

    /** One projected gradient step of wᵀ R w from x, of size 1 / L. */
    private static double[] step(double[][] r, double[] x, double lipschitz) {
        double[] v = new double[x.length];
        for (int a = 0; a < x.length; a++) {
            double g = 0;
            for (int b = 0; b < x.length; b++) {
                g += 2 * r[a][b] * x[b];
            }
            v[a] = x[a] - g / lipschitz;
        }
        return project(v);
    }

    /** The Euclidean projection of v onto {w ≥ 0, Σ w = 1}. */
    static double[] project(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        double cumulative = 0;
        double theta = 0;
        for (int j = u.length - 1, count = 1; j >= 0; j--, count++) {
            cumulative += u[j];
            double candidate = (cumulative - 1) / count;
            if (u[j] - candidate > 0) {
                theta = candidate;
            }
        }
        double[] w = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            w[a] = Math.max(v[a] - theta, 0);
        }
        return w;
    }
}
