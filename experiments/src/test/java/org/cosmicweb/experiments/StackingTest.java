package org.cosmicweb.experiments;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stacked GNN row: weights fitted on each fold's slab by hand, no validation truth read, and no
 * row where the parts cannot be stacked.
 */
class StackingTest {
    /**
     * Galaxies 0-3: fold 0's slab (truth 0) and fold 1's validation galaxies; 4: fold 0's validation
     * galaxy and fold 1's slab; 5: fold 1's validation galaxy.
     */
    private static final int[] FOLD_OF = {1, 1, 1, 1, 0, 1};

    private static ExperimentRunner.UnitResult unit(int plan, int fold, int[] rows, double[] mean, double[] sigma,
                                                    GalaxyModel.HeldOut held) {
        return new ExperimentRunner.UnitResult(plan, fold, rows, mean, sigma, sigma, 1, 0, -1, held);
    }

    private static GalaxyModel.HeldOut held(double... mean) {
        double[] one = new double[mean.length];
        java.util.Arrays.fill(one, 1);
        return new GalaxyModel.HeldOut(new int[] {0, 1, 2, 3}, mean, one);
    }

    /** Two scales, two folds: fold 0 trained on galaxies 0-3 (its slab), fold 1 on galaxy 4 alone. */
    private static List<ExperimentRunner.UnitResult> units(GalaxyModel.HeldOut a, GalaxyModel.HeldOut b) {
        List<ExperimentRunner.UnitResult> out = new ArrayList<>();
        out.add(unit(1, 0, new int[] {4}, new double[] {10}, new double[] {1}, a));
        out.add(unit(2, 0, new int[] {4}, new double[] {20}, new double[] {4}, b));
        // Fold 1's slab is galaxy 4 (truth 0 unless moved), predicted 1 at scale 3 and 2 at scale 10.
        GalaxyModel.HeldOut other3 = new GalaxyModel.HeldOut(new int[] {4}, new double[] {1}, new double[] {1});
        GalaxyModel.HeldOut other10 = new GalaxyModel.HeldOut(new int[] {4}, new double[] {2}, new double[] {1});
        out.add(unit(1, 1, new int[] {0, 1, 2, 3, 5}, new double[] {0, 0, 0, 0, 1}, new double[] {1, 1, 1, 1, 1}, other3));
        out.add(unit(2, 1, new int[] {0, 1, 2, 3, 5}, new double[] {0, 0, 0, 0, 3}, new double[] {1, 1, 1, 1, 1},
                other10));
        return out;
    }

    private static List<ExperimentResult.Run> runs(List<ExperimentRunner.UnitResult> units) {
        List<ExperimentResult.Run> runs = new ArrayList<>();
        runs.add(new ExperimentResult.Run("boost_noenv", Double.NaN, new double[6], null, 1));
        for (int plan = 1; plan <= 2; plan++) {
            double[] mean = new double[6];
            double[] sigma = new double[6];
            for (ExperimentRunner.UnitResult u : units) {
                if (u.planIndex() == plan) {
                    for (int k = 0; k < u.rows().length; k++) {
                        mean[u.rows()[k]] = u.mean()[k];
                        sigma[u.rows()[k]] = u.sigma()[k];
                    }
                }
            }
            runs.add(new ExperimentResult.Run("gnn", plan == 1 ? 3 : 10, mean, sigma, sigma.clone(), 5));
        }
        return runs;
    }

    private static List<ExperimentResult.Run> stack(List<ExperimentRunner.UnitResult> units, double[] target) {
        return Stacking.of(runs(units), units, 2, FOLD_OF, target);
    }

