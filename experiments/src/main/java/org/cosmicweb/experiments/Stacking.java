package org.cosmicweb.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GNN over all its linking lengths at once, by stacking (Wolpert 1992; Breiman 1996): for each
 * GNN model run at two or more scales, one more run, {@code <model>_stacked}, whose prediction is
 * μ = Σ_k w_k μ_k with weights w_k ≥ 0, Σ w_k = 1, fitted in each fold by least squares on the
 * fold's early-stopping slab, the training galaxies that no network of the fold scored (the slab
 * depends only on the fold's training galaxies and the seed, so it is the same at every scale). A
 * scale that sees nothing the others do not gets weight 0 there, and no validation galaxy's truth
 * is read: the row is out of fold exactly as its parts are. Its σ² is the mixture's,
 * Σ w_k σ_k² + Σ w_k (μ_k − μ)², times the temperature T² that makes the slab's mean squared
 * standardised residual 1 (as each network's σ is calibrated); σ_raw is the mixture of the raw σ.
 * The row trains nothing (its seconds are 0). A model one of whose scales has no held-out
 * predictions (an ensemble, whose members hold out different slabs), slabs that differ between
 * scales, or a mean or σ that is not finite (a diverged network) gets no stacked row, and the log
 * says why.
 */
final class Stacking {
    static final String SUFFIX = "_stacked";

    private Stacking() {
    }

    /**
     * The stacked runs, one per GNN model with held-out predictions at two or more scales, in
     * first-seen order.
     *
     * @param runs    one run per plan index (the results' planIndex indexes it)
     * @param results every unit's result
     * @param foldOf  the fold whose validation set holds each galaxy
     * @param target  every galaxy's log M*; only the slabs' entries are read
     */
    static List<ExperimentResult.Run> of(List<ExperimentResult.Run> runs, List<ExperimentRunner.UnitResult> results,
                                         int folds, int[] foldOf, double[] target) {
        return of(runs, results, folds, foldOf, target, line -> { });
    }

    /** As {@link #of(List, List, int, int[], double[])}, telling {@code log} each fold's weights. */
    static List<ExperimentResult.Run> of(List<ExperimentResult.Run> runs, List<ExperimentRunner.UnitResult> results,
                                         int folds, int[] foldOf, double[] target,
                                         java.util.function.Consumer<String> log) {
        Map<String, List<Integer>> byModel = new LinkedHashMap<>();
        for (int m = 0; m < runs.size(); m++) {
            ExperimentResult.Run r = runs.get(m);
            if (ExperimentResult.isGnn(r) && !Double.isNaN(r.scaleMpc()) && r.sigma() != null) {
                byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(m);
            }
        }
        List<ExperimentResult.Run> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byModel.entrySet()) {
            List<Integer> plan = e.getValue();
            if (plan.size() < 2) {
                continue;
            }
            List<ExperimentResult.Run> parts = new ArrayList<>();
            GalaxyModel.HeldOut[][] held = new GalaxyModel.HeldOut[plan.size()][folds];
            for (int k = 0; k < plan.size(); k++) {
                parts.add(runs.get(plan.get(k)));
                for (ExperimentRunner.UnitResult u : results) {
                    if (u.planIndex() == plan.get(k)) {
                        held[k][u.fold()] = u.heldOut();
                    }
                }
            }
            String why = unusable(parts, held);
            if (why == null) {
                out.add(combine(e.getKey() + SUFFIX, parts, held, foldOf, target, log));
            } else {
                log.accept("no " + e.getKey() + SUFFIX + " row: " + why);
            }
        }
        return out;
    }

    /**
     * Why the scales cannot be stacked, or null when they can: every scale has held-out predictions in
     * every fold, on the same rows, with finite means and finite, positive σ.
     */
    private static String unusable(List<ExperimentResult.Run> parts, GalaxyModel.HeldOut[][] held) {
        for (int k = 0; k < held.length; k++) {
            String scale = parts.get(k).column();
            if (!finite(parts.get(k).mean()) || !positive(parts.get(k).sigma())) {
                return scale + " predicted a mean or sigma that is not finite (diverged)";
            }
            for (int f = 0; f < held[k].length; f++) {
                if (held[k][f] == null) {
                    return scale + " has no held-out predictions in fold " + (f + 1)
                            + " (an ensemble's members hold out different slabs)";
                }
                if (held[k][f].rows().length == 0 || !Arrays.equals(held[k][f].rows(), held[0][f].rows())) {
                    return "fold " + (f + 1) + " holds out other galaxies for " + scale + " than for "
                            + parts.get(0).column();
                }
                if (!finite(held[k][f].mean()) || !positive(held[k][f].sigma())) {
                    return scale + " predicted a held-out mean or sigma that is not finite in fold "
                            + (f + 1);
                }
            }
        }
        return null;
    }

    private static boolean positive(double[] sigma) {
        for (double s : sigma) {
            if (!(s > 0) || !Double.isFinite(s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The stacked run: in each fold, weights fitted on the slab applied to the fold's validation galaxies. */
    static ExperimentResult.Run combine(String name, List<ExperimentResult.Run> parts, GalaxyModel.HeldOut[][] held,
                                       int[] foldOf, double[] target, java.util.function.Consumer<String> log) {
        int n = foldOf.length;
        int scales = parts.size();
        double[] mean = new double[n];
        double[] sigma = new double[n];
        double[] sigmaRaw = new double[n];
        for (int f = 0; f < held[0].length; f++) {
            int[] slab = held[0][f].rows();
            double[][] slabMean = new double[scales][];
            double[][] slabSigma = new double[scales][];
            for (int k = 0; k < scales; k++) {
                slabMean[k] = held[k][f].mean();
                slabSigma[k] = held[k][f].sigma();
            }
            double[] y = new double[slab.length];
            for (int i = 0; i < slab.length; i++) {
                y[i] = target[slab[i]];
            }
            double[] w = SimplexLeastSquares.fit(slabMean, y);
            double temperature = temperature(slabMean, slabSigma, y, w);
            log.accept(describe(name, f, parts, w, slab.length, temperature));
            double[] mu = new double[scales];
            double[] s = new double[scales];
            double[] sRaw = new double[scales];
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != f) {
                    continue;
                }
                for (int k = 0; k < scales; k++) {
                    mu[k] = parts.get(k).mean()[i];
                    s[k] = parts.get(k).sigma()[i];
                    sRaw[k] = parts.get(k).sigmaRaw()[i];
                }
                mean[i] = mixtureMean(w, mu);
                sigma[i] = temperature * Math.sqrt(mixtureVariance(w, mu, s, mean[i]));
                sigmaRaw[i] = Math.sqrt(mixtureVariance(w, mu, sRaw, mean[i]));
            }
        }
        return new ExperimentResult.Run(name, Double.NaN, mean, sigma, sigmaRaw, 0);
    }

    /** One line: a fold's weights per scale, its slab and temperature. */
    private static String describe(String name, int fold, List<ExperimentResult.Run> parts, double[] w, int slab,
                                   double temperature) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s fold %d, weights", name, fold + 1));
        for (int k = 0; k < parts.size(); k++) {
            b.append(String.format(Locale.ROOT, " %s %.3f",
                    Tables.scaleLabel(parts.get(k).model(), parts.get(k).scaleMpc()), w[k]));
        }
        return b.append(String.format(Locale.ROOT, " (fitted on %d held-out galaxies; sigma scale %.3f)", slab,
                temperature)).toString();
    }

    /** T with T² the slab's mean of ((y − μ) / σ)² under the stacked μ and σ; 1 when that is 0. */
    private static double temperature(double[][] slabMean, double[][] slabSigma, double[] y, double[] w) {
        double sum = 0;
        double[] mu = new double[w.length];
        double[] s = new double[w.length];
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < w.length; k++) {
                mu[k] = slabMean[k][i];
                s[k] = slabSigma[k][i];
            }
            double m = mixtureMean(w, mu);
            sum += sq(y[i] - m) / mixtureVariance(w, mu, s, m);
        }
        double t = Math.sqrt(sum / y.length);
        return t > 0 && Double.isFinite(t) ? t : 1; // a slab fitted exactly says nothing of σ's size
    }

    /** One galaxy's Σ_k w_k μ_k. */
    private static double mixtureMean(double[] w, double[] mu) {
        double m = 0;
        for (int k = 0; k < w.length; k++) {
            m += w[k] * mu[k];
        }
        return m;
    }

    /** One galaxy's mixture variance about its mean m: Σ_k w_k (σ_k² + (μ_k − m)²). */
    private static double mixtureVariance(double[] w, double[] mu, double[] sigma, double m) {
        double v = 0;
        for (int k = 0; k < w.length; k++) {
            v += w[k] * (sq(sigma[k]) + sq(mu[k] - m));
        }
        return v;
    }

    private static double sq(double x) {
        return x * x;
    }
}
