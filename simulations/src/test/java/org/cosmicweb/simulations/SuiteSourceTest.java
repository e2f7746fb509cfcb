package org.cosmicweb.simulations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suites: boxes found by a glob, joined to their parameter rows by name, ordered by box number. */
class SuiteSourceTest {
    @TempDir
    Path dir;

    static final String PARAMS = "#Name Omega_m    sigma_8 A_SN1 seed\n"
            + "SB7_0 0.10 0.60 1.0 100\n"
            + "SB7_1 0.11 0.61 1.1 101\n"
            + "SB7_2 0.12 0.62 1.2 102\n"
            + "SB7_10 0.20 0.70 2.0 110\n"
            + "SB7_12 0.22 0.72 2.2 112\n";

    /**
     * A table whose single galaxy has stellar mass 1e10 * (1 + box / 100) Msun/h, to tell boxes apart. Its id is 7
     * in every box: ids are unique within a box, not across a suite.
     */
    static String box(int b, boolean empty) {
        return TableSourceTest.TABLE.lines().limit(1).findFirst().orElseThrow() + "\n"
                + "7,1000,2000,3000,1,2,3,3e12,5e11," + (empty ? "1e7" : 1e10 * (1 + b / 100.0)) + ",0,300,1,\n";
    }

    private Path suite(int... boxes) throws Exception {
        Path d = dir.resolve("suite");
        Files.createDirectories(d);
        for (int b : boxes) {
            Files.writeString(d.resolve("Box_SB7_" + b + "_groups.csv"), box(b, false));
        }
        Files.writeString(dir.resolve("params.txt"), PARAMS);
        return d;
    }

    private static TableColumns mapping() {
        return TableColumns.fromJson(TableSourceTest.MAPPING, "m");
    }

    @Test
    void boxesAreJoinedToTheirOwnRowAndSortedByNumber() throws Exception {
        Path d = suite(10, 2, 1);
        CatalogSuite s = new SuiteSource(d + "/Box_SB7_*_groups.csv", mapping(), dir.resolve("params.txt"), null)
                .load(TableSourceTest.CUTS, GraphNodes.SELECTED);
        assertEquals(List.of("SB7_1", "SB7_2", "SB7_10"), s.boxes().stream().map(CatalogSuite.Box::name).toList());
        assertArrayEquals(new int[] {1, 2, 3}, s.boxes().stream().mapToInt(CatalogSuite.Box::number).toArray());
        for (CatalogSuite.Box b : s.boxes()) {
            int n = Integer.parseInt(b.name().substring(4));
            assertTrue(b.file().getFileName().toString().equals("Box_SB7_" + n + "_groups.csv"), b.toString());
            assertEquals(Math.log10(2e10 * (1 + n / 100.0)), b.catalog().galaxies().logMstarMsun()[0], 1e-12,
                    "box " + b.name() + " holds its own file's galaxies");
            assertEquals(0.1 + n / 100.0, b.parameters()[0], 1e-12, "Omega_m of " + b.name());
        }
        assertEquals(List.of("Omega_m", "sigma_8", "A_SN1"), s.parameters().physicalNames());
        assertEquals(3, s.galaxies());
    }

    @Test
    void rowNamesMatchOnlyAsWholeTokens() {
        assertTrue(ParameterTable.occurs("Astrid_SB7_1_groups_090.csv", "SB7_1"));
        assertTrue(!ParameterTable.occurs("Astrid_SB7_12_groups_090.csv", "SB7_1"));
        assertTrue(!ParameterTable.occurs("XSB7_1.csv", "SB7_1"));
        assertTrue(ParameterTable.occurs("SB7_1", "SB7_1"));
    }

    @Test
    void withoutParametersBoxesAreNumberedInPathOrderAndEmptyBoxesAreSkipped() throws Exception {
        Path d = suite(10, 2);
        Files.writeString(d.resolve("Box_SB7_5_groups.csv"), box(5, true));
        CatalogSuite s = new SuiteSource(d + "/*.csv", mapping(), null, null).load(TableSourceTest.CUTS,
                GraphNodes.SELECTED);
        assertEquals(List.of("Box_SB7_10_groups", "Box_SB7_2_groups"), s.boxes().stream().map(CatalogSuite.Box::name)
                .toList());
        assertEquals(List.of("Box_SB7_5_groups"), s.skipped());
        assertEquals(0, s.boxes().get(0).parameters().length);
    }

    @Test
    void boxesInFoldersOfTheirOwnUnderOneFileNameAreNamedByTheirFolders() throws Exception {
        // CAMELS' layout: CV_0/fof_subhalo_tab_033.hdf5, CV_1/fof_subhalo_tab_033.hdf5, ... (tables here).
        for (int b : new int[] {0, 1, 12}) {
            Path d = dir.resolve("camels/CV_" + b);
            Files.createDirectories(d);
            Files.writeString(d.resolve("groups.csv"), box(b, false));
        }
        CatalogSuite s = new SuiteSource(dir + "/camels/CV_*/groups.csv", mapping(), null, null)
                .load(TableSourceTest.CUTS, GraphNodes.SELECTED);
        assertEquals(List.of("CV_0/groups", "CV_1/groups", "CV_12/groups"),
                s.boxes().stream().map(CatalogSuite.Box::name).toList());
        assertEquals(Math.log10(2e10 * 1.12), s.boxes().get(2).catalog().galaxies().logMstarMsun()[0], 1e-12,
                "CV_12 holds its own file's galaxies");
        // Negative control: one stem per box keeps the plain stems.
        assertArrayEquals(new String[] {"a", "b"}, SuiteSource.names(List.of(dir.resolve("x/a.csv"),
                dir.resolve("x/b.csv.gz"))));
    }

