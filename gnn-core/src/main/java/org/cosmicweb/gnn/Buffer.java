package org.cosmicweb.gnn;

import java.util.Arrays;

/**
 * A grow-only float array reused from one training step to the next, so the engine's hot path does
 * not allocate per step. {@link #get} returns an array of at least the asked length whose contents
 * are stale: callers write every element they later read and loop on explicit sizes, never on
 * {@code .length}. A buffer belongs to one layer and one role (its output, or its input gradient),
 * and is valid until that layer's next call.
 */
final class Buffer {
    private float[] a = new float[0];

    float[] get(int n) {
        if (a.length < n) {
            a = new float[Math.max(n, a.length + (a.length >> 1))];
        }
        return a;
    }

    /** {@link #get} with the first n elements set to 0. */
    float[] zeros(int n) {
        float[] x = get(n);
        Arrays.fill(x, 0, n, 0f);
        return x;
    }
}
