package org.cosmicweb.gnn;

/**
 * How messages into a node are combined, over its contiguous CSR range of incoming edges:
 * sum, mean (sum / in-degree), max (per channel), all three concatenated [sum | mean | max]
 * (MULTI), or those three and the anisotropy of the messages (MULTI_ANISOTROPY):
 * <pre>
 *   T_c = Σ_e m_ec d̂_e d̂_eᵀ          (3×3, d̂_e the unit vector from sender to receiver)
 *   A_c = √(‖T_c − tr(T_c) I/3‖²_F + ε)
 * </pre>
 * the norm of the traceless part of the message-weighted second-moment tensor of the edge
 * directions. It is invariant under rotations, reflections and translations, zero (√ε) for an
 * isotropic neighbourhood, and large when the weighted neighbours line up along a filament or a
 * sheet: a tidal tensor T ∝ Σ m (3 d̂d̂ᵀ − I) / r³ is of this form. It needs the batch's edge
 * directions. ∂A_c/∂m_ec = d̂_eᵀ T̃_c d̂_e / A_c. A node without incoming edges aggregates to zeros
 * (and √ε in the anisotropy channel).
 *
 * <p>MULTI_ATTENTION adds to sum, mean and max an attention-weighted mean of every channel, weighted by
 * a softmax over the node's edges of its partner channel p(c) = (c + l/2) mod l (l even):
 * <pre>
 *   W_c = Σ_e α_ec m_ec,   α_ec = exp(m_e,p(c)) / Σ_e' exp(m_e',p(c))
 * </pre>
 * so a message can carry a value and, in another channel, how much it should count: a kernel-weighted
 * mean (Σ w m / Σ w, with log w learned from the pair) that sum, mean and max can only approximate.
 * ∂W_c/∂m_ec = α_ec; ∂W_c/∂m_e,p(c) = α_ec (m_ec − W_c).
 *
 * <p>MULTI_SHEAR is MULTI_ANISOTROPY with channels of its own: each message has l channels for sum,
 * mean and max and k = max(1, l/4) further channels that only the anisotropy reads, so the output is
 * [sum | mean | max] of the first l and A of the last k ([n, 3l + k]). The anisotropy's gradients then
 * never reach the channels the other three aggregate.
 */
public enum Aggregation {
    SUM, MEAN, MAX, MULTI, MULTI_ANISOTROPY, MULTI_ATTENTION, MULTI_SHEAR;

    static final float ANISOTROPY_EPS = 1e-6f;

    /** How many outputs per aggregated channel (MULTI_SHEAR's own anisotropy channels come on top: {@link #outWidth}). */
    public int factor() {
        return switch (this) {
            case MULTI, MULTI_SHEAR -> 3;
            case MULTI_ANISOTROPY, MULTI_ATTENTION -> 4;
            default -> 1;
        };
    }

    /** MULTI_SHEAR's anisotropy-only channels for a message of l channels aggregated by sum, mean and max. */
    public static int shearChannels(int l) {
        return Math.max(1, l / 4);
    }

    /** Channels per message for l aggregated channels: l, or l plus MULTI_SHEAR's anisotropy channels. */
    public int messageWidth(int l) {
        return l + ownAnisotropyChannels(l);
    }

    /** Width of one node's aggregated output for l aggregated channels. */
    public int outWidth(int l) {
        return l * factor() + ownAnisotropyChannels(l);
    }

    /** The message channels that only the anisotropy reads: MULTI_SHEAR's k, else 0. */
    private int ownAnisotropyChannels(int l) {
        return this == MULTI_SHEAR ? shearChannels(l) : 0;
    }

    /** The name on the command line: lower case, '-' for '_' (multi-shear). */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** How many anisotropy outputs follow [sum | mean | max] (at column 3l): l, MULTI_SHEAR's k, or 0. */
    public int anisotropyChannels(int l) {
        return switch (this) {
            case MULTI_ANISOTROPY -> l;
            case MULTI_SHEAR -> shearChannels(l);
            default -> 0;
        };
    }

    /** The first message channel the anisotropy reads: 0, or l for MULTI_SHEAR's own channels. */
    public int anisotropyFrom(int l) {
        return this == MULTI_SHEAR ? l : 0;
    }

    boolean usesMax() {
        return this == MAX || multi();
    }

    public boolean usesDirections() {
        return this == MULTI_ANISOTROPY || this == MULTI_SHEAR;
    }

    private boolean multi() {
        return this == MULTI || this == MULTI_ANISOTROPY || this == MULTI_ATTENTION || this == MULTI_SHEAR;
    }

    /** The channel whose softmax over the edges weighs channel {@code c} in MULTI_ATTENTION. */
    static int partner(int c, int l) {
        return (c + l / 2) % l;
    }

