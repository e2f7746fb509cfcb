package org.cosmicweb.graph;

import org.cosmicweb.common.Threads;

import java.util.stream.IntStream;

/**
 * Overdensity at several radii from one neighbour search: for node i and radius R,
 * log10 Σ_{j : |x_i − x_j| &lt; R} M_j (self included), with M the DMO subhalo mass in Msun.
 */
public final class Overdensity {
    private Overdensity() {
    }

    /**
     * @param logMassMsun log10 M_j per node
     * @param radiiMpc    radii, each in (0, L/2)
     * @return row-major [N, radii.length] of log10 summed mass in Msun
     */
    public static double[] logMassWithin(double[] positionsMpc, double[] logMassMsun, double boxMpc, double[] radiiMpc) {
        PeriodicBox box = new PeriodicBox(boxMpc);
        double[] pos = box.checkedPositions(positionsMpc, "position");
        int n = pos.length / 3;
        if (logMassMsun.length != n) {
            throw new IllegalArgumentException("need one mass per node: " + logMassMsun.length + " masses for " + n + " nodes");
        }
        if (radiiMpc.length == 0) {
            throw new IllegalArgumentException("give at least one radius");
        }
        double rMax = 0;
        for (double r : radiiMpc) {
            RadiusGraph.checkLinkingLength(r, boxMpc);
            rMax = Math.max(rMax, r);
        }
        int nr = radiiMpc.length;
        double[] r2 = new double[nr];
        for (int a = 0; a < nr; a++) {
            r2[a] = radiiMpc[a] * radiiMpc[a];
        }
        double[] mass = new double[n];
        for (int i = 0; i < n; i++) {
            mass[i] = Math.pow(10, logMassMsun[i] - 10); // 1e10 Msun units keep sums well scaled
        }
        CellList cells = new CellList(pos, box, rMax);
        double[] out = new double[n * nr];
        Threads.run(() -> IntStream.range(0, n).parallel().forEach(i -> {
            double[] sum = new double[nr];
            for (int c : cells.neighbourCells(cells.cellOf[i])) {
                for (int t = cells.start[c]; t < cells.start[c + 1]; t++) {
                    int j = cells.order[t];
                    double d2 = box.distanceSquared(pos, i, j);
                    for (int a = 0; a < nr; a++) {
                        if (d2 < r2[a]) {
                            sum[a] += mass[j];
                        }
                    }
                }
            }
            for (int a = 0; a < nr; a++) {
                out[i * nr + a] = Math.log10(sum[a]) + 10;
            }
        }));
        return out;
    }
}
