package org.cosmicweb.experiments;

import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;

import java.nio.file.Path;

/** Small mock catalogs for experiment tests, written to and read back from TNG-format files. */
final class Fixtures {
    private Fixtures() {
    }

    static SubhaloCatalog mock(Path dir, long seed, double boxMpch) {
        MockUniverseConfig cfg = MockUniverseConfig.defaults(seed).withBox(boxMpch).withChunks(2);
        TngLayout layout = TngLayout.of(dir);
        MockUniverseWriter.write(MockUniverse.generate(cfg), cfg, layout, true);
        return TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
    }

    /** Hand-made catalog: galaxies on a line, with given Vmax, centrality and stellar masses. */
    static SubhaloCatalog handMade(double[] logVmax, boolean[] central, double[] logMstar) {
        int n = logVmax.length;
        long[] ids = new long[n];
        double[] pos = new double[3 * n];
        double[] logMh = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            pos[3 * i] = i + 0.5;
            pos[3 * i + 1] = 1;
            pos[3 * i + 2] = 1;
            logMh[i] = 11 + logVmax[i];
        }
        return new SubhaloCatalog("hand", Math.max(10, n + 1), ids, ids.clone(), pos, new double[3 * n], logMh, logVmax,
                central, logMstar, null, null, new SubhaloCatalog.CatalogStats(n, n, n, n));
    }
}
