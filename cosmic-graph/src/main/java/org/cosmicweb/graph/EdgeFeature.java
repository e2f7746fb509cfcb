package org.cosmicweb.graph;

/**
 * The six E(3)-invariant edge features of Wu and Jespersen (2023), in storage order, with their
 * position centroid taken locally. For the edge i ← j: d = x_i − x_j (minimum image);
 * a_i = x_i − c_i, where c_i is the mean minimum-image position (as seen from i) of i's senders,
 * self-loop excluded, so a_i is the mean of their separations d; and b_j = (x_i − d) − c_i = a_i − d,
 * j as seen from that local centroid. Likewise Δv = v_i − v_j and w_i = (v_i − v̄)/|v_i − v̄|, v̄ the
 * mean velocity of all nodes (the box's rest frame). A zero-length vector has unit vector 0, so
 * degenerate cases give cosine 0, never NaN.
 *
 * <p>Before 2026-12-02 the position centroid was that of the whole graph. In a periodic box that centroid
 * is the box centre, a point with no physical meaning: near it the cosines swing with the direction
 * from the centre, and a spatial fold holding the centre out trains on none of that. The GNN then
 * missed by up to 0.2 dex within 20 Mpc of the centre of the mock's boxes. The local centroid depends
 * on separations only: the features are invariant under rotations, reflections, translations and
 * re-wrapping across the periodic boundary.
 */
public enum EdgeFeature {
    /** |d|, Mpc. */
    DISTANCE,
    /** cos(a_i, b_j). */
    COS_LOCAL_CENTROID_POSITIONS,
    /** cos(a_i, d). */
    COS_LOCAL_CENTROID_EDGE,
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

    /** Every feature's key, in storage order: the names a model file and an HDF5 graph record. */
    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(EdgeFeature::key).toList();
    }
}