    /**
     * What the backward pass needs of one aggregation, and the reused buffers of its outputs (one
     * instance per layer: valid until that layer's next forward or backward).
     */
    static final class Saved {
        /** [n, l] the winning edge of each max channel, or -1. */
        int[] argmax;
        /** [n, k, 6] traceless tensor (xx, yy, zz, xy, xz, yz) of each of the k anisotropy channels. */
        float[] traceless;
        /** [n, k] anisotropy outputs A. */
        float[] norm;
        /** [n, l] the attention's largest logit per node and channel (subtracted before exp). */
        float[] logitMax;
        /** [n, l] the attention's softmax normaliser Σ_e exp(m_e,p − logitMax). */
        float[] softmaxSum;
        /** The forward pass's messages and outputs (the attention's backward reads them). */
        float[] msg;
        float[] outValues;
        private final Buffer logitMaxBuf = new Buffer();
        private final Buffer softmaxSumBuf = new Buffer();
        private final Buffer out = new Buffer();
        private final Buffer tracelessBuf = new Buffer();
        private final Buffer normBuf = new Buffer();
        private final Buffer dmsg = new Buffer();
        private int[] argmaxBuf = new int[0];

        int[] argmax(int n) {
            if (argmaxBuf.length < n) {
                argmaxBuf = new int[Math.max(n, argmaxBuf.length + (argmaxBuf.length >> 1))];
            }
            return argmaxBuf;
        }
    }

