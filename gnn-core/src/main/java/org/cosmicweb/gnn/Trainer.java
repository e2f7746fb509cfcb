package org.cosmicweb.gnn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Minibatch training: each epoch visits the training batches (spatial partitions) in a seeded
 * random order, adds feature noise, takes one AdamW step per batch, then scores the validation
 * batches; the parameters of the best validation epoch are restored at the end. Same seed, same
 * batches → the same numbers.
 */
public final class Trainer {
    /** Called after every epoch; may print progress. */
    @FunctionalInterface
    public interface Listener {
        void epoch(int epoch, int epochs, double trainLoss, double validationLoss, double learningRate);
    }

    /**
     * Loss history and the best epoch.
     *
     * @param allocatedBytesPerRow bytes the JVM allocated (all threads) after the first epoch, when the
     *                             code is compiled, per edge and node of the training steps: 150 to 300
     *                             on the CPU engine with the defaults; NaN with one epoch or without the
     *                             JVM's counters
     */
    public record History(double[] trainLoss, double[] validationLoss, int bestEpoch, double allocatedBytesPerRow) {
    }

    private Trainer() {
    }

    /** Trains on the CPU engine. */
    public static History train(GnnModel model, List<GraphBatch> train, List<GraphBatch> validation,
                                TrainingConfig cfg, Listener listener) {
        try (StepEngine engine = StepEngine.cpu(model, cfg.weightDecay(), cfg.beta())) {
            return train(engine, train, validation, cfg, listener);
        }
    }

    /**
     * Trains with the given engine (built with {@code cfg}'s weight decay and β) and leaves the
     * parameters of the best validation epoch in its model. The validation batches must score
     * held-out nodes: early stopping never selects on the training loss.
     */
    public static History train(StepEngine model, List<GraphBatch> train, List<GraphBatch> validation,
                                TrainingConfig cfg, Listener listener) {
        if (train.stream().noneMatch(g -> g.numScored > 0)) {
            throw new IllegalArgumentException("no training batch scores a node");
        }
        if (validation.stream().noneMatch(g -> g.numScored > 0)) {
            throw new IllegalArgumentException("early stopping needs held-out nodes: no validation batch scores a node");
        }
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        double[] trainLoss = new double[cfg.epochs()];
        double[] validLoss = new double[cfg.epochs()];
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        float[][] bestParams = model.snapshot();
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < train.size(); b++) {
            order.add(b);
        }
        long allocatedFrom = -1;
        long rows = 0;
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            if (epoch == 1) {
                allocatedFrom = JvmCounters.allocatedBytes();
            }
            double lr = cfg.rateAt(epoch);
            shuffle(order, rng);
            double sum = 0;
            long count = 0;
            for (int b : order) {
                GraphBatch g = train.get(b);
                if (g.numScored == 0) {
                    continue;
                }
                float[] noisy = cfg.featureNoise() > 0 ? withNoise(g, cfg.featureNoise(), rng) : null;
                double loss = model.lossAndGradients(g, noisy);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss " + loss + " at epoch " + epoch
                            + "; lower the learning rate (now " + lr + ")");
                }
                model.step(lr);
                if (epoch >= 1) {
                    rows += g.numEdges() + g.numNodes;
                }
                sum += loss * g.numScored;
                count += g.numScored;
            }
            trainLoss[epoch] = sum / Math.max(1, count);
            validLoss[epoch] = meanLoss(model, validation);
            if (validLoss[epoch] < best) {
                best = validLoss[epoch];
                bestEpoch = epoch;
                bestParams = model.snapshot();
            }
            if (listener != null) {
                listener.epoch(epoch, cfg.epochs(), trainLoss[epoch], validLoss[epoch], lr);
            }
        }
        if (bestEpoch < 0) {
            // No epoch could be chosen: restoring the initial parameters would score an untrained network. A
            // non-finite held-out loss at some epochs only is early stopping's business (the best finite one is kept).
            throw new IllegalStateException("the held-out loss was not finite at any of the " + cfg.epochs()
                    + " epochs (last: " + validLoss[cfg.epochs() - 1] + ", training loss " + trainLoss[cfg.epochs() - 1]
                    + "): the network's predictions for the held-out nodes are not finite; check their features for"
                    + " extreme values, or lower the learning rate (now " + cfg.rateAt(cfg.epochs() - 1) + ")");
        }
        long allocatedTo = JvmCounters.allocatedBytes();
        double perRow = allocatedFrom < 0 || allocatedTo < 0 || rows == 0 ? Double.NaN
                : (double) (allocatedTo - allocatedFrom) / rows;
        model.restore(bestParams);
        model.finish();
        return new History(trainLoss, validLoss, bestEpoch, perRow);
    }

    /** Mean NLL over the scored nodes of all batches. */
    public static double meanLoss(GnnModel model, List<GraphBatch> batches) {
        try (StepEngine engine = StepEngine.cpu(model, 0)) {
            return meanLoss(engine, batches);
        }
    }

    private static double meanLoss(StepEngine model, List<GraphBatch> batches) {
        double sum = 0;
        long count = 0;
        for (GraphBatch g : batches) {
            if (g.numScored > 0) {
                sum += model.loss(g) * g.numScored;
                count += g.numScored;
            }
        }
        return sum / Math.max(1, count);
    }

    private static void shuffle(List<Integer> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static float[] withNoise(GraphBatch g, double sigma, SplittableRandom rng) {
        float[] x = g.nodeFeatures.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (sigma * rng.nextGaussian());
        }
        return x;
    }
}
