package org.cosmicweb.graph;

/**
 * The six edge features of a projected graph ({@link ProjectedGraphs}), in storage order, for the
 * edge i ← j with d⊥ the minimum-image separation in the sky plane and Δs = s_i − s_j the
 * minimum-image difference of the redshift-space coordinates s = x_los + v_los / (100 h) (Mpc), so
 * Δcz = 100 h Δs is the redshift difference an observer measures (Hubble flow and peculiar
 * velocities). They fill the same six slots as the 3D {@link EdgeFeature}s. Each is a function of the
 * pair alone (no centroid), so all are invariant under rotations, reflections and translations in the
 * plane and under periodic re-wrapping. (Before 2026-12-01 slots 1 and 2 held the peculiar-velocity
 * difference alone, named los_velocity_difference: model files with those names are refused.)
 */
public enum ProjectedEdgeFeature {
    /** |d⊥|, Mpc. */
    PROJECTED_SEPARATION,
    /** Δcz = 100 h Δs, km/s (antisymmetric in i, j). */
    REDSHIFT_DIFFERENCE,
    /** |Δcz|, km/s. */
    ABS_REDSHIFT_DIFFERENCE,
    /** √(|d⊥|² + Δs²): the separation in redshift space, Mpc. */
    REDSHIFT_SPACE_SEPARATION,
    /** |Δs| over the redshift-space separation: cosine of its angle to the line of sight. */
    COS_LINE_OF_SIGHT,
    /** log10 |d⊥| (|d⊥| floored at 1 kpc): resolution for close pairs. */
    LOG_PROJECTED_SEPARATION;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
