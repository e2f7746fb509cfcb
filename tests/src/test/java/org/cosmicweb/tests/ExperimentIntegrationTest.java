package org.cosmicweb.tests;

import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.ExperimentResult;
import org.cosmicweb.experiments.ExperimentRunner;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The --quick experiment end to end on the embedded mock (written to TNG files and read back):
 * the GNN at D = 3 Mpc must beat every baseline, and overdensity must help boosting, each by a
 * margin that a broken model or a mock without environment would not reach.
 */
class ExperimentIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void gnnBeatsEveryBaselineAtThreeMpcAndOverdensityBeatsNoEnvironment() {
        MockUniverseConfig mock = MockUniverseConfig.defaults(42).withBox(100);
        TngLayout layout = TngLayout.of(dir);
        MockUniverseWriter.write(MockUniverse.generate(mock), mock, layout, false);
        SubhaloCatalog cat = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        ExperimentConfig cfg = ExperimentConfig.quick(42);
        ExperimentResult r = new ExperimentRunner(cfg, new Progress(System.err, false, 30)).run(new ExperimentData(cat));
        double gnn3 = Double.NaN;
        double noenv = Double.NaN;
        double all = Double.NaN;
        double bestBaseline = Double.POSITIVE_INFINITY;
        double worstOverdensity = 0;
        for (ExperimentResult.Run run : r.runs()) {
            double rmse = r.rmse(run);
            System.err.printf("%s RMSE %.4f%n", run.column(), rmse);
            switch (run.model()) {
                case "gnn" -> gnn3 = run.scaleMpc() == 3.0 ? rmse : gnn3;
                case "boost_noenv" -> noenv = rmse;
                case "boost_overdensity_all" -> all = rmse;
                default -> { }
            }
            if (!ExperimentResult.isGnn(run)) {
                bestBaseline = Math.min(bestBaseline, rmse);
            }
            if (run.model().equals("boost_overdensity") && run.scaleMpc() >= 2) {
                worstOverdensity = Math.max(worstOverdensity, rmse);
            }
        }
        double floor = cat.noiseFloorDex();
        assertTrue(floor > 0.1 && floor < 0.14, "noise floor " + floor);
        assertTrue(gnn3 < bestBaseline - 0.003, "GNN at 3 Mpc " + gnn3 + " vs best baseline " + bestBaseline);
        assertTrue(all < noenv - 0.008, "overdensity (all radii) " + all + " vs no environment " + noenv);
        assertTrue(worstOverdensity < noenv, "overdensity at R >= 2 Mpc " + worstOverdensity + " vs " + noenv);
        assertTrue(gnn3 > floor, "nothing beats the noise floor: " + gnn3 + " vs " + floor);
    }
}