    @Test
    void weightsMeanAndSigmaOfAFoldByHand() {
        // Fold 0's slab has truth 0; scale 3's errors (1,-1,1,-1) and scale 10's (2,2,-2,-2) are orthogonal:
        // R = diag(1, 4), so w = (4/5, 1/5).
        List<ExperimentRunner.UnitResult> u = units(held(1, -1, 1, -1), held(2, 2, -2, -2));
        List<ExperimentResult.Run> out = stack(u, new double[6]);
        assertEquals(List.of("gnn_stacked"), out.stream().map(ExperimentResult.Run::column).toList());
        ExperimentResult.Run s = out.get(0);
        assertTrue(Double.isNaN(s.scaleMpc()));
        assertEquals(0.0, s.seconds(), "stacking trains nothing");
        // Galaxy 4 (fold 0): μ = 0.8 × 10 + 0.2 × 20 = 12.
        assertEquals(12.0, s.mean()[4], 1e-9);
        // Slab: μ_s = (1.2, -0.4, 0.4, -1.2); σ_s² = 1 + 0.8 (m_3 - μ_s)² + 0.2 (m_10 - μ_s)² = (1.16, 2.44, 2.44, 1.16);
        // T² = mean(μ_s² / σ_s²).
        double t2 = (1.44 / 1.16 + 0.16 / 2.44 + 0.16 / 2.44 + 1.44 / 1.16) / 4;
        // Galaxy 4: σ² = T² [0.8 (1 + 4) + 0.2 (16 + 64)] = 20 T²; σ_raw without T.
        assertEquals(Math.sqrt(20 * t2), s.sigma()[4], 1e-9);
        assertEquals(Math.sqrt(20), s.sigmaRaw()[4], 1e-9);
        // Fold 1: scale 3 fits its slab better (errors 1 and 2 of one sign), so w = (1, 0) and T = 1.
        assertEquals(1.0, s.mean()[5], 1e-9);
        assertEquals(1.0, s.sigma()[5], 1e-9);
    }

    @Test
    void noValidationTruthMovesTheWeightsButTheSlabsTruthsDo() {
        List<ExperimentRunner.UnitResult> u = units(held(1, -1, 1, -1), held(2, 2, -2, -2));
        double[] target = new double[6];
        ExperimentResult.Run base = stack(u, target).get(0);
        // Each galaxy's prediction ignores its own fold's validation truths (which train the other folds).
        double[] moved = target.clone();
        moved[4] = 50;
        ExperimentResult.Run same = stack(u, moved).get(0);
        assertEquals(base.mean()[4], same.mean()[4], 0);
        assertEquals(base.sigma()[4], same.sigma()[4], 0);
        assertFalse(base.mean()[5] == same.mean()[5], "galaxy 4 is fold 1's slab: it moves fold 1's weights");
        moved = target.clone();
        moved[0] = -3;
        moved[1] = 8;
        moved[5] = -7;
        same = stack(u, moved).get(0);
        assertEquals(base.mean()[5], same.mean()[5], 0);
        assertEquals(base.sigma()[5], same.sigma()[5], 0);
        // Negative control: fold 0's slab truths moved toward scale 10 move galaxy 4's prediction.
        double[] slab = {2, 2, -2, -2, 0, 0};
        ExperimentResult.Run toward10 = stack(u, slab).get(0);
        assertEquals(20.0, toward10.mean()[4], 1e-9);
    }

    @Test
    void noRowWhereThePartsCannotBeStacked() {
        GalaxyModel.HeldOut a = held(1, -1, 1, -1);
        GalaxyModel.HeldOut b = held(2, 2, -2, -2);
        assertFalse(stack(units(a, b), new double[6]).isEmpty(), "the control stacks");
        // An ensemble (no held-out predictions) in one scale: no row, and the log says why.
        List<String> log = new ArrayList<>();
        List<ExperimentRunner.UnitResult> ensemble = units(a, null);
        assertTrue(Stacking.of(runs(ensemble), ensemble, 2, FOLD_OF, new double[6], log::add).isEmpty());
        assertEquals(List.of("no gnn_stacked row: gnn_D10 has no held-out predictions in fold 1 (an ensemble's members"
                + " hold out different slabs)"), log);
        // A held-out mean that is not finite.
        GalaxyModel.HeldOut nanMean = new GalaxyModel.HeldOut(b.rows(), new double[] {2, Double.NaN, -2, -2}, b.sigma());
        assertTrue(stack(units(a, nanMean), new double[6]).isEmpty());
        // Slabs that differ between scales.
        GalaxyModel.HeldOut shifted = new GalaxyModel.HeldOut(new int[] {0, 1, 2, 5}, b.mean(), b.sigma());
        assertTrue(stack(units(a, shifted), new double[6]).isEmpty());
        // A diverged network: a σ that is not finite.
        GalaxyModel.HeldOut diverged = new GalaxyModel.HeldOut(b.rows(), b.mean(), new double[] {1, Double.NaN, 1, 1});
        assertTrue(stack(units(a, diverged), new double[6]).isEmpty());
        // One scale only, and baselines, are never stacked.
        List<ExperimentRunner.UnitResult> u = units(a, b);
        List<ExperimentResult.Run> runs = runs(u);
        List<ExperimentResult.Run> oneScale = List.of(runs.get(0), runs.get(1),
                new ExperimentResult.Run("boost_overdensity", 3, new double[6], null, 1));
        assertTrue(Stacking.of(oneScale, u, 2, FOLD_OF, new double[6]).isEmpty());
    }
}
