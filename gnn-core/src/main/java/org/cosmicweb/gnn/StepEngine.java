package org.cosmicweb.gnn;

/**
 * Where a {@link GnnModel}'s training steps run: {@link #cpu} (the model's own arrays and
 * {@link AdamW}) or the GPU engine of {@code org.cosmicweb.gnn.cuda}. The {@link Trainer} drives
 * either through this interface; {@link #finish()} leaves the trained parameters in the model.
 */
public interface StepEngine extends AutoCloseable {
    /**
     * Zeroes the gradients and runs forward and backward on the scored nodes of g, with its node
     * features replaced by x when x is not null; returns the mean NLL (the gradients are those of the
     * engine's loss, see {@link GaussianNll}).
     */
    double lossAndGradients(GraphBatch g, float[] x);

    /** One AdamW step at learning rate lr. */
    void step(double lr);

    /** Mean NLL over the scored nodes of g (forward only). */
    double loss(GraphBatch g);

    /** Copies of the parameter values, in the model's params() order. */
    float[][] snapshot();

    void restore(float[][] values);

    /** Leaves the engine's current parameters in the model. */
    void finish();

    @Override
    void close();

    /**
     * Makes the engine that trains a model with a {@link TrainingConfig}'s optimiser and loss settings:
     * the CPU and GPU backends ({@code cuda.Backend}), or engines of other modules (gnn-samediff).
     */
    interface Factory {
        StepEngine engine(GnnModel model, TrainingConfig cfg);

        /** Short lower-case name, as on the command line and in a model's provenance ("cpu", "cuda", ...). */
        String id();
    }

    /** The CPU engine with the plain NLL. */
    static StepEngine cpu(GnnModel model, double weightDecay) {
        return cpu(model, weightDecay, 0);
    }

    /** The CPU engine: the model itself and an {@link AdamW} on its parameters; beta as in {@link GaussianNll}. */
    static StepEngine cpu(GnnModel model, double weightDecay, double beta) {
        AdamW opt = new AdamW(model.params(), weightDecay);
        return new StepEngine() {
            @Override
            public double lossAndGradients(GraphBatch g, float[] x) {
                return model.lossAndGradients(x == null ? g : g.withNodeFeatures(x), beta);
            }

            @Override
            public void step(double lr) {
                opt.step(lr);
            }

            @Override
            public double loss(GraphBatch g) {
                return model.loss(g);
            }

            @Override
            public float[][] snapshot() {
                return model.snapshot();
            }

            @Override
            public void restore(float[][] values) {
                model.restore(values);
            }

            @Override
            public void finish() {
            }

            @Override
            public void close() {
            }
        };
    }
}
