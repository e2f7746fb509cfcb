package org.cosmicweb.experiments;

import java.util.List;

/**
 * Out-of-fold predictions of every model run and their metrics.
 *
 * @param fold        fold index of each galaxy (the fold that validated it)
 * @param runs        one entry per model run, in the order they ran
 * @param metrics     rows of metrics.csv
 * @param comparisons paired differences of each GNN run against reference baselines (comparisons.csv)
 */
public record ExperimentResult(ExperimentData data, ExperimentConfig config, int[] fold, List<Run> runs,
                               List<MetricRow> metrics, List<Comparison> comparisons, double seconds,
                               List<Stage> stages) {
    public ExperimentResult(ExperimentData data, ExperimentConfig config, int[] fold, List<Run> runs,
                            List<MetricRow> metrics, List<Comparison> comparisons, double seconds) {
        this(data, config, fold, runs, metrics, comparisons, seconds, List.of());
    }

    /**
     * One stage of a run as it went (for the manifest): a model over every fold, its wall seconds,
     * the directed edges of its graph (0 for baselines) and the process's peak RSS after it (MiB).
     */
    public record Stage(String name, double seconds, long edges, double peakRssMb) {
    }


    /**
     * One model at one scale: its column key and its out-of-fold predictions for every galaxy, with the
     * calibrated σ and the raw σ before calibration (both null without uncertainties).
     */
    public record Run(String model, double scaleMpc, double[] mean, double[] sigma, double[] sigmaRaw, double seconds) {
        public Run(String model, double scaleMpc, double[] mean, double[] sigma, double seconds) {
            this(model, scaleMpc, mean, sigma, sigma, seconds);
        }

        /** Column name in predictions.csv, e.g. gnn_D3, gnn_2d_D5, gnn_knn_k10 or boost_overdensity_R1. */
        public String column() {
            if (Double.isNaN(scaleMpc)) {
                return model;
            }
            String s = scaleMpc == Math.rint(scaleMpc) ? Long.toString((long) scaleMpc) : Double.toString(scaleMpc);
            return model + (model.equals("gnn_knn") ? "_k" : model.startsWith("gnn") ? "_D" : "_R") + s;
        }
    }

    /**
     * One row of metrics.csv: the metrics, the RMSE's block-bootstrap standard error, and
     * {@code within1Sigma}/{@code within2Sigma} (NaN without uncertainties).
     */
    public record MetricRow(String model, double scaleMpc, String subset, Metrics metrics, double rmseSe,
                            double within1Sigma, double within2Sigma) {
    }

    /** RMSE(run) − RMSE(reference) on one subset, paired over the same bootstrap replicates. */
    public record Comparison(Run run, Run reference, String role, String subset, BlockBootstrap.Difference difference) {
    }

    /** RMSE on all galaxies of a run. */
    public double rmse(Run r) {
        MetricRow m = row(r, "all");
        return m == null ? Double.NaN : m.metrics().rmse();
    }

    /** The metric row of a run and subset, or null. */
    public MetricRow row(Run r, String subset) {
        for (MetricRow m : metrics) {
            if (m.model().equals(r.model()) && m.subset().equals(subset)
                    && (Double.compare(m.scaleMpc(), r.scaleMpc()) == 0)) {
                return m;
            }
        }
        return null;
    }

    /** Whether a run is one of the GNN's (the model and its hybrids), not a baseline. */
    public static boolean isGnn(Run r) {
        return r.model().startsWith("gnn");
    }
}
