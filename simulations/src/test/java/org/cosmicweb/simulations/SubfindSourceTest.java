package org.cosmicweb.simulations;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hydro-only and dark-matter-only SUBFIND catalogs in CAMELS's layout (one groups_SSS.hdf5 with a
 * Header, Group and Subhalo group and no SubhaloFlag), written here with jhdf with known values.
 */
class SubfindSourceTest {
    @TempDir
    Path dir;

    static final double H = 0.5;
    static final CatalogCuts CUTS = new CatalogCuts(9.0, 11.0, 50, true);

    /**
     * Five subhalos in four groups (group 3 empty), code units (ckpc/h, 1e10 Msun/h; h = 0.5, box
     * 10000 ckpc/h = 20 Mpc): 0 central of group 0, passes; 1 satellite, passes; 2 satellite, M*
     * 8e8 Msun and 40 star particles, fails the stellar cuts; 3 central of group 1, DM mass 4e10
     * Msun, fails the dark cut; 4 central of group 2 with exactly 50 star particles, fails.
     */
    static final int[] GROUP = {0, 0, 0, 1, 2};
    static final int[] FIRST_SUB = {0, 3, 4, -1};
    static final float[] DM = {1000, 50, 20, 2, 100};
    static final float[] STARS = {10, 0.5f, 0.04f, 0.1f, 1};
    static final int[] STAR_LEN = {5000, 500, 40, 100, 50};
    static final float[][] POS = {{1000, 2000, 3000}, {9999, 0, 5000}, {10, 20, 30}, {5000, 5000, 5000}, {1, 2, 3}};
    static final float[] VMAX = {300, 150, 80, 60, 120};

    /** Writes subhalos [s0, s1) and groups [g0, g1) as one file of a catalog of {@code numFiles}. */
    static void write(Path file, int numFiles, int g0, int g1, int s0, int s1, boolean stars, boolean gadget4)
            throws Exception {
        write(file, numFiles, g0, g1, s0, s1, stars, gadget4, Double.NaN);
    }

    /** The same with a Parameters group stating the code units, mass in {@code unitMassG} (NaN: no such group). */
    static void write(Path file, int numFiles, int g0, int g1, int s0, int s1, boolean stars, boolean gadget4,
                      double unitMassG) throws Exception {
        Files.createDirectories(file.getParent());
        try (WritableHdfFile f = HdfFile.write(file)) {
            if (!Double.isNaN(unitMassG)) {
                WritableGroup p = f.putGroup("Parameters");
                p.putAttribute("UnitMass_in_g", unitMassG);
                p.putAttribute("UnitLength_in_cm", 3.085678e21);
                p.putAttribute("UnitVelocity_in_cm_per_s", 1e5);
            }
            WritableGroup h = f.putGroup("Header");
            String sub = gadget4 ? "Nsubhalos_" : "Nsubgroups_";
            h.putAttribute("NumFiles", numFiles);
            h.putAttribute("Ngroups_ThisFile", g1 - g0);
            h.putAttribute(sub + "ThisFile", s1 - s0);
            h.putAttribute("Ngroups_Total", FIRST_SUB.length);
            h.putAttribute(sub + "Total", GROUP.length);
            h.putAttribute("BoxSize", 10000.0);
            h.putAttribute("HubbleParam", H);
            h.putAttribute("Redshift", 0.0);
            if (g1 > g0) {
                f.putGroup("Group").putDataset("GroupFirstSub", Arrays.copyOfRange(FIRST_SUB, g0, g1));
            }
            if (s1 > s0) {
                int n = s1 - s0;
                float[][] pos = new float[n][];
                float[][] vel = new float[n][];
                float[][] mass = new float[n][];
                int[][] len = new int[n][];
                for (int k = 0; k < n; k++) {
                    int i = s0 + k;
                    pos[k] = POS[i];
                    vel[k] = new float[] {i, -i, 2 * i};
                    mass[k] = new float[] {0, DM[i], 0, 0, stars ? STARS[i] : 0, 0};
                    len[k] = new int[] {0, 1000, 0, 0, stars ? STAR_LEN[i] : 0, 0};
                }
                WritableGroup s = f.putGroup("Subhalo");
                s.putDataset("SubhaloPos", pos);
                s.putDataset("SubhaloVel", vel);
                s.putDataset("SubhaloVmax", Arrays.copyOfRange(VMAX, s0, s1));
                s.putDataset("SubhaloMassType", mass);
                s.putDataset("SubhaloLenType", len);
                if (gadget4) {
                    // Gadget-4 (and MTNG) renamed the field and store it as int64.
                    s.putDataset("SubhaloGroupNr", Arrays.stream(Arrays.copyOfRange(GROUP, s0, s1)).asLongStream()
                            .toArray());
                } else {
                    s.putDataset("SubhaloGrNr", Arrays.copyOfRange(GROUP, s0, s1));
                }
            }
        }
    }

