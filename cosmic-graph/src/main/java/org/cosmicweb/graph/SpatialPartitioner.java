package org.cosmicweb.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a graph into b³ cubic blocks of the periodic box, each with a halo of ghost nodes within
 * {@code haloMpc} of the block (periodic), so that no edge into an owned node is lost, unlike
 * METIS-style cluster sampling. For L stacked message-passing layers use a halo of L × D.
 * Work is O(N · blocks a node touches + E).
 */
public final class SpatialPartitioner {
    private SpatialPartitioner() {
    }

    /** Blocks per axis so that the largest block with halo holds about {@code budgetBytes} of graph. */
    public static int blocksPerAxisForBudget(CosmicGraph g, double boxMpc, double haloMpc, long budgetBytes) {
        long bytesPerEdge = 8L + 4L * EdgeFeature.COUNT;
        for (int b = 1; b <= 64; b++) {
            double side = boxMpc / b;
            if (b > 1 && side <= 2 * haloMpc) {
                return b - 1;
            }
            double grow = Math.pow(1 + 2 * haloMpc / side, 3);
            double edges = (double) g.numEdges() / ((double) b * b * b) * grow * 1.5; // 1.5: clustering margin
            if (edges * bytesPerEdge <= budgetBytes) {
                return b;
            }
        }
        return 64;
    }

    public static List<GraphPartition> partition(CosmicGraph g, double[] positionsMpc, double boxMpc,
                                                 int blocksPerAxis, double haloMpc) {
        Plan plan = plan(g, positionsMpc, boxMpc, blocksPerAxis, haloMpc);
        List<GraphPartition> out = new ArrayList<>(plan.count());
        for (int q = 0; q < plan.count(); q++) {
            out.add(plan.get(q));
        }
        return out;
    }

    /**
     * The blocks' node lists, with each block's induced subgraph built only when asked for, so a
     * caller can hold one block's edges at a time.
     */
    public static final class Plan {
        private final CosmicGraph g;
        private final int[][] owned;
        private final List<int[]> halo;
        private final int[] local;

        private Plan(CosmicGraph g, int[][] owned, List<int[]> halo) {
            this.g = g;
            this.owned = owned;
            this.halo = halo;
            this.local = new int[g.numNodes()];
            Arrays.fill(local, -1);
        }

        public int count() {
            return owned.length;
        }

        /** Owned nodes of block q. */
        public int owned(int q) {
            return owned[q].length;
        }

        /** Block q with its halo and induced subgraph (not thread-safe: one call at a time). */
        public synchronized GraphPartition get(int q) {
            int[] nodes = new int[owned[q].length + halo.get(q).length];
            System.arraycopy(owned[q], 0, nodes, 0, owned[q].length);
            System.arraycopy(halo.get(q), 0, nodes, owned[q].length, halo.get(q).length);
            return new GraphPartition(q, nodes, owned[q].length, Subgraph.induced(g, nodes, local));
        }
    }

    /** The partition's plan: membership of every block; subgraphs on demand ({@link Plan#get}). */
    public static Plan plan(CosmicGraph g, double[] positionsMpc, double boxMpc, int blocksPerAxis, double haloMpc) {
        PeriodicBox box = new PeriodicBox(boxMpc);
        double[] pos = box.checkedPositions(positionsMpc, "position");
        int n = g.numNodes();
        if (pos.length != 3 * n) {
            throw new IllegalArgumentException("positions hold " + pos.length / 3 + " nodes but the graph has " + n);
        }
        if (blocksPerAxis < 1) {
            throw new IllegalArgumentException("blocks per axis must be >= 1, got " + blocksPerAxis);
        }
        if (!(haloMpc >= 0)) {
            throw new IllegalArgumentException("halo width must be >= 0, got " + haloMpc);
        }
        int b = blocksPerAxis;
        double side = boxMpc / b;
        int blocks = b * b * b;
        // Membership lists: owned nodes first, then halo nodes, per block.
        int[][] owned = new int[blocks][];
        int[] ownedCount = new int[blocks];
        int[] home = new int[n];
        for (int i = 0; i < n; i++) {
            home[i] = blockOf(pos, i, side, b);
            ownedCount[home[i]]++;
        }
        for (int q = 0; q < blocks; q++) {
            owned[q] = new int[ownedCount[q]];
        }
        int[] fill = new int[blocks];
        for (int i = 0; i < n; i++) {
            owned[home[i]][fill[home[i]]++] = i;
        }
        List<int[]> halo = new ArrayList<>(blocks);
        int[] haloCount = new int[blocks];
        int[][] haloBuf = new int[blocks][16];
        int[][] axisBlocks = new int[3][];
        double[][] axisGap = new double[3][];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                nearbyBlocks(pos[3 * i + a], side, b, haloMpc, boxMpc, axisBlocks, axisGap, a);
            }
            for (int x = 0; x < axisBlocks[0].length; x++) {
                for (int y = 0; y < axisBlocks[1].length; y++) {
                    for (int z = 0; z < axisBlocks[2].length; z++) {
                        int q = (axisBlocks[0][x] * b + axisBlocks[1][y]) * b + axisBlocks[2][z];
                        if (q == home[i]) {
                            continue;
                        }
                        double gx = axisGap[0][x];
                        double gy = axisGap[1][y];
                        double gz = axisGap[2][z];
                        if (gx * gx + gy * gy + gz * gz <= haloMpc * haloMpc) {
                            if (haloCount[q] == haloBuf[q].length) {
                                haloBuf[q] = Arrays.copyOf(haloBuf[q], haloBuf[q].length * 2);
                            }
                            haloBuf[q][haloCount[q]++] = i;
                        }
                    }
                }
            }
        }
        for (int q = 0; q < blocks; q++) {
            halo.add(Arrays.copyOf(haloBuf[q], haloCount[q]));
        }
        return new Plan(g, owned, halo);
    }

    private static int blockOf(double[] pos, int i, double side, int b) {
        int[] c = new int[3];
        for (int a = 0; a < 3; a++) {
            c[a] = Math.min(b - 1, (int) (pos[3 * i + a] / side));
        }
        return (c[0] * b + c[1]) * b + c[2];
    }

    /** Blocks along one axis whose interval lies within {@code halo} of x (periodic), with the gap to each. */
    private static void nearbyBlocks(double x, double side, int b, double halo, double box, int[][] blocksOut,
                                     double[][] gapOut, int axis) {
        int own = Math.min(b - 1, (int) (x / side));
        int reach = (int) Math.ceil(halo / side);
        int span = Math.min(b, 2 * reach + 1);
        int[] blocks = new int[span];
        double[] gaps = new double[span];
        int k = 0;
        for (int o = -reach; o <= reach && k < span; o++) {
            int q = Math.floorMod(own + o, b);
            boolean seen = false;
            for (int t = 0; t < k; t++) {
                seen |= blocks[t] == q;
            }
            if (seen) {
                continue;
            }
            double lo = q * side;
            double hi = lo + side;
            double gap = x >= lo && x < hi ? 0 : SpatialFolds.distanceToSlab(x, lo, hi, box);
            blocks[k] = q;
            gaps[k] = gap;
            k++;
        }
        blocksOut[axis] = Arrays.copyOf(blocks, k);
        gapOut[axis] = Arrays.copyOf(gaps, k);
    }
}
