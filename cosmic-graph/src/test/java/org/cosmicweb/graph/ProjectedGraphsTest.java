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

    /** Pairs with projected separation below d and |Δv_los| below dv, by brute force. */
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
                if (s2 < d * d && Math.abs(v[3 * i + los] - v[3 * j + los]) < dv) {
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
        CosmicGraph g = ProjectedGraphs.radius(p, v, box, los, d, dv, false);
        assertEquals(brute(p, v, box, los, d, dv), Points.pairs(g));
    }

    @Test
    void handComputedFeaturesOfAnEdgeAcrossTheBoxFace() {
        // Box 10, line of sight z. Nodes 0 and 1 are 1 Mpc apart across the x face in projection,
        // 7 Mpc apart along z (irrelevant); line-of-sight velocities 150 and -50 km/s.
        double[] p = {9.5, 5, 1, 0.5, 5, 8};
        double[] v = {0, 0, 150, 0, 0, -50};
        CosmicGraph g = ProjectedGraphs.radius(p, v, 10, 2, 1.5, Double.POSITIVE_INFINITY, false);
        float[] f = ProjectedGraphs.features(g, p, v, 10, 2, 0.5);
        assertEquals(2, g.numEdges());
        int e10 = g.receivers()[0] == 0 ? 0 : 1;
        // Δv = 200 km/s = 200 / (100 * 0.5) = 4 Mpc in redshift space; s = sqrt(1 + 16).
        assertArrayEquals(new float[] {1f, 200f, 200f, (float) Math.sqrt(17), (float) (4 / Math.sqrt(17)), 0f},
                java.util.Arrays.copyOfRange(f, e10 * F, (e10 + 1) * F), 1e-5f);
        assertEquals(-200f, f[(1 - e10) * F + 1], 1e-4f);
    }

    @Test
    void velocityWindowAndAxesAreChecked() {
        double[] p = {1, 1, 1, 2, 2, 2};
        double[] v = new double[6];
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 3, 1, 100, false));
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 2, 1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> ProjectedGraphs.radius(p, v, 10, 2, 6, 100, false));
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
        CosmicGraph g = ProjectedGraphs.radius(p, v, box, los, 4, 600, false);
        Map<Long, float[]> base = byPair(g, ProjectedGraphs.features(g, p, v, box, los, 0.7));
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
        CosmicGraph g2 = ProjectedGraphs.radius(q, w, box, los, 4, 600, false);
        Map<Long, float[]> moved = byPair(g2, ProjectedGraphs.features(g2, q, w, box, los, 0.7));
        assertEquals(base.keySet(), moved.keySet());
        for (Map.Entry<Long, float[]> e : base.entrySet()) {
            assertArrayEquals(e.getValue(), moved.get(e.getKey()), 2e-4f);
        }
    }
}
