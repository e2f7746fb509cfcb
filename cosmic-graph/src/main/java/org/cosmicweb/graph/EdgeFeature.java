package org.cosmicweb.graph;

/**
 * The six E(3)-invariant edge features of Wu and Jespersen (2023), in storage order. For the edge
 * i ← j: d = x_i − x_j (minimum image), u_i = (x_i − x̄)/|x_i − x̄| with x̄ the centroid of all
 * node positions (plain mean, no wrapping), and u_j taken at j's minimum image as seen from i,
 * x_i − d (so an edge across a box face has the same features as its unwrapped twin);
 * likewise Δv = v_i − v_j and w_i = (v_i − v̄)/|v_i − v̄|.
 * A zero-length vector has unit vector 0, so degenerate cases give cosine 0, never NaN.
 *
 * <p>The centroid cosines are invariant under rotations and translations of the whole catalog
 * (positions and velocities together), not under re-wrapping across the periodic boundary, which
 * moves the centroid; the distance feature is invariant under both.
 */
public enum EdgeFeature {
    /** |d|, Mpc. */
    DISTANCE,
    /** u_i · u_j, u_j at the minimum image of j as seen from i. */
    COS_CENTROID_POSITIONS,
    /** u_i · d/|d|. */
    COS_CENTROID_EDGE,
    /** |Δv|, km/s. */
    SPEED_DIFFERENCE,
    /** w_i · w_j. */
    COS_CENTROID_VELOCITIES,
    /** w_i · Δv/|Δv|. */
    COS_CENTROID_VELOCITY_DIFFERENCE;

    public static final int COUNT = values().length;

    /** Fixed features of a self-loop: distance 0, cos 1, cos 0, and the velocity analogues 0, 1, 0. */
    public static final float[] SELF_LOOP = {0f, 1f, 0f, 0f, 1f, 0f};

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
