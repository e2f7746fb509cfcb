package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.CatalogSuite;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.SuiteSource;
import org.cosmicweb.simulations.TableColumns;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real CAMELS-Astrid boxes: three copied into the test resources (see their PROVENANCE.md), read
 * with the column mapping the README documents, and the eight-box folder of the shared data when
 * this machine has it.
 */
class RealSubsetTest {
    static final Path MAPPING = Path.of("..", "examples", "camels-astrid-columns.json");
    static final CatalogCuts KEEP_ALL = new CatalogCuts(0, 0, 0, true);
    static final double H = 0.6711;

    @TempDir
    Path dir;

    static Path subset() throws Exception {
        return Path.of(RealSubsetTest.class.getResource("/camels-astrid-sb7-subset").toURI());
    }

    static CatalogSuite load(CatalogCuts cuts) throws Exception {
        Path d = subset();
        TableColumns columns = TableColumns.fromJson(Files.readString(MAPPING), MAPPING.toString());
        return new SuiteSource(d + "/Astrid_SB7_*_groups_090_processed.csv.gz", columns,
                d.resolve("CosmoAstroSeed_Astrid_L25n256_SB7_first132.txt"), null).load(cuts, GraphNodes.SELECTED);
    }

    @Test
    void theDocumentedMappingReadsTheTablesWithTheirOwnParameters() throws Exception {
        CatalogSuite s = load(KEEP_ALL);
        assertEquals(List.of("SB7_1", "SB7_31", "SB7_113"), s.boxes().stream().map(CatalogSuite.Box::name).toList());
        assertArrayEquals(new int[] {249, 24, 390}, s.boxes().stream()
                .mapToInt(b -> b.catalog().galaxies().stats().hydroSubhalos()).toArray(), "rows per table");
        assertEquals(0.316131, s.boxes().get(0).parameters()[0], 1e-9, "Omega_m of SB7_1");
        assertEquals(0.337655, s.boxes().get(2).parameters()[0], 1e-9, "Omega_m of SB7_113");
        assertEquals(0.60724900, s.boxes().get(1).parameters()[1], 1e-9, "sigma_8 of SB7_31");
        // First row of SB7_1: Mg 1.3523006e12, MBH 9.299103e8, Mstar 8.1880863e9, Mt 2.8755527e13 (Msun/h),
        // Vmax 490.52316 km/s, position (2607.0583, 19301.014, 22300.098) ckpc/h, central.
        SubhaloCatalog g = s.boxes().get(0).catalog().galaxies();
        assertEquals(0, g.darkIds()[0]);
        assertEquals(25 / H, g.boxSizeMpc(), 1e-9);
        assertArrayEquals(new double[] {2.6070583 / H, 19.301014 / H, 22.300098 / H},
                java.util.Arrays.copyOf(g.positionsMpc(), 3), 1e-9);
        assertArrayEquals(new double[] {-113.42404, -84.75047, 0.74569625},
                java.util.Arrays.copyOf(g.velocitiesKms(), 3), 1e-9);
        assertEquals(Math.log10((2.8755527e13 - 1.3523006e12 - 8.1880863e9 - 9.299103e8) / H), g.logMhaloMsun()[0], 1e-9);
        assertEquals(Math.log10(8.1880863e9 / H), g.logMstarMsun()[0], 1e-9);
        assertEquals(Math.log10(490.52316), g.logVmaxKms()[0], 1e-9);
        assertTrue(g.isCentral()[0]);
    }

    @Test
    void theExperimentRunsOnRealBoxesWithFoldsOverWholeBoxes() throws Exception {
        CatalogSuite s = load(new CatalogCuts(8.0, 0, 0, true));
        ExperimentData d = ExperimentData.suite(s, List.of("Omega_m", "A_SN1"));
        GnnSettings gnn = new GnnSettings(1, 1, 8, 4, 1, Aggregation.MULTI, 5e-3, 1e-4, 0, 1, 64);
        ExperimentConfig cfg = new ExperimentConfig(new double[] {1.5}, new double[] {1}, 3, 0, gnn, 10, 4, 256L << 10);
        ExperimentResult r = new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(d);
        Set<Integer> folds = new HashSet<>();
        for (int b = 0; b < d.boxCount(); b++) {
            int[] rows = d.galaxiesOfBox(b);
            for (int i : rows) {
                assertEquals(r.fold()[rows[0]], r.fold()[i], "box " + b + " lies in one fold");
            }
            folds.add(r.fold()[rows[0]]);
        }
        assertEquals(3, folds.size(), "three boxes, three folds");
        for (ExperimentResult.Run run : r.runs()) {
            for (double v : run.mean()) {
                assertTrue(Double.isFinite(v) && v > 6 && v < 14, run.column() + " predicted " + v);
            }
        }
        Path out = dir.resolve("run");
        ReportWriter.write(r, out, ReportWriter.command("test"));
        List<String> perBox = Files.readAllLines(out.resolve("per_box.csv"));
        assertEquals(4, perBox.size());
        assertTrue(perBox.get(1).startsWith("SB7_1,1,"), perBox.get(1));
        assertTrue(perBox.get(0).contains(",seed,") && perBox.get(1).contains(",12001,") && !perBox.get(1).contains("12001.0"),
                "parameters as the table writes them: " + perBox.get(0) + " / " + perBox.get(1));
        assertTrue(Files.size(out.resolve("per_box_rmse.png")) > 0);
        String md = Files.readString(out.resolve("metrics.md"));
        assertTrue(md.contains("in 3 boxes") && md.contains("Per-box RMSE (3 held-out boxes"), md);
        assertTrue(Files.readAllLines(out.resolve("predictions.csv")).get(1).contains(",SB7_1,"));
    }

    @Test
    void theSharedEightBoxFolderHoldsTheRowsItsReadmeStates() throws Exception {
        Path shared = Path.of("/work/shared/data/camels-astrid-sb7");
        Assumptions.assumeTrue(Files.isDirectory(shared), "skipped: " + shared + " is not on this machine");
        TableColumns columns = TableColumns.fromJson(Files.readString(MAPPING), MAPPING.toString());
        CatalogSuite s = new SuiteSource(shared + "/Astrid_SB7_*_groups_090_processed.csv", columns,
                shared.resolve("CosmoAstroSeed_Astrid_L25n256_SB7.txt"), null).load(KEEP_ALL, GraphNodes.SELECTED);
        assertEquals(List.of("SB7_0", "SB7_1", "SB7_2", "SB7_3", "SB7_4", "SB7_113", "SB7_350", "SB7_785"),
                s.boxes().stream().map(CatalogSuite.Box::name).toList());
        assertArrayEquals(new int[] {1677, 249, 1343, 994, 729, 390, 751, 358}, s.boxes().stream()
                .mapToInt(b -> b.catalog().galaxies().stats().hydroSubhalos()).toArray());
        // Five rows have Mt - Mg - Mstar - MBH <= 0: no dark-matter mass, so no log mass to cut on.
        assertEquals(6491 - 5, s.galaxies());
    }
}
