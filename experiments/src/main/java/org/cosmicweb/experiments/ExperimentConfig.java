package org.cosmicweb.experiments;

import java.util.Arrays;

/**
 * Settings of one linking-length experiment. Defaults follow the literature where it has one
 * (3 folds along z with 10 Mpc padding; overdensity radii 0.3–10 Mpc).
 *
 * @param linkingLengthsMpc GNN linking lengths D
 * @param radiiMpc          overdensity radii R of the boosting baselines
 * @param folds             spatial folds along z
 * @param padMpc            padding between validation slab and training galaxies
 * @param epochs            GNN epochs per fold
 * @param heads             unshared edge MLPs of the GNN
 * @param hidden            hidden width of every MLP
 * @param latent            message width
 * @param learningRate      AdamW learning rate
 * @param boostRounds       XGBoost rounds
 * @param seed              seed of every random choice
 * @param memoryBudgetBytes target graph bytes per GNN minibatch: smaller gives more, smaller spatial
 *                          minibatches per epoch (never blocks thinner than twice the linking length)
 */
public record ExperimentConfig(double[] linkingLengthsMpc, double[] radiiMpc, int folds, double padMpc, int epochs,
                               int heads, int hidden, int latent, double learningRate, int boostRounds, long seed,
                               long memoryBudgetBytes) {
    public ExperimentConfig {
        if (linkingLengthsMpc.length == 0) {
            throw new IllegalArgumentException("give at least one linking length");
        }
        for (double d : linkingLengthsMpc) {
            if (!(d >= 0.1 && d <= 50)) {
                throw new IllegalArgumentException("linking lengths must be in [0.1, 50] Mpc, got " + d);
            }
        }
        for (double r : radiiMpc) {
            if (!(r >= 0.1 && r <= 50)) {
                throw new IllegalArgumentException("overdensity radii must be in [0.1, 50] Mpc, got " + r);
            }
        }
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be in 2..20, got " + folds);
        }
        if (!(padMpc >= 0)) {
            throw new IllegalArgumentException("padding must be >= 0 Mpc, got " + padMpc);
        }
        if (epochs < 1 || heads < 0 || hidden < 1 || latent < 1 || boostRounds < 1 || memoryBudgetBytes < 1 << 10) {
            throw new IllegalArgumentException("epochs, hidden, latent and boosting rounds must be >= 1, heads >= 0,"
                    + " memory budget >= 1 KiB");
        }
        linkingLengthsMpc = linkingLengthsMpc.clone();
        radiiMpc = radiiMpc.clone();
    }

    /**
     * The embedded default, about 3 minutes on 2 cores. A small GNN (2 heads of width 32): on the
     * 100 Mpc/h mock, 4 heads of width 48 trained for 60 epochs did worse out of fold (D = 3 Mpc:
     * RMSE 0.170 against 0.167), overfitting its ~19k training galaxies per fold.
     */
    public static ExperimentConfig embedded(long seed) {
        return new ExperimentConfig(new double[] {1, 2, 3, 5}, new double[] {0.3, 1, 2, 3, 5, 10}, 3, 10, 40, 2, 32, 16,
                5e-3, 300, seed, 256L << 10);
    }

    /** Smoke run on the same mock for tests and a first look: D = 1 and 3 Mpc only, about a minute. */
    public static ExperimentConfig quick(long seed) {
        return new ExperimentConfig(new double[] {1, 3}, new double[] {0.3, 1, 2, 3, 5, 10}, 3, 10, 40, 2, 32, 16, 5e-3,
                300, seed, 256L << 10);
    }

    public String toJson() {
        return String.format(java.util.Locale.ROOT,
                "{\"linking_lengths_mpc\":%s,\"overdensity_radii_mpc\":%s,\"folds\":%d,\"pad_mpc\":%s,\"epochs\":%d,"
                        + "\"heads\":%d,\"hidden\":%d,\"latent\":%d,\"learning_rate\":%s,\"boost_rounds\":%d,\"seed\":%d,"
                        + "\"memory_budget_bytes\":%d}",
                Arrays.toString(linkingLengthsMpc), Arrays.toString(radiiMpc), folds, padMpc, epochs, heads, hidden,
                latent, learningRate, boostRounds, seed, memoryBudgetBytes);
    }
}
