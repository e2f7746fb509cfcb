package org.cosmicweb.simulations;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.cosmicweb.simulations.TinyTng.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catalogs that are wrong in ways a reader could miss (issue 11): each is refused with a message
 * that says what is wrong, or, for matching, counted and reported; beside each, the control that
 * the right catalog reads.
 */
class CatalogIntegrityTest {
    @TempDir
    Path dir;

    /** Four groups of one or two subhalos, every one a galaxy passing the literature cuts. */
    private static final Row[] ROWS = {
        new Row(0, 1, 1, 1, 1e13, 1e11, 500, true),
        new Row(0, 1.5, 1, 1, 1e12, 1e10, 500, true),
        new Row(1, 3, 3, 3, 1e13, 1e11, 500, true),
        new Row(2, 5, 5, 5, 1e13, 1e11, 500, true),
        new Row(3, 7, 7, 7, 1e13, 1e11, 500, true),
        new Row(3, 7.5, 7, 7, 1e12, 1e10, 500, true),
    };
    private static final int[] MATCH = {0, 1, 2, 3, 4, 5};
    private static final EnumSet<RunCatalog.Field> ALL = EnumSet.allOf(RunCatalog.Field.class);

    private TngLayout pair(int chunks) throws Exception {
        return TinyTng.write(dir, ROWS, ROWS, 4, MATCH, MATCH, chunks);
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void swappedChunksAreRefusedNotSilentlyMismatched() throws Exception {
        TngLayout layout = pair(2);
        assertEquals(6, TngCatalogLoader.load(layout, CatalogCuts.LITERATURE).size());
        Path c0 = layout.chunk(layout.hydroGroups(), 0);
        Path c1 = layout.chunk(layout.hydroGroups(), 1);
        Path t = dir.resolve("swap");
        Files.move(c0, t);
        Files.move(c1, c0);
        Files.move(t, c1);
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "Subhalo/SubhaloGrNr", "out of order", "fof_subhalo_tab_099.1.hdf5");
    }

    @Test
    void aTruncatedChunkIsReportedAsTruncated() throws Exception {
        TngLayout layout = pair(2);
        Path c1 = layout.chunk(layout.darkGroups(), 1);
        long size = Files.size(c1);
        try (RandomAccessFile f = new RandomAccessFile(c1.toFile(), "rw")) {
            f.setLength(size * 2 / 3);
        }
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "truncated file", "fof_subhalo_tab_099.1.hdf5", "holds " + (size * 2 / 3) + " bytes");
        assertFalse(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aHydroRunGivenAsTheDarkRunIsRefused() throws Exception {
        TngLayout layout = pair(1);
        TngLayout hydroAsDark = new TngLayout(dir, TngLayout.DEFAULT_HYDRO, TngLayout.DEFAULT_HYDRO, 99);
        Exception e = assertThrows(CatalogException.class,
                () -> TngCatalogLoader.load(hydroAsDark, CatalogCuts.LITERATURE));
        assertMessage(e, "not a dark-matter-only run", "--dark-run TNG300-1", "6 of 6 subhalos");
        // A hydro run alone, given as a dark-matter-only catalog, is refused too.
        TngLayout alone = TngLayout.of(dir.resolve("alone"));
        org.cosmicweb.simulations.mock.GroupCatalogWriter.write(TinyTng.tables(ROWS, 4), 1, alone, alone.darkGroups(), null);
        e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(alone, CatalogCuts.LITERATURE, GraphNodes.DMO));
        assertMessage(e, "not a dark-matter-only run");
        assertEquals(6, TngCatalogLoader.load(layout, CatalogCuts.LITERATURE).size());
    }

    /** Rewrites dark chunk 0 of a one-chunk pair with these SubhaloPos and SubhaloMassType and this GroupFirstSub. */
    private TngLayout darkWith(float[][] pos, float[][] massType, int[][] lenType, int[] firstSub, double[] boxPerChunk)
            throws Exception {
        TngLayout layout = TinyTng.write(dir, ROWS, ROWS, 4, MATCH, MATCH, boxPerChunk.length);
        int per = ROWS.length / boxPerChunk.length;
        for (int c = 0; c < boxPerChunk.length; c++) {
            Path chunk = layout.chunk(layout.darkGroups(), c);
            Files.delete(chunk);
            try (WritableHdfFile f = HdfFile.write(chunk)) {
                WritableGroup h = f.putGroup("Header");
                h.putAttribute("NumFiles", boxPerChunk.length);
                h.putAttribute("Ngroups_ThisFile", c == 0 ? 4 : 0);
                h.putAttribute("Nsubgroups_ThisFile", per);
                h.putAttribute("Ngroups_Total", 4);
                h.putAttribute("Nsubgroups_Total", ROWS.length);
                h.putAttribute("BoxSize", boxPerChunk[c]);
                h.putAttribute("HubbleParam", TinyTng.H);
                h.putAttribute("Redshift", 0.0);
                if (c == 0) {
                    f.putGroup("Group").putDataset("GroupFirstSub", firstSub);
                }
                WritableGroup s = f.putGroup("Subhalo");
                s.putDataset("SubhaloPos", java.util.Arrays.copyOfRange(pos, c * per, (c + 1) * per));
                float[][] vel = new float[per][3];
                s.putDataset("SubhaloVel", vel);
                float[] vmax = new float[per];
                java.util.Arrays.fill(vmax, 200);
                s.putDataset("SubhaloVmax", vmax);
                s.putDataset("SubhaloMassType", java.util.Arrays.copyOfRange(massType, c * per, (c + 1) * per));
                s.putDataset("SubhaloLenType", java.util.Arrays.copyOfRange(lenType, c * per, (c + 1) * per));
                int[] grNr = {0, 0, 1, 2, 3, 3};
                s.putDataset("SubhaloGrNr", java.util.Arrays.copyOfRange(grNr, c * per, (c + 1) * per));
                int[] flag = new int[per];
                java.util.Arrays.fill(flag, 1);
                s.putDataset("SubhaloFlag", flag);
            }
        }
        return layout;
    }

