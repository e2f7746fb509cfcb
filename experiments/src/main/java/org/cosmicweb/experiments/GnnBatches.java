package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.graph.GraphPartition;
import org.cosmicweb.graph.SpatialPartitioner;
import org.cosmicweb.graph.Subgraph;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.Standardizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a cosmic graph into minibatches for the GNN engine: spatial partitions of the graph
 * (cosmic-graph's {@link SpatialPartitioner}, halo width = linking length, so every edge into a
 * scored node is present), standardised features, and the scored nodes of each partition first.
 */
public final class GnnBatches {
    /**
     * Batches and, for each batch, the catalog row of each of its nodes (scored nodes first) and of
     * its scored nodes alone.
     */
    public record Batches(List<GraphBatch> batches, List<int[]> nodeRows, List<int[]> scoredRows) {
    }

    private GnnBatches() {
    }

    /** Blocks per axis: at least 2 (several minibatches per epoch), more when the memory budget asks for it; d is the halo width. */
    static int blocksPerAxis(CosmicGraph g, double box, double d, long budgetBytes) {
        int b = Math.max(2, SpatialPartitioner.blocksPerAxisForBudget(g, box, d, budgetBytes));
        while (b > 1 && box / b <= 2 * d) {
            b--;
        }
        return b;
    }

    /**
     * @param graph      graph over catalog rows {@code rowsOfNodes} (node t is row rowsOfNodes[t])
     * @param scored     which catalog rows are scored (others only send messages)
     * @param d          halo width of the partitions: the linking length times the message-passing rounds
     */
    static Batches build(ExperimentData data, double[] positions, CosmicGraph graph, int[] rowsOfNodes, boolean[] scored,
                         double d, int blocksPerAxis, Standardizer nodeStd, Standardizer edgeStd,
                         Standardizer targetStd) {
        double[] pos = new double[3 * rowsOfNodes.length];
        for (int t = 0; t < rowsOfNodes.length; t++) {
            System.arraycopy(positions, 3 * rowsOfNodes[t], pos, 3 * t, 3);
        }
        List<GraphPartition> parts = SpatialPartitioner.partition(graph, pos, data.catalog.boxSizeMpc(), blocksPerAxis, d);
        List<GraphBatch> batches = new ArrayList<>();
        List<int[]> nodeRows = new ArrayList<>();
        List<int[]> scoredRows = new ArrayList<>();
        int[] scratch = new int[graph.numNodes()];
        Arrays.fill(scratch, -1);
        for (GraphPartition p : parts) {
            int[] order = new int[p.nodes().length];
            int k = 0;
            for (int t = 0; t < p.numOwned(); t++) {
                if (scored[rowsOfNodes[p.nodes()[t]]]) {
                    order[k++] = t;
                }
            }
            int numScored = k;
            if (numScored == 0) {
                continue;
            }
            for (int t = 0; t < p.nodes().length; t++) {
                if (t >= p.numOwned() || !scored[rowsOfNodes[p.nodes()[t]]]) {
                    order[k++] = t;
                }
            }
            CosmicGraph local = Subgraph.induced(p.graph(), order, Arrays.copyOf(scratch, p.nodes().length));
            int n = order.length;
            int[] rows = new int[n];
            double[] x = new double[3 * n];
            float[] y = new float[n];
            for (int t = 0; t < n; t++) {
                int row = rowsOfNodes[p.nodes()[order[t]]];
                rows[t] = row;
                System.arraycopy(data.nodeFeatures, 3 * row, x, 3 * t, 3);
                y[t] = (float) ((data.target[row] - targetStd.mean()[0]) / targetStd.std()[0]);
            }
            batches.add(new GraphBatch(n, numScored, 3, nodeStd.apply(x), EdgeFeature.COUNT, local.senders(),
                    local.receivers(), local.receiverOffsets(), edgeStd.apply(local.edgeFeatures()), y,
                    directions(data, positions, rows, local.senders(), local.receivers())));
            nodeRows.add(rows);
            scoredRows.add(Arrays.copyOf(rows, numScored));
        }
        return new Batches(batches, nodeRows, scoredRows);
    }