    Path camels(boolean stars) throws Exception {
        Path f = dir.resolve(stars ? "hydro" : "dark").resolve("groups_090.hdf5");
        write(f, 1, 0, FIRST_SUB.length, 0, GROUP.length, stars, false);
        return f;
    }

    @Test
    void codeUnitsOtherThanTngsAreRefusedNotMisread() throws Exception {
        Path tng = dir.resolve("units/tng/groups_090.hdf5");
        write(tng, 1, 0, FIRST_SUB.length, 0, GROUP.length, true, false, 1.989e43);
        SubhaloCatalog g = new SubfindSource(tng, null).load(CUTS, GraphNodes.SELECTED).galaxies();
        assertArrayEquals(new double[] {Math.log10(2e13), Math.log10(1e12)}, g.logMhaloMsun(), 1e-9,
                "TNG's units, stated, read as before");
        Path msun = dir.resolve("units/msun/groups_090.hdf5");
        write(msun, 1, 0, FIRST_SUB.length, 0, GROUP.length, true, false, 1.989e33);
        CatalogException e = assertThrows(CatalogException.class,
                () -> new SubfindSource(msun, null).load(CUTS, GraphNodes.SELECTED));
        assertTrue(e.getMessage().contains("Parameters/UnitMass_in_g") && e.getMessage().contains("1.989E33")
                && e.getMessage().contains("expected 1.989E43"), e.getMessage());
    }

    @Test
    void hydroOnlyCatalogHasKnownValuesCutsAndCentrals() throws Exception {
        LoadedCatalog c = new SubfindSource(camels(true), null).load(CUTS, GraphNodes.SELECTED);
        SubhaloCatalog g = c.galaxies();
        assertArrayEquals(new long[] {0, 1}, g.darkIds());
        assertArrayEquals(new long[] {0, 1}, g.hydroIds());
        assertEquals(20.0, g.boxSizeMpc(), 1e-12);
        assertArrayEquals(new double[] {2, 4, 6, 19.998, 0, 10}, g.positionsMpc(), 1e-9);
        assertArrayEquals(new double[] {0, 0, 0, 1, -1, 2}, g.velocitiesKms(), 0);
        assertArrayEquals(new double[] {Math.log10(2e13), Math.log10(1e12)}, g.logMhaloMsun(), 1e-9);
        assertArrayEquals(new double[] {Math.log10(2e11), 10.0}, g.logMstarMsun(), 1e-9);
        assertArrayEquals(new double[] {Math.log10(300), Math.log10(150)}, g.logVmaxKms(), 1e-9);
        assertArrayEquals(new boolean[] {true, false}, g.isCentral());
        assertTrue(g.source().contains("groups_090.hdf5") && g.source().contains("z = 0.000"), g.source());

        LoadedCatalog dmo = new SubfindSource(camels(true), null).load(CUTS, GraphNodes.DMO);
        assertArrayEquals(new long[] {0, 1}, dmo.galaxies().darkIds());
        assertArrayEquals(new long[] {2, 4}, dmo.others().darkIds(), "2 and 4 fail stellar cuts only, 3 the dark cut");
        assertArrayEquals(new boolean[] {false, true}, dmo.others().isCentral());
    }

    @Test
    void chunkedFilesAFolderAndGadget4NamesReadTheSame() throws Exception {
        SubhaloCatalog single = new SubfindSource(camels(true), null).load(CUTS, GraphNodes.SELECTED).galaxies();
        Path chunks = dir.resolve("chunks");
        write(chunks.resolve("fof_subhalo_tab_033.0.hdf5"), 2, 0, 2, 0, 4, true, true);
        write(chunks.resolve("fof_subhalo_tab_033.1.hdf5"), 2, 2, 4, 4, 5, true, true);
        for (Path p : new Path[] {chunks, chunks.resolve("fof_subhalo_tab_033.1.hdf5"), camels(true).getParent()}) {
            SubhaloCatalog c = new SubfindSource(p, null).load(CUTS, GraphNodes.SELECTED).galaxies();
            assertArrayEquals(single.darkIds(), c.darkIds(), p.toString());
            assertArrayEquals(single.positionsMpc(), c.positionsMpc(), 0, p.toString());
            assertArrayEquals(single.logMstarMsun(), c.logMstarMsun(), 0, p.toString());
        }
    }

