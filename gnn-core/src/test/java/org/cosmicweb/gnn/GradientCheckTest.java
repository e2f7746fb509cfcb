package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backpropagated gradients against central finite differences, element by element, for every
 * parameter block.
 *
 * <p>Tolerance, per element: |fd − bp| ≤ {@value #FLOOR} + {@value #RELATIVE} · max(|fd|, |bp|).
 * The engine computes in float32 and accumulates the loss in double; a loss near 1 then carries a
 * rounding noise of order 1e-8, which the central difference divides by 2h = 1e-3: about 1e-5, and
 * the largest absolute error measured on these graphs, over every element of the eight
 * configurations before MULTI_SHEAR's two, is 8.5e-5 (the floor's margin over that is 1.2x). Truncation error, h² f''' / 6,
 * is below 1e-7. Elements large enough for the floor not to matter agree to 0.4 % at worst (measured),
 * a fifth of the relative tolerance. So a gradient that is wrong by more than a few percent fails,
 * however small it is beside the block's largest (the previous tolerance, 1e-3 absolute plus 1 % of
 * the block's largest gradient, passed a gradient of 1e-3 that was wrong by 100 %;
 * {@link #theToleranceCatchesWrongSmallGradients} is its negative control). The Float64 engine's
 * check ({@link Float64GradientTest}) is stricter still.
 *
 * <p>Max aggregation has kinks, where the central difference straddles two linear pieces and
 * averages their slopes. An element that disagrees at h is tried again at h / 10 (noise floor ten
 * times larger); it passes only if it then agrees and its one-sided slopes at h differ (a kink
 * within h), and at most 0.1 % of elements may need this.
 */
class GradientCheckTest {
    static final double FLOOR = 1e-4;
    static final double RELATIVE = 0.02;
    static final float H = 5e-4f;

    static boolean agrees(double fd, double bp, double floor) {
        return Math.abs(fd - bp) <= floor + RELATIVE * Math.max(Math.abs(fd), Math.abs(bp));
    }

    /** Central difference of the loss in parameter element i, divided by the step actually taken in float. */
    static double centralDifference(GnnModel model, GraphBatch g, Param p, int i, float h) {
        float orig = p.value[i];
        float up = orig + h;
        float down = orig - h;
        p.value[i] = up;
        double lossUp = model.loss(g);
        p.value[i] = down;
        double lossDown = model.loss(g);
        p.value[i] = orig;
        return (lossUp - lossDown) / ((double) up - (double) down);
    }

    @ParameterizedTest(name = "{0} hidden={1} latent={2} layers={3}")
    @CsvSource({"MULTI, 16, 16, 1", "SUM, 20, 8, 1", "MEAN, 16, 3, 1", "MAX, 24, 16, 1", "MULTI, 16, 8, 2",
        "SUM, 16, 8, 3", "MULTI_ANISOTROPY, 16, 8, 1", "MULTI_ANISOTROPY, 16, 8, 2",
        "MULTI_SHEAR, 16, 8, 1", "MULTI_SHEAR, 16, 5, 2"})
    void backpropMatchesFiniteDifferences(Aggregation agg, int hidden, int latent, int layers) {
        ModelConfig cfg = new ModelConfig(3, 6, 2, hidden, latent, agg, layers);
        GnnModel model = RandomGraphs.unzeroed(new GnnModel(cfg, 5), 6);
        GraphBatch g = RandomGraphs.random(9, 6, 30, 3, 6, 77);
        model.lossAndGradients(g);
        double base = model.loss(g);
        List<String> failures = new ArrayList<>();
        int elements = 0;
        int kinks = 0;
        for (Param p : model.params()) {
            float[] bp = p.grad.clone();
            for (int i = 0; i < p.value.length; i++) {
                elements++;
                double fd = centralDifference(model, g, p, i, H);
                if (agrees(fd, bp[i], FLOOR)) {
                    continue;
                }
                float orig = p.value[i];
                p.value[i] = orig + H;
                double right = (model.loss(g) - base) / H;
                p.value[i] = orig - H;
                double left = (base - model.loss(g)) / H;
                p.value[i] = orig;
                double fine = centralDifference(model, g, p, i, H / 10);
                if (Math.abs(right - left) > 10 * FLOOR && agrees(fine, bp[i], 10 * FLOOR)) {
                    kinks++;
                } else {
                    failures.add(p.name + "[" + i + "] fd=" + fd + " (h/10: " + fine + ") bp=" + bp[i]);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + elements + " gradients disagree: " + failures);
        assertTrue(kinks <= elements / 1000, kinks + " of " + elements + " elements sat on a kink of max aggregation");
    }

    /**
     * The negative control: every gradient between 1e-3 and 1e-2 of a real model, made 30 % wrong,
     * is caught; the previous tolerance let them through.
     */
    @Test
    void theToleranceCatchesWrongSmallGradients() {
        GnnModel model = new GnnModel(new ModelConfig(3, 6, 2, 16, 16, Aggregation.MULTI, 1), 5);
        GraphBatch g = RandomGraphs.random(9, 6, 30, 3, 6, 77);
        model.lossAndGradients(g);
        int small = 0;
        int passedBefore = 0;
        for (Param p : model.params()) {
            float[] bp = p.grad.clone();
            double scale = 0;
            for (float v : bp) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < p.value.length; i++) {
                if (Math.abs(bp[i]) < 1e-3 || Math.abs(bp[i]) > 1e-2) {
                    continue;
                }
                double fd = centralDifference(model, g, p, i, H);
                assertTrue(agrees(fd, bp[i], FLOOR), p.name + "[" + i + "] the right gradient must pass");
                double wrong = 1.3 * bp[i];
                assertFalse(agrees(fd, wrong, FLOOR), p.name + "[" + i + "] a 30 % error must fail: fd " + fd);
                small++;
                passedBefore += Math.abs(fd - wrong) / (1e-3 + 0.05 * Math.abs(wrong) + 0.01 * scale) < 1 ? 1 : 0;
            }
        }
        assertTrue(small > 50, "too few small gradients to test: " + small);
        assertTrue(passedBefore > small / 2, "the old tolerance passed " + passedBefore + " of " + small);
    }
}
