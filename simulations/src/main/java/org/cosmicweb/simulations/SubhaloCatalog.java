package org.cosmicweb.simulations;

import java.util.Arrays;

/**
 * Selected galaxies as flat arrays in physical units, one entry per matched hydro/dark pair,
 * ordered by dark subhalo index. Positions (Mpc, wrapped into [0, box)) and velocities (km/s) are
 * row-major [N, 3] of the dark twin; {@code logMhaloMsun} is log10 of the dark twin's
 * dark-matter subhalo mass; {@code logMstarMsun} is the hydro twin's stellar mass (the target).
 *
 * <p>Catalogs without a twin use the same fields: a hydro-only catalog (SUBFIND of a hydro run, a
 * subhalo table) gives each subhalo's own dark mass, Vmax, position and velocity and the same id
 * in {@code darkIds} and {@code hydroIds}; a dark-matter-only catalog has hydroIds -1 and log M*
 * NaN, as do graph nodes that are not galaxies ({@link LoadedCatalog#others()}).
 *
 * @param source             where the catalog came from (folder or description)
 * @param boxSizeMpc         periodic box side in Mpc
 * @param darkIds            dark subhalo index of each galaxy
 * @param hydroIds           hydro subhalo index of each galaxy
 * @param logMstarNoiseless  mock catalogs only: noiseless log10 M* of the generator, else null
 * @param disperse           optional DisPerSE distances [N, 5] in Mpc, else null
 * @param stats              counts before and after matching and cuts
 * @param hubble             h of the catalog's cosmology (H0 = 100 h km/s/Mpc), from its header or column
 *                           mapping; NaN when the source does not say
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
        CatalogStats stats,
        double hubble) {

    public static final String[] DISPERSE_FIELDS = {"d_minima", "d_node", "d_saddle_1", "d_saddle_2", "d_skel"};

    /**
     * Counts along the reader's pipeline. For a matched pair, {@code disagreeing} hydro subhalos had
     * LHaloTree and SubLink twins that differ (dropped) and {@code manyToOne} claimed a dark twin
     * another hydro subhalo already had (dropped: the first keeps it); both 0 without a matching.
     */
    public record CatalogStats(int darkSubhalos, int hydroSubhalos, int matched, int selected, int disagreeing,
                               int manyToOne) {
        public CatalogStats(int darkSubhalos, int hydroSubhalos, int matched, int selected) {
            this(darkSubhalos, hydroSubhalos, matched, selected, 0, 0);
        }
    }

    /** Whether {@code h} is a Hubble parameter a catalog can have: in (0, 2] (100 h km/s/Mpc). */
    public static boolean validHubble(double h) {
        return h > 0 && h <= 2;
    }

    /** A catalog whose source does not say its h. */
    public SubhaloCatalog(String source, double boxSizeMpc, long[] darkIds, long[] hydroIds, double[] positionsMpc,
                          double[] velocitiesKms, double[] logMhaloMsun, double[] logVmaxKms, boolean[] isCentral,
                          double[] logMstarMsun, double[] logMstarNoiseless, double[] disperse, CatalogStats stats) {
        this(source, boxSizeMpc, darkIds, hydroIds, positionsMpc, velocitiesKms, logMhaloMsun, logVmaxKms, isCentral,
                logMstarMsun, logMstarNoiseless, disperse, stats, Double.NaN);
    }

    public SubhaloCatalog {
        int n = darkIds.length;
        if (!Double.isNaN(hubble) && !validHubble(hubble)) {
            throw new IllegalArgumentException("hubble (h) must be in (0, 2] or unknown (NaN), got " + hubble);
        }
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

    /** A catalog with no rows. */
    public static SubhaloCatalog empty(String source, double boxSizeMpc) {
        return new SubhaloCatalog(source, boxSizeMpc, new long[0], new long[0], new double[0], new double[0],
                new double[0], new double[0], new boolean[0], new double[0], null, null, new CatalogStats(0, 0, 0, 0));
    }

    /**
     * The rows of every part, in order, as one catalog; the parts must share the box size. Mock truth
     * and DisPerSE distances are kept only when every part has them.
     */
    public static SubhaloCatalog concat(String source, java.util.List<SubhaloCatalog> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        double box = parts.get(0).boxSizeMpc();
        int n = 0;
        boolean truth = true;
        boolean dis = true;
        int dark = 0;
        int hydro = 0;
        int matched = 0;
        int disagreeing = 0;
        int manyToOne = 0;
        // The parts' h, where they say it: parts that do not (NaN) fit any.
        double h = Double.NaN;
        String hFrom = null;
        for (SubhaloCatalog c : parts) {
            if (Double.isNaN(c.hubble())) {
                continue;
            }
            if (hFrom == null) {
                h = c.hubble();
                hFrom = c.source();
            } else if (c.hubble() != h) {
                throw new IllegalArgumentException(c.source() + " has h = " + c.hubble() + " but " + hFrom + " h = " + h
                        + ": the boxes of a suite must share one cosmology's h");
            }
        }
        for (SubhaloCatalog c : parts) {
            if (c.boxSizeMpc() != box) {
                throw new IllegalArgumentException(c.source() + " has a " + c.boxSizeMpc() + " Mpc box but "
                        + parts.get(0).source() + " a " + box + " Mpc one: the boxes of a suite must have one size");
            }
            n = Math.addExact(n, c.size());
            truth &= c.logMstarNoiseless() != null;
            dis &= c.disperse() != null;
            dark += c.stats().darkSubhalos();
            hydro += c.stats().hydroSubhalos();
            matched += c.stats().matched();
            disagreeing += c.stats().disagreeing();
            manyToOne += c.stats().manyToOne();
        }
        int nd = DISPERSE_FIELDS.length;
        long[] darkIds = new long[n];
        long[] hydroIds = new long[n];
        double[] pos = new double[3 * n];
        double[] vel = new double[3 * n];
        double[] mh = new double[n];
        double[] vm = new double[n];
        boolean[] cen = new boolean[n];
        double[] ms = new double[n];
        double[] tr = truth ? new double[n] : null;
        double[] ds = dis ? new double[nd * n] : null;
        int k = 0;
        for (SubhaloCatalog c : parts) {
            int m = c.size();
            System.arraycopy(c.darkIds, 0, darkIds, k, m);
            System.arraycopy(c.hydroIds, 0, hydroIds, k, m);
            System.arraycopy(c.positionsMpc, 0, pos, 3 * k, 3 * m);
            System.arraycopy(c.velocitiesKms, 0, vel, 3 * k, 3 * m);
            System.arraycopy(c.logMhaloMsun, 0, mh, k, m);
            System.arraycopy(c.logVmaxKms, 0, vm, k, m);
            System.arraycopy(c.isCentral, 0, cen, k, m);
            System.arraycopy(c.logMstarMsun, 0, ms, k, m);
            if (tr != null) {
                System.arraycopy(c.logMstarNoiseless, 0, tr, k, m);
            }
            if (ds != null) {
                System.arraycopy(c.disperse, 0, ds, nd * k, nd * m);
            }
            k += m;
        }
        return new SubhaloCatalog(source, box, darkIds, hydroIds, pos, vel, mh, vm, cen, ms, tr, ds,
                new CatalogStats(dark, hydro, matched, n, disagreeing, manyToOne), h);
    }

    private static void requireLength(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has length " + actual + ", expected " + expected);
        }
    }

    public int size() {
        return darkIds.length;
    }

    /** Whether any velocity is not 0 (a table read without velocity columns has them all 0). */
    public boolean hasVelocities() {
        for (double v : velocitiesKms) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /** This catalog with every velocity 0, as a table without velocity columns reads. */
    public SubhaloCatalog withoutVelocities() {
        return new SubhaloCatalog(source, boxSizeMpc, darkIds, hydroIds, positionsMpc, new double[velocitiesKms.length],
                logMhaloMsun, logVmaxKms, isCentral, logMstarMsun, logMstarNoiseless, disperse, stats, hubble);
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
                new CatalogStats(stats.darkSubhalos(), stats.hydroSubhalos(), stats.matched(), n, stats.disagreeing(),
                        stats.manyToOne()), hubble);
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
