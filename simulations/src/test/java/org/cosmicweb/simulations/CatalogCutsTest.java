package org.cosmicweb.simulations;

import org.cosmicweb.simulations.TinyTng.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogCutsTest {
    @TempDir
    Path dir;

    /** Dark run: groups 0 (subhalos 0, 1, 2) and 1 (subhalo 3); all pass on the dark side but row 2. */
    static final Row[] DARK = {
        new Row(0, 1, 1, 1, 1e13, 0, 0, true),
        new Row(0, 1.1, 1, 1, 1e12, 0, 0, true),
        new Row(0, 1.2, 1, 1, 5e10, 0, 0, true),   // dark mass below 1e11: fails in the dark run
        new Row(1, 9.999, 5, 5, 3e12, 0, 0, true),
    };

    @Test
    void eachCutRemovesExactlyTheGalaxiesItShould() throws Exception {
        Row[] hydro = {
            new Row(0, 1, 1, 1, 8e12, 2e11, 5000, true),      // 0 -> dark 0: passes
            new Row(0, 1.1, 1, 1, 8e11, 7e8, 60, true),       // 1 -> dark 1: log M* 8.85 fails
            new Row(0, 1.2, 1, 1, 4e11, 3e9, 300, true),      // 2 -> dark 2: dark mass fails
            new Row(1, 9.999, 5, 5, 2e12, 2e10, 50, true),    // 3 -> dark 3: exactly 50 stars fails (> 50 needed)
            new Row(1, 5, 5, 5, 2e12, 2e10, 400, false),      // 4 -> dark 3 claimed twice and flagged: fails
        };
        int[] match = {0, 1, 2, 3, 3};
        TngLayout layout = TinyTng.write(dir, DARK, hydro, 2, match, match, 1);
        SubhaloCatalog cat = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        assertArrayEquals(new long[] {0}, cat.darkIds());
        assertArrayEquals(new long[] {0}, cat.hydroIds());
        assertEquals(Math.log10(2e11), cat.logMstarMsun()[0], 1e-6);
        assertEquals(Math.log10(1e13), cat.logMhaloMsun()[0], 1e-6);
        assertTrue(cat.isCentral()[0]);
        // Hydro 4 claims dark 3 after hydro 3: counted as many-to-one (reported, not silently dropped).
        assertEquals(new SubhaloCatalog.CatalogStats(4, 5, 4, 1, 0, 1), cat.stats());

        // Loosen the cuts: 50 star particles allowed, log M* > 8.5, no dark-mass cut worth the name.
        SubhaloCatalog loose = TngCatalogLoader.load(layout, new CatalogCuts(8.5, 10.0, 49, true));
        assertArrayEquals(new long[] {0, 1, 2, 3}, loose.darkIds());
        assertArrayEquals(new boolean[] {true, false, false, true}, loose.isCentral());
        // Position 9.999 Mpc/h stays inside the box after conversion.
        assertEquals(9.999 / TinyTng.H, loose.positionsMpc()[9], 1e-9);
    }

    @Test
    void disperseDistancesAreJoinedByDarkSubhaloId() throws Exception {
        Row[] hydro = {new Row(0, 1, 1, 1, 8e12, 2e11, 5000, true), new Row(1, 9.999, 5, 5, 2e12, 2e10, 500, true)};
        TngLayout layout = TinyTng.write(dir, new Row[] {DARK[0], DARK[3]}, hydro, 2, new int[] {0, 1}, new int[] {0, 1}, 1);
        java.nio.file.Files.createDirectories(layout.disperseFile().getParent());
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(layout.disperseFile())) {
            f.putDataset(TngCatalogLoader.DISPERSE_ID_FIELD, new long[] {1, 0, 7});
            String[] names = SubhaloCatalog.DISPERSE_FIELDS;
            for (int c = 0; c < names.length; c++) {
                f.putDataset(names[c], new float[] {10 + c, 20 + c, 30 + c});
            }
        }
        SubhaloCatalog cat = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        // Dark subhalo 0 sits in row 1 of the file, dark subhalo 1 in row 0.
        assertArrayEquals(new double[] {20, 21, 22, 23, 24, 10, 11, 12, 13, 14}, cat.disperse());
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(layout.disperseFile())) {
            f.putDataset(TngCatalogLoader.DISPERSE_ID_FIELD, new long[] {1});
            for (String name : SubhaloCatalog.DISPERSE_FIELDS) {
                f.putDataset(name, new float[] {1});
            }
        }
        CatalogException e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertTrue(e.getMessage().contains("no row for selected dark subhalo 0"), e.getMessage());
    }

    @Test
    void emptySelectionIsAClearError() throws Exception {
        Row[] hydro = {new Row(0, 1, 1, 1, 8e12, 1e8, 5000, true)};
        TngLayout layout = TinyTng.write(dir, new Row[] {DARK[0]}, hydro, 1, new int[] {0}, new int[] {0}, 1);
        CatalogException e = assertThrows(CatalogException.class,
                () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertTrue(e.getMessage().contains("no galaxies pass the cuts"), e.getMessage());
    }

    @Test
    void cutsRejectNonsenseThresholds() {
        assertThrows(IllegalArgumentException.class, () -> new CatalogCuts(Double.NaN, 11, 50, true));
        assertThrows(IllegalArgumentException.class, () -> new CatalogCuts(9, 11, -1, true));
        // Thresholds in linear units instead of log10 are caught.
        assertThrows(IllegalArgumentException.class, () -> new CatalogCuts(1e9, 11, 50, true));
    }
}
