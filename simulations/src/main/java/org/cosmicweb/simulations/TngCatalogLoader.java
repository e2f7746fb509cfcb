package org.cosmicweb.simulations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a hydro/dark TNG pair (real or mock) into a {@link SubhaloCatalog}: reads both group
 * catalogs, joins them through the matching file, applies {@link CatalogCuts} and converts units
 * once, here. Optional side files (DisPerSE distances, mock truth) are read when present.
 *
 * <p>With {@link GraphNodes#DMO} it also returns, as other graph nodes, every dark subhalo that
 * passes the dark-matter cuts but is not a selected galaxy; and a folder holding only the dark run
 * (no hydro run, no matching file) loads as a dark-matter-only catalog of those nodes.
 */
public final class TngCatalogLoader {
    /** Dataset in the mock truth file: noiseless log10 M* [Msun] per hydro subhalo. */
    public static final String TRUTH_FIELD = "SubhaloLogMstarNoiseless";
    /** Dataset in the DisPerSE file: dark subhalo index of each row. */
    public static final String DISPERSE_ID_FIELD = "SubhaloID";

    private TngCatalogLoader() {
    }

    public static SubhaloCatalog load(TngLayout layout, CatalogCuts cuts) {
        return load(layout, cuts, GraphNodes.SELECTED).galaxies();
    }

    /**
     * The pair's selected galaxies and, with {@link GraphNodes#DMO}, the other nodes; a folder with
     * the dark run but no hydro run gives a dark-matter-only catalog, which only DMO nodes allow.
     */
    public static LoadedCatalog load(TngLayout layout, CatalogCuts cuts, GraphNodes nodes) {
        if (Files.isDirectory(layout.darkGroups()) && !Files.exists(layout.hydroGroups())) {
            if (nodes != GraphNodes.DMO) {
                throw new CatalogException(layout.root() + " holds the dark run " + layout.darkRun() + " but no hydro run ("
                        + layout.hydroGroups() + " is missing). With --graph-nodes selected the graph's nodes are the"
                        + " galaxies passing the stellar cuts (log M* > " + cuts.minLogMstarMsun() + "), which only the"
                        + " hydro run can tell: a dark-matter-only run cannot reproduce that graph. Use --graph-nodes dmo"
                        + " (nodes: every subhalo with log M_DM > " + cuts.minLogMhaloMsun()
                        + "), with a model trained that way.");
            }
            return loadDarkOnly(layout, cuts);
        }
        RunCatalog dark = GroupCatalogReader.read(layout, layout.darkGroups(),
                EnumSet.of(RunCatalog.Field.POSITIONS, RunCatalog.Field.VELOCITIES, RunCatalog.Field.VMAX));
        dark.requireDark("--dark-run " + layout.darkRun());
        RunCatalog hydro = GroupCatalogReader.read(layout, layout.hydroGroups(), EnumSet.of(RunCatalog.Field.STARS));
        if (Math.abs(dark.boxSizeCode() - hydro.boxSizeCode()) > 1e-6 * dark.boxSizeCode()
                || Math.abs(dark.hubble() - hydro.hubble()) > 1e-9) {
            throw new CatalogException("the runs disagree: " + layout.darkGroups() + " has BoxSize " + dark.boxSizeCode()
                    + ", HubbleParam " + dark.hubble() + " but " + layout.hydroGroups() + " has "
                    + hydro.boxSizeCode() + ", " + hydro.hubble());
        }
        SubhaloMatching.Match match = SubhaloMatching.read(layout, hydro.nSubhalos(), dark.nSubhalos());
        double h = dark.hubble();

        // Selected pairs, indexed by dark subhalo so the catalog comes out in dark order.
        int[] darkToHydro = new int[dark.nSubhalos()];
        java.util.Arrays.fill(darkToHydro, -1);
        int selected = 0;
        int[] hydroToDark = match.hydroToDark();
        for (int i = 0; i < hydro.nSubhalos(); i++) {
            int d = hydroToDark[i];
            if (d >= 0 && passes(cuts, hydro, i, dark, d, h)) {
                darkToHydro[d] = i;
                selected++;
            }
        }
        if (selected == 0) {
            throw new CatalogException("no galaxies pass the cuts in " + layout.root() + ": " + hydro.nSubhalos()
                    + " hydro subhalos, " + match.matched() + " matched to " + layout.darkRun() + ", 0 with log M* > "
                    + cuts.minLogMstarMsun() + ", log M_DM > " + cuts.minLogMhaloMsun() + " and > "
                    + cuts.minStarParticles() + " star particles");
        }
        double boxMpc = TngUnits.lengthToMpc(dark.boxSizeCode(), h);
        long[] darkIds = new long[selected];
        long[] hydroIds = new long[selected];
        double[] pos = new double[3 * selected];
        double[] vel = new double[3 * selected];
        double[] logMh = new double[selected];
        double[] logVmax = new double[selected];
        boolean[] central = new boolean[selected];
        double[] logMs = new double[selected];
        int k = 0;
        for (int d = 0; d < dark.nSubhalos(); d++) {
            int i = darkToHydro[d];
            if (i < 0) {
                continue;
            }
            darkIds[k] = d;
            hydroIds[k] = i;
            for (int a = 0; a < 3; a++) {
                pos[3 * k + a] = TngUnits.wrap(TngUnits.lengthToMpc(dark.pos()[3 * d + a], h), boxMpc);
                vel[3 * k + a] = dark.vel()[3 * d + a];
            }
            logVmax[k] = RunRows.logVmax(layout.darkGroups(), dark, d);
            logMh[k] = TngUnits.log10MassMsun(dark.dmMass()[d], h);
            central[k] = dark.isCentral(d);
            logMs[k] = TngUnits.log10MassMsun(hydro.starMass()[i], h);
            k++;
        }
        double[] truth = readTruth(layout, hydro.nSubhalos(), hydroIds);
        double[] disperse = readDisperse(layout, darkIds);
        SubhaloCatalog galaxies = new SubhaloCatalog(layout.root().toString(), boxMpc, darkIds, hydroIds, pos, vel, logMh,
                logVmax, central, logMs, truth, disperse,
                new SubhaloCatalog.CatalogStats(dark.nSubhalos(), hydro.nSubhalos(), match.matched(), selected,
                        match.disagreeing(), match.duplicates()), h);
        if (nodes == GraphNodes.SELECTED) {
            return LoadedCatalog.selected(galaxies);
        }
        int[] others = java.util.stream.IntStream.range(0, dark.nSubhalos())
                .filter(d -> darkToHydro[d] < 0 && RunRows.passesDark(cuts, dark, d)).toArray();
        SubhaloCatalog other = RunRows.of(dark, others, false, false, layout.root() + " (other dark nodes)",
                new SubhaloCatalog.CatalogStats(dark.nSubhalos(), 0, 0, others.length));
        return new LoadedCatalog(galaxies, other, GraphNodes.DMO, false);
    }

    /** Every dark subhalo passing the dark-matter cuts, to predict on: log M* NaN, hydro ids -1. */
    private static LoadedCatalog loadDarkOnly(TngLayout layout, CatalogCuts cuts) {
        RunCatalog dark = GroupCatalogReader.read(layout, layout.darkGroups(),
                EnumSet.of(RunCatalog.Field.POSITIONS, RunCatalog.Field.VELOCITIES, RunCatalog.Field.VMAX));
        dark.requireDark("--dark-run " + layout.darkRun());
        int[] nodes = java.util.stream.IntStream.range(0, dark.nSubhalos())
                .filter(d -> RunRows.passesDark(cuts, dark, d)).toArray();
        if (nodes.length == 0) {
            throw new CatalogException("no subhalos pass the dark-matter cuts in " + layout.darkGroups() + ": "
                    + dark.nSubhalos() + " subhalos, 0 with log M_DM > " + cuts.minLogMhaloMsun());
        }
        SubhaloCatalog c = RunRows.of(dark, nodes, false, false, layout.root().toString(),
                new SubhaloCatalog.CatalogStats(dark.nSubhalos(), 0, 0, nodes.length));
        long[] ids = c.darkIds();
        double[] disperse = readDisperse(layout, ids);
        if (disperse != null) {
            c = new SubhaloCatalog(c.source(), c.boxSizeMpc(), ids, c.hydroIds(), c.positionsMpc(), c.velocitiesKms(),
                    c.logMhaloMsun(), c.logVmaxKms(), c.isCentral(), c.logMstarMsun(), null, disperse, c.stats(),
                    c.hubble());
        }
        return new LoadedCatalog(c, SubhaloCatalog.empty(c.source(), c.boxSizeMpc()), GraphNodes.DMO, true);
    }

    private static boolean passes(CatalogCuts cuts, RunCatalog hydro, int i, RunCatalog dark, int d, double h) {
        if (cuts.requireFlag() && (hydro.flag()[i] == 0 || dark.flag()[d] == 0)) {
            return false;
        }
        return hydro.starLen()[i] > cuts.minStarParticles()
                && TngUnits.log10MassMsun(hydro.starMass()[i], h) > cuts.minLogMstarMsun()
                && TngUnits.log10MassMsun(hydro.dmMass()[i], h) > cuts.minLogMhaloMsun()
                && TngUnits.log10MassMsun(dark.dmMass()[d], h) > cuts.minLogMhaloMsun();
    }

    private static double[] readTruth(TngLayout layout, int nHydro, long[] hydroIds) {
        Path file = layout.mockTruthFile();
        if (!Files.exists(file)) {
            return null;
        }
        try (Hdf5Fields f = Hdf5Fields.open(file)) {
            float[] all = f.floatColumn(TRUTH_FIELD, nHydro, 1, 0);
            double[] out = new double[hydroIds.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = all[(int) hydroIds[k]];
            }
            return out;
        }
    }

    private static double[] readDisperse(TngLayout layout, long[] darkIds) {
        Path file = layout.disperseFile();
        if (!Files.exists(file)) {
            return null;
        }
        String[] names = SubhaloCatalog.DISPERSE_FIELDS;
        try (Hdf5Fields f = Hdf5Fields.open(file)) {
            int rows = f.length(DISPERSE_ID_FIELD);
            long[] ids = f.longs(DISPERSE_ID_FIELD, rows);
            Map<Long, Integer> rowOf = new HashMap<>(2 * rows);
            for (int r = 0; r < rows; r++) {
                rowOf.put(ids[r], r);
            }
            float[][] cols = new float[names.length][];
            for (int c = 0; c < names.length; c++) {
                cols[c] = f.floatColumn(names[c], rows, 1, 0);
            }
            double[] out = new double[names.length * darkIds.length];
            for (int k = 0; k < darkIds.length; k++) {
                Integer r = rowOf.get(darkIds[k]);
                if (r == null) {
                    throw CatalogException.at(file, DISPERSE_ID_FIELD, "has no row for selected dark subhalo " + darkIds[k]);
                }
                for (int c = 0; c < names.length; c++) {
                    out[names.length * k + c] = cols[c][r];
                }
            }
            return out;
        }
    }
}
