package org.cosmicweb.graph;

/**
 * All ordered pairs (j → i) with minimum-image separation |x_i − x_j| &lt; D, found with a cell
 * list of cells ≥ D, parallel over receivers. Every pair is kept: no neighbour list is
 * truncated. Cost O(N + E + N n D³) for number density n.
 */
public final class RadiusGraph {
    private RadiusGraph() {
    }

    /**
     * @param positionsMpc     row-major [N, 3]; finite values outside [0, L) are wrapped, NaN is an error
     * @param linkingLengthMpc D, in (0, L/2)
     */
    public static CosmicGraph build(double[] positionsMpc, double boxMpc, double linkingLengthMpc, boolean selfLoops) {
        return build(positionsMpc, boxMpc, linkingLengthMpc, selfLoops, null);
    }

    /** Which of the pairs within D to keep (e.g. a velocity window); called for every such pair but self-loops. */
    @FunctionalInterface
    public interface PairFilter {
        boolean keep(int receiver, int sender);
    }

    /** As {@link #build(double[], double, double, boolean)}, keeping only the pairs {@code filter} accepts (null: all). */
    public static CosmicGraph build(double[] positionsMpc, double boxMpc, double linkingLengthMpc, boolean selfLoops,
                                    PairFilter filter) {
        PeriodicBox box = new PeriodicBox(boxMpc);
        checkLinkingLength(linkingLengthMpc, boxMpc);
        double[] pos = box.checkedPositions(positionsMpc, "position");
        int n = pos.length / 3;
        if (n == 0) {
            throw new IllegalArgumentException("cannot build a graph on an empty catalog");
        }
        CellList cells = new CellList(pos, box, linkingLengthMpc);
        double r2 = linkingLengthMpc * linkingLengthMpc;
        EdgeAccumulator.Filler filler = (range, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int c : cells.neighbourCells(cells.cellOf[i])) {
                    for (int t = cells.start[c]; t < cells.start[c + 1]; t++) {
                        int j = cells.order[t];
                        if (j == i) {
                            if (selfLoops) {
                                range.add(i, i);
                            }
                        } else if (box.distanceSquared(pos, i, j) < r2 && (filter == null || filter.keep(i, j))) {
                            range.add(i, j);
                        }
                    }
                }
            }
        };
        return EdgeAccumulator.build(n, filler, linkingLengthMpc, 0, selfLoops);
    }

    static void checkLinkingLength(double d, double box) {
        if (!(d > 0) || !Double.isFinite(d)) {
            throw new IllegalArgumentException("linking length must be positive, got " + d + " Mpc");
        }
        if (d >= 0.5 * box) {
            throw new IllegalArgumentException("linking length " + d + " Mpc must be below half the box ("
                    + 0.5 * box + " Mpc) for the minimum-image rule to hold");
        }
    }
}