    @Test
    void aCatalogWithoutStarsIsDarkMatterOnly() throws Exception {
        SubfindSource s = new SubfindSource(camels(false), null);
        CatalogException e = assertThrows(CatalogException.class, () -> s.load(CUTS, GraphNodes.SELECTED));
        assertTrue(e.getMessage().contains("no star particle") && e.getMessage().contains("--graph-nodes dmo"),
                e.getMessage());
        LoadedCatalog d = s.load(CUTS, GraphNodes.DMO);
        assertTrue(d.darkOnly());
        assertArrayEquals(new long[] {0, 1, 2, 4}, d.galaxies().darkIds(), "every subhalo with log M_DM > 11");
        assertArrayEquals(new long[] {-1, -1, -1, -1}, d.galaxies().hydroIds());
        assertTrue(Double.isNaN(d.galaxies().logMstarMsun()[0]));
        // The same nodes as the hydro catalog's galaxies and other nodes, with the same properties.
        LoadedCatalog hydro = new SubfindSource(camels(true), null).load(CUTS, GraphNodes.DMO);
        assertArrayEquals(new double[] {hydro.galaxies().positionsMpc()[0], hydro.galaxies().positionsMpc()[1]},
                new double[] {d.galaxies().positionsMpc()[0], d.galaxies().positionsMpc()[1]}, 0);
    }

    @Test
    void badInputsNameTheFileAndTheField() throws Exception {
        Path f = dir.resolve("broken").resolve("groups_090.hdf5");
        Files.createDirectories(f.getParent());
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup h = w.putGroup("Header");
            h.putAttribute("NumFiles", 1);
            h.putAttribute("Nsubgroups_Total", 1);
            h.putAttribute("Ngroups_Total", 1);
        }
        CatalogException e = assertThrows(CatalogException.class,
                () -> new SubfindSource(f, null).load(CUTS, GraphNodes.SELECTED));
        assertTrue(e.getMessage().contains("Header/BoxSize") && e.getMessage().contains("groups_090.hdf5")
                && e.getMessage().contains("missing"), e.getMessage());
        CatalogException none = assertThrows(CatalogException.class,
                () -> new SubfindSource(dir.resolve("nowhere"), null).load(CUTS, GraphNodes.SELECTED));
        assertTrue(none.getMessage().contains("missing SUBFIND catalog"), none.getMessage());
        Path two = dir.resolve("two");
        write(two.resolve("groups_033.hdf5"), 1, 0, 4, 0, 5, true, false);
        write(two.resolve("groups_090.hdf5"), 1, 0, 4, 0, 5, true, false);
        CatalogException both = assertThrows(CatalogException.class,
                () -> new SubfindSource(two, null).load(CUTS, GraphNodes.SELECTED));
        assertTrue(both.getMessage().contains("snapshots [033, 090]") && both.getMessage().contains("--snapshot"),
                both.getMessage());
        assertEquals(2, new SubfindSource(two, 90).load(CUTS, GraphNodes.SELECTED).galaxies().size());
        // A file is one snapshot: another --snapshot is refused, the same one (or none) reads it.
        CatalogException other = assertThrows(CatalogException.class,
                () -> new SubfindSource(two.resolve("groups_090.hdf5"), 33).load(CUTS, GraphNodes.SELECTED));
        assertTrue(other.getMessage().contains("is snapshot 090, not --snapshot 33"), other.getMessage());
        assertEquals(2, new SubfindSource(two.resolve("groups_090.hdf5"), 90).load(CUTS, GraphNodes.SELECTED)
                .galaxies().size());
        Path renamed = dir.resolve("renamed").resolve("box7.hdf5");
        write(renamed, 1, 0, 4, 0, 5, true, false);
        CatalogException unnamed = assertThrows(CatalogException.class,
                () -> new SubfindSource(renamed, 90).load(CUTS, GraphNodes.SELECTED));
        assertTrue(unnamed.getMessage().contains("gives no snapshot number"), unnamed.getMessage());
        assertEquals(2, new SubfindSource(renamed, null).load(CUTS, GraphNodes.SELECTED).galaxies().size());
        CatalogException notChunk = assertThrows(CatalogException.class, () -> {
            Path single = dir.resolve("single").resolve("groups_090.hdf5");
            write(single, 2, 0, 4, 0, 5, true, false);
            new SubfindSource(single, null).load(CUTS, GraphNodes.SELECTED);
        });
        assertTrue(notChunk.getMessage().contains("Header/NumFiles") && notChunk.getMessage().contains("not one of a chunked"),
                notChunk.getMessage());
    }
}
