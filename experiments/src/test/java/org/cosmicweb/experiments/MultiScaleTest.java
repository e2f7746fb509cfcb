package org.cosmicweb.experiments;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiScaleTest {
    private static ExperimentResult.Run run(String model, double scale, double[] mean, double[] sigma) {
        return new ExperimentResult.Run(model, scale, mean, sigma, sigma.clone(), 2.0);
    }

    @Test
    void theMixtureIsWeightedByPrecisionAsWorkedByHand() {
        // Galaxy 0: equal σ = 1 at means 1 and 3: μ = 2, σ² = ((1 + 1) + (1 + 9)) / 2 − 4 = 2.
        // Galaxy 1: σ = 1 and 2 (weights 0.8, 0.2) at means 1 and 3: μ = 1.4,
        // σ² = 0.8 (1 + 1) + 0.2 (4 + 9) − 1.96 = 2.24.
        ExperimentResult.Run a = run("gnn", 3, new double[] {1, 1}, new double[] {1, 1});
        ExperimentResult.Run b = run("gnn", 10, new double[] {3, 3}, new double[] {1, 2});
        List<ExperimentResult.Run> out = MultiScale.of(List.of(a, b));
        assertEquals(1, out.size());
        ExperimentResult.Run m = out.get(0);
        assertEquals("gnn_multiscale", m.column());
        assertTrue(Double.isNaN(m.scaleMpc()));
        assertArrayEquals(new double[] {2, 1.4}, m.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(2.24)}, m.sigma(), 1e-12);
        assertArrayEquals(m.sigma(), m.sigmaRaw(), 1e-12);
        assertEquals(0.0, m.seconds(), "the mixture trains nothing");
        // The order of the scales does not matter.
        ExperimentResult.Run swapped = MultiScale.of(List.of(b, a)).get(0);
        assertArrayEquals(m.mean(), swapped.mean(), 1e-12);
        assertArrayEquals(m.sigma(), swapped.sigma(), 1e-12);
    }

    @Test
    void theWeightsComeFromTheCalibratedSigmaAndTheRawSigmaIsMixedWithThem() {
        // Calibrated σ 1 and 2 (weights 0.8, 0.2); raw σ 1 and 6, whose own weights would be 0.973 and 0.027.
        ExperimentResult.Run a = new ExperimentResult.Run("gnn", 3, new double[] {1}, new double[] {1},
                new double[] {1}, 1);
        ExperimentResult.Run b = new ExperimentResult.Run("gnn", 10, new double[] {3}, new double[] {2},
                new double[] {6}, 1);
        ExperimentResult.Run m = MultiScale.of(List.of(a, b)).get(0);
        assertArrayEquals(new double[] {1.4}, m.mean(), 1e-12);
        // σ_raw² = 0.8 (1 + 1) + 0.2 (36 + 9) − 1.96 = 8.64.
        assertArrayEquals(new double[] {Math.sqrt(8.64)}, m.sigmaRaw(), 1e-12);
    }

    @Test
    void agreeingScalesGiveTheirOwnPredictionAndTheRawSigmaKeepsItsOwnSize() {
        double[] mu = {9.5, 10.25, 11};
        ExperimentResult.Run a = new ExperimentResult.Run("gnn", 1, mu, new double[] {0.1, 0.2, 0.3},
                new double[] {0.2, 0.4, 0.6}, 1);
        ExperimentResult.Run b = new ExperimentResult.Run("gnn", 5, mu.clone(), new double[] {0.1, 0.2, 0.3},
                new double[] {0.2, 0.4, 0.6}, 1);
        ExperimentResult.Run m = MultiScale.of(List.of(a, b)).get(0);
        assertArrayEquals(mu, m.mean(), 1e-12);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, m.sigma(), 1e-12);
        assertArrayEquals(new double[] {0.2, 0.4, 0.6}, m.sigmaRaw(), 1e-12);
    }

    @Test
    void onlyGnnModelsWithTwoScalesAreCombinedEachOnItsOwn() {
        double[] x = {1};
        double[] s = {1};
        List<ExperimentResult.Run> runs = List.of(
                run("boost_overdensity", 1, x, s), run("boost_overdensity", 3, x, s),
                new ExperimentResult.Run("boost_noenv", Double.NaN, x, null, 1),
                run("gnn", 3, x, s),
                run("gnn_knn", 5, new double[] {2}, s), run("gnn_knn", 10, new double[] {4}, s));
        List<ExperimentResult.Run> out = MultiScale.of(runs);
        assertEquals(List.of("gnn_knn_multiscale"), out.stream().map(ExperimentResult.Run::column).toList());
        assertArrayEquals(new double[] {3}, out.get(0).mean(), 1e-12);
    }

    @Test
    void aDivergedScaleLeavesTheModelWithoutAMixtureAndTheOthersWithOne() {
        ExperimentResult.Run a = run("gnn", 3, new double[] {1, 1}, new double[] {1, 1});
        ExperimentResult.Run b = run("gnn", 10, new double[] {3, 3}, new double[] {1, Double.NaN});
        ExperimentResult.Run c = run("gnn_2d", 3, new double[] {1, 1}, new double[] {1, 1});
        ExperimentResult.Run d = run("gnn_2d", 10, new double[] {3, 3}, new double[] {1, 1});
        assertEquals(List.of("gnn_2d_multiscale"),
                MultiScale.of(List.of(a, b, c, d)).stream().map(ExperimentResult.Run::column).toList());
        assertTrue(MultiScale.of(List.of(a, run("gnn", 5, new double[] {2, 2}, new double[] {0, 1}))).isEmpty());
    }
}
