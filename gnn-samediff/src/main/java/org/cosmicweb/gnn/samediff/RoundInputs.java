package org.cosmicweb.gnn.samediff;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * What one message-passing round sees, and the index work every round needs (gathers at the
 * edges' ends and reductions over each receiver's incoming edges). Shapes: N nodes of the batch,
 * E edges evaluated (those into the first nRecv nodes: the scored nodes for one round, every node
 * for stacked rounds), l channels.
 *
 * <p>Every batch is fed with two phantom edges appended (ND4J's gather fails on an empty index
 * list, its segment maximum misplaces the rows of a one-row input, and a batch whose scored nodes
 * have no edges is legal): from a phantom node, an all-zero row N of the node features, to a
 * phantom receiver, segment nRecv. So a round sees N + 1 node rows and E + 2 edges and returns
 * nRecv + 1 rows, of which the model reads only the first nRecv (in
 * stacked rounds the phantom row of z feeds only the phantom edge again). Any message function
 * that is local to receivers (row i of its output depends only on the edges into i and their
 * ends), as message passing is, is unaffected; one that mixes rows across the batch (a batch norm
 * over edges, say) would see the phantom.
 *
 * <p>Reductions over the edges j → i of each receiver i, for messages m [E, l]:
 * <pre>
 *   sum:        Σ_j m_j                                 0 for a node without incoming edges
 *   mean:       Σ_j m_j / deg(i)                        0 without edges
 *   max:        max_j m_j (per channel)                 0 without edges
 *   anisotropy: A_c = √(‖T_c − tr(T_c) I/3‖²_F + ε),  T_c = Σ_j m_jc d̂_j d̂_jᵀ,  ε = 1e-6  (√ε without edges)
 *   softmax:    α_j = exp(s_j − max s) / Σ_k exp(s_k − max s)   over the edges into the same receiver
 * </pre>
 * The degree and the empty-node mask are computed here from the receiver ids, not taken from the
 * batch's CSR offsets.
 */
public final class RoundInputs {
    /** ε under the root of the anisotropy, as in gnn-core's Aggregation. */
    public static final double ANISOTROPY_EPS = 1e-6;
    private final GraphInputs graph;
    private final Layers layers;
    private final SDVariable nodes;
    private final int nodeWidth;
    private final int round;
    private final String prefix;

    RoundInputs(GraphInputs graph, Layers layers, SDVariable nodes, int nodeWidth, int round, String prefix) {
        this.graph = graph;
        this.layers = layers;
        this.nodes = nodes;
        this.nodeWidth = nodeWidth;
        this.round = round;
        this.prefix = prefix;
    }

    public SameDiff sd() {
        return layers.sd();
    }

    /** Where parameters are declared, and the reference layers (linear, LayerNorm + SiLU, MLP). */
    public Layers layers() {
        return layers;
    }

    /** Node inputs h [N, nodeWidth]: the node features in round 1, the node state z in later rounds. */
    public SDVariable nodes() {
        return nodes;
    }

    public int nodeWidth() {
        return nodeWidth;
    }

    /** 1 for the first round, r for the r-th stacked round. */
    public int round() {
        return round;
    }

    /** Prefix of this round's parameter names: "" in round 1, "round{r}." after, as gnn-core names them. */
    public String prefix() {
        return prefix;
    }

    /** Edge features [E, edgeDim]; null when the model has no edge features. */
    public SDVariable edgeFeatures() {
        return graph.edgeFeatures;
    }

    public int edgeDim() {
        return graph.edgeDim;
    }

    /**
     * Unit vectors from sender to receiver [E, 3]. Only present when the message function says it
     * {@link MessageFunction#usesDirections() uses directions}; else this throws.
     */
    public SDVariable directions() {
        if (graph.directions == null) {
            throw new IllegalStateException("edge directions are only fed to message functions whose usesDirections()"
                    + " is true");
        }
        return graph.directions;
    }

    /**
     * Receiver ids [E] (INT), ascending, the last edges those of the phantom receiver nRecv (the
     * maximum's sorted segment op relies on both).
     */
    public SDVariable receivers() {
        return graph.receivers;
    }

    /** Sender ids [E] (INT, in 0..N-1). */
    public SDVariable senders() {
        return graph.senders;
    }

    /** Rows of a per-node array [N or nRecv, k] at each edge's receiver: [E, k]. */
    public SDVariable atReceivers(SDVariable perNode) {
        return GatherRows.of(sd(), perNode, graph.receivers);
    }

    /** Rows of a per-node array [N, k] at each edge's sender: [E, k]. */
    public SDVariable atSenders(SDVariable perNode) {
        return GatherRows.of(sd(), perNode, graph.senders);
    }