    /**
     * @param msg   [E, messageWidth(l)] messages of the edges into nodes 0..n-1 (edge ids 0..offsets[n])
     * @param dirs  [E, 3] unit edge directions (needed by MULTI_ANISOTROPY and MULTI_SHEAR only, else may be null)
     * @param saved filled with what the backward pass needs
     * @return [n, outWidth(l)]
     */
    float[] forward(float[] msg, int l, int[] offsets, int n, float[] dirs, Saved saved) {
        if (usesDirections() && (dirs == null || dirs.length < 3L * offsets[n])) {
            throw new IllegalArgumentException("the anisotropy aggregation needs the batch's edge directions");
        }
        if (this == MULTI_ATTENTION && l % 2 != 0) {
            throw new IllegalArgumentException("the attention aggregation pairs channels: the message width must be even, got " + l);
        }
        int w = outWidth(l);
        int k = anisotropyChannels(l);
        float[] out = saved.out.zeros(n * w);
        int[] argmax = usesMax() ? saved.argmax(n * l) : null;
        float[] traceless = usesDirections() ? saved.tracelessBuf.get(n * k * 6) : null;
        boolean attention = this == MULTI_ATTENTION;
        float[] norm = usesDirections() ? saved.normBuf.get(n * k) : null;
        float[] logitMax = attention ? saved.logitMaxBuf.get(n * l) : null;
        float[] softmaxSum = attention ? saved.softmaxSumBuf.get(n * l) : null;
        Parallel.forChunks(n, Parallel.NODE_GRAIN, (c, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                forwardNode(msg, l, offsets, i, w, dirs, out, argmax, traceless, norm);
                if (attention) {
                    attentionNode(msg, l, offsets, i, w, out, softmaxSum, logitMax);
                }
            }
        });
        saved.argmax = argmax;
        saved.traceless = traceless;
        saved.norm = norm;
        saved.logitMax = logitMax;
        saved.softmaxSum = softmaxSum;
        saved.msg = msg;
        saved.outValues = out;
        return out;
    }

    /** The attention-weighted means W_c of node i into out[i, 3l..4l), with each channel's max logit and normaliser. */
    private static void attentionNode(float[] msg, int l, int[] offsets, int i, int w, float[] out, float[] sum,
                                      float[] logitMax) {
        int e0 = offsets[i];
        int e1 = offsets[i + 1];
        for (int c = 0; c < l; c++) {
            if (e1 == e0) {
                logitMax[i * l + c] = 0;
                sum[i * l + c] = 0;
                continue;
            }
            int p = partner(c, l);
            float mx = Float.NEGATIVE_INFINITY;
            for (int e = e0; e < e1; e++) {
                mx = Math.max(mx, msg[e * l + p]);
            }
            float z = 0;
            float acc = 0;
            for (int e = e0; e < e1; e++) {
                float a = (float) Math.exp(msg[e * l + p] - mx);
                z += a;
                acc += a * msg[e * l + c];
            }
            logitMax[i * l + c] = mx;
            sum[i * l + c] = z;
            out[i * w + 3 * l + c] = acc / z;
        }
    }

    private void forwardNode(float[] msg, int l, int[] offsets, int i, int w, float[] dirs, float[] out, int[] argmax,
                             float[] traceless, float[] norm) {
        int e0 = offsets[i];
        int e1 = offsets[i + 1];
        int o = i * w;
        int s = messageWidth(l);
        int k = anisotropyChannels(l);
        if (e1 == e0) {
            if (argmax != null) {
                java.util.Arrays.fill(argmax, i * l, (i + 1) * l, -1);
            }
            if (norm != null) {
                float a = (float) Math.sqrt(ANISOTROPY_EPS);
                for (int j = 0; j < k; j++) {
                    norm[i * k + j] = a;
                    out[o + 3 * l + j] = a;
                }
            }
            return;
        }
        if (this != MAX) {
            for (int e = e0; e < e1; e++) {
                VectorMath.addRow(out, o, msg, e * s, l);
            }
            if (this == MEAN || multi()) {
                float inv = 1f / (e1 - e0);
                int mo = this == MEAN ? o : o + l;
                for (int j = 0; j < l; j++) {
                    out[mo + j] = out[o + j] * inv;
                }
            }
        }
        if (usesMax()) {
            int xo = this == MAX ? o : o + 2 * l;
            for (int j = 0; j < l; j++) {
                float best = msg[e0 * s + j];
                int arg = e0;
                for (int e = e0 + 1; e < e1; e++) {
                    float v = msg[e * s + j];
                    if (v > best) {
                        best = v;
                        arg = e;
                    }
                }
                out[xo + j] = best;
                argmax[i * l + j] = arg;
            }
        }
        if (usesDirections()) {
            int a0 = anisotropyFrom(l);
            for (int j = 0; j < k; j++) {
                float xx = 0;
                float yy = 0;
                float zz = 0;
                float xy = 0;
                float xz = 0;
                float yz = 0;
                for (int e = e0; e < e1; e++) {
                    float m = msg[e * s + a0 + j];
                    float dx = dirs[3 * e];
                    float dy = dirs[3 * e + 1];
                    float dz = dirs[3 * e + 2];
                    xx += m * dx * dx;
                    yy += m * dy * dy;
                    zz += m * dz * dz;
                    xy += m * dx * dy;
                    xz += m * dx * dz;
                    yz += m * dy * dz;
                }
                float third = (xx + yy + zz) / 3f;
                xx -= third;
                yy -= third;
                zz -= third;
                float q = xx * xx + yy * yy + zz * zz + 2f * (xy * xy + xz * xz + yz * yz);
                float a = (float) Math.sqrt(q + ANISOTROPY_EPS);
                int t = (i * k + j) * 6;
                traceless[t] = xx;
                traceless[t + 1] = yy;
                traceless[t + 2] = zz;
                traceless[t + 3] = xy;
                traceless[t + 4] = xz;
                traceless[t + 5] = yz;
                norm[i * k + j] = a;
                out[o + 3 * l + j] = a;
            }
        }
    }

    /** ∂loss/∂msg [E, messageWidth(l)] from ∂loss/∂out [n, outWidth(l)] (a reused buffer of {@code saved}). */
    float[] backward(float[] dout, int l, int[] offsets, int n, float[] dirs, Saved saved) {
        int w = outWidth(l);
        int s = messageWidth(l);
        int k = anisotropyChannels(l);
        int a0 = anisotropyFrom(l);
        float[] dmsg = saved.dmsg.get(offsets[n] * s);
        int[] argmax = saved.argmax;
        Parallel.forChunks(n, Parallel.NODE_GRAIN, (c, lo, hi) -> {
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
                            case MULTI, MULTI_ANISOTROPY, MULTI_ATTENTION, MULTI_SHEAR -> dout[o + j] + dout[o + l + j] * inv;
                        };
                        dmsg[e * s + j] = g;
                    }
                    for (int j = l; j < s; j++) {
                        dmsg[e * s + j] = 0f;
                    }
                }
                if (usesMax()) {
                    int xo = this == MAX ? o : o + 2 * l;
                    for (int j = 0; j < l; j++) {
                        dmsg[argmax[i * l + j] * s + j] += dout[xo + j];
                    }
                }
                if (this == MULTI_ATTENTION) {
                    for (int ch = 0; ch < l; ch++) {
                        float g = dout[o + 3 * l + ch];
                        int p = partner(ch, l);
                        float mx = saved.logitMax[i * l + ch];
                        float z = saved.softmaxSum[i * l + ch];
                        float wc = saved.outValues[o + 3 * l + ch];
                        for (int e = e0; e < e1; e++) {
                            float a = (float) Math.exp(saved.msg[e * l + p] - mx) / z;
                            dmsg[e * l + ch] += a * g;
                            dmsg[e * l + p] += a * (saved.msg[e * l + ch] - wc) * g;
                        }
                    }
                }
                if (usesDirections()) {
                    for (int j = 0; j < k; j++) {
                        float g = dout[o + 3 * l + j] / saved.norm[i * k + j];
                        int t = (i * k + j) * 6;
                        float[] tl = saved.traceless;
                        for (int e = e0; e < e1; e++) {
                            float dx = dirs[3 * e];
                            float dy = dirs[3 * e + 1];
                            float dz = dirs[3 * e + 2];
                            float quad = tl[t] * dx * dx + tl[t + 1] * dy * dy + tl[t + 2] * dz * dz
                                    + 2f * (tl[t + 3] * dx * dy + tl[t + 4] * dx * dz + tl[t + 5] * dy * dz);
                            dmsg[e * s + a0 + j] += g * quad;
                        }
                    }
                }
            }
        });
        return dmsg;
    }
}
