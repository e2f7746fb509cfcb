package org.cosmicweb.simulations;

import java.util.Arrays;

/**
 * Selected galaxies as flat arrays in physical units, one entry per matched hydro/dark pair,
 * ordered by dark subhalo index. Positions (Mpc, wrapped into [0, box)) and velocities (km/s) are
 * row-major [N, 3] of the dark twin; {@code logMhaloMsun} is log10 of the dark twin's
 * dark-matter subhalo mass; {@code logMstarMsun} is the hydro twin's stellar mass (the target).
 *
 * @param source             where the catalog came from (folder or description)
 * @param boxSizeMpc         periodic box side in Mpc
 * @param darkIds            dark subhalo index of each galaxy
 * @param hydroIds           hydro subhalo index of each galaxy
 * @param logMstarNoiseless  mock catalogs only: noiseless log10 M* of the generator, else null
 * @param disperse           optional DisPerSE distances [N, 5] in Mpc, else null
 * @param stats              counts before and after matching and cuts
 */
public record SubhaloCatalog(
        String source,
        double boxSizeMpc,
        long[] darkIds,
        long[] hydroIds,
        double[] positionsMpc,
        double[] velocitiesKms,
        double[] logMhaloMsun,
        double[] logVmaxKms,
        boolean[] isCentral,
        double[] logMstarMsun,
        double[] logMstarNoiseless,
        double[] disperse,
        CatalogStats stats) {

    public static final String[] DISPERSE_FIELDS = {"d_minima", "d_node", "d_saddle_1", "d_saddle_2", "d_skel"};

    /** Counts along the reader's pipeline. */
    public record CatalogStats(int darkSubhalos, int hydroSubhalos, int matched, int selected) {
    }

    public SubhaloCatalog {
        int n = darkIds.length;
        if (!(boxSizeMpc > 0) || !Double.isFinite(boxSizeMpc)) {
            throw new IllegalArgumentException("boxSizeMpc must be positive and finite, got " + boxSizeMpc);
        }
        requireLength("hydroIds", hydroIds.length, n);
        requireLength("positionsMpc", positionsMpc.length, 3 * n);
        requireLength("velocitiesKms", velocitiesKms.length, 3 * n);
        requireLength("logMhaloMsun", logMhaloMsun.length, n);
        requireLength("logVmaxKms", logVmaxKms.length, n);
        requireLength("isCentral", isCentral.length, n);
        requireLength("logMstarMsun", logMstarMsun.length, n);
        if (logMstarNoiseless != null) {
            requireLength("logMstarNoiseless", logMstarNoiseless.length, n);
        }
        if (disperse != null) {
            requireLength("disperse", disperse.length, DISPERSE_FIELDS.length * n);
        }
        for (int i = 0; i < 3 * n; i++) {
            double x = positionsMpc[i];
            if (!(x >= 0 && x < boxSizeMpc)) {
                throw new IllegalArgumentException("positionsMpc[" + (i / 3) + "][" + (i % 3) + "] = " + x
                        + " lies outside [0, " + boxSizeMpc + ") Mpc");
            }
        }
    }

    private static void requireLength(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has length " + actual + ", expected " + expected);
        }
    }

    public int size() {
        return darkIds.length;
    }

    /** The galaxies at {@code rows}, in that order. */
    public SubhaloCatalog subset(int[] rows) {
        int n = rows.length;
        long[] dark = new long[n];
        long[] hydro = new long[n];
        double[] pos = new double[3 * n];
        double[] vel = new double[3 * n];
        double[] mh = new double[n];
        double[] vm = new double[n];
        boolean[] cen = new boolean[n];
        double[] ms = new double[n];
        double[] truth = logMstarNoiseless == null ? null : new double[n];
        int nd = DISPERSE_FIELDS.length;
        double[] dis = disperse == null ? null : new double[nd * n];
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            dark[k] = darkIds[i];
            hydro[k] = hydroIds[i];
            System.arraycopy(positionsMpc, 3 * i, pos, 3 * k, 3);
            System.arraycopy(velocitiesKms, 3 * i, vel, 3 * k, 3);
            mh[k] = logMhaloMsun[i];
            vm[k] = logVmaxKms[i];
            cen[k] = isCentral[i];
            ms[k] = logMstarMsun[i];
            if (truth != null) {
                truth[k] = logMstarNoiseless[i];
            }
            if (dis != null) {
                System.arraycopy(disperse, nd * i, dis, nd * k, nd);
            }
        }
        return new SubhaloCatalog(source, boxSizeMpc, dark, hydro, pos, vel, mh, vm, cen, ms, truth, dis,
                new CatalogStats(stats.darkSubhalos(), stats.hydroSubhalos(), stats.matched(), n));
    }

    /** Fraction of galaxies that are centrals. */
    public double centralFraction() {
        int c = 0;
        for (boolean b : isCentral) {
            c += b ? 1 : 0;
        }
        return size() == 0 ? Double.NaN : (double) c / size();
    }

    /**
     * The mock's noise floor on these galaxies: RMSE of log M* about the generator's noiseless
     * value, the best any model can reach; NaN when the catalog carries no truth.
     */
    public double noiseFloorDex() {
        if (logMstarNoiseless == null || size() == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < size(); i++) {
            double d = logMstarMsun[i] - logMstarNoiseless[i];
            s += d * d;
        }
        return Math.sqrt(s / size());
    }

    @Override
    public String toString() {
        return "SubhaloCatalog[" + source + ", N=" + size() + ", box=" + boxSizeMpc + " Mpc, disperse="
                + (disperse != null) + ", truth=" + (logMstarNoiseless != null) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubhaloCatalog c && c.source.equals(source) && c.boxSizeMpc == boxSizeMpc
                && Arrays.equals(c.darkIds, darkIds) && Arrays.equals(c.logMstarMsun, logMstarMsun)
                && Arrays.equals(c.positionsMpc, positionsMpc);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(darkIds) * 31 + source.hashCode();
    }
}
