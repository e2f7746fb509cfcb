package org.cosmicweb.graph;

/**
 * Cosmic graphs as an observer sees them: positions projected on the sky plane perpendicular to a
 * line of sight (an axis of the box), velocities reduced to their line-of-sight component. Two
 * galaxies are linked when their projected separation (minimum image in the plane) is below D and,
 * optionally, their line-of-sight velocities differ by less than a window Δv_max, as redshift-space
 * group finders link. Every quantity is a function of the pair alone, so the graph and its edge
 * features ({@link ProjectedEdgeFeature}) are invariant under rotations, reflections and translations
 * in the plane and under periodic re-wrapping.
 */
public final class ProjectedGraphs {
    /** H0 in km/s per Mpc/h: a line-of-sight velocity of v km/s is a displacement of v / 100 Mpc/h. */
    static final double HUBBLE_KMS_PER_MPCH = 100;

    private ProjectedGraphs() {
    }

    /**
     * Positions with the line-of-sight coordinate set to 0, row-major [N, 3]: every distance in them
     * is a projected one.
     */
    public static double[] projected(double[] positionsMpc, int los) {
        checkAxis(los);
        double[] p = positionsMpc.clone();
        for (int i = 0; i < p.length / 3; i++) {
            p[3 * i + los] = 0;
        }
        return p;
    }

    /**
     * @param los        line-of-sight axis: 0 (x), 1 (y) or 2 (z)
     * @param dvMaxKms   line-of-sight velocity window in km/s, or infinity for none
     */
    public static CosmicGraph radius(double[] positionsMpc, double[] velocitiesKms, double boxMpc, int los,
                                     double linkingLengthMpc, double dvMaxKms, boolean selfLoops) {
        checkAxis(los);
        if (!(dvMaxKms > 0)) {
            throw new IllegalArgumentException("the velocity window must be positive (km/s), got " + dvMaxKms);
        }
        int n = positionsMpc.length / 3;
        if (velocitiesKms.length != 3 * n) {
            throw new IllegalArgumentException("velocities must hold 3 x " + n + " values, got " + velocitiesKms.length);
        }
        RadiusGraph.PairFilter window = Double.isInfinite(dvMaxKms) ? null
                : (i, j) -> Math.abs(velocitiesKms[3 * i + los] - velocitiesKms[3 * j + los]) < dvMaxKms;
        double[] flat = projected(new PeriodicBox(boxMpc).checkedPositions(positionsMpc, "position"), los);
        return RadiusGraph.build(flat, boxMpc, linkingLengthMpc, selfLoops, window);
    }

    /** The {@link ProjectedEdgeFeature}s of every edge, row-major [E, 6]. */
    public static float[] features(CosmicGraph g, double[] positionsMpc, double[] velocitiesKms, double boxMpc, int los,
                                   double hubbleParam) {
        checkAxis(los);
        PeriodicBox box = new PeriodicBox(boxMpc);
        int e = g.numEdges();
        float[] out = new float[Math.multiplyExact(e, EdgeFeature.COUNT)];
        for (int x = 0; x < e; x++) {
            int i = g.receivers()[x];
            int j = g.senders()[x];
            int o = x * EdgeFeature.COUNT;
            double d2 = 0;
            for (int a = 0; a < 3; a++) {
                if (a != los) {
                    double d = box.delta(positionsMpc[3 * i + a], positionsMpc[3 * j + a]);
                    d2 += d * d;
                }
            }
            double sep = Math.sqrt(d2);
            double dv = velocitiesKms[3 * i + los] - velocitiesKms[3 * j + los];
            // The velocity difference as a distance in redshift space, Mpc: dv / (100 h) Mpc.
            double dz = dv / (HUBBLE_KMS_PER_MPCH * hubbleParam);
            double s = Math.sqrt(d2 + dz * dz);
            out[o] = (float) sep;
            out[o + 1] = (float) dv;
            out[o + 2] = (float) Math.abs(dv);
            out[o + 3] = (float) s;
            out[o + 4] = s > 0 ? (float) (Math.abs(dz) / s) : 0f;
            out[o + 5] = (float) Math.log10(Math.max(1e-3, sep));
        }
        return out;
    }

    static void checkAxis(int los) {
        if (los < 0 || los > 2) {
            throw new IllegalArgumentException("the line of sight must be axis 0 (x), 1 (y) or 2 (z), got " + los);
        }
    }
}
