package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fold that early stopping cannot use is refused while the protocol is laid out, before any model trains. */
class FoldChecksTest {
    /**
     * n galaxies on a plane through a 100 Mpc box, spread evenly in x and z (y fixed): a 10 Mpc
     * slab across x holds a tenth of a fold's training galaxies.
     */
    private static SubhaloCatalog plane(int n) {
        long[] ids = new long[n];
        double[] pos = new double[3 * n];
        double[] logMh = new double[n];
        double[] logV = new double[n];
        boolean[] central = new boolean[n];
        double[] logMstar = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            pos[3 * i] = ((i * 37L) % n + 0.5) * 100.0 / n;
            pos[3 * i + 1] = 50;
            pos[3 * i + 2] = (i + 0.5) * 100.0 / n;
            logV[i] = 2 + 0.3 * (i % 7) / 7.0;
            logMh[i] = 11 + logV[i];
            central[i] = true;
            logMstar[i] = 9 + logV[i];
        }
        return new SubhaloCatalog("plane", 100, ids, ids.clone(), pos, new double[3 * n], logMh, logV, central, logMstar,
                null, null, new SubhaloCatalog.CatalogStats(n, n, n, n));
    }

    @Test
    void aHeldOutSlabWithTooFewGalaxiesIsFoundBeforeTraining() {
        GnnSettings tiny = new GnnSettings(2, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 128);
        ExperimentConfig cfg = new ExperimentConfig(new double[] {2}, new double[] {2}, 3, 4, tiny, 10, 9, 256L << 10);
        ExperimentRunner runner = new ExperimentRunner(cfg, new Progress(System.err, false, 60));
        // units() lays out the protocol and trains nothing; a slab of 10 % of the box holds about 5 of 50 here.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner.units(new ExperimentData(plane(90))));
        assertTrue(e.getMessage().startsWith("early stopping needs at least 10 training galaxies"), e.getMessage());
        assertTrue(e.getMessage().contains("more --folds or a smaller --pad") && e.getMessage().contains("another --seed"),
                "what to change, for experiment and train: " + e.getMessage());
        // Negative control: with ten times the galaxies on the same plane every slab holds enough.
        assertTrue(runner.units(new ExperimentData(plane(900))).size() > 0);
    }

    @Test
    void onOneBoxAnOverdensityRadiusBeyondThePaddingIsRefused() {
        GnnSettings tiny = new GnnSettings(2, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 128);
        ExperimentData data = new ExperimentData(plane(900));
        ExperimentConfig wide = new ExperimentConfig(new double[] {2}, new double[] {2, 6}, 3, 4, tiny, 10, 9,
                256L << 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentRunner(wide, new Progress(System.err, false, 60)).units(data));
        assertTrue(e.getMessage().startsWith("--radii 6 Mpc is larger than --pad 4 Mpc")
                && e.getMessage().contains("a --pad of at least 6 Mpc"), e.getMessage());
        // Negative control: a radius equal to the padding cannot reach the validation slab (training galaxies
        // lie more than the padding from it).
        ExperimentConfig equal = new ExperimentConfig(new double[] {2}, new double[] {2, 4}, 3, 4, tiny, 10, 9,
                256L << 10);
        assertTrue(new ExperimentRunner(equal, new Progress(System.err, false, 60)).units(data).size() > 0);
    }
}
