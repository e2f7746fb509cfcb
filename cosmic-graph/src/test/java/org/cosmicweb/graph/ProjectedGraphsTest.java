package org.cosmicweb.graph;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectedGraphsTest {
    static final int F = EdgeFeature.COUNT;

    /** Periodic separation of two coordinates, written here without the code under test. */
    private static double sep(double a, double b, double box) {
        double d = Math.abs(a - b) % box;
        return Math.min(d, box - d);
    }

    static final double H = 0.7;

    /**
     * Pairs with projected separation below d and redshift difference |Δcz| below dv, by brute force:
     * cz = 100 h x_los + v_los, compared as the shortest way round a box of 100 h L km/s.
     */
    private static Set<Long> brute(double[] p, double[] v, double box, int los, double d, double dv) {
        int n = p.length / 3;
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double s2 = 0;
                for (int a = 0; a < 3; a++) {
                    if (a != los) {
                        double s = sep(p[3 * i + a], p[3 * j + a], box);
                        s2 += s * s;
                    }
                }
                double czi = 100 * H * p[3 * i + los] + v[3 * i + los];
                double czj = 100 * H * p[3 * j + los] + v[3 * j + los];
                if (s2 < d * d && sep(czi, czj, 100 * H * box) < dv) {
                    out.add(Points.key(i, j));
                }
            }
        }
        return out;
    }

    private static double[] velocities(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[3 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = 400 * r.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest(name = "los={0} D={1} dv={2}")
    @CsvSource({"2, 2, Infinity", "0, 5, Infinity", "1, 3, 500", "2, 8, 300", "2, 0.5, 1000"})
    void pairSetEqualsBruteForce(int los, double d, double dv) {
        double box = 60;
        double[] p = Points.clustered(900, box, 7 + los);
        double[] v = velocities(900, 3);
        CosmicGraph g = ProjectedGraphs.radius(p, v, box, los, d, dv, H, false);
        Set<Long> want = brute(p, v, box, los, d, dv);
        assertEquals(want, Points.pairs(g));
        if (!Double.isInfinite(dv)) {
            // The window is on the redshift: the peculiar velocities alone would keep other pairs.
            assertTrue(want.size() < brute(p, v, box, los, d, Double.POSITIVE_INFINITY).size());
        }
    }

    @Test
    void handComputedFeaturesOfAnEdgeAcrossTheBoxFace() {
        // Box 10, line of sight z, h = 0.5 (50 km/s per Mpc). Nodes 0 and 1 are 1 Mpc apart across the x face in
        // projection, at z = 1 and 8; line-of-sight velocities 150 and -50 km/s. Redshift-space z: 1 + 150/50 = 4
        // and 8 - 50/50 = 7 (7 Mpc apart along z in real space, 3 in redshift space).
        double[] p = {9.5, 5, 1, 0.5, 5, 8};
        double[] v = {0, 0, 150, 0, 0, -50};
        CosmicGraph g = ProjectedGraphs.radius(p, v, 10, 2, 1.5, Double.POSITIVE_INFINITY, 0.5, false);
        float[] f = ProjectedGraphs.features(g, p, v, 10, 2, 0.5);
        assertEquals(2, g.numEdges());
        int e01 = g.receivers()[0] == 0 ? 0 : 1;
        // The edge 0 <- 1 (receiver 0): Δs = s0 - s1 = -3 Mpc (the short way round), Δcz = 50 * -3 = -150 km/s,
        // s = sqrt(1 + 9).
        assertArrayEquals(new float[] {1f, -150f, 150f, (float) Math.sqrt(10), (float) (3 / Math.sqrt(10)), 0f},
                java.util.Arrays.copyOfRange(f, e01 * F, (e01 + 1) * F), 1e-5f);
        assertEquals(150f, f[(1 - e01) * F + 1], 1e-4f);
        // Node 1 with v = +200 instead: s1 = 8 + 4 = 12 -> 2, so Δs = 4 - 2 = +2 (not -8): the minimum image.
        double[] w = {0, 0, 150, 0, 0, 200};
        float[] f2 = ProjectedGraphs.features(g, p, w, 10, 2, 0.5);
        assertEquals(100f, f2[e01 * F + 1], 1e-4f);
        // A 120 km/s window keeps the pair at Δcz = 100 and drops it at 150.
        assertEquals(2, ProjectedGraphs.radius(p, w, 10, 2, 1.5, 120, 0.5, false).numEdges());
        assertEquals(0, ProjectedGraphs.radius(p, v, 10, 2, 1.5, 120, 0.5, false).numEdges());
    }

    @Test
    void velocityWindowAndAxesAreChecked() {
        double[] p = {1, 1, 1, 2, 2, 2};
        double[] v = new double[6];
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 3, 1, 100, H, false));
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 2, 1, 0, H, false));
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 2, 6, 100, H, false));
        // Half a 10 Mpc box in redshift is 50 h L = 350 km/s: a wider window would be ambiguous.
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 2, 1, 350, H, false));
    }

    /** Edge features keyed by (receiver, sender). */
    private static Map<Long, float[]> byPair(CosmicGraph g, float[] f) {
        Map<Long, float[]> m = new HashMap<>();
        for (int e = 0; e < g.numEdges(); e++) {
            m.put(Points.key(g.receivers()[e], g.senders()[e]), java.util.Arrays.copyOfRange(f, e * F, (e + 1) * F));
        }
        return m;
    }

    @RepeatedTest(4)
    void invariantUnderInPlaneRotationsReflectionsTranslationsAndWraps(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(info.getCurrentRepetition());
        double box = 100;
        int n = 400;
        int los = info.getCurrentRepetition() % 3;
        int a = (los + 1) % 3;
        int b = (los + 2) % 3;
        // A disc of radius 20 about the box centre in the plane: rotations about the centre keep it inside.
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            do {
                x = 40 * r.nextDouble() - 20;
                y = 40 * r.nextDouble() - 20;
            } while (x * x + y * y > 400);
            p[3 * i + a] = 50 + x;
            p[3 * i + b] = 50 + y;
            p[3 * i + los] = box * r.nextDouble();
        }
        double[] v = velocities(n, info.getCurrentRepetition());
        CosmicGraph g = ProjectedGraphs.radius(p, v, box, los, 4, 600, H, false);
        Map<Long, float[]> base = byPair(g, ProjectedGraphs.features(g, p, v, box, los, H));
        assertTrue(base.size() > 100, "enough edges to test, got " + base.size());

        double angle = 2 * Math.PI * r.nextDouble();
        boolean reflect = r.nextBoolean();
        double[] shift = {box * r.nextDouble(), box * r.nextDouble(), box * r.nextDouble()};
        PeriodicBox pb = new PeriodicBox(box);
        double[] q = new double[3 * n];
        double[] w = v.clone();
        for (int i = 0; i < n; i++) {
            double x = p[3 * i + a] - 50;
            double y = (reflect ? -1 : 1) * (p[3 * i + b] - 50);
            q[3 * i + a] = pb.wrap(50 + Math.cos(angle) * x - Math.sin(angle) * y + shift[a]);
            q[3 * i + b] = pb.wrap(50 + Math.sin(angle) * x + Math.cos(angle) * y + shift[b]);
            q[3 * i + los] = pb.wrap(p[3 * i + los] + shift[los]);
            // In-plane velocity components rotate too; the line-of-sight one is untouched.
            double vx = v[3 * i + a];
            double vy = (reflect ? -1 : 1) * v[3 * i + b];
            w[3 * i + a] = Math.cos(angle) * vx - Math.sin(angle) * vy;
            w[3 * i + b] = Math.sin(angle) * vx + Math.cos(angle) * vy;
        }
        CosmicGraph g2 = ProjectedGraphs.radius(q, w, box, los, 4, 600, H, false);
        Map<Long, float[]> moved = byPair(g2, ProjectedGraphs.features(g2, q, w, box, los, H));
        assertEquals(base.keySet(), moved.keySet());
        for (Map.Entry<Long, float[]> e : base.entrySet()) {
            assertArrayEquals(e.getValue(), moved.get(e.getKey()), 2e-4f);
        }
    }
}
