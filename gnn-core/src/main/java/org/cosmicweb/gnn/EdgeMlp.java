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
 * sums added in tile order: the result does not depend on the number of threads. Every array is a
 * reused {@link Buffer}: a step allocates nothing that grows with the graph.
 */
final class EdgeMlp {
    static final int TILE = 256;
    private final EdgeHead head;
    private final int h;
    private final int l;
    private final int ed;
    private final ThreadLocal<Scratch> scratch;
    private final Buffer msg = new Buffer();
    private final Buffer dz1 = new Buffer();
    private final Buffer parts = new Buffer();
    /** Offsets in a tile's gradient part: W_c, b1, ln1 (γ, β), W2, b2, ln2 (γ, β), W3, b3. */
    private final int oWc;
    private final int oB1;
    private final int oLn1;
    private final int oW2;
    private final int oB2;
    private final int oLn2;
    private final int oW3;
    private final int oB3;
    private final int partSize;

    /** One thread's tile buffers. */
    private static final class Scratch {
        final float[] z1;
        final float[] z2;
        final float[] dmsg;
        final float[] ds;
        final float[] dz;
        final float[] gd;
        final LayerNormSilu.Cache c1;
        final LayerNormSilu.Cache c2;

        Scratch(int h, int l) {
            z1 = new float[TILE * h];
            z2 = new float[TILE * h];
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
        this.l = head.aggregation.messageWidth(head.latent);
        this.ed = head.edgeDim;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(h, l));
        oWc = 0;
        oB1 = oWc + ed * h;
        oLn1 = oB1 + h;
        oW2 = oLn1 + 2 * h;
        oB2 = oW2 + h * h;
        oLn2 = oB2 + h;
        oW3 = oLn2 + 2 * h;
        oB3 = oW3 + h * l;
        partSize = oB3 + l;
    }

    /** Messages of edges [0, es): m [es, l] (a reused buffer, valid until the next forward). */
    float[] forward(GraphBatch g, float[] pa, float[] pb, int es) {
        float[] m = msg.get(es * l);
        MlpTail t = head.tail;
        Parallel.forChunks(es, TILE, (c, lo, hi) -> {
            Scratch s = scratch.get();
            tileForward(g, pa, pb, lo, hi, s);
            Gemm.forwardRows(s.c2.out, 0, hi - lo, h, t.lin3.w.value, l, t.lin3.b.value, s.dmsg);
            System.arraycopy(s.dmsg, 0, m, lo * l, (hi - lo) * l);
        });
        return m;
    }

    /** The tile's activations up to the second LN + SiLU (into s.c1 and s.c2). */
    private void tileForward(GraphBatch g, float[] pa, float[] pb, int lo, int hi, Scratch s) {
        MlpTail t = head.tail;
        int n = hi - lo;
        firstLayer(g, pa, pb, lo, hi, s.z1);
        for (int r = 0; r < n; r++) {
            t.norm1.forwardRow(s.z1, r * h, s.c1, r);
        }
        Gemm.forwardRows(s.c1.out, 0, n, h, t.lin2.w.value, h, t.lin2.b.value, s.z2);
        for (int r = 0; r < n; r++) {
            t.norm2.forwardRow(s.z2, r * h, s.c2, r);
        }
    }

    /** z1 rows of edges [lo, hi) into z (tile rows 0..hi-lo): b1 + pa + pb, then + Σ_k e_k W_c[k]. */
    private void firstLayer(GraphBatch g, float[] pa, float[] pb, int lo, int hi, float[] z) {
        float[] wc = head.wc.value;
        float[] b1 = head.b1.value;
        for (int e = lo; e < hi; e++) {
            int zo = (e - lo) * h;
            System.arraycopy(b1, 0, z, zo, h);
            VectorMath.addRows(z, zo, pa, g.receivers[e] * h, pb, g.senders[e] * h, h);
            for (int k = 0; k < ed; k++) {
                VectorMath.axpy(z, zo, g.edgeFeatures[e * ed + k], wc, k * h, h);
            }
        }
    }

    /**
     * Accumulates the gradients of W_c, b1 and the tail from ∂loss/∂m [es, l]; returns ∂loss/∂z1
     * [es, h] (a reused buffer, valid until the next backward).
     */
    float[] backward(GraphBatch g, float[] pa, float[] pb, float[] dmsg, int es) {
        MlpTail t = head.tail;
        float[] dz1Out = dz1.get(es * h);
        int tiles = Parallel.chunks(es, TILE);
        float[] part = parts.get(tiles * partSize);
        float[] w3t = Gemm.transpose(t.lin3.w.value, h, l);
        float[] w2t = Gemm.transpose(t.lin2.w.value, h, h);
        Parallel.forChunks(es, TILE, (c, lo, hi) -> {
            Scratch s = scratch.get();
            int n = hi - lo;
            int o = c * partSize;
            java.util.Arrays.fill(part, o, o + partSize, 0f);
            tileForward(g, pa, pb, lo, hi, s);
            System.arraycopy(dmsg, lo * l, s.dmsg, 0, n * l);
            // Linear(h, l).
            Gemm.weightRows(s.c2.out, s.dmsg, 0, n, h, l, part, o + oW3);
            columnSums(s.dmsg, n, l, part, o + oB3);
            Gemm.forwardRows(s.dmsg, 0, n, l, w3t, h, null, s.ds);
            // LN2 + SiLU (γ, β gradients straight into the part).
            for (int r = 0; r < n; r++) {
                t.norm2.backwardRow(s.c2, s.ds, r * h, r, s.dz, part, o + oLn2, part, o + oLn2 + h, s.gd);
            }
            // Linear(h, h).
            Gemm.weightRows(s.c1.out, s.dz, 0, n, h, h, part, o + oW2);
            columnSums(s.dz, n, h, part, o + oB2);
            Gemm.forwardRows(s.dz, 0, n, h, w2t, h, null, s.ds);
            // LN1 + SiLU, straight into the global ∂z1.
            for (int r = 0; r < n; r++) {
                t.norm1.backwardRow(s.c1, s.ds, r * h, r, s.dz, part, o + oLn1, part, o + oLn1 + h, s.gd);
            }
            System.arraycopy(s.dz, 0, dz1Out, lo * h, n * h);
            // First layer: W_c (rows of the edge features) and b1.
            for (int r = 0; r < n; r++) {
                int e = lo + r;
                for (int k = 0; k < ed; k++) {
                    VectorMath.axpy(part, o + oWc + k * h, g.edgeFeatures[e * ed + k], s.dz, r * h, h);
                }
            }
            columnSums(s.dz, n, h, part, o + oB1);
        });
        float[][] grads = {head.wc.grad, head.b1.grad, t.norm1.gamma.grad, t.norm1.beta.grad, t.lin2.w.grad,
            t.lin2.b.grad, t.norm2.gamma.grad, t.norm2.beta.grad, t.lin3.w.grad, t.lin3.b.grad};
        int[] lens = {ed * h, h, h, h, h * h, h, h, h, h * l, l};
        for (int c = 0; c < tiles; c++) {
            int o = c * partSize;
            for (int k = 0; k < grads.length; k++) {
                VectorMath.addRow(grads[k], 0, part, o, lens[k]);
                o += lens[k];
            }
        }
        return dz1Out;
    }

    private static void columnSums(float[] a, int n, int w, float[] into, int o) {
        for (int r = 0; r < n; r++) {
            VectorMath.addRow(into, o, a, r * w, w);
        }
    }
}
