package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Standardizer;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batched output equals whole-graph output: one-round neighbourhood batches and spatial partitions
 * with a halo of layers x D lose nothing.
 */
class PartitionedPredictionTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "layers={0}")
    @ValueSource(ints = {1, 2})
    void predictionsDoNotDependOnHowTheBoxIsCut(int layers) {
        SubhaloCatalog cat = Fixtures.mock(dir.resolve("m" + layers), 12, 30);
        ExperimentData data = new ExperimentData(cat);
        double d = 2.0;
        ModelConfig cfg = new ModelConfig(3, EdgeFeature.COUNT, 2, 16, 8, Aggregation.MULTI, layers);
        Standardizer nodes = Standardizer.fit(data.nodeFeatures, 3, null);
        Standardizer edges = new Standardizer(new double[] {1, 0, 0, 100, 0, 0}, new double[] {1, 1, 1, 100, 1, 1});
        Standardizer target = Standardizer.fit(data.target, 1, null);
        TrainedModel tm = new TrainedModel(new GnnModel(cfg, 5), nodes, edges, target, Map.of());
        int[] rows = IntStream.range(0, data.size()).toArray();
        // A budget larger than the graph gives 2 blocks per axis; a tiny one as many as the halo allows.
        GalaxyModel.Prediction coarse = new GnnGalaxyModel.FittedGnn(tm, d, Long.MAX_VALUE / 4).predict(data, rows);
        GalaxyModel.Prediction fine = new GnnGalaxyModel.FittedGnn(tm, d, 1024).predict(data, rows);
        int blocksFine = GnnBatches.blocksPerAxis(data.graphOnly(d), cat.boxSizeMpc(), layers * d, 1024);
        assertTrue(blocksFine >= 3, "the fine cut should have more blocks, got " + blocksFine);
        // The whole graph as one batch, every node scored, built here from the graph's arrays.
        org.cosmicweb.graph.CosmicGraph g = data.graphOnly(d);
        org.cosmicweb.gnn.GraphBatch whole = GnnBatches.batch(data, cat.positionsMpc(), rows, g.numNodes(), g.senders(),
                g.receivers(), g.receiverOffsets(), g.edgeFeatures(), nodes, edges, target);
        org.cosmicweb.gnn.GnnModel.Prediction w = tm.model().predict(whole);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(coarse.mean()[i], fine.mean()[i], 1e-4, "galaxy " + i);
            assertEquals(coarse.sigma()[i], fine.sigma()[i], 1e-4, "galaxy " + i);
            assertEquals(target.invert(w.mean()[i]), fine.mean()[i], 1e-4, "galaxy " + i + " against the whole graph");
        }
    }
}
