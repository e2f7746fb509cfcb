package org.cosmicweb.gnn;

/**
 * Architecture of the graph network, with the defaults of Wu and Jespersen (2023) style models:
 * {@code heads} unshared edge-interaction MLPs (default 8) of width {@code hidden} (64) emitting
 * {@code latent} (16) channels each, aggregated by {@code aggregation} (sum, max and mean); a
 * galaxy–halo MLP on the node's own features; a head MLP producing a mean and a log-variance.
 */
public record ModelConfig(int nodeDim, int edgeDim, int heads, int hidden, int latent, Aggregation aggregation) {
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
    }

    public static ModelConfig defaults(int nodeDim, int edgeDim) {
        return new ModelConfig(nodeDim, edgeDim, 8, 64, 16, Aggregation.MULTI);
    }

    public ModelConfig withHeads(int h) {
        return new ModelConfig(nodeDim, edgeDim, h, hidden, latent, aggregation);
    }

    /** Width of the environment vector: heads × latent × aggregations. */
    public int environmentWidth() {
        return heads * latent * aggregation.factor();
    }
}
