package org.cosmicweb.graph;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeFeaturesTest {
    static final int F = EdgeFeature.COUNT;

    @Test
    void handComputedThreeNodeGraph() {
        // Node 0 at (6,5,5), node 1 at (4,5,5), node 2 at (5,8,5).
        double[] p = {6, 5, 5, 4, 5, 5, 5, 8, 5};
        // centroid = (5, 6, 5): u0 = (1,-1,0)/√2, u1 = (-1,-1,0)/√2, u2 = (0,1,0)
        double[] v = {100, 0, 0, 0, 0, 0, 0, 0, 50};
        // velocity centroid = (100/3, 0, 50/3)
        CosmicGraph g = RadiusGraph.build(p, 20, 2.5, false);
        float[] f = EdgeFeatures.compute(g, p, v, new PeriodicBox(20));
        // Edges: receiver 0 <- 1 (d = (2,0,0)), receiver 1 <- 0 (d = (-2,0,0)); node 2 is > 2.5 away from both.
        assertEquals(2, g.numEdges());
        double s = Math.sqrt(0.5);
        double[] u0 = {s, -s, 0};
        double[] u1 = {-s, -s, 0};
        double[] w0 = unit(100 - 100 / 3.0, 0, -50 / 3.0);
        double[] w1 = unit(-100 / 3.0, 0, -50 / 3.0);
        float[] expected0 = {2f, (float) dot(u0, u1), (float) u0[0], 100f, (float) dot(w0, w1), (float) w0[0]};
        float[] expected1 = {2f, (float) dot(u1, u0), (float) -u1[0], 100f, (float) dot(w1, w0), (float) -w1[0]};
        assertArrayEquals(expected0, java.util.Arrays.copyOfRange(f, 0, F), 1e-6f);
        assertArrayEquals(expected1, java.util.Arrays.copyOfRange(f, F, 2 * F), 1e-6f);
    }

    @Test
    void edgeAcrossABoxFaceUsesTheMinimumImageOfTheSender() {
        // Box 20. Node 0 at (19.5, 12, 10), node 1 at (0.5, 12, 10): 1 apart across the x = 20 face.
        // Node 2 at (10, 4, 10) only moves the centroid: (10, 28/3, 10).
        double[] p = {19.5, 12, 10, 0.5, 12, 10, 10, 4, 10};
        double[] v = new double[9];
        CosmicGraph g = RadiusGraph.build(p, 20, 1.5, false);
        float[] f = EdgeFeatures.compute(g, p, v, new PeriodicBox(20));
        assertEquals(2, g.numEdges());
        double cy = 28 / 3.0;
        double[] u0 = unit(9.5, 12 - cy, 0);
        // Receiver 0, sender 1: d = x0 - x1 = (-1, 0, 0) (minimum image), so node 1 is seen at (20.5, 12, 10).
        double[] u1SeenFrom0 = unit(10.5, 12 - cy, 0);
        // Receiver 1, sender 0: node 1 itself sits at (0.5, 12, 10), node 0 is seen at (-0.5, 12, 10).
        double[] u1 = unit(-9.5, 12 - cy, 0);
        double[] u0SeenFrom1 = unit(-10.5, 12 - cy, 0);
        int e01 = g.receivers()[0] == 0 ? 0 : 1;
        int e10 = 1 - e01;
        assertEquals(1f, f[e01 * F], 1e-6f);
        assertEquals((float) dot(u0, u1SeenFrom0), f[e01 * F + 1], 1e-6f);
        assertEquals((float) -u0[0], f[e01 * F + 2], 1e-6f);
        assertEquals((float) dot(u1, u0SeenFrom1), f[e10 * F + 1], 1e-6f);
        assertEquals((float) u1[0], f[e10 * F + 2], 1e-6f);
        // Both neighbours point nearly the same way from the centroid: a cosine near +1, where the
        // wrapped position of the sender would give one near -1.
        assertTrue(f[e01 * F + 1] > 0.99f && f[e10 * F + 1] > 0.99f);
    }

    private static double[] unit(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / r, y / r, z / r};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    @Test
    void degenerateCasesGiveNoNaNAndSelfLoopsHaveFixedFeatures() {
        // Node 1 sits exactly at the centroid; nodes 0 and 1 share a velocity.
        double[] p = {4, 5, 5, 5, 5, 5, 6, 5, 5};
        double[] v = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        CosmicGraph g = RadiusGraph.build(p, 20, 1.5, true);
        float[] f = EdgeFeatures.compute(g, p, v, new PeriodicBox(20));
        for (float x : f) {
            assertTrue(Float.isFinite(x));
        }
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.senders()[e] == g.receivers()[e]) {
                assertArrayEquals(EdgeFeature.SELF_LOOP, java.util.Arrays.copyOfRange(f, e * F, (e + 1) * F));
            } else {
                assertEquals(0f, f[e * F + 3]);
                assertEquals(0f, f[e * F + 5]);
            }
        }
    }

    /** Random rotation matrix from a random unit quaternion. */
    static double[][] rotation(SplittableRandom r) {
        double a = r.nextGaussian();
        double b = r.nextGaussian();
        double c = r.nextGaussian();
        double d = r.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        a /= n;
        b /= n;
        c /= n;
        d /= n;
        return new double[][] {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d},
        };
    }

    static double[] apply(double[][] rot, double[] rows, double[] shift) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length / 3; i++) {
            for (int a = 0; a < 3; a++) {
                double s = shift[a];
                for (int b = 0; b < 3; b++) {
                    s += rot[a][b] * rows[3 * i + b];
                }
                out[3 * i + a] = s;
            }
        }
        return out;
    }

    @RepeatedTest(5)
    void invariantUnderRotationsAndTranslationsOfTheWholeCatalog(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(info.getCurrentRepetition());
        double box = 100;
        int n = 300;
        // A ball of radius 15 around the box centre: rotations about the centre keep it inside the box.
        double[] local = new double[3 * n];
        double[] vel = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] x;
            do {
                x = new double[] {30 * r.nextDouble() - 15, 30 * r.nextDouble() - 15, 30 * r.nextDouble() - 15};
            } while (dot(x, x) > 225);
            System.arraycopy(x, 0, local, 3 * i, 3);
            for (int a = 0; a < 3; a++) {
                vel[3 * i + a] = 300 * r.nextGaussian();
            }
        }
        double[][] eye = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[] pos = apply(eye, local, new double[] {50, 50, 50});
        double[][] rot = rotation(r);
        double[] shift = {50 + 10 * r.nextDouble(), 50 - 10 * r.nextDouble(), 50 + 5 * r.nextDouble()};
        double[] pos2 = apply(rot, local, shift);
        double[] vel2 = apply(rot, vel, new double[] {400 * r.nextGaussian(), 0, -200});
        CosmicGraph g = RadiusGraph.build(pos, box, 4, false);
        CosmicGraph g2 = RadiusGraph.build(pos2, box, 4, false);
        assertEquals(Points.pairs(g), Points.pairs(g2));
        float[] f = EdgeFeatures.compute(g, pos, vel, new PeriodicBox(box));
        float[] f2 = EdgeFeatures.compute(g2, pos2, vel2, new PeriodicBox(box));
        double[] scale = {1, 1, 1, 1e-3, 1, 1}; // compare speeds in units of 1000 km/s
        for (int x = 0; x < f.length; x++) {
            assertEquals(f[x] * scale[x % F], f2[x] * scale[x % F], 1e-5, "feature " + EdgeFeature.values()[x % F]);
        }
    }

    @RepeatedTest(3)
    void distanceFeatureInvariantUnderPeriodicShiftsOfTheOrigin(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(100 + info.getCurrentRepetition());
        double box = 60;
        double[] p = Points.clustered(700, box, info.getCurrentRepetition());
        PeriodicBox b = new PeriodicBox(box);
        double[] shifted = new double[p.length];
        double[] s = {box * r.nextDouble(), box * r.nextDouble(), box * r.nextDouble()};
        for (int i = 0; i < p.length; i++) {
            shifted[i] = b.wrap(p[i] + s[i % 3]);
        }
        double[] v = new double[p.length];
        CosmicGraph g = RadiusGraph.build(p, box, 5, false);
        CosmicGraph g2 = RadiusGraph.build(shifted, box, 5, false);
        assertArrayEquals(g.senders(), g2.senders());
        assertArrayEquals(g.receivers(), g2.receivers());
        float[] f = EdgeFeatures.compute(g, p, v, b);
        float[] f2 = EdgeFeatures.compute(g2, shifted, v, b);
        for (int e = 0; e < g.numEdges(); e++) {
            assertEquals(f[e * F], f2[e * F], 1e-5);
        }
    }
}
