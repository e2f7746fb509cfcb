package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Standardizer;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.graph.SpatialFolds;
import org.cosmicweb.simulations.CatalogSuite;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suite of three tiny boxes: parameters joined to the right box, folds over whole boxes, no edge
 * between boxes in any graph or batch, and batched output equal to per-box output.
 */
class SuiteDataTest {
    /** Boxes SB7_7, SB7_2, SB7_12, in that (unsorted) order, with other nodes in every box. */
    static CatalogSuite three(int others) {
        return SuiteFixtures.suite(new int[] {7, 2, 12}, new int[] {150, 120, 90}, others, 3);
    }

    @Test
    void boxParametersAreJoinedToEachNodesOwnBox() {
        ExperimentData d = ExperimentData.suite(three(40), List.of("sigma_8", "Omega_m"));
        assertEquals(List.of("log_mhalo", "log_vmax", "is_central", "sigma_8", "Omega_m"), d.featureNames());
        assertEquals(5, d.nodeDim());
        assertEquals(360, d.size());
        assertEquals(360 + 3 * 40, d.nodeCount());
        for (int i = 0; i < d.nodeCount(); i++) {
            int number = Integer.parseInt(d.boxes().get(d.boxOfNode()[i]).name().substring(4));
            assertEquals(0.7 + 0.001 * number, d.nodeFeatures[5 * i + 3], 1e-12, "sigma_8 of node " + i);
            assertEquals(SuiteFixtures.omegaM(number), d.nodeFeatures[5 * i + 4], 1e-12, "Omega_m of node " + i);
            assertEquals(d.nodes.logMhaloMsun()[i], d.nodeFeatures[5 * i], 0);
        }
        // Galaxies first, box after box; then the other nodes, box after box.
        assertArrayEquals(IntStream.range(0, 150).toArray(), d.galaxiesOfBox(0));
        assertArrayEquals(IntStream.range(150, 270).toArray(), d.galaxiesOfBox(1));
        assertEquals(360, d.nodesOfBox(0)[150]);
        assertEquals(400, d.nodesOfBox(1)[120]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentData.suite(three(0), List.of("Omega_b")));
        assertTrue(e.getMessage().contains("'Omega_b' is not a parameter") && e.getMessage().contains("Omega_m, sigma_8"),
                e.getMessage());
    }

    @Test
    void foldsHoldOutWholeBoxesEachBoxExactlyOnce() {
        int[] boxOf = new int[1000];
        for (int i = 0; i < boxOf.length; i++) {
            boxOf[i] = (i * 7) % 10;
        }
        int[] foldOfBox = new int[10];
        List<SpatialFolds.Fold> folds = BoxFolds.split(boxOf, 10, 4, 42, foldOfBox);
        Set<Integer> validated = new HashSet<>();
        for (SpatialFolds.Fold f : folds) {
            Set<Integer> trainBoxes = new HashSet<>();
            Set<Integer> validBoxes = new HashSet<>();
            Arrays.stream(f.train()).forEach(i -> trainBoxes.add(boxOf[i]));
            Arrays.stream(f.validation()).forEach(i -> validBoxes.add(boxOf[i]));
            assertTrue(validBoxes.stream().noneMatch(trainBoxes::contains), "a box in training and validation");
            assertEquals(boxOf.length, f.train().length + f.validation().length, "every galaxy trains or validates");
            for (int b : validBoxes) {
                assertTrue(validated.add(b), "box " + b + " validated twice");
                assertEquals(f.index(), foldOfBox[b]);
            }
            assertTrue(validBoxes.size() == 2 || validBoxes.size() == 3, "10 boxes over 4 folds: " + validBoxes);
        }
        assertEquals(10, validated.size());
        int[] again = new int[10];
        BoxFolds.split(boxOf, 10, 4, 42, again);
        assertArrayEquals(foldOfBox, again, "seeded");
        int[] other = new int[10];
        BoxFolds.split(boxOf, 10, 4, 43, other);
        assertNotEquals(Arrays.toString(foldOfBox), Arrays.toString(other), "another seed deals other folds");
        assertThrows(IllegalArgumentException.class, () -> BoxFolds.split(boxOf, 10, 11, 1, new int[10]));
    }

