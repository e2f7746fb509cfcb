package org.cosmicweb.gnn.samediff;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The extension point of the SameDiff engine: one message-passing round, written in SameDiff ops.
 * SameDiff differentiates it, so a new message function needs no backward pass and no kernel.
 *
 * <p>A round reads the node inputs h [N, w] ({@link RoundInputs#nodes()}), the edges j → i of the
 * batch (sender and receiver ids, edge features [E, edgeDim], unit directions [E, 3]) and returns
 * the aggregated environment of every receiving node [nRecv, {@link #outputWidth(int)}]. It declares
 * its parameters through {@link RoundInputs#layers()}, with names starting with
 * {@link RoundInputs#prefix()} so that stacked rounds do not collide. Gathers and segment
 * reductions over the receivers are provided ({@link RoundInputs#atReceivers}, {@link
 * RoundInputs#atSenders}, {@link RoundInputs#sum}, {@link RoundInputs#mean}, {@link
 * RoundInputs#max}, {@link RoundInputs#softmax}, {@link RoundInputs#anisotropy}), the way PyG's
 * {@code MessagePassing.propagate()} does the index work and a layer states only its message.
 *
 * <p>{@link SameDiffGnn} puts the rounds into the same skeleton as gnn-core's {@code GnnModel}:
 * round 1 on the node features; with L &gt; 1 layers a node state z¹ = P env¹ of width hidden and
 * residual rounds zʳ = zʳ⁻¹ + Qʳ round(zʳ⁻¹); then the galaxy–halo and head MLPs and the Gaussian
 * NLL. Two implementations ship: {@link EdgeMlpMessages}, the fast engine's model, and {@link
 * AttentionMessages}, the worked example. A minimal one, the mean of the senders' features through
 * one linear layer:
 * <pre>{@code
 * MessageFunction meanOfSenders = new MessageFunction() {
 *     public int outputWidth(int nodeWidth) { return 8; }
 *     public SDVariable round(RoundInputs in) {
 *         SDVariable m = in.layers().linear(in.prefix() + "msg", in.atSenders(in.nodes()), in.nodeWidth(), 8, 1.0);
 *         return in.mean(m);
 *     }
 * };
 * SameDiffGnn net = SameDiffGnn.build(config, meanOfSenders, DataType.FLOAT, 0.0, seed);
 * }</pre>
 */
public interface MessageFunction {
    /** Width of the aggregated environment a round returns per node, for node inputs of width {@code nodeWidth}. */
    int outputWidth(int nodeWidth);

    /** True when the round reads {@link RoundInputs#directions()}; batches must then carry edge directions. */
    default boolean usesDirections() {
        return false;
    }

    /** Declares this round's parameters and returns the aggregated messages [nRecv, outputWidth(nodeWidth)]. */
    SDVariable round(RoundInputs in);
}
