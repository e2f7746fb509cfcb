package org.cosmicweb.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a model's σ describes its errors: the fraction of galaxies within 1σ and 2σ of the
 * prediction (ideal 0.683 and 0.954 for Gaussian errors), before and after the post-hoc
 * temperature, on all galaxies, centrals, satellites and bins of true log M*; and the probability
 * integral transform PIT = Φ((y − μ) / σ), uniform on [0, 1] for a calibrated model.
 */
public final class Calibration {
    /** Edges of the true log M* bins (Msun); the last bin is open. */
    static final double[] MSTAR_BINS = {9, 9.5, 10, 10.5, 11};

    /** Coverage of one run on one group of galaxies. */
    public record Row(ExperimentResult.Run run, String group, int n, double raw1, double raw2, double cal1, double cal2) {
    }

    private Calibration() {
    }

    /** Group names in table order: all, centrals, satellites, then log M* bins. */
    static List<String> groups() {
        List<String> g = new ArrayList<>(List.of("all", "centrals", "satellites"));
        for (int b = 0; b < MSTAR_BINS.length; b++) {
            g.add(b + 1 < MSTAR_BINS.length
                    ? String.format(Locale.ROOT, "logM* %.1f-%.1f", MSTAR_BINS[b], MSTAR_BINS[b + 1])
                    : String.format(Locale.ROOT, "logM* >= %.1f", MSTAR_BINS[b]));
        }
        return g;
    }

    private static boolean inGroup(ExperimentData d, int i, int group) {
        if (group == 0) {
            return true;
        }
        if (group <= 2) {
            return d.catalog.isCentral()[i] == (group == 1);
        }
        int b = group - 3;
        double y = d.target[i];
        return y >= MSTAR_BINS[b] && (b + 1 == MSTAR_BINS.length || y < MSTAR_BINS[b + 1]);
    }

    /** Coverage rows of every run with uncertainties, per group. */
    public static List<Row> rows(ExperimentResult r) {
        List<Row> out = new ArrayList<>();
        ExperimentData d = r.data();
        List<String> names = groups();
        for (ExperimentResult.Run run : r.runs()) {
            if (run.sigma() == null) {
                continue;
            }
            for (int g = 0; g < names.size(); g++) {
                int n = 0;
                int[] counts = new int[4];
                for (int i = 0; i < d.size(); i++) {
                    if (!inGroup(d, i, g)) {
                        continue;
                    }
                    n++;
                    double e = Math.abs(run.mean()[i] - d.target[i]);
                    counts[0] += e <= run.sigmaRaw()[i] ? 1 : 0;
                    counts[1] += e <= 2 * run.sigmaRaw()[i] ? 1 : 0;
                    counts[2] += e <= run.sigma()[i] ? 1 : 0;
                    counts[3] += e <= 2 * run.sigma()[i] ? 1 : 0;
                }
                if (n > 0) {
                    out.add(new Row(run, names.get(g), n, (double) counts[0] / n, (double) counts[1] / n,
                            (double) counts[2] / n, (double) counts[3] / n));
                }
            }
        }
        return out;
    }

    /** PIT values Φ((y − μ) / σ) of a run with the given σ. */
    static double[] pit(ExperimentData d, double[] mean, double[] sigma) {
        double[] u = new double[d.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = normalCdf((d.target[i] - mean[i]) / sigma[i]);
        }
        return u;
    }

    /** Φ(z) by the complementary error function (Numerical Recipes erfc, |error| below 1.2e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * x);
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }
}
