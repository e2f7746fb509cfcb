package org.cosmicweb.simulations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad table or mapping gives a message naming the file, the line, the column, the value and the expectation. */
class TableBadInputTest {
    @TempDir
    Path dir;

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    private CatalogException loadFails(String table) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, table);
        TableSource s = new TableSource(f, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"));
        return assertThrows(CatalogException.class, () -> s.load(TableSourceTest.CUTS, GraphNodes.SELECTED));
    }

    private static String withRow2(String row) {
        String[] lines = TableSourceTest.TABLE.split("\n");
        lines[2] = row;
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aNegativeMassColumnIsAnErrorNotASilentlyFailedCut() throws Exception {
        Exception e = loadFails(withRow2("11,9999.5,0,5000,-4,0,4,1e12,1e11,-1e10,0,150.5,0,x"));
        assertMessage(e, "bad.csv line 3", "column 'Ms'", "mass -1e10 Msun/h is negative");
        // A difference of columns at or below zero is no error: that subhalo has no dark mass and fails the cut.
        Path f = dir.resolve("diff.csv");
        Files.writeString(f, withRow2("11,9999.5,0,5000,-4,0,4,1e11,1e11,1e10,0,150.5,0,x"));
        TableSource s = new TableSource(f, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"));
        assertTrue(s.load(TableSourceTest.CUTS, GraphNodes.SELECTED).galaxies().size() == 1);
    }

    /**
     * A position unit too small (here every position within 10 kpc/h of the origin of a 10 Mpc/h box, as
     * Mpc/h values read as kpc/h) is refused; positions outside the box are caught row by row already.
     */
    @Test
    void positionsBunchedInACornerOfTheBoxAreAWrongUnit() throws Exception {
        StringBuilder t = new StringBuilder("id,x,y,z,vx,vy,vz,Mt,Mg,Ms,MBH,Vmax,cen,SFR\n");
        for (int i = 0; i < TableSource.SPREAD_MIN_ROWS; i++) {
            t.append(i).append(',').append(i).append(',').append(9 - i).append(",5,0,0,0,3e12,5e11,2e10,1e8,300,1,\n");
        }
        Exception e = loadFails(t.toString());
        assertMessage(e, "bad.csv", "10 kept rows' positions (x, y, z in kpc/h) span at most 0.018 Mpc",
                "under 0.5 % of the 20 Mpc box", "position unit too small");
        // Negative controls: the same rows spread over a tenth of the box load, and so do fewer rows in a corner.
        Path f = dir.resolve("spread.csv");
        Files.writeString(f, t.toString().replaceAll("\n(\\d+),(\\d+),", "\n$1,$2000,"));
        TableSource s = new TableSource(f, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"));
        assertTrue(s.load(TableSourceTest.CUTS, GraphNodes.SELECTED).galaxies().size() == TableSource.SPREAD_MIN_ROWS);
        Path few = dir.resolve("few.csv");
        Files.writeString(few, t.substring(0, t.indexOf("\n" + (TableSource.SPREAD_MIN_ROWS - 1) + ",") + 1));
        TableSource s2 = new TableSource(few, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"));
        assertTrue(s2.load(TableSourceTest.CUTS, GraphNodes.SELECTED).galaxies().size() == TableSource.SPREAD_MIN_ROWS - 1);
    }

    @Test
    void missingColumnNamesTheColumnItsRoleAndTheHeader() throws Exception {
        Exception e = loadFails(TableSourceTest.TABLE.replace("MBH", "M_BH"));
        assertMessage(e, "bad.csv", "no column 'MBH'", "halo_mass", "its header has: id, x, y, z");
    }

    @Test
    void unparsableNumberNamesLineColumnAndValue() throws Exception {
        Exception e = loadFails(withRow2("11,9999.5,0,5000,-4,0,4,1e12,1e11,lots,0,150.5,0,x"));
        assertMessage(e, "bad.csv line 3", "column 'Ms'", "'lots' is not a number", "expected a finite number");
    }

    @Test
    void nanAndInfinityAreRejected() throws Exception {
        assertMessage(loadFails(withRow2("11,9999.5,0,5000,-4,NaN,4,1e12,1e11,1e10,0,150.5,0,x")),
                "line 3", "column 'vy'", "NaN", "expected a finite number");
        assertMessage(loadFails(withRow2("11,9999.5,0,5000,-4,0,4,Infinity,1e11,1e10,0,150.5,0,x")),
                "line 3", "column 'Mt'", "Infinity");
    }

    @Test
    void positionOutsideTheBoxNamesTheBox() throws Exception {
        // 10000.5 kpc/h in a 10 Mpc/h box: a wrong unit or box size, not rounding; never wrapped.
        Exception e = loadFails(withRow2("11,10000.5,0,5000,-4,0,4,1e12,1e11,1e10,0,150.5,0,x"));
        assertMessage(e, "line 3", "column 'x'", "10000.5 kpc/h", "outside the periodic box [0, 20) Mpc",
                "box_size 10.0 Mpc/h");
        assertMessage(loadFails(withRow2("11,-1,0,5000,-4,0,4,1e12,1e11,1e10,0,150.5,0,x")), "column 'x'", "-1 kpc/h");
    }

    /** x of galaxy 11 (row 2) after loading a table whose row 2 has x = {@code xKpch}, in Mpc (h = 0.5: box 20 Mpc). */
    private double loadedX(String xKpch) throws Exception {
        Path f = dir.resolve("wrap.csv");
        Files.writeString(f, withRow2("11," + xKpch + ",0,5000,-4,0,4,1e12,1e11,1e10,0,150.5,0,x"));
        SubhaloCatalog g = new TableSource(f, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"))
                .load(TableSourceTest.CUTS, GraphNodes.SELECTED).galaxies();
        for (int i = 0; i < g.size(); i++) {
            if (g.darkIds()[i] == 11 || g.hydroIds()[i] == 11) {
                return g.positionsMpc()[3 * i];
            }
        }
        throw new AssertionError("galaxy 11 is missing");
    }

    @Test
    void positionsARoundingStepOutsideAFaceAreWrapped() throws Exception {
        // A float32 export at a face: wrapped into [0, L), never refused (the tolerance is 1e-5 L = 0.1 kpc/h here).
        org.junit.jupiter.api.Assertions.assertEquals(0.0, loadedX("10000"), 0);
        org.junit.jupiter.api.Assertions.assertEquals(1e-6, loadedX("10000.0005"), 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(20 - 2e-6, loadedX("-0.001"), 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, loadedX("-0.0"), 0);
    }

    @Test
    void wrongFieldCountEmptyFilesAndBadFlags() throws Exception {
        assertMessage(loadFails(withRow2("11,9999.5,0,5000")), "line 3 has 4 fields, the header has 14");
        assertMessage(loadFails(""), "bad.csv is empty", "header");
        assertMessage(loadFails("id,x,y,z,vx,vy,vz,Mt,Mg,Ms,MBH,Vmax,cen,SFR\n"), "header but no data rows");
        assertMessage(loadFails(withRow2("11,9999.5,0,5000,-4,0,4,1e12,1e11,1e10,0,150.5,2,x")),
                "line 3", "column 'cen'", "'2'", "expected 1 for a central, 0 for a satellite");
        assertMessage(loadFails(withRow2("11,9999.5,0,5000,-4,0,4,1e12,1e11,1e10,0,0,0,x")),
                "line 3", "column 'Vmax'", "expected > 0");
        assertMessage(loadFails(withRow2("1.5,9999.5,0,5000,-4,0,4,1e12,1e11,1e10,0,10,0,x")),
                "line 3", "column 'id'", "'1.5' is not an integer id");
        assertMessage(loadFails(TableSourceTest.TABLE.replace(",SFR", ",x")), "column 'x'", "appears more than once");
        Exception none = assertThrows(CatalogException.class, () -> new TableSource(dir.resolve("none.csv"),
                TableColumns.fromJson(TableSourceTest.MAPPING, "m")).load(TableSourceTest.CUTS, GraphNodes.SELECTED));
        assertMessage(none, "missing table", "none.csv");
    }

    private CatalogException loadFails(Path f) {
        TableSource s = new TableSource(f, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"));
        return assertThrows(CatalogException.class, () -> s.load(TableSourceTest.CUTS, GraphNodes.SELECTED));
    }

    private static byte[] gzip(String text) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream o = new java.util.zip.GZIPOutputStream(b)) {
            o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @Test
    void aTruncatedGzipSaysTheFileEndsEarlyAndADamagedOneSaysSo() throws Exception {
        byte[] gz = gzip(TableSourceTest.TABLE);
        Path f = dir.resolve("t.csv.gz");
        // Cut inside the gzip header, inside the deflate data and inside the 8-byte trailer.
        for (int len : new int[] {5, gz.length / 2, gz.length - 4}) {
            Files.write(f, java.util.Arrays.copyOf(gz, len));
            Exception e = loadFails(f);
            assertMessage(e, "could not read " + f + ": the file ends early (truncated?)");
            assertFalse(e.getMessage().contains("ZLIB"), e.getMessage());
        }
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        Files.write(f, badCrc);
        assertMessage(loadFails(f), "could not read " + f + ": its compressed data is damaged (corrupt GZIP trailer;",
                "truncated or corrupted copy?)");
    }

    @Test
    void aBinaryFileIsRefusedWithoutEchoingItsBytes() throws Exception {
        Path f = dir.resolve("t.csv");
        byte[] hdf5 = java.util.Arrays.copyOf(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 3}, 600);
        Files.write(f, hdf5);
        Exception e = loadFails(f);
        assertMessage(e, f + " is not a text table: its first line holds binary bytes", "plain or gzip-compressed");
        assertFalse(e.getMessage().contains("HDF") || e.getMessage().contains("header has"), e.getMessage());
    }

    @Test
    void aRepeatedIdNamesTheIdAndBothLinesEvenInRowsTheCutsDrop() throws Exception {
        assertMessage(loadFails(withRow2("10,9999.5,0,5000,-4,0,4,1e12,1e11,1e10,0,150.5,0,x")),
                "bad.csv line 3, column 'id': id 10 is already on line 2", "expected each subhalo id once");
        // Rows 12 and 13 both fail the cuts; as "12.0", the second is still the id 12.
        assertMessage(loadFails(TableSourceTest.TABLE.replace("\n13,", "\n12.0,")),
                "bad.csv line 5, column 'id': id 12 is already on line 4");
    }

    @Test
    void aTableWhereNothingPassesTheCutsSaysSo() throws Exception {
        Exception e = loadFails(TableSourceTest.TABLE.replace("2e10", "2e8").replace("1e10,0", "1e8,0"));
        assertMessage(e, "no galaxies pass the cuts", "bad.csv", "log M* > 9.0",
                "of 4 rows, 0 have a halo mass that is not positive, 1 a halo mass below the cut, and of the rest 0 a"
                        + " stellar mass that is not positive and 3 a stellar mass below the cut");
        // Mt = 1e9 leaves every row's dark mass Mt - Mg - Ms - MBH negative: a wrong column, not a cut.
        String negative = TableSourceTest.TABLE.replaceAll("(?m)^(1\\d,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[^,]*",
                "$11e9");
        assertMessage(loadFails(negative), "of 4 rows, 4 have a halo mass that is not positive, 0 a halo mass below");
    }

    @Test
    void badMappingsNameTheKeyAndTheExpectation() {
        String m = TableSourceTest.MAPPING;
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(m.replace("\"vmax\"", "\"vmx\""),
                "m.json")), "m.json", "unknown key 'vmx'", "known keys: position");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("\"halo_mass\": \"Mt - Mg - Ms - MBH\", ", ""), "m.json")), "lacks 'halo_mass'", "joined by + or -");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("\"kpc/h\"", "\"parsec\""), "m.json")), "length unit must be kpc/h, Mpc/h, kpc or Mpc", "parsec");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("\"Msun/h\"", "\"grams\""), "m.json")), "mass unit must be one of", "grams");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace(", \"hubble\": 0.5", ""), "m.json")), "hubble (h) is missing, and a unit is per h", "kpc/h");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("\"hubble\": 0.5", "\"hubble\": 67.11"), "m.json")), "hubble (h) must be in (0, 2], got 67.11");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("[\"x\", \"y\", \"z\"]", "[\"x\", \"y\"]"), "m.json")), "'position' is", "array of 3 column names");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("\"box_size\": 10", "\"box_size\": \"ten\""), "m.json")), "'box_size' is \"ten\"", "as a number");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson("{\"position\": ", "m.json")),
                "m.json is not valid JSON");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("\"Mt - Mg - Ms - MBH\"", "\"Mt - \""), "m.json")), "operator without a column");
        // One column read as two axes would make y a copy of x without any other check noticing.
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("[\"x\", \"y\", \"z\"]", "[\"x\", \"x\", \"z\"]"), "m.json")),
                "m.json", "six different columns", "'x' is both position x and position y");
        assertMessage(assertThrows(CatalogException.class, () -> TableColumns.fromJson(
                m.replace("[\"vx\", \"vy\", \"vz\"]", "[\"vx\", \"vy\", \"z\"]"), "m.json")),
                "'z' is both position z and velocity z");
    }
}
