package org.cosmicweb.simulations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subhalo tables: a hand-made table with known values, read in every unit and mode. */
class TableSourceTest {
    @TempDir
    Path dir;

    /** h = 0.5 makes the /h conversions exact: 1 kpc/h = 2 kpc, 1 Msun/h = 2 Msun. Box 10 Mpc/h = 20 Mpc. */
    static final String MAPPING = "{\"position\": [\"x\", \"y\", \"z\"], \"position_unit\": \"kpc/h\","
            + " \"velocity\": [\"vx\", \"vy\", \"vz\"], \"halo_mass\": \"Mt - Mg - Ms - MBH\", \"stellar_mass\": \"Ms\","
            + " \"mass_unit\": \"Msun/h\", \"vmax\": \"Vmax\", \"central\": \"cen\", \"id\": \"id\","
            + " \"box_size\": 10, \"box_unit\": \"Mpc/h\", \"hubble\": 0.5}";

    /**
     * Rows (ids 10..13): 10 central, passes; 11 satellite, passes; 12 stellar mass 4e8 Msun/h = 8e8 Msun,
     * below log M* 9; 13 dark mass (1e11 - 6e10 - 1e9 - 0) / 0.5 = 7.8e10 Msun, below log M_DM 11.
     * An extra column (SFR) is never parsed, so its junk is harmless.
     */
    static final String TABLE = "id,x,y,z,vx,vy,vz,Mt,Mg,Ms,MBH,Vmax,cen,SFR\n"
            + "10,1000,2000,3000,1,2,3,3e12,5e11,2e10,1e8,300,1,junk\n"
            + "11,9999.5,0,5000,-4,0,4,1e12,1e11,1e10,0,150.5,0,x\n"
            + "12,500,500,500,0,0,0,1e12,1e11,4e8,0,120,0,\n"
            + "13,700,700,700,0,0,0,1e11,6e10,1e9,0,90,1,\n";

