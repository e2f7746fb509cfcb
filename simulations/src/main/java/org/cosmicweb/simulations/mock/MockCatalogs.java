package org.cosmicweb.simulations.mock;

import org.cosmicweb.simulations.SubhaloCatalog;

import java.util.Arrays;

/** In-memory catalogs straight from a generated mock, without writing files. */
public final class MockCatalogs {
    /** Dark subhalos per (Mpc/h)^3 at the default host density (measured on the generator). */
    public static final double DARK_SUBHALOS_PER_MPCH3 = 0.0477;

    private MockCatalogs() {
    }

    /** Box side in Mpc/h that holds about {@code n} dark subhalos at the default density. */
    public static double boxForSubhalos(long n) {
        return Math.cbrt(n / DARK_SUBHALOS_PER_MPCH3);
    }

    /**
     * Every dark subhalo of the mock, uncut, in physical units, for graph benchmarks and tests of
     * geometry. It carries no stellar masses (log M* is NaN).
     */
    public static SubhaloCatalog allDarkSubhalos(MockUniverse.Result mock) {
        TngTables t = mock.dark();
        double h = MockUniverseConfig.HUBBLE;
        int n = t.nSub();
        double box = t.boxCode() / 1000 / h;
        long[] ids = new long[n];
        double[] pos = new double[3 * n];
        double[] vel = new double[3 * n];
        double[] logM = new double[n];
        double[] logV = new double[n];
        boolean[] central = new boolean[n];
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            for (int a = 0; a < 3; a++) {
                pos[3 * i + a] = org.cosmicweb.simulations.TngUnits.wrap(t.subPos()[3 * i + a] / 1000.0 / h, box);
                vel[3 * i + a] = t.subVel()[3 * i + a];
            }
            logM[i] = Math.log10(t.massType()[6 * i + 1] * 1e10 / h);
            logV[i] = Math.log10(t.subVmax()[i]);
            central[i] = t.groupFirstSub()[t.grNr()[i]] == i;
        }
        return new SubhaloCatalog("mock dark subhalos, seed box " + t.boxCode() / 1000 + " Mpc/h", box, ids, ids.clone(),
                pos, vel, logM, logV, central, nan, null, null, new SubhaloCatalog.CatalogStats(n, 0, 0, n), h);
    }
}
