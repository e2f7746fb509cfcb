package org.cosmicweb.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GNN over all its linking lengths at once: for each GNN model of an experiment with two or more
 * scales (gnn, gnn_2d, gnn_knn), one more run, {@code <model>_multiscale}, whose prediction for a galaxy
 * is the mixture of the networks' Gaussians at every scale weighted by their precision:
 * <pre>
 *   w_k = σ_k⁻² / Σ_j σ_j⁻²,   μ = Σ_k w_k μ_k,   σ² = Σ_k w_k (σ_k² + μ_k²) − μ²
 * </pre>
 * with the calibrated σ (σ_raw mixed with the same weights). Each network's σ says how sure it is of
 * that galaxy, so a scale that sees too little of it counts less there; nothing is fitted, and no
 * galaxy's truth is read, so the row is out of fold exactly as its parts are. It trains nothing (its
 * seconds are 0; it has no stage in the manifest). A model one of whose scales has a σ that is not
 * finite and positive (a diverged network) gets no mixture: its scales' own rows show the failure.
 */
final class MultiScale {
    static final String SUFFIX = "_multiscale";

    private MultiScale() {
    }

    /** The combined runs, one per GNN model with uncertainties at two or more scales, in first-seen order. */
    static List<ExperimentResult.Run> of(List<ExperimentResult.Run> runs) {
        Map<String, List<ExperimentResult.Run>> byModel = new LinkedHashMap<>();
        for (ExperimentResult.Run r : runs) {
            if (ExperimentResult.isGnn(r) && !Double.isNaN(r.scaleMpc()) && r.sigma() != null) {
                byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
            }
        }
        List<ExperimentResult.Run> out = new ArrayList<>();
        for (Map.Entry<String, List<ExperimentResult.Run>> e : byModel.entrySet()) {
            if (e.getValue().size() > 1 && e.getValue().stream().allMatch(MultiScale::positiveSigma)) {
                out.add(combine(e.getKey() + SUFFIX, e.getValue()));
            }
        }
        return out;
    }

    private static boolean positiveSigma(ExperimentResult.Run r) {
        for (double s : r.sigma()) {
            if (!(s > 0) || !Double.isFinite(s)) {
                return false;
            }
        }
        return true;
    }

    /** The precision-weighted mixture of {@code parts} (same galaxies, each with finite σ &gt; 0). */
    private static ExperimentResult.Run combine(String name, List<ExperimentResult.Run> parts) {
        int n = parts.get(0).mean().length;
        double[] mean = new double[n];
        double[] sigma = new double[n];
        double[] sigmaRaw = new double[n];
        for (int i = 0; i < n; i++) {
            double wSum = 0;
            for (ExperimentResult.Run r : parts) {
                wSum += 1 / (r.sigma()[i] * r.sigma()[i]);
            }
            double m = 0;
            double second = 0;
            double secondRaw = 0;
            for (ExperimentResult.Run r : parts) {
                double s = r.sigma()[i];
                double w = 1 / (s * s) / wSum;
                double mu = r.mean()[i];
                m += w * mu;
                second += w * (s * s + mu * mu);
                secondRaw += w * (r.sigmaRaw()[i] * r.sigmaRaw()[i] + mu * mu);
            }
            mean[i] = m;
            sigma[i] = Math.sqrt(Math.max(0, second - m * m));
            sigmaRaw[i] = Math.sqrt(Math.max(0, secondRaw - m * m));
        }
        return new ExperimentResult.Run(name, Double.NaN, mean, sigma, sigmaRaw, 0);
    }
}
