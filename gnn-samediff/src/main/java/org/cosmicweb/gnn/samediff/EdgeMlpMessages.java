package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.ModelConfig;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * The message function of gnn-core's {@code GnnModel}, written in SameDiff: per head u (unshared),
 * <pre>
 *   z1_e = h_i W_a + h_j W_b + e_ij W_c + b          (edge e = j → i; names edge{u}.lin1.w_receiver/w_sender/w_edge/b)
 *   m_e  = Linear(LN → SiLU → Linear(h, h) → LN → SiLU)(z1_e)   [latent (+ k)]   (edge{u}.ln1, .lin2, .ln2, .lin3)
 *   env_i = AGG_{e → i} m_e                          SUM, MEAN, MAX, [sum|mean|max], [sum|mean|max|anisotropy],
 *                                                    or [sum|mean|max of the first latent | anisotropy of the last k]
 * </pre>
 * and the heads' outputs concatenated in head order: [nRecv, heads · Aggregation.outWidth(latent)]. The
 * parameter names, shapes and order are those of gnn-core, so a {@code GnnModel}'s parameters load
 * by name.
 */
public final class EdgeMlpMessages implements MessageFunction {
    private final int heads;
    private final int hidden;
    private final int latent;
    private final Aggregation aggregation;

    public EdgeMlpMessages(int heads, int hidden, int latent, Aggregation aggregation) {
        if (heads < 1 || hidden < 1 || latent < 1 || aggregation == null) {
            throw new IllegalArgumentException("the edge-MLP messages need heads, hidden and latent >= 1 and an"
                    + " aggregation, got " + heads + ", " + hidden + ", " + latent + ", " + aggregation);
        }
        this.heads = heads;
        this.hidden = hidden;
        this.latent = latent;
        this.aggregation = aggregation;
    }

    /** The message function of a gnn-core model of this configuration. */
    public static EdgeMlpMessages of(ModelConfig cfg) {
        return new EdgeMlpMessages(cfg.heads(), cfg.hidden(), cfg.latent(), cfg.aggregation());
    }

    @Override
    public int outputWidth(int nodeWidth) {
        return heads * aggregation.outWidth(latent);
    }

    @Override
    public boolean usesDirections() {
        return aggregation.usesDirections();
    }

    @Override
    public SDVariable round(RoundInputs in) {
        Layers ly = in.layers();
        int w = in.nodeWidth();
        List<SDVariable> outs = new ArrayList<>();
        for (int u = 0; u < heads; u++) {
            String name = in.prefix() + "edge" + u;
            double bound = 1.0 / Math.sqrt(2.0 * w + in.edgeDim());
            SDVariable wa = ly.weight(name + ".lin1.w_receiver", w, hidden, bound, true);
            SDVariable wb = ly.weight(name + ".lin1.w_sender", w, hidden, bound, true);
            SDVariable wc = ly.weight(name + ".lin1.w_edge", in.edgeDim(), hidden, bound, true);
            SDVariable b1 = ly.zeros(name + ".lin1.b", hidden);
            SDVariable z1 = project(in, wa, true).add(project(in, wb, false));
            if (wc != null) {
                z1 = z1.add(in.edgeFeatures().mmul(wc));
            }
            z1 = z1.add(b1);
            SDVariable m = ly.tail(name, z1, hidden, aggregation.messageWidth(latent), 1.0);
            outs.add(aggregate(in, m));
        }
        return outs.size() == 1 ? outs.get(0) : in.sd().concat(1, outs.toArray(new SDVariable[0]));
    }

    /**
     * h W gathered at each edge's receiver (or sender): gather then project when the node inputs are
     * narrower than the hidden width (round 1: the gather's gradient, a segment sum, is then as
     * narrow, or not needed at all for the features), else project once per node then gather.
     */
    private SDVariable project(RoundInputs in, SDVariable w, boolean receiver) {
        if (in.nodeWidth() < hidden) {
            return (receiver ? in.atReceivers(in.nodes()) : in.atSenders(in.nodes())).mmul(w);
        }
        SDVariable perNode = in.nodes().mmul(w);
        return receiver ? in.atReceivers(perNode) : in.atSenders(perNode);
    }

    private SDVariable aggregate(RoundInputs in, SDVariable m) {
        return switch (aggregation) {
            case SUM -> in.sum(m);
            case MEAN -> in.mean(m);
            case MAX -> in.max(m);
            case MULTI -> {
                SDVariable s = in.sum(m);
                yield in.sd().concat(1, s, in.meanOfSum(s), in.max(m));
            }
            case MULTI_ANISOTROPY -> {
                SDVariable s = in.sum(m);
                yield in.sd().concat(1, s, in.meanOfSum(s), in.max(m), in.anisotropy(m));
            }
            case MULTI_ATTENTION -> {
                SDVariable s = in.sum(m);
                yield in.sd().concat(1, s, in.meanOfSum(s), in.max(m), in.attention(m, latent));
            }
            case MULTI_SHEAR -> {
                SDVariable v = m.get(SDIndex.all(), SDIndex.interval(0, latent));
                SDVariable a = m.get(SDIndex.all(), SDIndex.interval(latent, aggregation.messageWidth(latent)));
                SDVariable s = in.sum(v);
                yield in.sd().concat(1, s, in.meanOfSum(s), in.max(v), in.anisotropy(a));
            }
        };
    }
}
