package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SameDiff as the oracle of the fast CPU engine: the model written in SameDiff ops, computing in
 * float64 with SameDiff's automatic differentiation, against gnn-core's float32 forward pass and
 * hand-derived backward pass, for every parameter block, every aggregation, 1 to 3 rounds, on a
 * random graph and on the hand-built {@link MockGraphs#tiny} graph (nodes without edges, a
 * self-loop, a repeated sender, halo nodes).
 *
 * <p>Tolerances. The oracle is float64 (relative rounding ~1e-16), so any difference is the fast
 * engine's float32 rounding (u = 6e-8) or a bug. A gradient entry is a sum of products carried back
 * through up to 2 + 4L linear and LayerNorm layers of width ≤ 16 and the aggregation; the float32
 * error of such a chain, measured against the largest gradient of the same block (single entries
 * may cancel to near zero, where a relative bound is meaningless), is of order
 * layers × √width × u ≈ 14 × 4 × 6e-8 ≈ 3e-6 (observed: at most 5.3e-6). We allow 1e-4: twenty
 * times the observed worst case, while a wrong derivative (a missing 1/deg, a dropped path, a
 * transposed weight) is off by 1e-2 or more of the block's scale. The losses agree to 1e-6
 * relative (the engine accumulates the loss in double; observed 1e-8).
 */
class SameDiffOracleTest {
    static final double GRADIENT_TOLERANCE = 1e-4;
    static final double LOSS_TOLERANCE = 1e-6;

