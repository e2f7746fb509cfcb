package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AdamW's moments and the learning-rate schedule against hand computations; the trainer's stop when the held-out loss is never finite. */
class OptimisationTest {
    /**
     * Two steps of AdamW (beta1 0.9, beta2 0.999, eps 1e-8, weight decay 0.1, lr 0.01) with gradients
     * 0.5 then -2 on a decayed weight starting at 1, and the same on a bias that is not decayed.
     * By hand:
     * step 1: m = 0.05, v = 0.00025, m^ = 0.5, v^ = 0.25, update = 0.5 / 0.5 + 0.1 * 1 = 1.1,
     *         w = 1 - 0.011 = 0.989; the bias: update 1, b = 0.99.
     * step 2: m = 0.045 - 0.2 = -0.155, v = 0.00024975 + 0.004 = 0.00424975,
     *         m^ = -0.155 / 0.19 = -0.815789..., v^ = 0.00424975 / 0.001999 = 2.125937...,
     *         update = m^ / sqrt(v^) + 0.1 * 0.989.
     */
    @Test
    void twoStepsMatchTheHandComputation() {
        Param w = new Param("w", 1, true);
        Param b = new Param("b", 1, false);
        w.value[0] = 1;
        b.value[0] = 1;
        AdamW opt = new AdamW(List.of(w, b), 0.9, 0.999, 1e-8, 0.1);
        w.grad[0] = 0.5f;
        b.grad[0] = 0.5f;
        opt.step(0.01);
        assertEquals(0.989, w.value[0], 1e-6);
        assertEquals(0.99, b.value[0], 1e-6);
        w.grad[0] = -2f;
        b.grad[0] = -2f;
        opt.step(0.01);
        double mHat = (0.9 * 0.05 + 0.1 * -2) / (1 - 0.81);
        double vHat = (0.999 * 0.00025 + 0.001 * 4) / (1 - 0.999 * 0.999);
        double adam = mHat / (Math.sqrt(vHat) + 1e-8);
        assertEquals(0.989 - 0.01 * (adam + 0.1 * 0.989), w.value[0], 1e-6);
        assertEquals(0.99 - 0.01 * adam, b.value[0], 1e-6);
        // The same bias value written out: the first gradient's moment shrinks the second step to
        // 0.5595 lr (a moment-free update would be a full lr).
        assertEquals(0.99 + 0.01 * 0.5595, b.value[0], 1e-5);
    }

    @Test
    void theRateFallsByTheDecayFactorAtAQuarterHalfAndThreeQuartersOfTheEpochs() {
        TrainingConfig c = new TrainingConfig(40, 1e-2, 0, 0.3, 0, 1, 0);
        for (int e = 0; e < 40; e++) {
            int passed = e >= 30 ? 3 : e >= 20 ? 2 : e >= 10 ? 1 : 0;
            assertEquals(1e-2 * Math.pow(0.3, passed), c.rateAt(e), 1e-15, "epoch " + e);
        }
        // With 2 epochs the 25 % milestone rounds to epoch 1 (round(0.5) = 1) and 50 % to epoch 1.
        TrainingConfig two = new TrainingConfig(2, 1, 0, 0.5, 0, 1, 0);
        assertEquals(1.0, two.rateAt(0));
        assertEquals(0.25, two.rateAt(1));
        // One epoch: every milestone rounds to 0 and is skipped, the rate never falls.
        assertEquals(1.0, new TrainingConfig(1, 1, 0, 0.5, 0, 1, 0).rateAt(0));
        // A decay factor of 1 keeps the rate.
        assertEquals(1e-3, new TrainingConfig(8, 1e-3, 0, 1, 0, 1, 0).rateAt(7), 0);
    }

    @Test
    void rangesStatedInHelpAreEnforcedNamingTheValue() {
        String m = assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(0, 1e-2, 0, 0.3, 0, 1, 0))
                .getMessage();
        assertEquals("epochs must be in 1..100000, got 0", m);
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(4, 10, 0, 0.3, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(4, 1e-2, 1, 0.3, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(4, 1e-2, 0, 0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(4, 1e-2, 0, 0.3, 0, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(4, Double.NaN, 0, 0.3, 0, 1, 0));
    }

    @Test
    void aHeldOutLossNeverFiniteStopsTrainingInsteadOfKeepingTheUntrainedNetwork() {
        GraphBatch train = RandomGraphs.random(120, 60, 900, 3, 6, 1);
        GraphBatch held = RandomGraphs.random(120, 60, 900, 3, 6, 2);
        float[] huge = held.nodeFeatures.clone();
        java.util.Arrays.fill(huge, 3e38f);
        GraphBatch broken = held.withNodeFeatures(huge);
        GnnModel net = new GnnModel(new ModelConfig(3, 6, 1, 8, 4, Aggregation.MULTI), 3);
        TrainingConfig tc = TrainingConfig.defaults(2, 3);
        assertTrue(Double.isFinite(Trainer.meanLoss(net, List.of(held))), "the same batch with ordinary features");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.train(net, List.of(train), List.of(broken), tc, null));
        assertTrue(e.getMessage().startsWith("the held-out loss was not finite at any of the 2 epochs (last: NaN")
                || e.getMessage().startsWith("the held-out loss was not finite at any of the 2 epochs (last: Infinity"),
                e.getMessage());
    }
}
