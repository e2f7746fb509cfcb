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
        // Node 0 at (5,5,5), node 1 at (7,5,5), node 2 at (5,6,5): all three within 3 of each other.
        double[] p = {5, 5, 5, 7, 5, 5, 5, 6, 5};
        double[] v = {100, 0, 0, 0, 0, 0, 0, 0, 50};
        // velocity centroid = (100/3, 0, 50/3)
        CosmicGraph g = RadiusGraph.build(p, 20, 3, false);
        float[] f = EdgeFeatures.compute(g, p, v, new PeriodicBox(20));
        assertEquals(6, g.numEdges());
        // Receiver 0: d01 = (-2,0,0), d02 = (0,-1,0), so a0 = (-1,-0.5,0), |a0|² = 1.25.
        // Sender 1 from the local centroid: a0 - d01 = (1,-0.5,0): cos = (-1 + 0.25)/1.25 = -0.6; cos(a0, d01) = 2/(2√1.25).
        // Sender 2: a0 - d02 = (-1,0.5,0): cos = (1 - 0.25)/1.25 = 0.6; cos(a0, d02) = 0.5/√1.25.
        double[] w0 = unit(100 - 100 / 3.0, 0, -50 / 3.0);
        double[] w1 = unit(-100 / 3.0, 0, -50 / 3.0);
        double[] w2 = unit(-100 / 3.0, 0, 50 - 50 / 3.0);
        double dv02 = Math.sqrt(100 * 100 + 50 * 50);
        float[] from1 = {2f, -0.6f, (float) (1 / Math.sqrt(1.25)), 100f, (float) dot(w0, w1), (float) w0[0]};
        float[] from2 = {1f, 0.6f, (float) (0.5 / Math.sqrt(1.25)), (float) dv02, (float) dot(w0, w2),
            (float) ((w0[0] * 100 - w0[2] * 50) / dv02)};
        assertArrayEquals(from1, features(g, f, 0, 1), 1e-6f);
        assertArrayEquals(from2, features(g, f, 0, 2), 1e-6f);
    }

    @Test
    void edgeAcrossABoxFaceUsesTheMinimumImageOfTheSender() {
        // Box 20. Node 0 at (19.5, 12, 10), node 1 at (0.5, 12, 10): 1 apart across the x = 20 face;
        // node 2 at (19.5, 10, 10), 2 from node 0.
        double[] p = {19.5, 12, 10, 0.5, 12, 10, 19.5, 10, 10};
        double[] v = new double[9];
        CosmicGraph g = RadiusGraph.build(p, 20, 2.5, false);
        float[] f = EdgeFeatures.compute(g, p, v, new PeriodicBox(20));
        // Receiver 0: d01 = (-1,0,0) (minimum image), d02 = (0,2,0); a0 = (-0.5,1,0), |a0|² = 1.25.
        // Sender 1 from the local centroid: a0 - d01 = (0.5,1,0): cos = (-0.25 + 1)/1.25 = 0.6; cos(a0, d01) = 0.5/√1.25.
        // The wrapped sender (d01 = (19,0,0)) would give cos(a0, d01) = -0.447 and a0 = (9.5,1,0).
        float[] from1 = features(g, f, 0, 1);
        assertEquals(1f, from1[0], 1e-6f);
        assertEquals(0.6f, from1[1], 1e-6f);
        assertEquals((float) (0.5 / Math.sqrt(1.25)), from1[2], 1e-6f);
        // The same three nodes moved off the face (x - 10) have the same features.
        double[] moved = {9.5, 12, 10, 10.5, 12, 10, 9.5, 10, 10};
        CosmicGraph g2 = RadiusGraph.build(moved, 20, 2.5, false);
        float[] f2 = EdgeFeatures.compute(g2, moved, v, new PeriodicBox(20));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    assertArrayEquals(features(g2, f2, i, j), features(g, f, i, j), 1e-5f, i + " <- " + j);
                }
            }
        }
    }

    /** The features of edge receiver <- sender. */
    private static float[] features(CosmicGraph g, float[] f, int receiver, int sender) {
        for (int e = g.receiverOffsets()[receiver]; e < g.receiverOffsets()[receiver + 1]; e++) {
            if (g.senders()[e] == sender) {
                return java.util.Arrays.copyOfRange(f, e * F, (e + 1) * F);
            }
        }
        throw new AssertionError("no edge " + receiver + " <- " + sender);
    }

    /** Brute force over all pairs, written from EdgeFeature's definitions: every edge of a clustered catalog. */
    @Test
    void matchesABruteForceOverAllPairs() {
        double box = 40;
        double radius = 5;
        double[] p = Points.clustered(400, box, 7);
        SplittableRandom r = new SplittableRandom(7);
        double[] v = new double[p.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 300 * r.nextGaussian();
        }
        int n = p.length / 3;
        double[] vbar = new double[3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                vbar[a] += v[3 * i + a] / n;
            }
        }
        CosmicGraph g = RadiusGraph.build(p, box, radius, false);
        float[] f = EdgeFeatures.compute(g, p, v, new PeriodicBox(box));
        int checked = 0;
        for (int i = 0; i < n; i++) {
            java.util.List<double[]> ds = new java.util.ArrayList<>();
            java.util.List<Integer> js = new java.util.ArrayList<>();
            for (int j = 0; j < n; j++) {
                double[] d = new double[3];
                for (int a = 0; a < 3; a++) {
                    double x = p[3 * i + a] - p[3 * j + a];
                    d[a] = x - box * Math.rint(x / box);
                }
                if (j != i && Math.sqrt(dot(d, d)) < radius) {
                    ds.add(d);
                    js.add(j);
                }
            }
            double[] a = new double[3];
            for (double[] d : ds) {
                for (int c = 0; c < 3; c++) {
                    a[c] += d[c] / ds.size();
                }
            }
            double[] wi = unit(v[3 * i] - vbar[0], v[3 * i + 1] - vbar[1], v[3 * i + 2] - vbar[2]);
            for (int k = 0; k < ds.size(); k++) {
                int j = js.get(k);
                double[] d = ds.get(k);
                double[] b = {a[0] - d[0], a[1] - d[1], a[2] - d[2]};
                double[] dv = {v[3 * i] - v[3 * j], v[3 * i + 1] - v[3 * j + 1], v[3 * i + 2] - v[3 * j + 2]};
                double[] wj = unit(v[3 * j] - vbar[0], v[3 * j + 1] - vbar[1], v[3 * j + 2] - vbar[2]);
                double[] expected = {Math.sqrt(dot(d, d)), cos(a, b), cos(a, d), Math.sqrt(dot(dv, dv)), dot(wi, wj),
                    cos(wi, dv)};
                float[] got = features(g, f, i, j);
                for (int c = 0; c < F; c++) {
                    double tol = c == 3 ? 1e-3 : 1e-5;
                    assertEquals(expected[c], got[c], tol, "edge " + i + " <- " + j + ", " + EdgeFeature.values()[c]);
                }
                checked++;
            }
            assertEquals(ds.size(), g.receiverOffsets()[i + 1] - g.receiverOffsets()[i], "in-degree of " + i);
        }
        assertTrue(checked > 2000, "only " + checked + " edges");
    }

    private static double cos(double[] a, double[] b) {
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0;
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
        // Node 1 sits exactly at its neighbours' centroid (a = 0); nodes 0 and 1 share a velocity.
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

    /** Re-wrapping the catalog across the periodic boundary moves the box's centroid, not any feature. */
    @RepeatedTest(3)
    void everyFeatureInvariantUnderPeriodicShiftsOfTheOrigin(org.junit.jupiter.api.RepetitionInfo info) {
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
        for (int i = 0; i < v.length; i++) {
            v[i] = 300 * r.nextGaussian();
        }
        CosmicGraph g = RadiusGraph.build(p, box, 5, false);
        CosmicGraph g2 = RadiusGraph.build(shifted, box, 5, false);
        assertArrayEquals(g.senders(), g2.senders());
        assertArrayEquals(g.receivers(), g2.receivers());
        float[] f = EdgeFeatures.compute(g, p, v, b);
        float[] f2 = EdgeFeatures.compute(g2, shifted, v, b);
        double[] scale = {1, 1, 1, 1e-3, 1, 1}; // compare speeds in units of 1000 km/s
        for (int x = 0; x < f.length; x++) {
            assertEquals(f[x] * scale[x % F], f2[x] * scale[x % F], 1e-5, "feature " + EdgeFeature.values()[x % F]);
        }
    }
}
