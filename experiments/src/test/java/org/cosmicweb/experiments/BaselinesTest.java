package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.RadiusGraph;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselinesTest {
    @TempDir
    Path dir;

    @Test
    void abundanceMatchingByHandAndMonotone() {
        // Training centrals 0..2 with Vmax 1, 2, 3 and M* 10, 9, 11 -> rank-matched (1, 9), (2, 10), (3, 11).
        // Training satellites 3, 4: Vmax 1, 2 with M* 8, 7 -> (1, 7), (2, 8).
        double[] vmax = {1, 2, 3, 1, 2, 1.5, 0, 5, 1.5};
        boolean[] central = {true, true, true, false, false, true, true, true, false};
        double[] mstar = {10, 9, 11, 8, 7, 0, 0, 0, 0};
        ExperimentData d = new ExperimentData(Fixtures.handMade(vmax, central, mstar));
        GalaxyModel.Fitted f = new Sham().fit(d, new int[] {0, 1, 2, 3, 4});
        double[] p = f.predict(d, new int[] {5, 6, 7, 8}).mean();
        assertArrayEquals(new double[] {9.5, 9, 11, 7.5}, p, 1e-12);
        // Monotone in Vmax for centrals over a fine sweep.
        double last = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= 60; k++) {
            double v = k / 10.0;
            double m = Sham.interpolate(Sham.relation(d, new int[] {0, 1, 2}, true)[0],
                    Sham.relation(d, new int[] {0, 1, 2}, true)[1], v);
            assertTrue(m >= last, "not monotone at Vmax " + v);
            last = m;
        }
    }

    @Test
    void overdensityColumnEqualsTheGraphsNeighbourSum() {
        SubhaloCatalog cat = Fixtures.mock(dir, 5, 30);
        ExperimentData d = new ExperimentData(cat);
        double r = 2.0;
        BoostingModel b = new BoostingModel("boost_overdensity", new double[] {r}, BoostingModel.Options.defaults(1));
        int n = d.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        float[] x = b.features(d, rows);
        CosmicGraph g = RadiusGraph.build(cat.positionsMpc(), cat.boxSizeMpc(), r, true);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                s += Math.pow(10, cat.logMhaloMsun()[g.senders()[e]]);
            }
            assertEquals(Math.log10(s), x[4 * i + 3], 1e-5);
            assertEquals(cat.logMhaloMsun()[i], x[4 * i], 1e-5);
        }
    }

    @Test
    void boostingLearnsASmoothFunctionOfItsFeatures() {
        SubhaloCatalog cat = Fixtures.mock(dir, 6, 40);
        ExperimentData d = new ExperimentData(cat);
        int n = d.size();
        // Replace the target by a known function of log M_halo and log Vmax.
        for (int i = 0; i < n; i++) {
            d.target[i] = 0.8 * cat.logMhaloMsun()[i] + 0.3 * cat.logVmaxKms()[i];
        }
        int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 == 0).toArray();
        BoostingModel b = new BoostingModel("boost_noenv", new double[0], BoostingModel.Options.defaults(2));
        GalaxyModel.Fitted fit = b.fit(d, train);
        int trees = ((BoostingModel.FittedBooster) fit).treeLimit();
        assertTrue(trees > 100, "a learnable relation needs many rounds at eta 0.05, early stopping kept " + trees);
        double[] p = fit.predict(d, test).mean();
        double[] t = java.util.Arrays.stream(test).mapToDouble(i -> d.target[i]).toArray();
        assertTrue(Metrics.of(p, t).rmse() < 0.05, "RMSE " + Metrics.of(p, t).rmse());
    }

    @Test
    void explainableBoostingRecoversAnAdditiveFunctionWithAnInteraction() {
        SubhaloCatalog cat = Fixtures.mock(dir, 7, 40);
        ExperimentData d = new ExperimentData(cat);
        int n = d.size();
        for (int i = 0; i < n; i++) {
            double m = cat.logMhaloMsun()[i] - 12;
            double v = cat.logVmaxKms()[i] - 2.2;
            double c = cat.isCentral()[i] ? 1 : 0;
            d.target[i] = 10 + 0.8 * m + 3 * v * v + 0.3 * c * m;
        }
        int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 == 0).toArray();
        double[] t = java.util.Arrays.stream(test).mapToDouble(i -> d.target[i]).toArray();
        ExplainableBoosting.Options opts = new ExplainableBoosting.Options(256, 32, 300, 200, 3, 0.05, 5);
        ExplainableBoosting.Model ebm = new ExplainableBoosting("ebm", new HaloFeatures(new double[0], false), opts)
                .fit(d, train, new int[0]);
        double rmse = Metrics.of(ebm.predict(d, test).mean(), t).rmse();
        double spread = Metrics.of(new double[t.length], t).rmse();
        assertTrue(rmse < 0.15 * spread, "EBM RMSE " + rmse + " against a target spread of " + spread);
        // The interaction (centrality x halo mass) is among the chosen pairs.
        assertTrue(java.util.Arrays.stream(ebm.pairs).anyMatch(p -> p[0] == 0 && p[1] == 2),
                "pairs " + java.util.Arrays.deepToString(ebm.pairs));
        // Without pairwise terms it cannot represent the interaction as well.
        ExplainableBoosting.Options mainsOnly = new ExplainableBoosting.Options(256, 32, 300, 0, 0, 0.05, 5);
        double rmseMains = Metrics.of(new ExplainableBoosting("ebm", new HaloFeatures(new double[0], false), mainsOnly)
                .fit(d, train).predict(d, test).mean(), t).rmse();
        assertTrue(rmse < rmseMains, rmse + " vs mains only " + rmseMains);
        assertTrue(spread > 0.3, "the target must vary: " + spread);
    }
    @Test
    void explainableBoostingWithItsDefaultsLearnsFromASmallBox() {
        SubhaloCatalog cat = Fixtures.mock(dir, 7, 40);
        ExperimentData d = new ExperimentData(cat);
        int n = d.size();
        for (int i = 0; i < n; i++) {
            d.target[i] = 10 + 0.8 * (cat.logMhaloMsun()[i] - 12);
        }
        // About 300 training galaxies, as in a fold of one CAMELS box: fewer than 32 bins x 100 rows; and 150, under
        // the 2 bins x 100 rows that the smallest binning needed before cells took an eighth of the rows.
        for (int size : new int[] {300, 150}) {
            int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 == 1).limit(size).toArray();
            int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 == 0).toArray();
            double[] t = java.util.Arrays.stream(test).mapToDouble(i -> d.target[i]).toArray();
            double[] p = new ExplainableBoosting("ebm", new HaloFeatures(new double[0], false),
                    ExplainableBoosting.Options.defaults()).fit(d, train, new int[0]).predict(d, test).mean();
            double rmse = Metrics.of(p, t).rmse();
            double spread = Metrics.of(new double[t.length], t).rmse();
            long distinct = java.util.Arrays.stream(p).distinct().count();
            assertTrue(distinct > 2, size + " rows: a constant per is_central: " + distinct + " distinct predictions");
            assertTrue(rmse < 0.6 * spread, size + " rows: EBM RMSE " + rmse + " against a target spread of " + spread);
        }
    }

    @Test
    void boostingStopsOnItsHeldOutBlockInsteadOfFittingNoise() {
        SubhaloCatalog cat = Fixtures.mock(dir, 7, 40);
        ExperimentData d = new ExperimentData(cat);
        int n = d.size();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            d.target[i] = rng.nextGaussian();   // nothing to learn: every tree after the first few fits noise
        }
        int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 == 0).toArray();
        double[] t = java.util.Arrays.stream(test).mapToDouble(i -> d.target[i]).toArray();
        BoostingModel stopped = new BoostingModel("boost_noenv", new double[0], BoostingModel.Options.defaults(3));
        BoostingModel fixed = new BoostingModel("boost_noenv", new double[0],
                new BoostingModel.Options(1500, 0.05, 5, 0.8, 5, 3));
        GalaxyModel.Fitted fit = stopped.fit(d, train);
        int trees = ((BoostingModel.FittedBooster) fit).treeLimit();
        assertTrue(trees >= 1 && trees < 60, "early stopping kept " + trees + " trees on pure noise");
        double rStopped = Metrics.of(fit.predict(d, test).mean(), t).rmse();
        double rFixed = Metrics.of(fixed.fit(d, train).predict(d, test).mean(), t).rmse();
        // A constant predictor scores about 1.0; 1500 fixed rounds memorise the training noise.
        assertTrue(rStopped < 1.03, "early-stopped RMSE " + rStopped);
        assertTrue(rFixed > rStopped + 0.02, "fixed " + rFixed + " vs early-stopped " + rStopped);
    }
}
