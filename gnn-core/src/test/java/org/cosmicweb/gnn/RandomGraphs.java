package org.cosmicweb.gnn;

import java.util.SplittableRandom;

/** Random graph batches for tests: receivers and senders uniform, Gaussian features and targets. */
final class RandomGraphs {
    private RandomGraphs() {
    }

    static GraphBatch random(int n, int scored, int edges, int nodeDim, int edgeDim, long seed) {
        return GnnBenchmark.randomGraph(n, scored, edges, nodeDim, edgeDim, new SplittableRandom(seed));
    }
}
