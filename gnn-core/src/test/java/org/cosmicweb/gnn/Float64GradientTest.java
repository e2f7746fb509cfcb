package org.cosmicweb.gnn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against an independent double-precision forward pass ({@link ReferenceModel}): the
 * losses agree to float rounding, and the engine's float32 backprop matches float64 central
 * finite differences of the reference for every parameter of every block.
 */
class Float64GradientTest {
    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void backpropMatchesFloat64FiniteDifferences(Aggregation agg) {
        ModelConfig cfg = new ModelConfig(3, 6, 2, 16, 8, agg);
        GnnModel model = RandomGraphs.unzeroed(new GnnModel(cfg, 21), 21);
        GraphBatch g = RandomGraphs.random(8, 5, 24, 3, 6, 99);
        double engineLoss = model.lossAndGradients(g);
        ReferenceModel ref = new ReferenceModel(model);
        assertEquals(ref.loss(g), engineLoss, 1e-5 * Math.max(1, Math.abs(engineLoss)), "forward passes disagree");
        double worst = 0;
        String where = "";
        double h = 1e-6;
        for (Param prm : model.params()) {
            double[] v = ref.p.get(prm.name);
            for (int i = 0; i < v.length; i++) {
                double orig = v[i];
                v[i] = orig + h;
                double up = ref.loss(g);
                v[i] = orig - h;
                double down = ref.loss(g);
                v[i] = orig;
                double fd = (up - down) / (2 * h);
                double err = Math.abs(fd - prm.grad[i]) / (1e-6 + 3e-4 * Math.abs(fd));
                if (err > worst) {
                    worst = err;
                    where = prm.name + "[" + i + "] fd=" + fd + " backprop=" + prm.grad[i];
                }
            }
        }
        assertTrue(worst < 1, "worst mismatch " + worst + " at " + where);
    }

    /**
     * A graph of several edge tiles (the fused edge MLP works in tiles of {@value EdgeMlp#TILE}
     * edges, threads in parallel): a sample of every block's coordinates against float64 finite
     * differences of the reference.
     */
    @org.junit.jupiter.api.Test
    void backpropOverSeveralEdgeTilesMatchesFloat64FiniteDifferences() {
        ModelConfig cfg = new ModelConfig(3, 6, 2, 16, 8, Aggregation.MULTI_ANISOTROPY);
        GnnModel model = RandomGraphs.unzeroed(new GnnModel(cfg, 23), 23);
        GraphBatch g = RandomGraphs.random(120, 40, 3 * EdgeMlp.TILE + 57, 3, 6, 101);
        double engineLoss = model.lossAndGradients(g);
        ReferenceModel ref = new ReferenceModel(model);
        assertEquals(ref.loss(g), engineLoss, 1e-5 * Math.max(1, Math.abs(engineLoss)), "forward passes disagree");
        java.util.SplittableRandom pick = new java.util.SplittableRandom(3);
        double h = 1e-6;
        double worst = 0;
        String where = "";
        for (Param prm : model.params()) {
            double[] v = ref.p.get(prm.name);
            for (int k = 0; k < Math.min(6, v.length); k++) {
                int i = pick.nextInt(v.length);
                double orig = v[i];
                v[i] = orig + h;
                double up = ref.loss(g);
                v[i] = orig - h;
                double down = ref.loss(g);
                v[i] = orig;
                double fd = (up - down) / (2 * h);
                double err = Math.abs(fd - prm.grad[i]) / (1e-6 + 3e-4 * Math.abs(fd));
                if (err > worst) {
                    worst = err;
                    where = prm.name + "[" + i + "] fd=" + fd + " backprop=" + prm.grad[i];
                }
            }
        }
        assertTrue(worst < 1, "worst mismatch " + worst + " at " + where);
    }
}
