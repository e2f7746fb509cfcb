package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.AdamW;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.Param;
import org.cosmicweb.gnn.StepEngine;
import org.cosmicweb.gnn.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Map;

/**
 * A {@link StepEngine} whose forward and backward passes are SameDiff's ({@link SameDiffGnn}, FLOAT):
 * the {@link org.cosmicweb.gnn.Trainer}, batches, checkpoints (snapshot / restore of the best epoch)
 * and the optimiser are the fast engine's. The optimiser is gnn-core's own {@link AdamW} on gnn-core
 * {@link Param}s: SameDiff's gradients are copied into {@code Param.grad}, AdamW updates
 * {@code Param.value}, and the new values are written back into the SameDiff variables, so both
 * engines apply the same update to the same gradients.
 *
 * <p>Two uses: {@link #of(GnnModel, TrainingConfig)} trains a gnn-core model (the parameters are the
 * model's own, so {@link #finish()} has nothing to copy and a saved model is an ordinary model file);
 * {@link #of(SameDiffGnn, double)} trains any SameDiff model, e.g. one with a new {@link
 * MessageFunction}, whose parameters live in {@link #params()}.
 */
public final class SameDiffEngine implements StepEngine {
    /** The factory the CLI's {@code --engine samediff} uses: gnn-core's model, trained through SameDiff. */
    public static final StepEngine.Factory FACTORY = new StepEngine.Factory() {
        @Override
        public StepEngine engine(GnnModel model, TrainingConfig cfg) {
            return SameDiffEngine.of(model, cfg);
        }

        @Override
        public String id() {
            return "samediff";
        }
    };

    private final SameDiffGnn net;
    private final List<Param> params;
    private final AdamW optimiser;

    private SameDiffEngine(SameDiffGnn net, List<Param> params, double weightDecay) {
        net.requireSameLayout(params);
        this.net = net;
        this.params = params;
        this.optimiser = new AdamW(params, weightDecay);
        net.setValues(params);
    }

    /** Trains {@code model}'s own parameters with {@code cfg}'s weight decay and β. */
    public static SameDiffEngine of(GnnModel model, TrainingConfig cfg) {
        return new SameDiffEngine(SameDiffGnn.reference(model.config, DataType.FLOAT, cfg.beta()), model.params(),
                cfg.weightDecay());
    }

    /** Trains a SameDiff model (FLOAT) from its initial values; read the result from {@link #params()}. */
    public static SameDiffEngine of(SameDiffGnn net, double weightDecay) {
        if (net.type() != DataType.FLOAT) {
            throw new IllegalArgumentException("the SameDiff engine trains in FLOAT, the model computes in " + net.type());
        }
        List<Param> own = new java.util.ArrayList<>();
        for (Param p : net.params()) {
            Param copy = new Param(p.name, p.value.length, p.decayed);
            System.arraycopy(p.value, 0, copy.value, 0, p.value.length);
            own.add(copy);
        }
        return new SameDiffEngine(net, java.util.Collections.unmodifiableList(own), weightDecay);
    }

    /** The parameters this engine trains, in the model's order (current values, last gradients). */
    public List<Param> params() {
        return params;
    }

    /** The SameDiff model, holding the current parameter values. */
    public SameDiffGnn model() {
        return net;
    }

    @Override
    public double lossAndGradients(GraphBatch g, float[] x) {
        SameDiffGnn.Evaluation e = net.evaluate(g, x);
        for (Param p : params) {
            double[] d = e.gradients().get(p.name);
            for (int i = 0; i < d.length; i++) {
                p.grad[i] = (float) d[i];
            }
        }
        return e.loss();
    }

    @Override
    public void step(double lr) {
        optimiser.step(lr);
        net.setValues(params);
    }

    @Override
    public double loss(GraphBatch g) {
        return net.loss(g, null);
    }

    @Override
    public float[][] snapshot() {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = params.get(i).value.clone();
        }
        return s;
    }

    @Override
    public void restore(float[][] values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException("snapshot has " + values.length + " blocks, the model " + params.size());
        }
        for (int i = 0; i < values.length; i++) {
            Param p = params.get(i);
            if (values[i].length != p.value.length) {
                throw new IllegalArgumentException("parameter " + p.name + " has " + p.value.length
                        + " values, the snapshot " + values[i].length);
            }
            System.arraycopy(values[i], 0, p.value, 0, p.value.length);
        }
        net.setValues(params);
    }

    /** Nothing to copy: the parameters trained are the model's own {@link Param}s. */
    @Override
    public void finish() {
    }

    @Override
    public void close() {
    }

    /** Current values by name, as SameDiff holds them (for tests). */
    Map<String, double[]> variableValues() {
        return net.values();
    }
}
