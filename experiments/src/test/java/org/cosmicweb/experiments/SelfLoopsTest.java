package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GNN's self-loops (--self-loops): one edge i → i per visible galaxy with the fixed self-loop
 * features and nothing else changed, recorded in the model file and rebuilt from it.
 */
class SelfLoopsTest {
    static final double D = 2.0;

    @TempDir
    static Path dir;

    @Test
    void theModelFileRecordsSelfLoopsAndOlderModelsHaveNone() {
        for (GraphSpec g : List.of(GraphSpec.radius(D), GraphSpec.knn(5), GraphSpec.projected(D, 2, 500))) {
            for (boolean loops : new boolean[] {false, true}) {
                Map<String, String> prov = new HashMap<>();
                g.withSelfLoops(loops).putProvenance(prov);
                assertEquals(g.withSelfLoops(loops), GraphSpec.fromProvenance(prov, "model m.cwgnn"));
                assertEquals(loops, g.withSelfLoops(loops).describe().endsWith("with self-loops"));
            }
        }
        Map<String, String> old = new HashMap<>(Map.of("linking_length_mpc", "2.0"));
        assertFalse(GraphSpec.fromProvenance(old, "model m.cwgnn").selfLoops(), "models written before the key");
        old.put("self_loops", "yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.fromProvenance(old, "model m.cwgnn"));
        assertTrue(e.getMessage().contains("model m.cwgnn") && e.getMessage().contains("self_loops")
                && e.getMessage().contains("'yes'") && e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void theTrainingGraphGainsExactlyOneSelfLoopPerVisibleGalaxy() {
        ExperimentData data = new ExperimentData(Fixtures.mock(dir.resolve("graph"), 12, 30));
        int n = data.nodeCount();
        int[] train = IntStream.range(0, n / 2).toArray();
        int[] excluded = IntStream.range(3 * n / 4, n).toArray();
        int[] visible = GnnGalaxyModel.visibleRows(n, train, excluded);
        CosmicGraph with = model(true).visibleGraph(data, visible);
        CosmicGraph without = model(false).visibleGraph(data, visible);
        assertTrue(with.selfLoops() && !without.selfLoops());
        assertEquals(without.numNodes(), with.numNodes());
        assertEquals(without.numEdges() + visible.length, with.numEdges());
        int f = EdgeFeature.COUNT;
        for (int t = 0; t < with.numNodes(); t++) {
            // Without the self-loop, node t's incoming edges (sender and features) are those of the loop-free graph.
            List<String> a = new ArrayList<>();
            int loops = 0;
            for (int e = with.receiverOffsets()[t]; e < with.receiverOffsets()[t + 1]; e++) {
                float[] feats = Arrays.copyOfRange(with.edgeFeatures(), e * f, (e + 1) * f);
                if (with.senders()[e] == t) {
                    loops++;
                    assertArrayEquals(EdgeFeature.SELF_LOOP, feats, "self-loop of node " + t);
                } else {
                    a.add(with.senders()[e] + Arrays.toString(feats));
                }
            }
            assertEquals(1, loops, "self-loops into node " + t);
            List<String> b = new ArrayList<>();
            for (int e = without.receiverOffsets()[t]; e < without.receiverOffsets()[t + 1]; e++) {
                assertTrue(without.senders()[e] != t, "a self-loop in the loop-free graph at node " + t);
                float[] feats = Arrays.copyOfRange(without.edgeFeatures(), e * f, (e + 1) * f);
                b.add(without.senders()[e] + Arrays.toString(feats));
            }
            a.sort(null);
            b.sort(null);
            assertEquals(b, a, "edges into node " + t);
        }
    }

    @Test
    void aSavedModelIsRebuiltWithItsSelfLoops() {
        SubhaloCatalog cat = Fixtures.mock(dir.resolve("fit"), 13, 30);
        ExperimentData data = new ExperimentData(cat);
        int[] rows = IntStream.range(0, data.size()).toArray();
        GnnGalaxyModel.FittedGnn fitted = model(true).fit(data, IntStream.range(0, data.size() / 2).toArray());
        assertEquals("true", fitted.trained().provenance().get("self_loops"));
        GalaxyModel.Prediction direct = fitted.predict(data, rows);
        // From the model file's provenance, as predict, embed and paint rebuild it.
        GalaxyModel.Prediction rebuilt = new GnnGalaxyModel.FittedGnn(fitted.trained(), D, 64L << 10)
                .predict(data, rows);
        // Negative control: the same network on the graph without self-loops predicts otherwise.
        GalaxyModel.Prediction loopFree = new GnnGalaxyModel.FittedGnn(List.of(fitted.trained()), GraphSpec.radius(D),
                64L << 10).predict(data, rows);
        double maxDiff = 0;
        for (int i = 0; i < rows.length; i++) {
            assertEquals(direct.mean()[i], rebuilt.mean()[i], 1e-9, "galaxy " + i);
            maxDiff = Math.max(maxDiff, Math.abs(direct.mean()[i] - loopFree.mean()[i]));
        }
        assertTrue(maxDiff > 1e-3, "the self-loop's message must matter to the prediction, max difference " + maxDiff);
    }

    private static GnnGalaxyModel model(boolean loops) {
        GnnSettings s = GnnSettings.defaults().withEpochs(2).withSelfLoops(loops);
        return new GnnGalaxyModel(D, s, 5, 64L << 10, null);
    }
}