    static Stream<Arguments> everyAggregationAndDepth() {
        List<Arguments> cases = new ArrayList<>();
        for (Aggregation agg : Aggregation.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                cases.add(Arguments.of(agg, layers, "random"));
                cases.add(Arguments.of(agg, layers, "tiny"));
            }
        }
        return cases.stream();
    }

    private static void compare(ModelConfig cfg, GraphBatch g, double beta, long seed, String what) {
        GnnModel model = new GnnModel(cfg, seed);
        SameDiffGnn oracle = SameDiffGnn.of(model, DataType.DOUBLE, beta);
        double engineLoss = model.lossAndGradients(g, beta);
        SameDiffGnn.Evaluation e = oracle.evaluate(g, null);
        assertEquals(e.loss(), engineLoss, LOSS_TOLERANCE * Math.max(1, Math.abs(e.loss())), what + ": losses differ");
        Oracle.assertBlocksAgree(e.gradients(), model.params(), GRADIENT_TOLERANCE, what);
    }

    @ParameterizedTest(name = "{0}, {1} round(s), {2} graph")
    @MethodSource("everyAggregationAndDepth")
    void lossAndEveryGradientBlockEqualTheFastEngines(Aggregation agg, int layers, String graph) {
        boolean tiny = graph.equals("tiny");
        ModelConfig cfg = tiny ? new ModelConfig(3, 2, 2, 8, 4, agg, layers) : new ModelConfig(3, 6, 2, 16, 8, agg, layers);
        GraphBatch g = tiny ? MockGraphs.tiny(3, 2) : MockGraphs.random(12, 7, 40, 3, 6, 99);
        compare(cfg, g, 0, 21 + layers, agg + " L=" + layers + " " + graph);
    }

    /** β-NLL: the gradients are weighted by stopgrad(e^{βs}) (SameDiff's StopGradient), the loss stays the NLL. */
    @ParameterizedTest(name = "{0}, {1} round(s), beta {2}")
    @CsvSource({"MULTI_ANISOTROPY, 1, 0.5", "MULTI, 2, 1.0", "MAX, 3, 0.25"})
    void betaNllGradientsEqualTheFastEngines(Aggregation agg, int layers, double beta) {
        compare(new ModelConfig(3, 6, 2, 16, 8, agg, layers), MockGraphs.random(12, 7, 40, 3, 6, 5), beta, 8,
                agg + " L=" + layers + " beta=" + beta);
    }

    @Test
    void nodeOnlyModelAndOneHeadWithoutEdgeFeaturesEqualTheFastEngines() {
        compare(new ModelConfig(3, 6, 0, 16, 8, Aggregation.MULTI), MockGraphs.random(12, 7, 40, 3, 6, 3), 0, 4,
                "0 heads");
        // edgeDim 0: the edge weights are an empty block in both engines.
        compare(new ModelConfig(3, 0, 1, 8, 4, Aggregation.MULTI_ANISOTROPY), MockGraphs.tiny(3, 0), 0, 6, "no edge features");
    }

    /**
     * A batch with no edges at all, and one whose edges all run between halo nodes: the scored nodes
     * aggregate nothing (0, and √ε for the anisotropy), the edge blocks get no gradient with one
     * round, and SameDiff runs with only its phantom edges (ND4J cannot gather an empty index list).
     */
    @ParameterizedTest(name = "{0}, {1} round(s)")
    @CsvSource({"SUM, 1", "MEAN, 1", "MAX, 1", "MULTI, 1", "MULTI_ANISOTROPY, 1", "MULTI_SHEAR, 1", "MAX, 2",
        "MULTI_ANISOTROPY, 2", "MULTI_SHEAR, 2"})
    void batchesWhoseScoredNodesHaveNoEdgesEqualTheFastEngines(Aggregation agg, int layers) {
        ModelConfig cfg = new ModelConfig(3, 2, 1, 8, 4, agg, layers);
        float[] x = {0.3f, -1, 0.5f, 1, 0.2f, -0.4f, -0.7f, 0.1f, 0.9f, 0.5f, 0.5f, -0.5f};
        float[] y = {0.4f, -0.8f, 0, 0};
        GraphBatch none = new GraphBatch(4, 2, 3, x, 2, new int[0], new int[0], new int[] {0, 0, 0, 0, 0},
                new float[0], y, new float[0]);
        GraphBatch haloOnly = new GraphBatch(4, 2, 3, x, 2, new int[] {3, 0}, new int[] {2, 3},
                new int[] {0, 0, 0, 1, 2}, new float[] {0.5f, -1, 1, 0.25f}, y, new float[] {1, 0, 0, 0, 0.6f, 0.8f});
        for (GraphBatch g : List.of(none, haloOnly)) {
            GnnModel model = new GnnModel(cfg, 12);
            double engineLoss = model.lossAndGradients(g);
            SameDiffGnn.Evaluation e = SameDiffGnn.of(model, DataType.DOUBLE, 0).evaluate(g, null);
            String what = agg + " L=" + layers + " with " + g.numEdges() + " edges";
            assertEquals(e.loss(), engineLoss, LOSS_TOLERANCE * Math.max(1, Math.abs(e.loss())), what);
            Oracle.assertBlocksAgree(e.gradients(), model.params(), GRADIENT_TOLERANCE, what, true);
        }
    }

    @Test
    void theGradientsOfTheBetaNllDifferFromThoseOfTheNll() {
        // The β weighting is visible: with β = 1 the oracle's gradients are not the plain NLL's.
        ModelConfig cfg = new ModelConfig(3, 6, 1, 8, 4, Aggregation.SUM);
        GnnModel model = new GnnModel(cfg, 2);
        GraphBatch g = MockGraphs.random(10, 6, 30, 3, 6, 8);
        SameDiffGnn.Evaluation plain = SameDiffGnn.of(model, DataType.DOUBLE, 0).evaluate(g, null);
        SameDiffGnn.Evaluation weighted = SameDiffGnn.of(model, DataType.DOUBLE, 1).evaluate(g, null);
        assertEquals(plain.loss(), weighted.loss(), 1e-12, "β-NLL reports the plain NLL");
        double[] a = plain.gradients().get("head.lin3.b");
        double[] b = weighted.gradients().get("head.lin3.b");
        assertTrue(Math.abs(a[0] - b[0]) > 1e-3 * Math.abs(a[0]), "β = 1 should reweight the mean's gradient: "
                + a[0] + " vs " + b[0]);
    }

    @Test
    void parametersLoadOnlyIntoTheSameLayoutAndNamedMismatchesAreRefused() {
        GnnModel one = new GnnModel(new ModelConfig(3, 6, 2, 16, 8, Aggregation.MULTI), 1);
        GnnModel other = new GnnModel(new ModelConfig(3, 6, 2, 16, 8, Aggregation.MULTI, 2), 1);
        SameDiffGnn net = SameDiffGnn.of(one, DataType.FLOAT, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.requireSameLayout(other.params()));
        assertTrue(e.getMessage().contains("round1.project"), e.getMessage());
        List<Param> missing = new ArrayList<>(one.params());
        missing.remove(3);
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> net.setValues(missing));
        assertTrue(m.getMessage().contains("edge0.lin1.b"), m.getMessage());
        // The values are those of the model: the SameDiff copy reproduces the model's loss.
        GraphBatch g = MockGraphs.random(12, 7, 40, 3, 6, 4);
        assertEquals(one.loss(g), net.loss(g, null), 1e-5);
    }

    @Test
    void aBatchWithoutDirectionsIsRefusedForTheAnisotropy() {
        GnnModel model = new GnnModel(new ModelConfig(3, 6, 1, 8, 4, Aggregation.MULTI_ANISOTROPY), 1);
        GraphBatch withDirs = MockGraphs.random(12, 7, 40, 3, 6, 4);
        GraphBatch noDirs = new GraphBatch(withDirs.numNodes, withDirs.numScored, 3, withDirs.nodeFeatures, 6,
                withDirs.senders, withDirs.receivers, withDirs.offsets, withDirs.edgeFeatures, withDirs.targets);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SameDiffGnn.of(model, DataType.DOUBLE, 0).loss(noDirs, null));
        assertTrue(e.getMessage().contains("edge directions"), e.getMessage());
    }
}
