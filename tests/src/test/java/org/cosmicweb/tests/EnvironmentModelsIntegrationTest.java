package org.cosmicweb.tests;

import org.cosmicweb.experiments.BlockBootstrap;
import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.ExperimentResult;
import org.cosmicweb.experiments.ExperimentRunner;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GNN's place among its baselines on mocks of three environment models (75 Mpc/h; neighbours on
 * the embedded mock's 100 Mpc/h, where the margin is wide enough to test), at D = 3 Mpc
 * with the default GNN, each paired difference with its block-bootstrap 95 % interval:
 * <ul>
 *   <li>none (negative control): the GNN neither beats nor loses to boost_noenv beyond noise;</li>
 *   <li>field: the GNN sees the density (far below boost_noenv), and overdensity helps boosting;</li>
 *   <li>neighbours: the GNN beats the best baseline by more than 0.01 dex (0.015 measured).</li>
 * </ul>
 * A network that ignores its edges, or learns the halo relation badly, fails the first or third;
 * one that invents environment fails the first.
 */
class EnvironmentModelsIntegrationTest {
    @TempDir
    static Path dir;
    static final double BOX_MPCH = 75;

    private static ExperimentResult run(EnvironmentModel env, long seed) {
        return run(env, seed, BOX_MPCH);
    }

    private static ExperimentResult run(EnvironmentModel env, long seed, double boxMpch) {
        MockUniverseConfig mock = MockUniverseConfig.defaults(seed).withBox(boxMpch).withChunks(2).withEnvironment(env);
        TngLayout layout = TngLayout.of(dir.resolve(env.key() + seed));
        MockUniverseWriter.write(MockUniverse.generate(mock), mock, layout, false);
        SubhaloCatalog cat = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        ExperimentConfig cfg = ExperimentConfig.embedded(seed).withLinkingLengths(new double[] {3});
        return new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(new ExperimentData(cat));
    }

    private static ExperimentResult.Run find(ExperimentResult r, String model) {
        for (ExperimentResult.Run run : r.runs()) {
            if (run.model().equals(model)) {
                return run;
            }
        }
        throw new AssertionError("no run of " + model);
    }

    private static BlockBootstrap.Difference diff(ExperimentResult r, String a, String b) {
        return diff(r, find(r, a), find(r, b));
    }

    private static BlockBootstrap.Difference diff(ExperimentResult r, ExperimentResult.Run a, ExperimentResult.Run b) {
        BlockBootstrap boot = ExperimentRunner.bootstrap(r.data(), r.config().seed());
        BlockBootstrap.Difference d = boot.difference(a.mean(), b.mean(), r.data().target, null);
        System.err.printf("%s: %s - %s = %+.4f [%+.4f, %+.4f] (RMSE %.4f vs %.4f)%n", r.data().catalog.source(),
                a.column(), b.column(), d.value(), d.lo95(), d.hi95(), r.rmse(a), r.rmse(b));
        return d;
    }

    @Test
    void noneGnnNeitherInventsEnvironmentNorLosesTheHaloRelation() {
        ExperimentResult r = run(EnvironmentModel.NONE, 5);
        BlockBootstrap.Difference d = diff(r, "gnn", "boost_noenv");
        assertTrue(d.lo95() < 0.002 && d.hi95() > -0.002,
                "none: the GNN must tie boost_noenv within noise, got " + d);
        assertTrue(Math.abs(d.value()) < 0.004, "none: |GNN - boost_noenv| " + d.value());
    }

    @Test
    void fieldGnnSeesTheDensityAndOverdensityHelpsBoosting() {
        ExperimentResult r = run(EnvironmentModel.FIELD, 6);
        BlockBootstrap.Difference gnn = diff(r, "gnn", "boost_noenv");
        BlockBootstrap.Difference od = diff(r, "boost_overdensity_all", "boost_noenv");
        assertTrue(gnn.hi95() < -0.02, "field: the GNN should see the density, got " + gnn);
        assertTrue(od.hi95() < -0.03, "field: overdensity should help boosting, got " + od);
        assertTrue(r.rmse(find(r, "gnn")) > r.data().catalog.noiseFloorDex(), "nothing beats the noise floor");
    }

    @Test
    void neighboursGnnBeatsEveryBaseline() {
        // The embedded mock's size: on 75 Mpc/h (6k training galaxies a fold) early-stopped boosting comes
        // within 0.003 dex of the GNN; on 100 Mpc/h the GNN's lead is 0.015 dex (README).
        ExperimentResult r = run(EnvironmentModel.NEIGHBOURS, 7, 100);
        ExperimentResult.Run best = null;
        for (ExperimentResult.Run run : r.runs()) {
            if (!ExperimentResult.isGnn(run) && (best == null || r.rmse(run) < r.rmse(best))) {
                best = run;
            }
        }
        assertNotNull(best);
        BlockBootstrap.Difference d = diff(r, find(r, "gnn"), best);
        assertTrue(d.hi95() < -0.007 && d.value() < -0.01, "neighbours: the GNN should beat " + best.column() + ", got " + d);
    }
}
