package org.cosmicweb.gnn;

/**
 * The per-edge part of an {@link EdgeHead}, fused over tiles of {@value #TILE} edges:
 * <pre>
 *   z1 = e W_c + b1 + pa[receiver] + pb[sender]  →  LN → SiLU → Linear(h, h) → LN → SiLU → Linear(h, l) = m
 * </pre>
 * Forward keeps only the messages m [E, l]; backward recomputes each tile's activations in
 * per-thread scratch and backpropagates them at once, so the [E, h] activations of the unfused
 * layer-by-layer pass are never written to memory (the pass was bound by that traffic). It returns
 * ∂loss/∂z1 [E, h] for the per-node reductions. Weight gradients are summed per tile and the tiles'
 * sums added in tile order: the result does not depend on the number of threads.
 */
final class EdgeMlp {
    static final int TILE = 256;
    private final EdgeHead head;
    private final int h;
    private final int l;
    private final int ed;
    private final ThreadLocal<Scratch> scratch;

    /** One thread's tile buffers. */
    private static final class Scratch {
        final float[] z1;
        final float[] z2;
        final float[] s2;
        final float[] dmsg;
        final float[] ds;
        final float[] dz;
        final float[] gd;
        final LayerNormSilu.Cache c1;
        final LayerNormSilu.Cache c2;

        Scratch(int h, int l) {
            z1 = new float[TILE * h];
            z2 = new float[TILE * h];
            s2 = new float[TILE * h];
            dmsg = new float[TILE * l];
            ds = new float[TILE * h];
            dz = new float[TILE * h];
            gd = new float[h];
            c1 = new LayerNormSilu.Cache(TILE, h);
            c2 = new LayerNormSilu.Cache(TILE, h);
        }
    }

