package org.cosmicweb.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Test catalogs with known structure, and brute-force references. */
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

    /** Gaussian clumps, several straddling the faces and corners of the box, wrapped into it. */
    static double[] clustered(int n, double box, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PeriodicBox b = new PeriodicBox(box);
        double[][] centres = {{0, 0, 0}, {box, box / 2, 0.01}, {box / 3, box / 3, box / 3}, {box * 0.999, 0.2, box / 2}};
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] c = i % 5 == 4 ? new double[] {r.nextDouble() * box, r.nextDouble() * box, r.nextDouble() * box}
                    : centres[i % 4];
            for (int a = 0; a < 3; a++) {
                p[3 * i + a] = b.wrap(c[a] + 0.04 * box * r.nextGaussian());
            }
        }
        return p;
    }

    /** Brute-force set of "receiver,sender" pairs closer than d (minimum image). */
    static Set<Long> bruteRadius(double[] p, double box, double d, boolean self) {
        PeriodicBox b = new PeriodicBox(box);
        int n = p.length / 3;
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if ((i == j && self) || (i != j && b.distanceSquared(p, i, j) < d * d)) {
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
        PeriodicBox b = new PeriodicBox(box);
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
                int c = Double.compare(b.distanceSquared(p, fi, x), b.distanceSquared(p, fi, y));
                return c != 0 ? c : Integer.compare(x, y);
            });
            for (int t = 0; t < k; t++) {
                out.add(key(i, others.get(t)));
            }
        }
        return out;
    }
}
