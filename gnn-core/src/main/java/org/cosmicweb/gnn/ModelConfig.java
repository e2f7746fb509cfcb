package org.cosmicweb.gnn;

/**
 * Architecture of the graph network, with the defaults of Wu and Jespersen (2023) style models:
 * {@code heads} unshared edge-interaction MLPs (default 8) of width {@code hidden} (64) emitting
 * {@code latent} (16) channels each, aggregated by {@code aggregation} (sum, max and mean); a
 * galaxy–halo MLP on the node's own features; a head MLP producing a mean and a log-variance.
 * {@code layers} &gt; 1 stacks further message-passing rounds on a node state of width
 * {@code hidden}, each added as a residual branch that starts near zero (see {@link GnnModel}).
 */
public record ModelConfig(int nodeDim, int edgeDim, int heads, int hidden, int latent, Aggregation aggregation,
                          int layers) {
    public ModelConfig {
        if (nodeDim < 1 || nodeDim > 1024) {
            throw new IllegalArgumentException("nodeDim must be in 1..1024, got " + nodeDim);
        }
        if (edgeDim < 0 || edgeDim > 1024) {
            throw new IllegalArgumentException("edgeDim must be in 0..1024, got " + edgeDim);
        }
        if (heads < 0 || heads > 64) {
            throw new IllegalArgumentException("heads must be in 0..64 (0 = no environment), got " + heads);
        }
        if (hidden < 1 || hidden > 4096 || latent < 1 || latent > 4096) {
            throw new IllegalArgumentException("hidden and latent must be in 1..4096, got " + hidden + " and " + latent);
        }
        if (aggregation == null) {
            throw new IllegalArgumentException("aggregation must be given");
        }
        if (aggregation == Aggregation.MULTI_ATTENTION && latent % 2 != 0) {
            throw new IllegalArgumentException("the attention aggregation pairs message channels (values and weights):"
                    + " latent must be even, got " + latent);
        }
        if (layers < 1 || layers > 16 || (layers > 1 && heads == 0)) {
            throw new IllegalArgumentException("layers must be in 1..16 and need heads >= 1 when above 1, got "
                    + layers + " layers and " + heads + " heads");
        }
    }

    public ModelConfig(int nodeDim, int edgeDim, int heads, int hidden, int latent, Aggregation aggregation) {
        this(nodeDim, edgeDim, heads, hidden, latent, aggregation, 1);
    }

    public ModelConfig withLayers(int l) {
        return new ModelConfig(nodeDim, edgeDim, heads, hidden, latent, aggregation, l);
    }

    public static ModelConfig defaults(int nodeDim, int edgeDim) {
        return new ModelConfig(nodeDim, edgeDim, 8, 64, 16, Aggregation.MULTI);
    }

    public ModelConfig withHeads(int h) {
        return new ModelConfig(nodeDim, edgeDim, h, hidden, latent, aggregation, layers);
    }

    /** Throws when a batch's node or edge feature counts are not this model's. */
    public void checkBatch(GraphBatch g) {
        if (g.nodeDim != nodeDim || g.edgeDim != edgeDim) {
            throw new IllegalArgumentException("the model expects " + nodeDim + " node and " + edgeDim
                    + " edge features per row, the batch has " + g.nodeDim + " and " + g.edgeDim);
        }
    }

    /** Width of one round's aggregated messages: heads × (latent × aggregations, and any anisotropy channels of their own). */
    public int environmentWidth() {
        return heads * aggregation.outWidth(latent);
    }

    /** Width of what the head MLP sees of the environment: one round's messages, or the stacked node state. */
    public int headEnvironmentWidth() {
        return layers == 1 ? environmentWidth() : hidden;
    }
}
