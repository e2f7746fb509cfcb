package org.cosmicweb.gnn;

/**
 * Optimisation settings with literature defaults: AdamW at learning rate 1e-2 with weight decay
 * 1e-4 on weight matrices, the rate multiplied by {@code decayFactor} at 25, 50 and 75 % of the
 * epochs, Gaussian feature noise of 3e-4 standard deviations on node features each epoch, the
 * parameters of the epoch with the best held-out loss kept, and the gradients of β-NLL with
 * {@code beta} ({@link GaussianNll}; 0 is the plain NLL).
 */
public record TrainingConfig(int epochs, double learningRate, double weightDecay, double decayFactor,
                             double featureNoise, long seed, double beta) {
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
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta of the beta-NLL must be in [0, 1], got " + beta);
        }
    }

    public static TrainingConfig defaults(int epochs, long seed) {
        return new TrainingConfig(epochs, 1e-2, 1e-4, 0.3, 3e-4, seed, 0);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(epochs, lr, weightDecay, decayFactor, featureNoise, seed, beta);
    }

    public TrainingConfig withBeta(double b) {
        return new TrainingConfig(epochs, learningRate, weightDecay, decayFactor, featureNoise, seed, b);
    }

    public TrainingConfig withWeightDecay(double wd) {
        return new TrainingConfig(epochs, learningRate, wd, decayFactor, featureNoise, seed, beta);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, learningRate, weightDecay, decayFactor, featureNoise, s, beta);
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