    @Test
    void noEdgeJoinsTwoBoxesInTheGraphOrInAnyTrainingBatch() {
        ExperimentData d = ExperimentData.suite(three(40), List.of("Omega_m"));
        int[] box = d.boxOfNode();
        CosmicGraph g = d.graphOnly(2.0);
        assertTrue(g.numEdges() > 500, "the fixture needs edges, got " + g.numEdges());
        for (int e = 0; e < g.numEdges(); e++) {
            assertEquals(box[g.receivers()[e]], box[g.senders()[e]], "edge " + e);
        }
        // The union holds exactly each box's own graph: the same edge count as the boxes alone.
        int perBox = 0;
        for (int b = 0; b < 3; b++) {
            perBox += d.box(b).graphOnly(2.0).numEdges();
        }
        assertEquals(perBox, g.numEdges());
        int[] trainRows = IntStream.range(0, d.size()).toArray();
        for (int layers : new int[] {1, 2}) {
            GnnSettings s = new GnnSettings(1, 1, 8, 4, layers, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 32);
            GnnGalaxyModel m = new GnnGalaxyModel(2.0, s, 5, 16L << 10, null);
            int[] visible = GnnGalaxyModel.visibleRows(d.nodeCount(), trainRows, new int[0]);
            GnnGalaxyModel.Prepared p = m.prepare(d, m.visibleGraph(d, visible), visible, trainRows, 5);
            assertTrue(p.block().heldBoxes().length >= 1, "a suite holds out whole boxes to pick the epoch");
            assertTrue(p.train().batches().size() > 1, "several training batches");
            for (GnnBatches.Batches bs : List.of(p.train(), p.valid())) {
                for (int k = 0; k < bs.batches().size(); k++) {
                    GraphBatch b = bs.batches().get(k);
                    int[] rows = bs.nodeRows().get(k);
                    for (int e = 0; e < b.numEdges(); e++) {
                        assertEquals(box[rows[b.receivers[e]]], box[rows[b.senders[e]]], "layers " + layers + " batch " + k);
                    }
                    for (int t = 0; t < b.numScored; t++) {
                        assertTrue(rows[t] < d.size(), "only galaxies are scored");
                    }
                }
            }
            Set<Integer> held = new HashSet<>();
            Arrays.stream(p.block().heldBoxes()).forEach(held::add);
            for (int r : p.block().rows()) {
                assertTrue(held.contains(box[r]));
            }
            for (int r : p.block().remaining()) {
                assertTrue(!held.contains(box[r]), "a held-out box is split");
            }
        }
    }

    @Test
    void batchedPredictionsEqualEachBoxPredictedAlone() {
        ExperimentData d = ExperimentData.suite(three(40), List.of("Omega_m", "sigma_8"));
        ModelConfig cfg = new ModelConfig(d.nodeDim(), EdgeFeature.COUNT, 2, 16, 8, Aggregation.MULTI, 1);
        Standardizer nodes = Standardizer.fit(d.nodeFeatures, d.nodeDim(), null);
        Standardizer edges = new Standardizer(new double[] {1, 0, 0, 100, 0, 0}, new double[] {1, 1, 1, 100, 1, 1});
        Standardizer target = Standardizer.fit(d.target, 1, null);
        TrainedModel tm = new TrainedModel(new GnnModel(cfg, 8), nodes, edges, target, Map.of());
        int[] rows = IntStream.range(0, d.size()).toArray();
        // All three boxes in one batch, and (a tiny budget) one box per batch.
        GalaxyModel.Prediction together = new GnnGalaxyModel.FittedGnn(tm, 2.0, Long.MAX_VALUE / 4).predict(d, rows);
        GalaxyModel.Prediction apart = new GnnGalaxyModel.FittedGnn(tm, 2.0, 1024).predict(d, rows);
        assertEquals(1, GnnBatches.boxGroups(d, d.graphOnly(2.0), IntStream.range(0, d.nodeCount()).toArray(),
                mask(d.nodeCount(), rows), Long.MAX_VALUE / 4).size());
        assertEquals(3, GnnBatches.boxGroups(d, d.graphOnly(2.0), IntStream.range(0, d.nodeCount()).toArray(),
                mask(d.nodeCount(), rows), 1024).size());
        double spread = 0;
        for (int b = 0; b < 3; b++) {
            ExperimentData alone = d.box(b);
            int[] own = d.galaxiesOfBox(b);
            GalaxyModel.Prediction p = new GnnGalaxyModel.FittedGnn(tm, 2.0, 256L << 10)
                    .predict(alone, IntStream.range(0, alone.size()).toArray());
            for (int k = 0; k < own.length; k++) {
                assertEquals(p.mean()[k], together.mean()[own[k]], 1e-5, "box " + b + " galaxy " + k);
                assertEquals(p.sigma()[k], together.sigma()[own[k]], 1e-5);
                assertEquals(p.mean()[k], apart.mean()[own[k]], 1e-5);
                spread = Math.max(spread, Math.abs(p.mean()[k] - p.mean()[0]));
            }
        }
        assertTrue(spread > 1e-3, "a model that predicts a constant would pass this test vacuously");
    }