    /**
     * Training minibatches of one message-passing round: the scored nodes in a seeded random order,
     * cut into groups of {@code batchNodes}; each batch holds its group (scored, first), every
     * in-neighbour of the group (senders only), and exactly the edges into the group. Every edge into
     * a scored node is in exactly one batch, so nothing is truncated, and batches are independent
     * random samples of the training galaxies rather than spatial blocks.
     *
     * @param graph       graph over catalog rows {@code rowsOfNodes} (node t is row rowsOfNodes[t])
     * @param scored      which catalog rows are scored
     */
    static Batches neighbourhoods(ExperimentData data, double[] positions, CosmicGraph graph, int[] rowsOfNodes,
                                  boolean[] scored, int batchNodes, long seed, Standardizer nodeStd,
                                  Standardizer edgeStd, Standardizer targetStd) {
        if (batchNodes < 1) {
            throw new IllegalArgumentException("batch size must be >= 1 galaxy, got " + batchNodes);
        }
        int[] order = java.util.stream.IntStream.range(0, graph.numNodes()).filter(t -> scored[rowsOfNodes[t]]).toArray();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int f = EdgeFeature.COUNT;
        int[] local = new int[graph.numNodes()];
        Arrays.fill(local, -1);
        List<GraphBatch> batches = new ArrayList<>();
        List<int[]> nodeRows = new ArrayList<>();
        List<int[]> scoredRows = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchNodes) {
            int k = Math.min(batchNodes, order.length - start);
            int[] nodes = new int[k];
            int n = 0;
            int edges = 0;
            for (int q = 0; q < k; q++) {
                int t = order[start + q];
                local[t] = n;
                nodes[n++] = t;
                edges += graph.receiverOffsets()[t + 1] - graph.receiverOffsets()[t];
            }
            for (int q = 0; q < k; q++) {
                int t = order[start + q];
                for (int e = graph.receiverOffsets()[t]; e < graph.receiverOffsets()[t + 1]; e++) {
                    int s = graph.senders()[e];
                    if (local[s] < 0) {
                        if (n == nodes.length) {
                            nodes = Arrays.copyOf(nodes, 2 * nodes.length);
                        }
                        local[s] = n;
                        nodes[n++] = s;
                    }
                }
            }
            int[] senders = new int[edges];
            int[] receivers = new int[edges];
            int[] offsets = new int[n + 1];
            float[] feats = new float[edges * f];
            int w = 0;
            for (int q = 0; q < k; q++) {
                int t = nodes[q];
                for (int e = graph.receiverOffsets()[t]; e < graph.receiverOffsets()[t + 1]; e++) {
                    senders[w] = local[graph.senders()[e]];
                    receivers[w] = q;
                    System.arraycopy(graph.edgeFeatures(), e * f, feats, w * f, f);
                    w++;
                }
                offsets[q + 1] = w;
            }
            for (int q = k; q < n; q++) {
                offsets[q + 1] = w;
            }
            int[] rows = new int[n];
            double[] x = new double[3 * n];
            float[] y = new float[n];
            for (int q = 0; q < n; q++) {
                int row = rowsOfNodes[nodes[q]];
                rows[q] = row;
                System.arraycopy(data.nodeFeatures, 3 * row, x, 3 * q, 3);
                y[q] = (float) ((data.target[row] - targetStd.mean()[0]) / targetStd.std()[0]);
                local[nodes[q]] = -1;
            }
            batches.add(new GraphBatch(n, k, 3, nodeStd.apply(x), f, senders, receivers, offsets,
                    edgeStd.apply(feats), y, directions(data, positions, rows, senders, receivers)));
            nodeRows.add(rows);
            scoredRows.add(Arrays.copyOf(rows, k));
        }
        return new Batches(batches, nodeRows, scoredRows);
    }

    /**
     * Unit vector of each edge from sender to receiver, x_receiver − x_sender at the minimum image
     * (zero for coincident points), [E, 3]; rows[t] is the catalog row of batch node t, and
     * {@code pos} the positions the graph measures distance in (projected ones for a projected graph).
     */
    static float[] directions(ExperimentData data, double[] pos, int[] rows, int[] senders, int[] receivers) {
        org.cosmicweb.graph.PeriodicBox box = new org.cosmicweb.graph.PeriodicBox(data.catalog.boxSizeMpc());
        float[] d = new float[3 * senders.length];
        for (int e = 0; e < senders.length; e++) {
            int i = rows[receivers[e]];
            int j = rows[senders[e]];
            double dx = box.delta(pos[3 * i], pos[3 * j]);
            double dy = box.delta(pos[3 * i + 1], pos[3 * j + 1]);
            double dz = box.delta(pos[3 * i + 2], pos[3 * j + 2]);
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (r > 0) {
                d[3 * e] = (float) (dx / r);
                d[3 * e + 1] = (float) (dy / r);
                d[3 * e + 2] = (float) (dz / r);
            }
        }
        return d;
    }

    /** The longest edge of a graph (feature 0 is the separation of every graph kind), Mpc. */
    static double maxEdgeLength(CosmicGraph g) {
        double m = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            m = Math.max(m, g.edgeFeatures()[e * EdgeFeature.COUNT]);
        }
        return m;
    }

    /** Edge-feature standardiser fitted on the edges into the given nodes. */
    static Standardizer fitEdges(CosmicGraph g, boolean[] intoNodes) {
        int f = EdgeFeature.COUNT;
        int count = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            count += intoNodes[g.receivers()[e]] ? 1 : 0;
        }
        if (count == 0) {
            return new Standardizer(new double[f], filled(f, 1.0));
        }
        double[] rows = new double[count * f];
        int k = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            if (intoNodes[g.receivers()[e]]) {
                for (int c = 0; c < f; c++) {
                    rows[k * f + c] = g.edgeFeatures()[e * f + c];
                }
                k++;
            }
        }
        return Standardizer.fit(rows, f, null);
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
