package org.cosmicweb.simulations;

import java.nio.file.Path;

/** Catalog rows taken from one SUBFIND run, its code units converted here (see {@link TngUnits}). */
final class RunRows {
    private RunRows() {
    }

    /**
     * The subhalos {@code rows} of {@code run} (positions, velocities and Vmax read), in that order.
     *
     * @param withStars   the target is the subhalo's own stellar mass (a hydro run); else NaN
     * @param hydroIsSelf hydro ids are the subhalo indices (hydro-only catalogs); else -1
     */
    static SubhaloCatalog of(RunCatalog run, int[] rows, boolean withStars, boolean hydroIsSelf, String source,
                             SubhaloCatalog.CatalogStats stats) {
        double h = run.hubble();
        double boxMpc = TngUnits.lengthToMpc(run.boxSizeCode(), h);
        int n = rows.length;
        long[] darkIds = new long[n];
        long[] hydroIds = new long[n];
        double[] pos = new double[3 * n];
        double[] vel = new double[3 * n];
        double[] logMh = new double[n];
        double[] logVmax = new double[n];
        boolean[] central = new boolean[n];
        double[] logMs = new double[n];
        for (int k = 0; k < n; k++) {
            int d = rows[k];
            darkIds[k] = d;
            hydroIds[k] = hydroIsSelf ? d : -1;
            for (int a = 0; a < 3; a++) {
                pos[3 * k + a] = TngUnits.wrap(TngUnits.lengthToMpc(run.pos()[3 * d + a], h), boxMpc);
                vel[3 * k + a] = run.vel()[3 * d + a];
            }
            logVmax[k] = logVmax(run.groupsDir(), run, d);
            logMh[k] = TngUnits.log10MassMsun(run.dmMass()[d], h);
            central[k] = run.isCentral(d);
            logMs[k] = withStars ? TngUnits.log10MassMsun(run.starMass()[d], h) : Double.NaN;
        }
        return new SubhaloCatalog(source, boxMpc, darkIds, hydroIds, pos, vel, logMh, logVmax, central, logMs, null, null,
                stats, h);
    }

    static double logVmax(Path where, RunCatalog run, int d) {
        float vmax = run.vmax()[d];
        if (!(vmax > 0)) {
            throw CatalogException.at(where, "Subhalo/SubhaloVmax",
                    "subhalo " + d + " has Vmax " + vmax + " km/s (expected > 0 for a selected subhalo)");
        }
        return Math.log10(vmax);
    }

    /** Passes the dark-matter cuts: SubhaloFlag (when required) and log10 of the dark mass. */
    static boolean passesDark(CatalogCuts cuts, RunCatalog run, int d) {
        return (!cuts.requireFlag() || run.flagged(d))
                && TngUnits.log10MassMsun(run.dmMass()[d], run.hubble()) > cuts.minLogMhaloMsun();
    }
}
