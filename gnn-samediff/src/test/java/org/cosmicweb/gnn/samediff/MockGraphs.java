package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.GnnBenchmark;
import org.cosmicweb.gnn.GraphBatch;

import java.util.SplittableRandom;

/** Graph batches for the tests of this module: a hand-built one with every corner case, and random ones. */
final class MockGraphs {
    private MockGraphs() {
    }

    /** Random batch: uniform receivers among the scored nodes and uniform senders, Gaussian features. */
    static GraphBatch random(int n, int scored, int edges, int nodeDim, int edgeDim, long seed) {
        return GnnBenchmark.randomGraph(n, scored, edges, nodeDim, edgeDim, new SplittableRandom(seed));
    }

    /**
     * Seven nodes, the first four scored, eleven edges sorted by receiver:
     * <pre>
     *   0 ← 1, 2, 5, 0   (a halo sender and a self-loop, whose direction is the zero vector)
     *   1 ← 0, 3, 3      (the same sender twice, with different edge features)
     *   2 ← 6            (one edge, from a halo node)
     *   3                (scored, no edges: aggregates to 0, and √ε in the anisotropy)
     *   4 ← 0,  5 ← 6, 4 (halo nodes receive only in stacked rounds)
     *   6                (halo, no edges)
     * </pre>
     * Features are fixed smooth functions of the indices (x_ik = sin(1.3 i + 0.7 k), e_ek = cos(0.9 e − 0.4 k)),
     * directions hand-picked unit vectors; targets fixed.
     */
    static GraphBatch tiny(int nodeDim, int edgeDim) {
        int[] senders = {1, 2, 5, 0, 0, 3, 3, 6, 0, 6, 4};
        int[] receivers = {0, 0, 0, 0, 1, 1, 1, 2, 4, 5, 5};
        int[] offsets = {0, 4, 7, 8, 8, 9, 11, 11};
        int n = 7;
        float[] x = new float[n * nodeDim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < nodeDim; k++) {
                x[i * nodeDim + k] = (float) Math.sin(1.3 * i + 0.7 * k);
            }
        }
        int e = senders.length;
        float[] ef = new float[e * edgeDim];
        for (int j = 0; j < e; j++) {
            for (int k = 0; k < edgeDim; k++) {
                ef[j * edgeDim + k] = (float) Math.cos(0.9 * j - 0.4 * k);
            }
        }
        double[][] d = {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 0, 0}, {0, 0, 1}, {1, -2, 2}, {-2, 1, 2}, {3, 4, 0},
            {1, 1, 1}, {0, -1, 1}, {-1, 0, 0}};
        float[] dirs = new float[3 * e];
        for (int j = 0; j < e; j++) {
            double r = Math.sqrt(d[j][0] * d[j][0] + d[j][1] * d[j][1] + d[j][2] * d[j][2]);
            for (int a = 0; a < 3; a++) {
                dirs[3 * j + a] = r == 0 ? 0f : (float) (d[j][a] / r);
            }
        }
        float[] y = {0.5f, -1.2f, 0.3f, 1.7f, 0f, 0f, 0f};
        return new GraphBatch(n, 4, nodeDim, x, edgeDim, senders, receivers, offsets, ef, y, dirs);
    }
}
