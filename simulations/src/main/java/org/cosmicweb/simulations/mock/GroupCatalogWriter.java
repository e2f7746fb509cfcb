package org.cosmicweb.simulations.mock;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import org.cosmicweb.simulations.TngLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one run's {@link TngTables} as SUBFIND group catalog chunk files with TNG's group, field
 * and attribute names and dtypes: groups split evenly over chunks, subhalos following their groups,
 * chunks without subhalos written without a Subhalo group (as TNG does).
 */
public final class GroupCatalogWriter {
    private static final double OMEGA0 = 0.3089;

    private GroupCatalogWriter() {
    }

    /**
     * Writes {@code t} as {@code chunks} files (fewer when there are fewer groups) into {@code dir};
     * {@code mockForHeader}, when given, adds the mock's parameters and noise floor to each Header.
     */
    public static void write(TngTables t, int chunksWanted, TngLayout layout, Path dir,
                             MockUniverse.Result mockForHeader) throws IOException {
        Files.createDirectories(dir);
        int chunks = Math.max(1, Math.min(chunksWanted, t.nGroups()));
        int subStart = 0;
        for (int c = 0; c < chunks; c++) {
            int g0 = (int) ((long) t.nGroups() * c / chunks);
            int g1 = (int) ((long) t.nGroups() * (c + 1) / chunks);
            int ns = 0;
            for (int g = g0; g < g1; g++) {
                ns += t.groupNsubs()[g];
            }
            try (WritableHdfFile f = HdfFile.write(layout.chunk(dir, c))) {
                WritableGroup header = f.putGroup("Header");
                header.putAttribute("NumFiles", chunks);
                header.putAttribute("Ngroups_ThisFile", g1 - g0);
                header.putAttribute("Nsubgroups_ThisFile", ns);
                header.putAttribute("Ngroups_Total", t.nGroups());
                header.putAttribute("Nsubgroups_Total", t.nSub());
                header.putAttribute("BoxSize", t.boxCode());
                header.putAttribute("HubbleParam", MockUniverseConfig.HUBBLE);
                header.putAttribute("Redshift", 2.220446049250313e-16);
                header.putAttribute("Time", 1.0);
                header.putAttribute("Omega0", OMEGA0);
                header.putAttribute("OmegaLambda", 1 - OMEGA0);
                if (mockForHeader != null) {
                    header.putAttribute("MockGenerator", MockUniverse.GENERATOR);
                    header.putAttribute("MockNoiseFloorDex", mockForHeader.noiseFloorDex());
                    header.putAttribute("MockParameters", mockForHeader.parametersJson());
                }
                if (g1 > g0) {
                    WritableGroup group = f.putGroup("Group");
                    group.putDataset("GroupFirstSub", slice(t.groupFirstSub(), g0, g1));
                    group.putDataset("GroupNsubs", slice(t.groupNsubs(), g0, g1));
                    group.putDataset("GroupPos", rows(t.groupPos(), 3, g0, g1));
                    group.putDataset("Group_M_Crit200", slice(t.groupM200(), g0, g1));
                }
                if (ns > 0) {
                    int s1 = subStart + ns;
                    WritableGroup sub = f.putGroup("Subhalo");
                    sub.putDataset("SubhaloPos", rows(t.subPos(), 3, subStart, s1));
                    sub.putDataset("SubhaloVel", rows(t.subVel(), 3, subStart, s1));
                    sub.putDataset("SubhaloVmax", slice(t.subVmax(), subStart, s1));
                    sub.putDataset("SubhaloMassType", rows(t.massType(), 6, subStart, s1));
                    sub.putDataset("SubhaloLenType", rows(t.lenType(), 6, subStart, s1));
                    sub.putDataset("SubhaloGrNr", slice(t.grNr(), subStart, s1));
                    byte[] flags = java.util.Arrays.copyOfRange(t.flag(), subStart, s1);
                    sub.putDataset("SubhaloFlag", flags, DatasetCreationOptions.builder().unsigned().build());
                }
            }
            subStart += ns;
        }
    }

    private static int[] slice(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static float[] slice(float[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static float[][] rows(float[] flat, int cols, int from, int to) {
        float[][] out = new float[to - from][cols];
        for (int r = from; r < to; r++) {
            System.arraycopy(flat, r * cols, out[r - from], 0, cols);
        }
        return out;
    }

    private static int[][] rows(int[] flat, int cols, int from, int to) {
        int[][] out = new int[to - from][cols];
        for (int r = from; r < to; r++) {
            System.arraycopy(flat, r * cols, out[r - from], 0, cols);
        }
        return out;
    }

}
