package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Param;
import org.cosmicweb.gnn.Trainer;
import org.cosmicweb.gnn.TrainingConfig;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.graph.SpatialFolds;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the GNN trains on: the padding between folds sends messages but is never scored, nothing
 * of the validation fold reaches training, a held-out slab of training galaxies picks the epoch.
 */
class GnnTrainingDataTest {
    @TempDir
    static Path dir;
    static SubhaloCatalog cat;
    static SpatialFolds.Fold fold;
    static final double D = 2.5;

    @BeforeAll
    static void mock() {
        cat = Fixtures.mock(dir.resolve("m"), 21, 40);
        fold = SpatialFolds.split(cat.positionsMpc(), cat.boxSizeMpc(), 3, 4, 2).get(1);
    }

    private static GnnGalaxyModel model(int epochs, long seed) {
        return model(epochs, seed, false);
    }

    private static GnnGalaxyModel model(int epochs, long seed, boolean decorrelate) {
        GnnSettings s = new GnnSettings(epochs, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 64, true,
                decorrelate);
        return new GnnGalaxyModel(D, s, seed, 64L << 10, null);
    }

    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        for (int v : a) {
            s.add(v);
        }
        return s;
    }

    @Test
    void paddingSendsMessagesButIsNeverScoredAndTheValidationFoldIsAbsent() {
        ExperimentData data = new ExperimentData(cat);
        GnnGalaxyModel m = model(1, 3);
        int[] visible = GnnGalaxyModel.visibleRows(data.size(), fold.train(), fold.validation());
        GnnGalaxyModel.Prepared p = m.prepare(data, m.visibleGraph(data, visible), visible, fold.train(), 3);
        Set<Integer> validation = set(fold.validation());
        Set<Integer> train = set(fold.train());
        Set<Integer> padding = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            if (!validation.contains(i) && !train.contains(i)) {
                padding.add(i);
            }
        }
        assertTrue(padding.size() > 50, "the fixture needs padding galaxies, got " + padding.size());
        // The brute-force neighbour count of every galaxy among the non-validation galaxies.
        CosmicGraph full = data.graphOnly(D);
        int paddingSenders = 0;
        Set<Integer> scored = new HashSet<>();
        for (GnnBatches.Batches b : List.of(p.train(), p.valid())) {
            for (int k = 0; k < b.batches().size(); k++) {
                GraphBatch g = b.batches().get(k);
                int[] rows = b.nodeRows().get(k);
                for (int row : rows) {
                    assertFalse(validation.contains(row), "validation galaxy " + row + " is in a training batch");
                }
                for (int t = 0; t < g.numScored; t++) {
                    int row = rows[t];
                    assertTrue(train.contains(row), "scored galaxy " + row + " is not a training galaxy");
                    assertTrue(scored.add(row), "galaxy " + row + " scored twice");
                    int expected = 1; // its self-loop
                    for (int e = full.receiverOffsets()[row]; e < full.receiverOffsets()[row + 1]; e++) {
                        expected += validation.contains(full.senders()[e]) ? 0 : 1;
                    }
                    assertEquals(expected, g.offsets[t + 1] - g.offsets[t], "in-degree of galaxy " + row);
                    for (int e = g.offsets[t]; e < g.offsets[t + 1]; e++) {
                        paddingSenders += padding.contains(rows[g.senders[e]]) ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(train, scored, "every training galaxy is scored once, in training or in the held-out slab");
        assertTrue(paddingSenders > 0, "padding galaxies must send messages to training galaxies");
        Set<Integer> held = set(p.block().rows());
        for (int[] rows : p.train().scoredRows()) {
            for (int r : rows) {
                assertFalse(held.contains(r), "held-out galaxy " + r + " scored in training");
            }
        }
        assertEquals(held, scoredIn(p.valid()));
    }

    private static Set<Integer> scoredIn(GnnBatches.Batches b) {
        Set<Integer> s = new HashSet<>();
        b.scoredRows().forEach(rows -> s.addAll(set(rows)));
        return s;
    }

    @Test
    void validationFoldTargetsAndHaloPropertiesCannotChangeTheFittedModel() {
        ExperimentData clean = new ExperimentData(cat);
        ExperimentData perturbed = new ExperimentData(cat);
        for (int i : fold.validation()) {
            perturbed.target[i] += 3.0;
            perturbed.nodeFeatures[3 * i] -= 0.7;
            perturbed.nodeFeatures[3 * i + 1] += 0.2;
        }
        GnnGalaxyModel.FittedGnn a = model(3, 5).fit(clean, fold.train(), fold.validation());
        GnnGalaxyModel.FittedGnn a2 = model(3, 5).fit(clean, fold.train(), fold.validation());
        for (int k = 0; k < a.trained().model().params().size(); k++) {
            assertArrayEquals(a.trained().model().params().get(k).value, a2.trained().model().params().get(k).value, "repeat " + k);
        }
        GnnGalaxyModel.FittedGnn b = model(3, 5).fit(perturbed, fold.train(), fold.validation());
        List<Param> pa = a.trained().model().params();
        List<Param> pb = b.trained().model().params();
        for (int k = 0; k < pa.size(); k++) {
            assertArrayEquals(pa.get(k).value, pb.get(k).value, pa.get(k).name);
        }
        double[] ma = a.predict(clean, fold.train()).mean();
        double[] mb = b.predict(clean, fold.train()).mean();
        assertArrayEquals(ma, mb);
        // The held-out slab's predictions, which stacking is fitted on, do not read the validation fold either.
        assertArrayEquals(a.heldOut().mean(), b.heldOut().mean());
        assertArrayEquals(a.heldOut().sigma(), b.heldOut().sigma());
        // The negative control of this property: perturbing training targets does change the model.
        ExperimentData moved = new ExperimentData(cat);
        for (int i : fold.train()) {
            moved.target[i] += 0.3 * Math.sin(i);
        }
        GnnGalaxyModel.FittedGnn c = model(3, 5).fit(moved, fold.train(), fold.validation());
        assertFalse(Arrays.equals(pa.get(0).value, c.trained().model().params().get(0).value));
    }

    @Test
    void theDecorrelatingStandardiserIsFittedOnTrainingGalaxiesAloneAndTravelsWithTheModel() {
        ExperimentData clean = new ExperimentData(cat);
        ExperimentData perturbed = new ExperimentData(cat);
        for (int i : fold.validation()) {
            perturbed.nodeFeatures[3 * i] -= 0.7;
            perturbed.nodeFeatures[3 * i + 1] += 0.2;
        }
        GnnGalaxyModel.FittedGnn a = model(2, 5, true).fit(clean, fold.train(), fold.validation());
        GnnGalaxyModel.FittedGnn b = model(2, 5, true).fit(perturbed, fold.train(), fold.validation());
        assertTrue(a.trained().nodes().decorrelates());
        assertTrue(GnnSettings.defaults().withDecorrelate(true).describe().endsWith(", decorrelated halo features"));
        assertFalse(GnnSettings.defaults().withDecorrelate(false).describe().contains("decorrelated"));
        assertEquals(a.trained().nodes(), b.trained().nodes());
        assertArrayEquals(a.predict(clean, fold.train()).mean(), b.predict(clean, fold.train()).mean());
        assertFalse(model(2, 5, false).fit(clean, fold.train(), fold.validation()).trained().nodes().decorrelates());
        // Negative control: training galaxies' halo properties do move it.
        ExperimentData moved = new ExperimentData(cat);
        for (int i : fold.train()) {
            moved.nodeFeatures[3 * i + 1] += 0.05 * Math.sin(i);
        }
        assertFalse(a.trained().nodes().equals(
                model(2, 5, true).fit(moved, fold.train(), fold.validation()).trained().nodes()));
    }

    @Test
    void earlyStoppingNeedsHeldOutNodesAndPicksTheirBestEpoch() {
        ExperimentData data = new ExperimentData(cat);
        GnnGalaxyModel m = model(1, 9);
        int[] visible = GnnGalaxyModel.visibleRows(data.size(), fold.train(), fold.validation());
        GnnGalaxyModel.Prepared p = m.prepare(data, m.visibleGraph(data, visible), visible, fold.train(), 9);
        TrainingConfig tc = TrainingConfig.defaults(12, 9).withLearningRate(3e-2);
        GnnModel net = new GnnModel(new ModelConfig(3, EdgeFeature.COUNT, 1, 8, 4, Aggregation.MULTI), 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(net, p.train().batches(), List.of(), tc, null));
        assertTrue(e.getMessage().contains("held-out"), e.getMessage());
        Trainer.History h = Trainer.train(net, p.train().batches(), p.valid().batches(), tc, null);
        int argmin = 0;
        for (int k = 1; k < h.validationLoss().length; k++) {
            argmin = h.validationLoss()[k] < h.validationLoss()[argmin] ? k : argmin;
        }
        assertEquals(argmin, h.bestEpoch());
        assertFalse(Arrays.equals(h.trainLoss(), h.validationLoss()), "the held-out loss is not the training loss");
        assertEquals(Trainer.meanLoss(net, p.valid().batches()), h.validationLoss()[h.bestEpoch()], 1e-9,
                "the kept parameters are those of the best held-out epoch");
    }

    @Test
    void theHeldOutPredictionsAreTheFittedNetworksOwnOnItsSlab() {
        // Nothing excluded: the training graph is the whole graph, so the slab's predictions from the
        // early-stopping batches must be what the fitted model predicts for those galaxies.
        ExperimentData data = new ExperimentData(cat);
        GnnGalaxyModel.FittedGnn f = model(2, 5).fit(data, fold.train());
        GalaxyModel.HeldOut h = f.heldOut();
        assertArrayEquals(HeldOutBlock.of(data, fold.train(), 5).rows(), h.rows());
        GalaxyModel.Prediction p = f.predict(data, h.rows());
        for (int i = 0; i < h.rows().length; i++) {
            assertEquals(p.mean()[i], h.mean()[i], 1e-5, "mean of row " + h.rows()[i]);
            assertEquals(p.sigma()[i], h.sigma()[i], 1e-5, "calibrated sigma of row " + h.rows()[i]);
        }
        double t = Double.parseDouble(f.trained().provenance().get(GnnGalaxyModel.SIGMA_SCALE));
        assertTrue(Math.abs(t - 1) > 1e-3, "a temperature of 1 could not tell calibrated from raw sigma: " + t);
        // Two rounds train and predict on spatial blocks with a halo: the same agreement.
        GnnSettings rounds = new GnnSettings(1, 1, 8, 4, 2, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 64, true, false);
        GnnGalaxyModel.FittedGnn f2 = new GnnGalaxyModel(D, rounds, 5, 64L << 10, null).fit(data, fold.train());
        GalaxyModel.Prediction p2 = f2.predict(data, f2.heldOut().rows());
        assertArrayEquals(p2.mean(), f2.heldOut().mean(), 1e-5);
        assertArrayEquals(p2.sigma(), f2.heldOut().sigma(), 1e-5);
        // An ensemble's members hold out different slabs: it offers none.
        GnnSettings two = new GnnSettings(1, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 64, true, false)
                .withMembers(2);
        assertEquals(null, new GnnGalaxyModel(D, two, 5, 64L << 10, null).fit(data, fold.train()).heldOut());
    }

    @Test
    void aTrainingSetTooSmallToHoldOutASlabIsRefusedWithItsCounts() {
        ExperimentData data = new ExperimentData(cat);
        int[] few = Arrays.copyOf(fold.train(), 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model(1, 1).fit(data, few, fold.validation()));
        assertTrue(e.getMessage().contains("of 8 training galaxies"), e.getMessage());
    }
}
