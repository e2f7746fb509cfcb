package org.cosmicweb.gnn;

/**
 * Optimisation settings with literature defaults: AdamW at learning rate 1e-2 with weight decay
 * 1e-4 on weight matrices, the rate multiplied by {@code decayFactor} at 25, 50 and 75 % of the
 * epochs, Gaussian feature noise of 3e-4 standard deviations on node features each epoch, and the
 * parameters of the epoch with the best validation loss kept.
 */
public record TrainingConfig(int epochs, double learningRate, double weightDecay, double decayFactor,
                             double featureNoise, long seed) {
    public TrainingConfig {
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("epochs must be in 1..100000, got " + epochs);
        }
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10), got " + learningRate);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("weight decay must be in [0, 1), got " + weightDecay);
        }
        if (!(decayFactor > 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decay factor must be in (0, 1], got " + decayFactor);
        }
        if (!(featureNoise >= 0 && featureNoise < 1)) {
            throw new IllegalArgumentException("feature noise must be in [0, 1), got " + featureNoise);
        }
    }

    public static TrainingConfig defaults(int epochs, long seed) {
        return new TrainingConfig(epochs, 1e-2, 1e-4, 0.3, 3e-4, seed);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(epochs, lr, weightDecay, decayFactor, featureNoise, seed);
    }

    /** Learning rate of a 0-based epoch: decayed once per milestone passed (25, 50, 75 %). */
    public double rateAt(int epoch) {
        int passed = 0;
        for (double f : new double[] {0.25, 0.5, 0.75}) {
            if (epoch >= Math.round(f * epochs) && Math.round(f * epochs) > 0) {
                passed++;
            }
        }
        return learningRate * Math.pow(decayFactor, passed);
    }
}