    @Test
    void scalesOfHalfTheBoxOrMoreFailBeforeAnyModelRuns() {
        ExperimentData d = ExperimentData.suite(three(0), List.of());
        GnnSettings s = GnnSettings.defaults().withEpochs(1);
        ExperimentConfig cfg = new ExperimentConfig(new double[] {1, 6}, new double[] {1}, 3, 0, s, 5, 1, 1 << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(d));
        assertTrue(e.getMessage().contains("--linking-lengths 6.0 Mpc must be below half the box (6 Mpc")
                && e.getMessage().contains("Box_SB7_*.csv"), e.getMessage());
        ExperimentConfig folds = new ExperimentConfig(new double[] {1}, new double[] {1}, 4, 0, s, 5, 1, 1 << 20);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentRunner(folds, new Progress(System.err, false, 60)).run(d));
        assertTrue(f.getMessage().contains("--folds 4 over whole boxes needs at least 4 boxes"), f.getMessage());
    }

    @Test
    void theBootstrapOfASuiteResamplesWholeBoxes() {
        // Two boxes: errors 0.1 in box 0 (3 galaxies), 0.3 in box 1 (1 galaxy). Every replicate is one of
        // {0,0}, {0,1}, {1,1} in draws, so its RMSE is 0.1, sqrt((3*.01+.09)/4) or 0.3, never anything else.
        double[] truth = {0, 0, 0, 0};
        double[] pred = {0.1, -0.1, 0.1, 0.3};
        BlockBootstrap boot = BlockBootstrap.byGroup(new int[] {0, 0, 0, 1}, 2, 200, 7);
        BlockBootstrap.Estimate est = boot.rmse(pred, truth, null);
        assertEquals(Math.sqrt((0.03 + 0.09) / 4), est.value(), 1e-12);
        assertTrue(est.se() > 0.01, "resampling two different boxes varies the RMSE: " + est.se());
        BlockBootstrap.Estimate same = BlockBootstrap.byGroup(new int[] {0, 0, 1, 1}, 2, 200, 7)
                .rmse(new double[] {0.2, -0.2, 0.2, -0.2}, truth, null);
        assertEquals(0, same.se(), 1e-12, "boxes with the same error: every replicate agrees");
    }

    @Test
    void anExperimentOnASuiteWithOtherNodesScoresOnlyGalaxiesAndWritesItsReport(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir) throws Exception {
        CatalogSuite t = three(40);
        // A box whose galaxies all failed the cuts was left out of the suite; the manifest names it.
        ExperimentData d = ExperimentData.suite(new CatalogSuite(t.source(), t.boxes(), t.parameters(),
                List.of("SB7_99"), t.seconds()), List.of("Omega_m"));
        assertEquals(List.of("SB7_99"), d.withoutVelocities().skippedBoxes());
        GnnSettings gnn = new GnnSettings(1, 1, 8, 4, 1, Aggregation.MULTI, 5e-3, 1e-4, 0, 1, 32);
        ExperimentConfig cfg = new ExperimentConfig(new double[] {2}, new double[] {1}, 3, 0, gnn, 5, 2, 64L << 10);
        ExperimentResult r = new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(d);
        for (ExperimentResult.Run run : r.runs()) {
            assertEquals(d.size(), run.mean().length, "one prediction per galaxy, none for the other nodes");
            for (double v : run.mean()) {
                assertTrue(Double.isFinite(v), run.column());
            }
        }
        java.nio.file.Path out = dir.resolve("run");
        ReportWriter.write(r, out, null);
        for (String f : ReportWriter.SUITE_FILES) {
            assertTrue(java.nio.file.Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(1 + d.size(), java.nio.file.Files.readAllLines(out.resolve("predictions.csv")).size());
        assertEquals("[\"SB7_99\"]", new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                out.resolve("manifest.json").toFile()).at("/data/skipped_boxes").toString());
    }

    static boolean[] mask(int n, int[] rows) {
        boolean[] m = new boolean[n];
        for (int r : rows) {
            m[r] = true;
        }
        return m;
    }
}
