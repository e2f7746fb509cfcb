package org.cosmicweb.gnn;

/**
 * How messages into a node are combined, over its contiguous CSR range of incoming edges:
 * sum, mean (sum / in-degree), max (per channel), or all three concatenated [sum | mean | max].
 * A node without incoming edges aggregates to zeros.
 */
public enum Aggregation {
    SUM, MEAN, MAX, MULTI;

    public int factor() {
        return this == MULTI ? 3 : 1;
    }

    /**
     * @param msg    [E, l] messages of the edges into nodes 0..n-1 (edge ids 0..offsets[n])
     * @param argmax [n, l] filled with the winning edge of each max channel (or -1), when max is used
     * @return [n, l · factor]
     */
    float[] forward(float[] msg, int l, int[] offsets, int n, int[] argmax) {
        int w = l * factor();
        float[] out = new float[n * w];
        Parallel.forChunks(n, 1024, (c, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int e0 = offsets[i];
                int e1 = offsets[i + 1];
                int o = i * w;
                if (e1 == e0) {
                    if (argmax != null) {
                        java.util.Arrays.fill(argmax, i * l, (i + 1) * l, -1);
                    }
                    continue;
                }
                if (this != MAX) {
                    for (int e = e0; e < e1; e++) {
                        for (int j = 0; j < l; j++) {
                            out[o + j] += msg[e * l + j];
                        }
                    }
                    if (this == MEAN || this == MULTI) {
                        float inv = 1f / (e1 - e0);
                        int mo = this == MEAN ? o : o + l;
                        for (int j = 0; j < l; j++) {
                            out[mo + j] = out[o + j] * inv;
                        }
                    }
                }
                if (this == MAX || this == MULTI) {
                    int xo = this == MAX ? o : o + 2 * l;
                    for (int j = 0; j < l; j++) {
                        float best = msg[e0 * l + j];
                        int arg = e0;
                        for (int e = e0 + 1; e < e1; e++) {
                            float v = msg[e * l + j];
                            if (v > best) {
                                best = v;
                                arg = e;
                            }
                        }
                        out[xo + j] = best;
                        argmax[i * l + j] = arg;
                    }
                }
            }
        });
        return out;
    }

    boolean usesMax() {
        return this == MAX || this == MULTI;
    }

    /** ∂loss/∂msg [E, l] from ∂loss/∂out [n, l · factor]. */
    float[] backward(float[] dout, int l, int[] offsets, int n, int[] argmax) {
        int w = l * factor();
        float[] dmsg = new float[offsets[n] * l];
        Parallel.forChunks(n, 1024, (c, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int e0 = offsets[i];
                int e1 = offsets[i + 1];
                if (e1 == e0) {
                    continue;
                }
                int o = i * w;
                float inv = 1f / (e1 - e0);
                for (int e = e0; e < e1; e++) {
                    for (int j = 0; j < l; j++) {
                        float g = switch (this) {
                            case SUM -> dout[o + j];
                            case MEAN -> dout[o + j] * inv;
                            case MAX -> 0f;
                            case MULTI -> dout[o + j] + dout[o + l + j] * inv;
                        };
                        dmsg[e * l + j] = g;
                    }
                }
                if (usesMax()) {
                    int xo = this == MAX ? o : o + 2 * l;
                    for (int j = 0; j < l; j++) {
                        dmsg[argmax[i * l + j] * l + j] += dout[xo + j];
                    }
                }
            }
        });
        return dmsg;
    }
}
