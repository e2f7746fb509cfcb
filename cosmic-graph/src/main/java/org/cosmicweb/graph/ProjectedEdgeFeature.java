package org.cosmicweb.graph;

/**
 * The six edge features of a projected graph ({@link ProjectedGraphs}), in storage order, for the
 * edge i ← j with d⊥ the minimum-image separation in the sky plane and Δv = v_los,i − v_los,j.
 * They fill the same six slots as the 3D {@link EdgeFeature}s. Each is a function of the pair alone
 * (no centroid), so all are invariant under rotations, reflections and translations in the plane and
 * under periodic re-wrapping.
 */
public enum ProjectedEdgeFeature {
    /** |d⊥|, Mpc. */
    PROJECTED_SEPARATION,
    /** Δv along the line of sight, km/s (antisymmetric in i, j). */
    LOS_VELOCITY_DIFFERENCE,
    /** |Δv|, km/s. */
    ABS_LOS_VELOCITY_DIFFERENCE,
    /** √(|d⊥|² + (Δv / 100 h)²): the separation in redshift space, Mpc. */
    REDSHIFT_SPACE_SEPARATION,
    /** |Δv / 100 h| over the redshift-space separation: cosine of its angle to the line of sight. */
    COS_LINE_OF_SIGHT,
    /** log10 |d⊥| (|d⊥| floored at 1 kpc): resolution for close pairs. */
    LOG_PROJECTED_SEPARATION;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
