package org.cosmicweb.gnn;

import java.util.SplittableRandom;

/** Random graph batches for tests: receivers and senders uniform, Gaussian features and targets. */
final class RandomGraphs {
    private RandomGraphs() {
    }

    static GraphBatch random(int n, int scored, int edges, int nodeDim, int edgeDim, long seed) {
        return GnnBenchmark.randomGraph(n, scored, edges, nodeDim, edgeDim, new SplittableRandom(seed));
    }

    /**
     * The model with every weight that starts at exactly 0 (the head's inputs from the anisotropy
     * channels) drawn uniform in ±0.3, as training would leave it: a gradient check at the initial
     * point would otherwise see no gradient flow back through those channels.
     */
    static GnnModel unzeroed(GnnModel m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Param p : m.params()) {
            if (!p.name.endsWith(".w")) {
                continue;
            }
            for (int i = 0; i < p.value.length; i++) {
                if (p.value[i] == 0f) {
                    p.value[i] = (float) (0.6 * rng.nextDouble() - 0.3);
                }
            }
        }
        return m;
    }
}
