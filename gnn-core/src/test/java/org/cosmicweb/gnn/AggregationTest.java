package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Each aggregation on a hand-built 4-node graph against values computed by hand. */
class AggregationTest {
    // Node 0 receives edges 0, 1, 2; node 1 receives edge 3; node 2 none; node 3 receives edge 4.
    static final int[] OFFSETS = {0, 3, 4, 4, 5};
    // Two channels per message.
    static final float[] MSG = {1, -2, 3, 5, -4, 0, 7, 7, 2, -1};

    @Test
    void forwardByHand() {
        int[] arg = new int[8];
        assertArrayEquals(new float[] {0, 3, 7, 7, 0, 0, 2, -1},
                Aggregation.SUM.forward(MSG, 2, OFFSETS, 4, null));
        assertArrayEquals(new float[] {0, 1, 7, 7, 0, 0, 2, -1},
                Aggregation.MEAN.forward(MSG, 2, OFFSETS, 4, null));
        assertArrayEquals(new float[] {3, 5, 7, 7, 0, 0, 2, -1},
                Aggregation.MAX.forward(MSG, 2, OFFSETS, 4, arg));
        assertArrayEquals(new int[] {1, 1, 3, 3, -1, -1, 4, 4}, arg);
        assertArrayEquals(new float[] {0, 3, 0, 1, 3, 5, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 2, -1, 2, -1, 2, -1},
                Aggregation.MULTI.forward(MSG, 2, OFFSETS, 4, new int[8]));
    }

    @Test
    void backwardByHand() {
        int[] arg = new int[8];
        Aggregation.MAX.forward(MSG, 2, OFFSETS, 4, arg);
        float[] dout = {1, 2, 3, 4, 5, 6, 7, 8};
        // Max: only the winning edge of each channel gets the gradient.
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 3, 4, 7, 8}, Aggregation.MAX.backward(dout, 2, OFFSETS, 4, arg));
        // Mean: each of node 0's three edges gets a third.
        float t = 1f / 3;
        assertArrayEquals(new float[] {t, 2 * t, t, 2 * t, t, 2 * t, 3, 4, 7, 8},
                Aggregation.MEAN.backward(dout, 2, OFFSETS, 4, null), 1e-7f);
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 7, 8}, Aggregation.SUM.backward(dout, 2, OFFSETS, 4, null));
    }
}