    @Test
    void twoChunksOfOneSubfindCatalogAreNotTwoBoxes() throws Exception {
        // Any chunk reads the whole chunked catalog, so a glob over the chunks would hold one box twice.
        Path groups = dir.resolve("TNG/groups_099");
        Files.createDirectories(groups);
        Files.writeString(groups.resolve("fof_subhalo_tab_099.0.hdf5"), "");
        Files.writeString(groups.resolve("fof_subhalo_tab_099.1.hdf5"), "");
        CatalogException e = assertThrows(CatalogException.class, () -> new SuiteSource(groups + "/*.hdf5", null,
                null, null).load(TableSourceTest.CUTS, GraphNodes.SELECTED));
        assertTrue(e.getMessage().contains("are chunks of one SUBFIND catalog")
                && e.getMessage().contains("fof_subhalo_tab_099.0.hdf5"), e.getMessage());
        // Negative control: the first chunk of two catalogs in two folders is two boxes (these empty files then
        // fail to read, for another reason).
        Path other = dir.resolve("TNG2/groups_099");
        Files.createDirectories(other);
        Files.writeString(other.resolve("fof_subhalo_tab_099.0.hdf5"), "");
        Exception two = assertThrows(Exception.class, () -> new SuiteSource(dir + "/TNG*/groups_099/*.0.hdf5", null,
                null, null).load(TableSourceTest.CUTS, GraphNodes.SELECTED));
        assertTrue(!String.valueOf(two.getMessage()).contains("chunks of one"), two.getMessage());
    }

    @Test
    void badSuitesAndParameterTablesSayWhatIsWrong() throws Exception {
        Path d = suite(1, 2);
        Files.writeString(d.resolve("Box_SB7_7_groups.csv"), box(7, false));
        CatalogException noRow = assertThrows(CatalogException.class, () -> new SuiteSource(d + "/*.csv", mapping(),
                dir.resolve("params.txt"), null).load(TableSourceTest.CUTS, GraphNodes.SELECTED));
        assertTrue(noRow.getMessage().contains("Box_SB7_7_groups.csv matches no row of")
                && noRow.getMessage().contains("params.txt"), noRow.getMessage());
        CatalogException none = assertThrows(CatalogException.class, () -> new SuiteSource(d + "/*.csv.gz", mapping(),
                null, null).load(TableSourceTest.CUTS, GraphNodes.SELECTED));
        assertTrue(none.getMessage().contains("matches no file"), none.getMessage());
        Files.writeString(dir.resolve("bad.txt"), "#Name Omega_m sigma_8\nSB7_0 0.3 high\n");
        CatalogException bad = assertThrows(CatalogException.class, () -> ParameterTable.read(dir.resolve("bad.txt")));
        assertTrue(bad.getMessage().contains("bad.txt line 2, column 'sigma_8': 'high'"), bad.getMessage());
        Files.writeString(dir.resolve("dup.txt"), "#Name Omega_m\nSB7_0 0.3\nSB7_0 0.4\n");
        CatalogException dup = assertThrows(CatalogException.class, () -> ParameterTable.read(dir.resolve("dup.txt")));
        assertTrue(dup.getMessage().contains("'SB7_0' appears twice"), dup.getMessage());
        Files.writeString(dir.resolve("nohdr.txt"), "SB7_0 0.3 0.8\nSB7_1 0.2 0.9\n");
        CatalogException noHeader = assertThrows(CatalogException.class,
                () -> ParameterTable.read(dir.resolve("nohdr.txt")));
        assertTrue(noHeader.getMessage().contains("nohdr.txt line 1: 'SB7_0 0.3 0.8' is a row of numbers, not the header"),
                noHeader.getMessage());
        // Negative control: a header without the '#' still names the columns and is read.
        Files.writeString(dir.resolve("plainhdr.txt"), "Name Omega_m sigma_8\nSB7_0 0.3 0.8\n");
        ParameterTable plain = ParameterTable.read(dir.resolve("plainhdr.txt"));
        assertEquals(0.8, plain.rows().get("SB7_0")[plain.column("sigma_8")], 0);
        ParameterTable t = ParameterTable.read(dir.resolve("params.txt"));
        CatalogException col = assertThrows(CatalogException.class, () -> t.column("Omega_b"));
        assertTrue(col.getMessage().contains("'Omega_b' is not a column") && col.getMessage().contains("Omega_m, sigma_8"),
                col.getMessage());
    }
}
