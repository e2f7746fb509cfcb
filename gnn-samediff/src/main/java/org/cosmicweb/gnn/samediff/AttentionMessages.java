package org.cosmicweb.gnn.samediff;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * The worked example of a {@link MessageFunction}: attention-weighted sums (in the manner of GAT,
 * Veličković et al. 2018, with the edge MLP of the reference model as the scoring network). Per
 * head u, for each edge e = j → i:
 * <pre>
 *   z_e  = h_i W_a + h_j W_b + e_ij W_c + b               (att{u}.lin1.*, as the reference's first layer)
 *   a_e  = SiLU(LayerNorm(z_e))                          (att{u}.ln1)
 *   v_e  = a_e W_v + b_v                                  value [latent]   (att{u}.value)
 *   s_e  = a_e w_s + b_s                                  score [1]        (att{u}.score)
 *   α_e  = exp(s_e) / Σ_{e' → i} exp(s_e')                softmax over the edges into i
 *   env_i = Σ_{e → i} α_e v_e                             [latent]; 0 for a node without edges
 * </pre>
 * Output [nRecv, heads · latent]. Unlike a sum or a mean, the weights let a node attend to the few
 * neighbours that matter (the massive one, the nearest) whatever its degree; SameDiff supplies the
 * backward pass, gnn-core has no kernel for it. About twenty lines of ops: the cost of a new
 * architecture in this engine.
 */
public final class AttentionMessages implements MessageFunction {
    private final int heads;
    private final int hidden;
    private final int latent;

    public AttentionMessages(int heads, int hidden, int latent) {
        if (heads < 1 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException("attention needs heads, hidden and latent >= 1, got " + heads + ", "
                    + hidden + ", " + latent);
        }
        this.heads = heads;
        this.hidden = hidden;
        this.latent = latent;
    }

    @Override
    public int outputWidth(int nodeWidth) {
        return heads * latent;
    }

    @Override
    public SDVariable round(RoundInputs in) {
        Layers ly = in.layers();
        int w = in.nodeWidth();
        List<SDVariable> outs = new ArrayList<>();
        for (int u = 0; u < heads; u++) {
            String name = in.prefix() + "att" + u;
            double bound = 1.0 / Math.sqrt(2.0 * w + in.edgeDim());
            SDVariable wa = ly.weight(name + ".lin1.w_receiver", w, hidden, bound, true);
            SDVariable wb = ly.weight(name + ".lin1.w_sender", w, hidden, bound, true);
            SDVariable wc = ly.weight(name + ".lin1.w_edge", in.edgeDim(), hidden, bound, true);
            SDVariable b = ly.zeros(name + ".lin1.b", hidden);
            SDVariable z = in.atReceivers(in.nodes()).mmul(wa).add(in.atSenders(in.nodes()).mmul(wb)).add(b);
            if (wc != null) {
                z = z.add(in.edgeFeatures().mmul(wc));
            }
            SDVariable a = ly.layerNormSilu(name + ".ln1", z, hidden);
            SDVariable value = ly.linear(name + ".value", a, hidden, latent, 1.0);
            SDVariable score = ly.linear(name + ".score", a, hidden, 1, 1.0);
            outs.add(in.sum(value.mul(in.softmax(score))));
        }
        return outs.size() == 1 ? outs.get(0) : in.sd().concat(1, outs.toArray(new SDVariable[0]));
    }
}
