package org.cosmicweb.experiments;

/**
 * What every model of an experiment offers, the GNN and the baselines alike: fit on training
 * galaxies, then predict log M* (and, where the model has one, its σ) for other galaxies.
 */
public interface GalaxyModel {
    /** Short name used in tables and file columns, e.g. {@code boost_noenv}. */
    String name();

    /** Trains on the galaxies at {@code trainRows} of {@code data}. */
    Fitted fit(ExperimentData data, int[] trainRows);

    /** A trained model. */
    interface Fitted {
        Prediction predict(ExperimentData data, int[] rows);
    }

    /** Predicted log M* per requested row; sigma is null when the model gives no uncertainty. */
    record Prediction(double[] mean, double[] sigma) {
    }
}
