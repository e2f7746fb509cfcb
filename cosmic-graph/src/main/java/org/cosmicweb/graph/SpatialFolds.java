package org.cosmicweb.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation in slabs along one axis of the periodic box. Fold f validates on nodes
 * with coordinate in [f L/K, (f+1) L/K) and trains on nodes farther than {@code padMpc} (periodic
 * distance along the axis) from that slab; nodes inside the padding are in neither. With padding
 * ≥ the linking length no training node has an edge to a validation node.
 */
public final class SpatialFolds {
    /** One fold's node indices, each ascending. */
    public record Fold(int index, int[] train, int[] validation) {
    }

    private SpatialFolds() {
    }

    public static List<Fold> split(double[] positionsMpc, double boxMpc, int k, double padMpc, int axis) {
        PeriodicBox box = new PeriodicBox(boxMpc);
        double[] pos = box.checkedPositions(positionsMpc, "position");
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("axis must be 0 (x), 1 (y) or 2 (z), got " + axis);
        }
        double slab = boxMpc / k;
        if (!(padMpc >= 0) || 2 * padMpc >= boxMpc - slab) {
            throw new IllegalArgumentException("padding " + padMpc + " Mpc must be >= 0 and leave training data: below "
                    + (boxMpc - slab) / 2 + " Mpc for " + k + " folds in a " + boxMpc + " Mpc box");
        }
        int n = pos.length / 3;
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            double lo = f * slab;
            // The last slab ends at the box: K (L / K) can round below L, which would leave the nodes
            // just under L in no validation fold.
            double hi = f == k - 1 ? boxMpc : (f + 1) * slab;
            int[] train = new int[n];
            int[] valid = new int[n];
            int nt = 0;
            int nv = 0;
            for (int i = 0; i < n; i++) {
                double z = pos[3 * i + axis];
                if (z >= lo && z < hi) {
                    valid[nv++] = i;
                } else if (distanceToSlab(z, lo, hi, boxMpc) > padMpc) {
                    train[nt++] = i;
                }
            }
            folds.add(new Fold(f, java.util.Arrays.copyOf(train, nt), java.util.Arrays.copyOf(valid, nv)));
        }
        return folds;
    }

    /** Periodic distance from coordinate z (outside the slab) to the slab [lo, hi). */
    static double distanceToSlab(double z, double lo, double hi, double box) {
        double above = z >= hi ? z - hi : z + box - hi;
        double below = z < lo ? lo - z : lo + box - z;
        return Math.min(above, below);
    }
}
