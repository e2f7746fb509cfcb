package org.cosmicweb.experiments;

import java.util.Arrays;

/**
 * Point-prediction metrics of log M*, with Δ = predicted − true:
 * RMSE = sqrt(mean Δ²); NMAD = 1.4826 median |Δ − median Δ|; MAE = mean |Δ|; Pearson ρ;
 * R² = 1 − Σ Δ² / Σ (y − ȳ)²; bias = mean Δ; outlier fraction = fraction with |Δ| &gt; 3 NMAD.
 */
public record Metrics(double rmse, double nmad, double mae, double pearson, double r2, double bias,
                      double outlierFraction, int n) {

    public static Metrics of(double[] predicted, double[] truth) {
        int n = predicted.length;
        if (n != truth.length) {
            throw new IllegalArgumentException("predictions and truths differ in length: " + n + " vs " + truth.length);
        }
        if (n == 0) {
            return new Metrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] d = new double[n];
        double s2 = 0;
        double sa = 0;
        double sb = 0;
        double my = 0;
        double mp = 0;
        for (int i = 0; i < n; i++) {
            d[i] = predicted[i] - truth[i];
            s2 += d[i] * d[i];
            sa += Math.abs(d[i]);
            sb += d[i];
            my += truth[i];
            mp += predicted[i];
        }
        my /= n;
        mp /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (predicted[i] - mp) * (truth[i] - my);
            sxx += (predicted[i] - mp) * (predicted[i] - mp);
            syy += (truth[i] - my) * (truth[i] - my);
        }
        double med = median(d.clone());
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(d[i] - med);
        }
        double nmad = 1.4826 * median(dev);
        int out = 0;
        for (double x : d) {
            out += Math.abs(x) > 3 * nmad ? 1 : 0;
        }
        return new Metrics(Math.sqrt(s2 / n), nmad, sa / n, sxy / Math.sqrt(sxx * syy), 1 - s2 / syy, sb / n,
                (double) out / n, n);
    }

    static double median(double[] a) {
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
    }

    /** Fraction of |Δ| within k σ, for calibration of predicted uncertainties. */
    public static double coverage(double[] predicted, double[] sigma, double[] truth, double k) {
        int in = 0;
        for (int i = 0; i < predicted.length; i++) {
            in += Math.abs(predicted[i] - truth[i]) <= k * sigma[i] ? 1 : 0;
        }
        return predicted.length == 0 ? Double.NaN : (double) in / predicted.length;
    }
}