    EdgeMlp(EdgeHead head) {
        this.head = head;
        this.h = head.hidden;
        this.l = head.latent;
        this.ed = head.edgeDim;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(h, l));
    }

    /** Messages of edges [0, es): m [es, l]. */
    float[] forward(GraphBatch g, float[] pa, float[] pb, int es) {
        float[] msg = new float[es * l];
        MlpTail t = head.tail;
        Parallel.forChunks(es, TILE, (c, lo, hi) -> {
            Scratch s = scratch.get();
            int n = hi - lo;
            firstLayer(g, pa, pb, lo, hi, s.z1);
            for (int r = 0; r < n; r++) {
                t.norm1.forwardRow(s.z1, r * h, s.c1, r);
            }
            Gemm.forwardRows(s.c1.out, 0, n, h, t.lin2.w.value, h, t.lin2.b.value, s.z2);
            for (int r = 0; r < n; r++) {
                t.norm2.forwardRow(s.z2, r * h, s.c2, r);
            }
            float[] out = new float[n * l];
            Gemm.forwardRows(s.c2.out, 0, n, h, t.lin3.w.value, l, t.lin3.b.value, out);
            System.arraycopy(out, 0, msg, lo * l, n * l);
        });
        return msg;
    }

    /** z1 rows of edges [lo, hi) into z (tile rows 0..hi-lo). */
    private void firstLayer(GraphBatch g, float[] pa, float[] pb, int lo, int hi, float[] z) {
        Gemm.forwardRows(tileOf(g.edgeFeatures, lo, hi, ed), 0, hi - lo, ed, head.wc.value, h, head.b1.value, z);
        for (int e = lo; e < hi; e++) {
            VectorMath.addRows(z, (e - lo) * h, pa, g.receivers[e] * h, pb, g.senders[e] * h, h);
        }
    }

    private static float[] tileOf(float[] a, int lo, int hi, int w) {
        return java.util.Arrays.copyOfRange(a, lo * w, hi * w);
    }

    /**
     * Accumulates the gradients of W_c, b1 and the tail from ∂loss/∂m [es, l]; returns ∂loss/∂z1 [es, h].
     */
    float[] backward(GraphBatch g, float[] pa, float[] pb, float[] dmsg, int es) {
        MlpTail t = head.tail;
        float[] dz1 = new float[es * h];
        int tiles = Parallel.chunks(es, TILE);
        float[][] parts = new float[tiles][];
        float[] w3t = Gemm.transpose(t.lin3.w.value, h, l);
        float[] w2t = Gemm.transpose(t.lin2.w.value, h, h);
        int[] sizes = {ed * h, h, 2 * h, h * h, h, 2 * h, h * l, l};
        int total = 0;
        for (int z : sizes) {
            total += z;
        }
        int partSize = total;
        Parallel.forChunks(es, TILE, (c, lo, hi) -> {
            Scratch s = scratch.get();
            int n = hi - lo;
            float[] part = new float[partSize];
            float[] tmp = new float[Math.max(h * h, Math.max(h * l, ed * h))];
            // Recompute the tile's forward pass.
            firstLayer(g, pa, pb, lo, hi, s.z1);
            for (int r = 0; r < n; r++) {
                t.norm1.forwardRow(s.z1, r * h, s.c1, r);
            }
            Gemm.forwardRows(s.c1.out, 0, n, h, t.lin2.w.value, h, t.lin2.b.value, s.z2);
            for (int r = 0; r < n; r++) {
                t.norm2.forwardRow(s.z2, r * h, s.c2, r);
            }
            System.arraycopy(dmsg, lo * l, s.dmsg, 0, n * l);
            // Offsets of each gradient in the tile's part: W_c, b1, ln1 (γ, β), W2, b2, ln2 (γ, β), W3, b3.
            int oWc = 0;
            int oB1 = oWc + ed * h;
            int oLn1 = oB1 + h;
            int oW2 = oLn1 + 2 * h;
            int oB2 = oW2 + h * h;
            int oLn2 = oB2 + h;
            int oW3 = oLn2 + 2 * h;
            int oB3 = oW3 + h * l;
            // Linear(h, l).
            Gemm.weightRows(s.c2.out, s.dmsg, 0, n, h, l, tmp);
            System.arraycopy(tmp, 0, part, oW3, h * l);
            columnSums(s.dmsg, n, l, part, oB3);
            Gemm.forwardRows(s.dmsg, 0, n, l, w3t, h, null, s.ds);
            // LN2 + SiLU.
            float[] dg2 = new float[h];
            float[] db2 = new float[h];
            for (int r = 0; r < n; r++) {
                t.norm2.backwardRow(s.c2, s.ds, r * h, r, s.dz, dg2, db2, s.gd);
            }
            System.arraycopy(dg2, 0, part, oLn2, h);
            System.arraycopy(db2, 0, part, oLn2 + h, h);
            // Linear(h, h).
            Gemm.weightRows(s.c1.out, s.dz, 0, n, h, h, tmp);
            System.arraycopy(tmp, 0, part, oW2, h * h);
            columnSums(s.dz, n, h, part, oB2);
            Gemm.forwardRows(s.dz, 0, n, h, w2t, h, null, s.ds);
            // LN1 + SiLU, straight into the global ∂z1.
            float[] dg1 = new float[h];
            float[] db1 = new float[h];
            for (int r = 0; r < n; r++) {
                t.norm1.backwardRow(s.c1, s.ds, r * h, r, s.dz, dg1, db1, s.gd);
            }
            System.arraycopy(dg1, 0, part, oLn1, h);
            System.arraycopy(db1, 0, part, oLn1 + h, h);
            System.arraycopy(s.dz, 0, dz1, lo * h, n * h);
            // First layer: W_c and b1.
            Gemm.weightRows(tileOf(g.edgeFeatures, lo, hi, ed), s.dz, 0, n, ed, h, tmp);
            System.arraycopy(tmp, 0, part, oWc, ed * h);
            columnSums(s.dz, n, h, part, oB1);
            parts[c] = part;
        });
        float[][] grads = {head.wc.grad, head.b1.grad, t.norm1.gamma.grad, t.norm1.beta.grad, t.lin2.w.grad,
            t.lin2.b.grad, t.norm2.gamma.grad, t.norm2.beta.grad, t.lin3.w.grad, t.lin3.b.grad};
        int[] lens = {ed * h, h, h, h, h * h, h, h, h, h * l, l};
        for (float[] part : parts) {
            int o = 0;
            for (int k = 0; k < grads.length; k++) {
                float[] gr = grads[k];
                for (int i = 0; i < lens[k]; i++) {
                    gr[i] += part[o + i];
                }
                o += lens[k];
            }
        }
        return dz1;
    }

    private static void columnSums(float[] a, int n, int w, float[] into, int o) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                into[o + j] += a[r * w + j];
            }
        }
    }
}
