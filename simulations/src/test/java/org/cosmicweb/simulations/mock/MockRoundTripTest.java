package org.cosmicweb.simulations.mock;

import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.GroupCatalogReader;
import org.cosmicweb.simulations.RunCatalog;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockRoundTripTest {
    @TempDir
    static Path dir;
    static MockUniverseConfig cfg = MockUniverseConfig.defaults(7).withBox(60).withChunks(5);
    static MockUniverse.Result mock;
    static TngLayout layout;

    @BeforeAll
    static void write() {
        mock = MockUniverse.generate(cfg);
        layout = TngLayout.of(dir);
        MockUniverseWriter.write(mock, cfg, layout, false);
    }

    @Test
    void writesTheTngLayoutInSeveralChunks() throws Exception {
        for (int c = 0; c < 5; c++) {
            assertTrue(Files.isRegularFile(layout.chunk(layout.darkGroups(), c)));
            assertTrue(Files.isRegularFile(layout.chunk(layout.hydroGroups(), c)));
        }
        assertTrue(Files.isRegularFile(layout.matchingFile()));
        assertTrue(Files.isRegularFile(dir.resolve(MockUniverseWriter.SIDECAR)));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".mock-tmp")), "temp folder left behind");
        }
    }

    /** The files open in the HDF5 library's own tool, where the machine has it (hdf5-tools). */
    @Test
    void h5dumpReadsTheFilesWithTngFieldNames() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("h5dump", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            present = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "h5dump is not installed");
        Process p = new ProcessBuilder("h5dump", "-H", layout.chunk(layout.darkGroups(), 1).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        for (String field : new String[] {"SubhaloPos", "SubhaloVel", "SubhaloMassType", "SubhaloLenType", "SubhaloVmax",
            "SubhaloGrNr", "SubhaloFlag", "GroupFirstSub", "Group_M_Crit200", "Nsubgroups_Total", "BoxSize"}) {
            assertTrue(out.contains(field), field + " missing from h5dump output");
        }
    }

    @Test
    void readerReturnsWhatWasWrittenAcrossChunkBoundaries() {
        RunCatalog dark = GroupCatalogReader.read(layout, layout.darkGroups(),
                EnumSet.allOf(RunCatalog.Field.class));
        TngTables t = mock.dark();
        assertEquals(t.nSub(), dark.nSubhalos());
        assertEquals(t.nGroups(), dark.nGroups());
        assertArrayEquals(t.subPos(), dark.pos());
        assertArrayEquals(t.subVel(), dark.vel());
        assertArrayEquals(t.subVmax(), dark.vmax());
        assertArrayEquals(t.grNr(), dark.grNr());
        assertArrayEquals(t.groupFirstSub(), dark.groupFirstSub());
        for (int i = 0; i < t.nSub(); i++) {
            assertEquals(t.massType()[6 * i + 1], dark.dmMass()[i]);
            assertEquals(t.flag()[i], dark.flag()[i]);
        }
        assertEquals(60_000.0, dark.boxSizeCode(), 1e-9);
    }

    @Test
    void loaderConvertsUnitsOnceAndSelectsMatchedGalaxies() {
        SubhaloCatalog cat = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
        double h = MockUniverseConfig.HUBBLE;
        assertEquals(60 / h, cat.boxSizeMpc(), 1e-9);
        TngTables dark = mock.dark();
        TngTables hydro = mock.hydro();
        for (int k = 0; k < cat.size(); k++) {
            int d = (int) cat.darkIds()[k];
            int i = (int) cat.hydroIds()[k];
            assertEquals(d, mock.matchLHaloTree()[i]);
            assertEquals(d, mock.matchSubLink()[i]);
            assertEquals(dark.subPos()[3 * d] / 1000.0 / h, cat.positionsMpc()[3 * k], 1e-9);
            assertEquals(Math.log10(hydro.massType()[6 * i + 4] * 1e10 / h), cat.logMstarMsun()[k], 1e-9);
            assertEquals(Math.log10(dark.massType()[6 * d + 1] * 1e10 / h), cat.logMhaloMsun()[k], 1e-9);
            assertEquals(Math.log10(dark.subVmax()[d]), cat.logVmaxKms()[k], 1e-9);
            assertEquals(dark.groupFirstSub()[dark.grNr()[d]] == d, cat.isCentral()[k]);
            assertTrue(cat.logMstarMsun()[k] > 9 && cat.logMhaloMsun()[k] > 11);
        }
        assertTrue(cat.size() > 500, "a 60 Mpc/h box should hold hundreds of galaxies, got " + cat.size());
        double floor = cat.noiseFloorDex();
        assertEquals(cfg.scatterDex(), floor, 0.02, "noise floor should be close to the drawn scatter");
        System.out.printf("mock 60 Mpc/h: dark %d hydro %d selected %d centrals %.3f floor %.4f%n",
                dark.nSub(), hydro.nSub(), cat.size(), cat.centralFraction(), floor);
    }
}
