package org.cosmicweb.graph;

/**
 * Cosmic graphs as an observer sees them: positions projected on the sky plane perpendicular to a
 * line of sight (an axis of the box), and along it only the redshift, cz = H0 x_los + v_los (Hubble
 * flow plus peculiar velocity; H0 = 100 h km/s per Mpc), or as a redshift-space coordinate
 * s = x_los + v_los / (100 h) Mpc, periodic in the box. Two galaxies are linked when their projected
 * separation (minimum image in the plane) is below D and, optionally, their redshifts differ by less
 * than a window Δcz_max (minimum image of Δs), as redshift-space group finders link. Every quantity is
 * a function of the pair alone, so the graph and its edge features ({@link ProjectedEdgeFeature}) are
 * invariant under rotations, reflections and translations in the plane and under periodic re-wrapping.
 */
public final class ProjectedGraphs {
    /** H0 in km/s per Mpc/h: a line-of-sight velocity of v km/s is a displacement of v / 100 Mpc/h, v / (100 h) Mpc. */
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
     * @param los         line-of-sight axis: 0 (x), 1 (y) or 2 (z)
     * @param dvMaxKms    redshift window |Δcz| in km/s, or infinity for none; below half the box in
     *                    redshift (50 h L km/s), where the periodic minimum image is unambiguous
     * @param hubbleParam h: the Hubble flow is 100 h km/s per Mpc
     */
    public static CosmicGraph radius(double[] positionsMpc, double[] velocitiesKms, double boxMpc, int los,
                                     double linkingLengthMpc, double dvMaxKms, double hubbleParam, boolean selfLoops) {
        checkAxis(los);
        if (!(dvMaxKms > 0)) {
            throw new IllegalArgumentException("the velocity window must be positive (km/s), got " + dvMaxKms);
        }
        double halfBoxKms = 0.5 * boxMpc * HUBBLE_KMS_PER_MPCH * hubbleParam;
        if (!Double.isInfinite(dvMaxKms) && !(dvMaxKms < halfBoxKms)) {
            throw new IllegalArgumentException("the redshift window " + dvMaxKms + " km/s must be below half the box"
                    + " along the line of sight, " + Math.round(halfBoxKms) + " km/s for " + boxMpc + " Mpc");
        }
        int n = positionsMpc.length / 3;
        if (velocitiesKms.length != 3 * n) {
            throw new IllegalArgumentException("velocities must hold 3 x " + n + " values, got " + velocitiesKms.length);
        }
        PeriodicBox box = new PeriodicBox(boxMpc);
        double[] checked = box.checkedPositions(positionsMpc, "position");
        RadiusGraph.PairFilter window = null;
        if (!Double.isInfinite(dvMaxKms)) {
            double[] s = redshiftCoordinates(checked, velocitiesKms, box, los, hubbleParam);
            double maxMpc = dvMaxKms / (HUBBLE_KMS_PER_MPCH * hubbleParam);
            window = (i, j) -> Math.abs(box.delta(s[i], s[j])) < maxMpc;
        }
        return RadiusGraph.build(projected(checked, los), boxMpc, linkingLengthMpc, selfLoops, window);
    }

    /** Each node's redshift-space line-of-sight coordinate s = x_los + v_los / (100 h), Mpc, wrapped into [0, L). */
    static double[] redshiftCoordinates(double[] positionsMpc, double[] velocitiesKms, PeriodicBox box, int los,
                                        double hubbleParam) {
        double[] s = new double[positionsMpc.length / 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = box.wrap(positionsMpc[3 * i + los] + velocitiesKms[3 * i + los] / (HUBBLE_KMS_PER_MPCH * hubbleParam));
        }
        return s;
    }

    /** The {@link ProjectedEdgeFeature}s of every edge, row-major [E, 6]. */
    public static float[] features(CosmicGraph g, double[] positionsMpc, double[] velocitiesKms, double boxMpc, int los,
                                   double hubbleParam) {
        checkAxis(los);
        PeriodicBox box = new PeriodicBox(boxMpc);
        double[] rs = redshiftCoordinates(positionsMpc, velocitiesKms, box, los, hubbleParam);
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
            // The line-of-sight separation in redshift space (minimum image), Mpc, and as a redshift difference.
            double dz = box.delta(rs[i], rs[j]);
            double dcz = dz * HUBBLE_KMS_PER_MPCH * hubbleParam;
            double s = Math.sqrt(d2 + dz * dz);
            out[o] = (float) sep;
            out[o + 1] = (float) dcz;
            out[o + 2] = (float) Math.abs(dcz);
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