    static final CatalogCuts CUTS = new CatalogCuts(9.0, 11.0, 50, true);

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(f, text);
        }
        return f;
    }

    static TableColumns mapping(String json) {
        return TableColumns.fromJson(json, "test mapping");
    }

    @Test
    void knownValuesAreConvertedCutAndKeptInFileOrder() throws Exception {
        SubhaloCatalog c = new TableSource(write("t.csv", TABLE), mapping(MAPPING)).load(CUTS, GraphNodes.SELECTED)
                .galaxies();
        assertArrayEquals(new long[] {10, 11}, c.darkIds());
        assertArrayEquals(new long[] {10, 11}, c.hydroIds(), "a hydro-only table: every row is its own twin");
        assertEquals(20.0, c.boxSizeMpc(), 1e-12);
        assertArrayEquals(new double[] {2, 4, 6, 19.999, 0, 10}, c.positionsMpc(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, -4, 0, 4}, c.velocitiesKms(), 0);
        assertEquals(Math.log10((3e12 - 5e11 - 2e10 - 1e8) / 0.5), c.logMhaloMsun()[0], 1e-12);
        assertEquals(Math.log10((1e12 - 1e11 - 1e10) / 0.5), c.logMhaloMsun()[1], 1e-12);
        assertArrayEquals(new double[] {Math.log10(4e10), Math.log10(2e10)}, c.logMstarMsun(), 1e-12);
        assertArrayEquals(new double[] {Math.log10(300), Math.log10(150.5)}, c.logVmaxKms(), 1e-12);
        assertArrayEquals(new boolean[] {true, false}, c.isCentral());
        assertEquals(new SubhaloCatalog.CatalogStats(0, 4, 0, 2), c.stats());
    }

    @Test
    void gzipAndOtherLengthUnitsGiveTheSameCatalog() throws Exception {
        LoadedCatalog plain = new TableSource(write("t.csv", TABLE), mapping(MAPPING)).load(CUTS, GraphNodes.SELECTED);
        LoadedCatalog gz = new TableSource(write("t.csv.gz", TABLE), mapping(MAPPING)).load(CUTS, GraphNodes.SELECTED);
        assertArrayEquals(plain.galaxies().positionsMpc(), gz.galaxies().positionsMpc(), 0);
        assertArrayEquals(plain.galaxies().logMstarMsun(), gz.galaxies().logMstarMsun(), 0);
        // The same positions in Mpc (x2 / 1000 of kpc/h at h = 0.5), the box in Mpc: the same catalog.
        String mpc = TABLE.replace("1000,2000,3000", "2,4,6").replace("9999.5,0,5000", "19.999,0,10")
                .replace("500,500,500", "1,1,1").replace("700,700,700", "1.4,1.4,1.4");
        String mpcMapping = MAPPING.replace("\"position_unit\": \"kpc/h\"", "\"position_unit\": \"Mpc\"")
                .replace("\"box_size\": 10, \"box_unit\": \"Mpc/h\"", "\"box_size\": 20, \"box_unit\": \"Mpc\"");
        SubhaloCatalog m = new TableSource(write("m.csv", mpc), mapping(mpcMapping)).load(CUTS, GraphNodes.SELECTED)
                .galaxies();
        assertArrayEquals(plain.galaxies().positionsMpc(), m.positionsMpc(), 1e-12);
        assertEquals(20.0, m.boxSizeMpc(), 0);
        // Mpc/h positions: 1 Mpc/h = 2 Mpc at h = 0.5.
        String mpch = TABLE.replace("1000,2000,3000", "1,2,3").replace("9999.5,0,5000", "9.9995,0,5")
                .replace("500,500,500", "0.5,0.5,0.5").replace("700,700,700", "0.7,0.7,0.7");
        SubhaloCatalog h = new TableSource(write("h.csv", mpch),
                mapping(MAPPING.replace("\"position_unit\": \"kpc/h\"", "\"position_unit\": \"Mpc/h\"")))
                .load(CUTS, GraphNodes.SELECTED).galaxies();
        assertArrayEquals(plain.galaxies().positionsMpc(), h.positionsMpc(), 1e-12);
    }

    @Test
    void gzipIsToldByItsMagicBytesNotByItsName() throws Exception {
        LoadedCatalog plain = new TableSource(write("t.csv", TABLE), mapping(MAPPING)).load(CUTS, GraphNodes.SELECTED);
        Path gzipNamedCsv = Files.move(write("g.csv.gz", TABLE), dir.resolve("g.csv"));
        Path textNamedGz = Files.move(write("p.csv", TABLE), dir.resolve("p.csv.gz"));
        for (Path f : new Path[] {gzipNamedCsv, textNamedGz}) {
            SubhaloCatalog c = new TableSource(f, mapping(MAPPING)).load(CUTS, GraphNodes.SELECTED).galaxies();
            assertArrayEquals(plain.galaxies().darkIds(), c.darkIds(), f.toString());
            assertArrayEquals(plain.galaxies().positionsMpc(), c.positionsMpc(), 0, f.toString());
        }
    }

    @Test
    void logMassUnitsAndRowNumbersAsIds() throws Exception {
        String t = "px,py,pz,logmh,logms,vm,c\n1,1,1,12.5,10.25,200,1\n2,2,2,11.5,9.5,100,0\n3,3,3,10.5,9.5,90,0\n";
        String map = "{\"position\": [\"px\", \"py\", \"pz\"], \"position_unit\": \"Mpc\", \"halo_mass\": \"logmh\","
                + " \"stellar_mass\": \"logms\", \"mass_unit\": \"log10 Msun\", \"vmax\": \"vm\", \"central\": \"c\","
                + " \"box_size\": 5}";
        SubhaloCatalog c = new TableSource(write("l.csv", t), mapping(map)).load(CUTS, GraphNodes.SELECTED).galaxies();
        assertArrayEquals(new long[] {0, 1}, c.darkIds(), "without an id column the id is the data row number");
        assertArrayEquals(new double[] {12.5, 11.5}, c.logMhaloMsun(), 0);
        assertArrayEquals(new double[] {10.25, 9.5}, c.logMstarMsun(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, c.velocitiesKms(), 0, "no velocity columns: zeros");
        // The log of a zero stellar mass, as numpy writes it, fails the cut like a linear 0; on a linear column,
        // or as +inf, it stays an error.
        SubhaloCatalog z = new TableSource(write("z.csv", t.replace("9.5,100", "-inf,100")), mapping(map))
                .load(CUTS, GraphNodes.SELECTED).galaxies();
        assertArrayEquals(new double[] {12.5}, z.logMhaloMsun(), 0);
        CatalogException plus = assertThrows(CatalogException.class, () -> new TableSource(write("p.csv",
                t.replace("9.5,100", "inf,100")), mapping(map)).load(CUTS, GraphNodes.SELECTED));
        assertTrue(plus.getMessage().contains("'inf' is not a number"), plus.getMessage());
        CatalogException linear = assertThrows(CatalogException.class, () -> new TableSource(write("lin.csv",
                t.replace("9.5,100", "-inf,100")), mapping(map.replace("log10 Msun", "Msun"))).load(CUTS,
                GraphNodes.SELECTED));
        assertTrue(linear.getMessage().contains("'-inf' is not a number"), linear.getMessage());
        CatalogException e = assertThrows(CatalogException.class,
                () -> mapping(map.replace("\"logmh\"", "\"logmh - logms\"")));
        assertTrue(e.getMessage().contains("must be one column") && e.getMessage().contains("logarithms do not add"),
                e.getMessage());
    }

    @Test
    void dmoNodesAreEveryRowPassingTheHaloCutAndOnlyGalaxiesAreScored() throws Exception {
        LoadedCatalog c = new TableSource(write("t.csv", TABLE), mapping(MAPPING)).load(CUTS, GraphNodes.DMO);
        assertArrayEquals(new long[] {10, 11}, c.galaxies().darkIds());
        assertArrayEquals(new long[] {12}, c.others().darkIds(), "row 12 fails the stellar cut only; 13 fails the halo cut");
        assertTrue(Double.isNaN(c.others().logMstarMsun()[0]));
        assertEquals(3, c.nodeCount());
        assertFalse(c.darkOnly());
    }

    @Test
    void aTableWithoutStellarMassIsDarkMatterOnly() throws Exception {
        String noStars = MAPPING.replace(" \"stellar_mass\": \"Ms\",", "");
        TableSource s = new TableSource(write("t.csv", TABLE), mapping(noStars));
        CatalogException e = assertThrows(CatalogException.class, () -> s.load(CUTS, GraphNodes.SELECTED));
        assertTrue(e.getMessage().contains("dark-matter-only") && e.getMessage().contains("--graph-nodes dmo"),
                e.getMessage());
        LoadedCatalog d = s.load(CUTS, GraphNodes.DMO);
        assertTrue(d.darkOnly());
        assertArrayEquals(new long[] {10, 11, 12}, d.galaxies().darkIds());
        assertArrayEquals(new long[] {-1, -1, -1}, d.galaxies().hydroIds());
        for (double v : d.galaxies().logMstarMsun()) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void massExpressionsParseTheirSignsAndRejectNonsense() {
        MassExpression m = MassExpression.parse("Mt - Mg-Mstar + MBH");
        assertEquals(java.util.List.of("Mt", "Mg", "Mstar", "MBH"), m.columns());
        assertArrayEquals(new int[] {1, -1, -1, 1}, m.signs());
        assertEquals(10 - 2 - 3 + 4, m.evaluate(new double[] {10, 2, 3, 4}), 0);
        assertArrayEquals(new int[] {-1, 1}, MassExpression.parse("-a + b").signs());
        for (String bad : new String[] {"", "Mt -", "Mt - - Mg", "Mt Mg", "+"}) {
            assertThrows(IllegalArgumentException.class, () -> MassExpression.parse(bad), bad);
        }
    }
}