    private static float[][] positions() {
        float[][] p = new float[ROWS.length][];
        for (int i = 0; i < ROWS.length; i++) {
            p[i] = new float[] {(float) ROWS[i].x() * 1000, (float) ROWS[i].y() * 1000, (float) ROWS[i].z() * 1000};
        }
        return p;
    }

    private static float[][] darkMasses() {
        float[][] m = new float[ROWS.length][];
        for (int i = 0; i < ROWS.length; i++) {
            m[i] = new float[] {0, (float) (ROWS[i].dmMsun() * TinyTng.H / 1e10), 0, 0, 0, 0};
        }
        return m;
    }

    private static int[][] lengths() {
        int[][] n = new int[ROWS.length][];
        for (int i = 0; i < ROWS.length; i++) {
            n[i] = new int[] {0, 1000, 0, 0, 0, 0};
        }
        return n;
    }

    private static final int[] FIRST = {0, 2, 3, 4};

    @Test
    void theHandWrittenDarkRunReads() throws Exception {
        TngLayout layout = darkWith(positions(), darkMasses(), lengths(), FIRST, new double[] {10000, 10000});
        assertEquals(6, TngCatalogLoader.load(layout, CatalogCuts.LITERATURE).size());
    }

    @Test
    void positionsFarOutsideTheBoxAreAnErrorButRoundingAtTheFaceIsWrapped() throws Exception {
        float[][] p = positions();
        p[3][1] = 10000.5f; // just past the face: float rounding, wrapped
        p[2][0] = -2.0f;
        TngLayout layout = darkWith(p, darkMasses(), lengths(), FIRST, new double[] {10000});
        SubhaloCatalog ok = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        assertEquals(0.5e-3 / TinyTng.H, ok.positionsMpc()[3 * 3 + 1], 1e-6);
        assertEquals((10000 - 2.0) * 1e-3 / TinyTng.H, ok.positionsMpc()[3 * 2], 1e-6);
        p[3][1] = 25000f; // two and a half boxes: not rounding
        TngLayout bad = darkWith(p, darkMasses(), lengths(), FIRST, new double[] {10000});
        Exception e = assertThrows(CatalogException.class, () -> GroupCatalogReader.read(bad, bad.darkGroups(), ALL));
        assertMessage(e, "Subhalo/SubhaloPos", "subhalo 3", "y = 25000.0", "more than one box length outside [0, 10000)");
    }

    @Test
    void negativeMassesAndParticleCountsAreAnErrorNotSilentlyDropped() throws Exception {
        float[][] m = darkMasses();
        m[4][1] = -3f;
        TngLayout layout = darkWith(positions(), m, lengths(), FIRST, new double[] {10000});
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "Subhalo/SubhaloMassType", "subhalo 4", "mass -3.0 of particle type 1", ">= 0");
        int[][] n = lengths();
        n[5][4] = -7;
        TngLayout layout2 = darkWith(positions(), darkMasses(), n, FIRST, new double[] {10000});
        e = assertThrows(CatalogException.class, () -> GroupCatalogReader.read(layout2, layout2.darkGroups(), ALL));
        assertMessage(e, "Subhalo/SubhaloLenType", "subhalo 5", "-7 star particles");
    }

    @Test
    void groupFirstSubMustPointIntoItsOwnGroup() throws Exception {
        TngLayout layout = darkWith(positions(), darkMasses(), lengths(), new int[] {0, 3, 3, 4}, new double[] {10000});
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "Group/GroupFirstSub", "group 1 names subhalo 3", "belongs to group 2");
    }

    @Test
    void boxSizeMustAgreeAcrossChunks() throws Exception {
        TngLayout layout = darkWith(positions(), darkMasses(), lengths(), FIRST, new double[] {10000, 12000});
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "Header/BoxSize", "is 12000 but 10000", "fof_subhalo_tab_099.1.hdf5", "do not belong to one catalog");
    }

    @Test
    void manyToOneAndDisagreeingMatchesAreCountedAndReported() throws Exception {
        int[] lhalo = {0, 1, 2, 2, 4, 5};   // hydro 3 claims dark 2, which hydro 2 has
        int[] sublink = {0, 1, 2, 2, 3, 5}; // hydro 4: the two trees disagree
        TngLayout layout = TinyTng.write(dir, ROWS, ROWS, 4, lhalo, sublink, 1);
        SubhaloCatalog c = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        assertEquals(4, c.size());
        assertEquals(1, c.stats().manyToOne());
        assertEquals(1, c.stats().disagreeing());
        String json = CatalogSummary.json(c);
        assertTrue(json.contains("\"match_disagreeing\":1") && json.contains("\"match_many_to_one\":1"), json);
        assertEquals(1, CatalogSummary.warnings(c).size());
        assertTrue(CatalogSummary.warnings(c).get(0).contains("many-to-one"), CatalogSummary.warnings(c).get(0));
        // Control: a one-to-one matching has nothing to report.
        assertTrue(CatalogSummary.warnings(TngCatalogLoader.load(pair(1), CatalogCuts.LITERATURE)).isEmpty());
    }
}
