package org.cosmicweb.gnn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backpropagated gradients against central finite differences for every parameter block. The
 * engine computes in float32 and the loss is accumulated in double; with step 5e-4 the finite
 * difference is good to about 1e-4 (float rounding of a loss near 1, divided by the step), well
 * inside the tolerance, and the step is small enough not to cross the kinks of max aggregation.
 */
class GradientCheckTest {
    @ParameterizedTest(name = "{0} hidden={1} latent={2} layers={3}")
    @CsvSource({"MULTI, 16, 16, 1", "SUM, 20, 8, 1", "MEAN, 16, 3, 1", "MAX, 24, 16, 1", "MULTI, 16, 8, 2",
        "SUM, 16, 8, 3", "MULTI_ANISOTROPY, 16, 8, 1", "MULTI_ANISOTROPY, 16, 8, 2"})
    void backpropMatchesFiniteDifferences(Aggregation agg, int hidden, int latent, int layers) {
        ModelConfig cfg = new ModelConfig(3, 6, 2, hidden, latent, agg, layers);
        GnnModel model = new GnnModel(cfg, 5);
        GraphBatch g = RandomGraphs.random(9, 6, 30, 3, 6, 77);
        model.lossAndGradients(g);
        double worst = 0;
        String worstName = "";
        for (Param p : model.params()) {
            float[] bp = p.grad.clone();
            double scale = 0;
            for (float v : bp) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < p.value.length; i++) {
                float orig = p.value[i];
                float h = 5e-4f; // small enough to stay off the kinks of max aggregation
                p.value[i] = orig + h;
                double up = model.loss(g);
                p.value[i] = orig - h;
                double down = model.loss(g);
                p.value[i] = orig;
                double fd = (up - down) / (2 * h);
                double err = Math.abs(fd - bp[i]) / (1e-3 + 0.05 * Math.abs(bp[i]) + 0.01 * scale);
                if (err > worst) {
                    worst = err;
                    worstName = p.name + "[" + i + "] fd=" + fd + " bp=" + bp[i];
                }
            }
        }
        assertTrue(worst < 1, "worst gradient mismatch " + worst + " at " + worstName);
    }
}