    /** Σ over each receiver's incoming edges: [E, l] → [nRecv, l]. */
    public SDVariable sum(SDVariable messages) {
        return sd().unsortedSegmentSum(messages, graph.receivers, graph.numReceivers);
    }

    /** Mean over each receiver's incoming edges, 0 without edges: [E, l] → [nRecv, l]. */
    public SDVariable mean(SDVariable messages) {
        return meanOfSum(sum(messages));
    }

    /** The mean from a {@link #sum} already computed: sums / in-degree, 0 without edges (one segment sum saved). */
    public SDVariable meanOfSum(SDVariable sums) {
        return sums.mul(graph.inverseDegree());
    }

    /**
     * Per-receiver maximum [nRecv, l], by ND4J's sorted segment maximum: the batch's edges are sorted
     * by receiver and the phantom edges (receiver nRecv, see the class comment) come last, so the
     * output has exactly the nRecv + 1 rows of the other reductions. (The unsorted segment maximum
     * took 10 s where this takes 0.4 s, 200k edges × 16 channels.) A receiver without edges gets the
     * type's lowest value; only use it gathered back at edges.
     */
    private SDVariable segmentMax(SDVariable values) {
        return sd().segmentMax(values, graph.receivers);
    }

    /**
     * Channel-wise maximum over each receiver's incoming edges, 0 without edges: [E, l] → [nRecv, l].
     * Written as Σ_e m_e w_e with w_e = [m_e = max] / #{e' : m_e' = max} (held constant), which is
     * the maximum itself and passes its gradient to the winning edge, or in equal shares to the
     * edges that tie for it. SameDiff's own segment-max gradient gives the full gradient to every
     * tied edge, which counts a duplicated edge (same sender, receiver and features) twice.
     */
    public SDVariable max(SDVariable messages) {
        SDVariable top = segmentMax(messages);
        SDVariable fixed = new StopGradient(sd(), messages).outputVariable();
        SDVariable wins = sd().eq(fixed, new StopGradient(sd(), atReceivers(top)).outputVariable()).castTo(graph.type);
        SDVariable share = new StopGradient(sd(), wins.div(atReceivers(sum(wins)))).outputVariable();
        return sum(messages.mul(share));
    }

    /**
     * The anisotropy of each channel's message-weighted direction tensor (see the class comment):
     * [E, l] → [nRecv, l]. Needs {@link #directions()}.
     */
    public SDVariable anisotropy(SDVariable messages) {
        SDVariable d = directions();
        SDVariable[] c = new SDVariable[3];
        for (int a = 0; a < 3; a++) {
            c[a] = d.get(SDIndex.all(), SDIndex.interval(a, a + 1));
        }
        SDVariable xx = sum(messages.mul(c[0].mul(c[0])));
        SDVariable yy = sum(messages.mul(c[1].mul(c[1])));
        SDVariable zz = sum(messages.mul(c[2].mul(c[2])));
        SDVariable xy = sum(messages.mul(c[0].mul(c[1])));
        SDVariable xz = sum(messages.mul(c[0].mul(c[2])));
        SDVariable yz = sum(messages.mul(c[1].mul(c[2])));
        SDVariable third = xx.add(yy).add(zz).div(3.0);
        SDVariable txx = xx.sub(third);
        SDVariable tyy = yy.sub(third);
        SDVariable tzz = zz.sub(third);
        SDVariable diagonal = txx.mul(txx).add(tyy.mul(tyy)).add(tzz.mul(tzz));
        SDVariable offDiagonal = xy.mul(xy).add(xz.mul(xz)).add(yz.mul(yz)).mul(2.0);
        return sd().math.sqrt(diagonal.add(offDiagonal).add(ANISOTROPY_EPS));
    }

    /**
     * Each channel's mean over the receiver's incoming edges weighted by the softmax of its partner
     * channel (c + l/2) mod l, as {@code Aggregation.MULTI_ATTENTION}: [E, l] → [nRecv, l], 0 without edges.
     */
    public SDVariable attention(SDVariable messages, int l) {
        SDVariable logits = sd().concat(1, messages.get(SDIndex.all(), SDIndex.interval(l / 2, l)),
                messages.get(SDIndex.all(), SDIndex.interval(0, l / 2)));
        return sum(softmax(logits).mul(messages));
    }

    /**
     * Softmax of scores [E, k] over the incoming edges of each receiver, per column: [E, k]. The
     * per-receiver maximum subtracted for stability is held constant (softmax does not depend on it).
     */
    public SDVariable softmax(SDVariable scores) {
        SDVariable top = segmentMax(scores);
        SDVariable shift = new StopGradient(sd(), atReceivers(top)).outputVariable();
        SDVariable e = sd().math.exp(scores.sub(shift));
        return e.div(atReceivers(sum(e)));
    }
}
