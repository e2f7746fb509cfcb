package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GraphBatch refuses every malformed array at construction, saying what is wrong. */
class GraphBatchValidationTest {
    // 3 nodes, 2 scored, edges 1->0, 2->0, 0->1 (sorted by receiver), one node and one edge feature.
    private static final float[] X = {1, 2, 3};
    private static final int[] S = {1, 2, 0};
    private static final int[] R = {0, 0, 1};
    private static final int[] OFF = {0, 2, 3, 3};
    private static final float[] E = {0.1f, 0.2f, 0.3f};
    private static final float[] Y = {1, 2, 0};

    private static String refusal(int n, int scored, float[] x, int[] s, int[] r, int[] off, float[] e, float[] y) {
        return assertThrows(IllegalArgumentException.class, () -> new GraphBatch(n, scored, 1, x, 1, s, r, off, e, y))
                .getMessage();
    }

    @Test
    void theWellFormedBatchIsAccepted() {
        GraphBatch g = new GraphBatch(3, 2, 1, X, 1, S, R, OFF, E, Y);
        assertEquals(3, g.scoredEdges());
        assertEquals(3, g.numEdges());
    }

    @Test
    void eachMalformationIsRefused() {
        assertTrue(refusal(0, 0, new float[0], new int[0], new int[0], new int[] {0}, new float[0], null)
                .contains("at least one node"));
        assertTrue(refusal(3, 4, X, S, R, OFF, E, Y).contains("numScored 4 outside 0..3"));
        assertTrue(refusal(3, 2, new float[] {1, 2}, S, R, OFF, E, Y).contains("node features hold 2 values"));
        assertTrue(refusal(3, 2, X, S, new int[] {0, 0}, OFF, E, Y).contains("edge arrays disagree"));
        assertTrue(refusal(3, 2, X, S, R, OFF, new float[] {1}, Y).contains("edge arrays disagree"));
        assertTrue(refusal(3, 2, X, S, R, new int[] {0, 2, 3}, E, Y).contains("offsets must have N+1 entries"));
        assertTrue(refusal(3, 2, X, S, R, new int[] {1, 2, 3, 3}, E, Y).contains("offsets must have N+1 entries"));
        assertTrue(refusal(3, 2, X, new int[] {1, 5, 0}, R, OFF, E, Y).contains("edge 1 (5 -> 0) is out of range"));
        assertTrue(refusal(3, 2, X, new int[] {1, -1, 0}, R, OFF, E, Y).contains("out of range"));
        assertTrue(refusal(3, 2, X, S, new int[] {0, 1, 1}, OFF, E, Y).contains("not sorted by receiver"));
        assertTrue(refusal(3, 2, new float[] {1, Float.NaN, 3}, S, R, OFF, E, Y).contains("node feature 0 of row 1 is NaN"));
        assertTrue(refusal(3, 2, X, S, R, OFF, new float[] {0, Float.POSITIVE_INFINITY, 0}, Y)
                .contains("edge feature 0 of row 1 is Infinity"));
        assertTrue(refusal(3, 2, X, S, R, OFF, E, new float[] {1, 2}).contains("targets hold 2 values for 3 nodes"));
        assertTrue(refusal(3, 2, X, S, R, OFF, E, new float[] {1, Float.NaN, 0}).contains("target of scored node 1"));
        // A NaN target of an unscored node is never read: accepted.
        new GraphBatch(3, 2, 1, X, 1, S, R, OFF, E, new float[] {1, 2, Float.NaN});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GraphBatch(3, 2, 1, X, 1, S, R, OFF, E, Y,
                new float[5])).getMessage().contains("edge directions hold 5 values"));
    }
}
