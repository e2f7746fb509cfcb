package org.cosmicweb.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing a catalog source on the command line: exactly one, with what it needs, and clear errors. */
class SourceOptionsTest {
    static final String MAPPING = Path.of("..", "examples", "camels-astrid-columns.json").toString();

    @TempDir
    Path dir;

    static Path subset() throws Exception {
        return Path.of(SourceOptionsTest.class.getResource("/camels-astrid-sb7-subset").toURI());
    }

    /** One box of the subset (SB7_1) as a single table. */
    static String oneBox() throws Exception {
        return subset().resolve("Astrid_SB7_1_groups_090_processed.csv.gz").toString();
    }

    static String glob() throws Exception {
        return subset() + "/Astrid_SB7_*_groups_090_processed.csv.gz";
    }

    static String params() throws Exception {
        return subset().resolve("CosmoAstroSeed_Astrid_L25n256_SB7_first132.txt").toString();
    }

    /** --snapshot and --min-star-particles are refused for a suite of tables only: an HDF5 box counts star particles. */
    @Test
    void aSuiteIsOfTablesWhenNoFileIsHdf5() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "x\n");
        Files.writeString(dir.resolve("b.csv.gz"), "x\n");
        assertTrue(CatalogOptions.tablesOnly(dir + "/*"));
        Files.writeString(dir.resolve("c.hdf5"), "x\n");
        assertFalse(CatalogOptions.tablesOnly(dir + "/*"), "one SUBFIND file among the tables");
        assertFalse(CatalogOptions.tablesOnly(dir + "/*.hdf5"));
        assertTrue(CatalogOptions.tablesOnly(dir + "/*.csv"));
    }

    @Test
    void aSuiteSummarySaysWhatWasLoaded() throws Exception {
        CliTest.Run r = CliTest.run("catalog", "--suite", glob(), "--suite-params", params(), "--columns", MAPPING,
                "--min-log-mstar", "8", "--min-log-mhalo", "0");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("boxes").asInt());
        assertEquals(249 + 24 + 390, j.get("galaxies").asInt());
        assertEquals(8, j.get("parameters").size());
        assertTrue(j.get("load_seconds").asDouble() >= 0);
        assertEquals(24, j.get("galaxies_per_box_min").asInt());
        assertEquals(249, j.get("galaxies_per_box_median").asDouble(), 0);
        assertEquals(390, j.get("galaxies_per_box_max").asInt());
        // Two boxes: the median is the mean of the two, not the upper one.
        CliTest.Run two = CliTest.run("catalog", "--suite", subset() + "/Astrid_SB7_1*_groups_090_processed.csv.gz",
                "--suite-params", params(), "--columns", MAPPING, "--min-log-mstar", "8", "--min-log-mhalo", "0");
        JsonNode t = new ObjectMapper().readTree(two.out());
        assertEquals(2, t.get("boxes").asInt(), two.err());
        assertTrue(t.get("galaxies_per_box_min").asInt() < t.get("galaxies_per_box_max").asInt(), t.toString());
        assertEquals((t.get("galaxies_per_box_min").asInt() + t.get("galaxies_per_box_max").asInt()) / 2.0,
                t.get("galaxies_per_box_median").asDouble(), 0);
    }

    @Test
    void aTableMappedByFlagsAloneReads() throws Exception {
        Path t = dir.resolve("t.csv");
        Files.writeString(t, "x,y,z,mh,ms,v,c\n1,1,1,1e12,1e10,200,1\n2,2,2,1e12,1e10,150,0\n");
        CliTest.Run r = CliTest.run("catalog", "--table", t.toString(), "--pos-columns", "x,y,z", "--pos-unit", "Mpc",
                "--halo-mass", "mh", "--stellar-mass", "ms", "--mass-unit", "Msun", "--vmax-column", "v",
                "--central-column", "c", "--box-size", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"selected\":2") && r.out().contains("\"box_size_mpc\":10.0"), r.out());
        CliTest.Run bad = CliTest.run("catalog", "--table", t.toString(), "--pos-columns", "x,y,z", "--pos-unit", "Mpc",
                "--halo-mass", "mh - mg", "--stellar-mass", "ms", "--mass-unit", "Msun", "--vmax-column", "v",
                "--central-column", "c", "--box-size", "10");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("t.csv has no column 'mg' (halo_mass"), bad.err());
    }

    @Test
    void kNearestNeighboursAreCheckedAgainstTheSmallestBoxBeforeAnyModelRuns() throws Exception {
        // 610 galaxies in three boxes, the smallest with 23: k = 100 fits the suite but not that box.
        Path out = dir.resolve("knn");
        CliTest.Run r = CliTest.run("experiment", "--suite", glob(), "--columns", MAPPING, "--min-log-mstar", "8",
                "--graph", "knn", "--k", "100", "--folds", "3", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("--k 100 needs more than 100 graph nodes in every box; box Astrid_SB7_31")
                && r.err().contains("has 23"), r.err());
        assertTrue(!r.err().contains("boost_noenv"), "refused before any baseline ran: " + r.err());
        assertTrue(!Files.exists(out));
    }

    @Test
    void wrongCombinationsOfSourceOptionsAreClearErrors() throws Exception {
        CliTest.Run two = CliTest.run("catalog", "--tng", "x", "--table", "t.csv", "--columns", MAPPING);
        assertEquals(1, two.code());
        assertTrue(two.err().contains("give exactly one catalog source, not --tng and --table"), two.err());
        CliTest.Run unmapped = CliTest.run("catalog", "--table", "t.csv");
        assertEquals(1, unmapped.code());
        assertTrue(unmapped.err().contains("--table needs a column mapping"), unmapped.err());
        CliTest.Run features = CliTest.run("catalog", "--suite", glob(), "--columns", MAPPING, "--box-features", "Omega_m");
        assertEquals(1, features.code());
        assertTrue(features.err().contains("--box-features Omega_m needs --suite-params"), features.err());
        CliTest.Run unknown = CliTest.run("experiment", "--suite", glob(), "--suite-params", params(), "--columns",
                MAPPING, "--box-features", "Omega_m,Omega_lambda", "--out", dir.resolve("never").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("'Omega_lambda' is not a column") && unknown.err().contains("Omega_m, sigma_8"),
                unknown.err());
        CliTest.Run unknownInCatalog = CliTest.run("catalog", "--suite", glob(), "--suite-params", params(), "--columns",
                MAPPING, "--box-features", "Omega_x");
        assertEquals(1, unknownInCatalog.code());
        assertTrue(unknownInCatalog.err().contains("'Omega_x' is not a column"), unknownInCatalog.err());
        CliTest.Run twice = CliTest.run("catalog", "--suite", glob(), "--suite-params", params(), "--columns",
                MAPPING, "--box-features", "Omega_m, Omega_m");
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("--box-features names Omega_m twice"), twice.err());
        CliTest.Run empty = CliTest.run("catalog", "--suite", glob(), "--suite-params", params(), "--columns",
                MAPPING, "--box-features", " ,");
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("--box-features takes all, none or parameter names"), empty.err());
        CliTest.Run tooLong = CliTest.run("experiment", "--suite", glob(), "--suite-params", params(), "--columns",
                MAPPING, "--min-log-mstar", "8", "--min-log-mhalo", "0", "--linking-lengths", "2,20",
                "--out", dir.resolve("never").toString());
        assertEquals(1, tooLong.code());
        assertTrue(tooLong.err().contains("--linking-lengths 20.0 Mpc must be below half the box (18.63 Mpc for the 37.25 Mpc"
                + " boxes"), tooLong.err());
        assertTrue(!Files.exists(dir.resolve("never")));
        CliTest.Run nodes = CliTest.run("catalog", "--suite", glob(), "--columns", MAPPING, "--graph-nodes", "all");
        assertEquals(1, nodes.code());
        assertTrue(nodes.err().contains("graph nodes must be 'selected' or 'dmo', got 'all'"), nodes.err());
    }
}
