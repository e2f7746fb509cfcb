package org.cosmicweb.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Test catalogs with known structure, and brute-force references written without the code under test. */
final class Points {
    private Points() {
    }

    static double[] uniform(int n, double box, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble() * box;
        }
        return p;
    }

    /**
     * Squared distance to the nearest periodic image of j, found by trying the 27 images of j
     * (shifts of -L, 0, +L on each axis) one by one: the definition of the minimum image, written
     * without {@link PeriodicBox} so that the brute-force references do not test the code with itself.
     * Valid for points inside [0, L).
     */
    static double minImageDistanceSquared(double[] p, int i, int j, double box) {
        double best = Double.POSITIVE_INFINITY;
        for (int sx = -1; sx <= 1; sx++) {
            for (int sy = -1; sy <= 1; sy++) {
                for (int sz = -1; sz <= 1; sz++) {
                    double dx = p[3 * i] - (p[3 * j] + sx * box);
                    double dy = p[3 * i + 1] - (p[3 * j + 1] + sy * box);
                    double dz = p[3 * i + 2] - (p[3 * j + 2] + sz * box);
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
            }
        }
        return best;
    }

    /** x wrapped into [0, L) by whole box lengths. */
    static double wrap(double x, double box) {
        double w = x - box * Math.floor(x / box);
        return w >= box ? 0 : w;
    }

    /** Gaussian clumps, several straddling the faces and corners of the box, wrapped into it. */
    static double[] clustered(int n, double box, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = {{0, 0, 0}, {box, box / 2, 0.01}, {box / 3, box / 3, box / 3}, {box * 0.999, 0.2, box / 2}};
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] c = i % 5 == 4 ? new double[] {r.nextDouble() * box, r.nextDouble() * box, r.nextDouble() * box}
                    : centres[i % 4];
            for (int a = 0; a < 3; a++) {
                p[3 * i + a] = wrap(c[a] + 0.04 * box * r.nextGaussian(), box);
            }
        }
        return p;
    }

    /** Brute-force set of "receiver,sender" pairs closer than d (minimum image). */
    static Set<Long> bruteRadius(double[] p, double box, double d, boolean self) {
        int n = p.length / 3;
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if ((i == j && self) || (i != j && minImageDistanceSquared(p, i, j, box) < d * d)) {
                    out.add(key(i, j));
                }
            }
        }
        return out;
    }

    static long key(int receiver, int sender) {
        return ((long) receiver << 32) | sender;
    }

    static Set<Long> pairs(CosmicGraph g) {
        Set<Long> out = new HashSet<>();
        for (int e = 0; e < g.numEdges(); e++) {
            if (!out.add(key(g.receivers()[e], g.senders()[e]))) {
                throw new AssertionError("duplicate edge " + g.senders()[e] + " -> " + g.receivers()[e]);
            }
        }
        return out;
    }

    /** k nearest of each node by (distance, index), as "receiver,sender" pairs. */
    static Set<Long> bruteKnn(double[] p, double box, int k) {
        int n = p.length / 3;
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            final int fi = i;
            others.sort((x, y) -> {
                int c = Double.compare(minImageDistanceSquared(p, fi, x, box), minImageDistanceSquared(p, fi, y, box));
                return c != 0 ? c : Integer.compare(x, y);
            });
            for (int t = 0; t < k; t++) {
                out.add(key(i, others.get(t)));
            }
        }
        return out;
    }
}
