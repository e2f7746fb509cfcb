package org.cosmicweb.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-box RMSE of every model run of a suite experiment: the RMSE of log M* over each held-out
 * box's galaxies, its distribution over boxes (median and 16th–84th percentile, linear
 * interpolation, every box weighted alike), and the Spearman rank correlation of the best run's
 * per-box RMSE with each box parameter. The "most important parameter" is the one with the largest
 * |ρ|: the parameter the model's accuracy depends on most (the seed is never a candidate).
 *
 * @param runs       the runs, in the order they ran
 * @param rmse       [run][box] RMSE over the box's galaxies
 * @param galaxies   galaxies per box
 * @param foldOfBox  the fold that held out each box
 * @param reference  index of the run whose correlations are reported (the best GNN, else the best run)
 * @param spearman   ρ of the reference run's per-box RMSE with each parameter (NaN for the seed)
 */
public record PerBox(List<ExperimentResult.Run> runs, double[][] rmse, int[] galaxies, int[] foldOfBox, int reference,
                     double[] spearman) {

    public static PerBox of(ExperimentResult r) {
        ExperimentData d = r.data();
        int boxes = d.boxCount();
        int[] foldOfBox = new int[boxes];
        int[] galaxies = new int[boxes];
        double[][] rmse = new double[r.runs().size()][boxes];
        for (int b = 0; b < boxes; b++) {
            int[] rows = d.galaxiesOfBox(b);
            galaxies[b] = rows.length;
            foldOfBox[b] = rows.length == 0 ? -1 : r.fold()[rows[0]];
            for (int k = 0; k < r.runs().size(); k++) {
                double[] mean = r.runs().get(k).mean();
                double s = 0;
                for (int i : rows) {
                    double e = mean[i] - d.target[i];
                    s += e * e;
                }
                rmse[k][b] = rows.length == 0 ? Double.NaN : Math.sqrt(s / rows.length);
            }
        }
        List<ExperimentResult.Run> best = ReportWriter.best(r);
        ExperimentResult.Run ref = best.isEmpty() ? r.runs().get(0) : best.get(best.size() - 1);
        int reference = r.runs().indexOf(ref);
        List<String> names = d.parameterNames();
        double[] rho = new double[names.size()];
        for (int p = 0; p < names.size(); p++) {
            rho[p] = names.get(p).equalsIgnoreCase(org.cosmicweb.simulations.ParameterTable.SEED) ? Double.NaN
                    : spearman(d.boxParameter(names.get(p)), rmse[reference]);
        }
        return new PerBox(r.runs(), rmse, galaxies, foldOfBox, reference, rho);
    }

    /** Median, 16th and 84th percentile of run k's per-box RMSE. */
    public double[] quantiles(int k) {
        double[] v = Arrays.stream(rmse[k]).filter(x -> !Double.isNaN(x)).sorted().toArray();
        return new double[] {BlockBootstrap.percentile(v, 0.5), BlockBootstrap.percentile(v, 0.16),
            BlockBootstrap.percentile(v, 0.84)};
    }

    /** Index of the parameter with the largest |ρ|, or -1 without parameters. */
    public int mostImportant() {
        int best = -1;
        for (int p = 0; p < spearman.length; p++) {
            if (!Double.isNaN(spearman[p]) && (best < 0 || Math.abs(spearman[p]) > Math.abs(spearman[best]))) {
                best = p;
            }
        }
        return best;
    }

    /** Spearman's rank correlation: Pearson's of the ranks (ties share their mean rank); NaN pairs dropped. */
    static double spearman(double[] a, double[] b) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                pairs.add(new double[] {a[i], b[i]});
            }
        }
        int n = pairs.size();
        if (n < 3) {
            return Double.NaN;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1];
        }
        return pearson(ranks(x), ranks(y));
    }

    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[idx[t]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
