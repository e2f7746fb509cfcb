package org.cosmicweb.experiments;

/**
 * What every model of an experiment offers, the GNN and the baselines alike: fit on training
 * galaxies, then predict log M* (and, where the model has one, its σ) for other galaxies.
 */
public interface GalaxyModel {
    /** Short name used in tables and file columns, e.g. {@code boost_noenv}. */
    String name();

    /**
     * Trains on the targets of the galaxies at {@code trainRows}. Nothing of the galaxies at
     * {@code excludedRows} (the validation fold) may influence the fit; every other galaxy (e.g.
     * the padding between folds) may be read for its halo properties and position, never its target.
     */
    Fitted fit(ExperimentData data, int[] trainRows, int[] excludedRows);

    /**
     * Throws, before anything trains, what {@link #fit} would throw about these training rows alone
     * (e.g. too few galaxies on either side of a held-out slab), so that a bad fold is found in
     * seconds rather than after other models have trained. Checks nothing by default.
     */
    default void checkFold(ExperimentData data, int[] trainRows) {
    }

    /** Trains on {@code trainRows} with no galaxy excluded. */
    default Fitted fit(ExperimentData data, int[] trainRows) {
        return fit(data, trainRows, new int[0]);
    }

    /**
     * A trained model. Close it when done: models holding native memory (XGBoost's boosters) free
     * it then; for the others closing does nothing.
     */
    interface Fitted extends AutoCloseable {
        Prediction predict(ExperimentData data, int[] rows);

        /**
         * The model's predictions for the training galaxies it held out from its loss (the GNN's
         * early-stopping slab), or null when it has none: what a combination of several models
         * ({@link Stacking}) may be fitted on without reading a validation galaxy.
         */
        default HeldOut heldOut() {
            return null;
        }

        @Override
        default void close() {
        }
    }

    /**
     * Predictions for held-out training rows (ascending), with the calibrated σ: rows whose targets
     * the model never scored.
     */
    record HeldOut(int[] rows, double[] mean, double[] sigma) implements java.io.Serializable {
    }

    /**
     * Predicted log M* per requested row; sigma is null when the model gives no uncertainty, and
     * sigmaRaw is the uncertainty before any calibration (the same as sigma when there is none).
     */
    record Prediction(double[] mean, double[] sigma, double[] sigmaRaw) {
        public Prediction(double[] mean, double[] sigma) {
            this(mean, sigma, sigma);
        }
    }
}
