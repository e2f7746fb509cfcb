package org.cosmicweb.gnn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One unshared edge-interaction MLP φ(x_i, x_j, e_ij) and its aggregation, in PyG's terms a layer
 * whose message is the MLP. The first linear layer is fused with the gather:
 * z1_e = x_i W_a + x_j W_b + e_ij W_c + b, with x W_a and x W_b computed once per node and
 * gathered per edge, which divides that layer's cost by the mean degree. The rest is
 * {@link MlpTail}: LayerNorm → SiLU → Linear → LayerNorm → SiLU → Linear(h, messageWidth(latent)), run per
 * edge by {@link EdgeMlp} in fused tiles. Only edges into scored nodes are evaluated.
 */
final class EdgeHead {
    final int nodeDim;
    final int edgeDim;
    final int hidden;
    final int latent;
    final Aggregation aggregation;
    final Param wa;
    final Param wb;
    final Param wc;
    final Param b1;
    final MlpTail tail;
    private final EdgeMlp mlp;
    private final Aggregation.Saved aggregated = new Aggregation.Saved();
    private final Buffer paBuf = new Buffer();
    private final Buffer pbBuf = new Buffer();
    private final Buffer dpaBuf = new Buffer();
    private final Buffer dpbBuf = new Buffer();
    private final Buffer dxBuf = new Buffer();
    private final Buffer dxaBuf = new Buffer();
    private final Buffer partsA = new Buffer();
    private final Buffer partsB = new Buffer();

    /** What the backward pass needs of one forward pass: the node projections and the aggregation. */
    static final class Cache {
        final int nRecv;
        final int edges;
        final float[] pa;
        final float[] pb;
        final Aggregation.Saved aggregated;
        final float[] out;

        Cache(int nRecv, int edges, float[] pa, float[] pb, Aggregation.Saved aggregated, float[] out) {
            this.nRecv = nRecv;
            this.edges = edges;
            this.pa = pa;
            this.pb = pb;
            this.aggregated = aggregated;
            this.out = out;
        }
    }

    EdgeHead(String name, int nodeDim, int edgeDim, int hidden, int latent, Aggregation aggregation,
             SplittableRandom rng) {
        this.nodeDim = nodeDim;
        this.edgeDim = edgeDim;
        this.hidden = hidden;
        this.latent = latent;
        this.aggregation = aggregation;
        wa = new Param(name + ".lin1.w_receiver", nodeDim * hidden, true);
        wb = new Param(name + ".lin1.w_sender", nodeDim * hidden, true);
        wc = new Param(name + ".lin1.w_edge", edgeDim * hidden, true);
        b1 = new Param(name + ".lin1.b", hidden, false);
        double bound = 1.0 / Math.sqrt(2 * nodeDim + edgeDim);
        for (Param p : new Param[] {wa, wb, wc}) {
            for (int i = 0; i < p.value.length; i++) {
                p.value[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        tail = new MlpTail(name, hidden, aggregation.messageWidth(latent), 1.0, rng);
        mlp = new EdgeMlp(this);
    }

    void params(List<Param> into) {
        into.add(wa);
        into.add(wb);
        into.add(wc);
        into.add(b1);
        tail.params(into);
    }

    int outWidth() {
        return aggregation.outWidth(latent);
    }

    /** Messages into the first {@code nRecv} nodes of g, from node features x [N, nodeDim]. */
    Cache forward(GraphBatch g, float[] x, int nRecv) {
        int n = g.numNodes;
        int es = g.offsets[nRecv];
        int h = hidden;
        float[] pa = paBuf.get(nRecv * h);
        Gemm.forward(x, nRecv, nodeDim, wa.value, h, null, pa);
        float[] pb = pbBuf.get(n * h);
        Gemm.forward(x, n, nodeDim, wb.value, h, null, pb);
        float[] msg = mlp.forward(g, pa, pb, es);
        float[] out = aggregation.forward(msg, latent, g.offsets, nRecv, g.edgeDirections, aggregated);
        return new Cache(nRecv, es, pa, pb, aggregated, out);
    }

    /**
     * Accumulates every parameter gradient from ∂loss/∂out [nRecv, outWidth]; returns ∂loss/∂x
     * [N, nodeDim] (a reused buffer, valid until this head's next backward) when {@code needInput},
     * else null.
     */
    float[] backward(GraphBatch g, float[] x, Cache c, float[] dout, boolean needInput) {
        int h = hidden;
        float[] dmsg = aggregation.backward(dout, latent, g.offsets, c.nRecv, g.edgeDirections, c.aggregated);
        float[] dz1 = mlp.backward(g, c.pa, c.pb, dmsg, c.edges);
        float[] dpa = dpaBuf.zeros(c.nRecv * h);
        Parallel.forChunks(c.nRecv, Parallel.NODE_GRAIN, (k, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
                    VectorMath.addRow(dpa, i * h, dz1, e * h, h);
                }
            }
        });
        int[] order = g.senderOrder();
        int[] soff = g.senderOffsets();
        float[] dpb = dpbBuf.zeros(g.numNodes * h);
        Parallel.forChunks(g.numNodes, Parallel.NODE_GRAIN, (k, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int t = soff[i]; t < soff[i + 1]; t++) {
                    int e = order[t];
                    if (e < c.edges) {
                        VectorMath.addRow(dpb, i * h, dz1, e * h, h);
                    }
                }
            }
        });
        Gemm.backwardWeights(x, dpa, c.nRecv, nodeDim, h, wa.grad, null, partsA);
        Gemm.backwardWeights(x, dpb, g.numNodes, nodeDim, h, wb.grad, null, partsB);
        if (!needInput) {
            return null;
        }
        float[] dx = dxBuf.get(g.numNodes * nodeDim);
        Gemm.backwardInput(dpb, g.numNodes, h, Gemm.transpose(wb.value, nodeDim, h), nodeDim, dx);
        float[] dxa = dxaBuf.get(c.nRecv * nodeDim);
        Gemm.backwardInput(dpa, c.nRecv, h, Gemm.transpose(wa.value, nodeDim, h), nodeDim, dxa);
        VectorMath.addRow(dx, 0, dxa, 0, c.nRecv * nodeDim);
        return dx;
    }
}
