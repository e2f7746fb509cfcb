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
 * scored node is present), random neighbourhoods, or, for a suite, groups of whole boxes (a
 * disjoint union of box graphs: no edge between boxes, and no halo needed since a box is closed);
 * standardised features, and the scored nodes of each batch first. Graph node t is
 * {@link ExperimentData} node {@code rowsOfNodes[t]}: a galaxy row below {@link ExperimentData#size()},
 * else a node that only sends messages (its target is 0 and never scored).
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
        List<GraphBatch> batches = new ArrayList<>();
        List<int[]> nodeRows = new ArrayList<>();
        List<int[]> scoredRows = new ArrayList<>();
        forEachPartition(data, positions, graph, rowsOfNodes, scored, d, blocksPerAxis, nodeStd, edgeStd, targetStd,
                (g, rows) -> {
                    batches.add(g);
                    nodeRows.add(rows);
                    scoredRows.add(Arrays.copyOf(rows, g.numScored));
                });
        return new Batches(batches, nodeRows, scoredRows);
    }

    /** As {@link #build}, handing the batches to {@code sink} one at a time (one partition's edges in memory). */
    static void forEachPartition(ExperimentData data, double[] positions, CosmicGraph graph, int[] rowsOfNodes,
                                 boolean[] scored, double d, int blocksPerAxis, Standardizer nodeStd,
                                 Standardizer edgeStd, Standardizer targetStd, BatchSink sink) {
        double[] pos = ExperimentData.gather(positions, rowsOfNodes);
        SpatialPartitioner.Plan plan = SpatialPartitioner.plan(graph, pos, data.catalog.boxSizeMpc(), blocksPerAxis, d);
        int[] scratch = new int[graph.numNodes()];
        Arrays.fill(scratch, -1);
        for (int q = 0; q < plan.count(); q++) {
            if (plan.owned(q) == 0) {
                continue;
            }
            GraphPartition p = plan.get(q);
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
            for (int t = 0; t < n; t++) {
                rows[t] = rowsOfNodes[p.nodes()[order[t]]];
            }
            sink.accept(batch(data, positions, rows, numScored, local.senders(), local.receivers(),
                    local.receiverOffsets(), local.edgeFeatures(), nodeStd, edgeStd, targetStd), rows);
        }
    }

    /** Graph nodes per batch when predicting with one round (no gradients: memory bounds it). */
    static final int PREDICTION_BATCH = 4096;

    /**
     * The batches that predict the scored graph nodes of {@code graph} with a network of {@code layers}
     * rounds and the given standardisers, one at a time: for one round, groups of scored nodes with
     * their in-neighbours; on a suite, groups of whole boxes; else spatial partitions with a halo of
     * layers × the longest edge. No targets are attached.
     */
    static void forEachPredictionBatch(ExperimentData data, GraphSpec spec, CosmicGraph graph, boolean[] scored,
                                       int layers, Standardizer nodeStd, Standardizer edgeStd, long memoryBudgetBytes,
                                       BatchSink sink) {
        int n = graph.numNodes();
        int[] identity = java.util.stream.IntStream.range(0, n).toArray();
        double[] pos = data.positionsFor(spec);
        if (layers == 1) {
            int[] order = java.util.stream.IntStream.range(0, n).filter(t -> scored[t]).toArray();
            forEachNeighbourhood(data, pos, graph, identity, order, PREDICTION_BATCH, nodeStd, edgeStd, null, sink);
        } else if (data.boxCount() > 1) {
            int[] scratch = new int[n];
            Arrays.fill(scratch, -1);
            for (BoxGroup g : boxGroups(data, graph, identity, scored, memoryBudgetBytes)) {
                GraphBatch b = boxBatch(data, pos, graph, identity, g, scratch, nodeStd, edgeStd, null);
                sink.accept(b, g.nodes());
            }
        } else {
            double halo = layers * maxEdgeLength(graph);
            int blocks = blocksPerAxis(graph, data.catalog.boxSizeMpc(), halo, memoryBudgetBytes);
            forEachPartition(data, pos, graph, identity, scored, halo, blocks, nodeStd, edgeStd, null, sink);
        }
    }

    /**
     * One batch: node features of {@code rows} (standardised), edges as given (features
     * standardised), targets of the galaxy rows (0 for other nodes; no targets at all when
     * {@code targetStd} is null, as for prediction) and the edges' directions.
     */
    static GraphBatch batch(ExperimentData data, double[] positions, int[] rows, int numScored, int[] senders,
                            int[] receivers, int[] offsets, float[] edgeFeatures, Standardizer nodeStd,
                            Standardizer edgeStd, Standardizer targetStd) {
        int n = rows.length;
        int dim = data.nodeDim();
        double[] x = new double[dim * n];
        float[] y = targetStd == null ? null : new float[n];
        for (int t = 0; t < n; t++) {
            int row = rows[t];
            System.arraycopy(data.nodeFeatures, dim * row, x, dim * t, dim);
            if (y != null && row < data.size()) {
                y[t] = (float) ((data.target[row] - targetStd.mean()[0]) / targetStd.std()[0]);
            }
        }
        return new GraphBatch(n, numScored, dim, nodeStd.apply(x), EdgeFeature.COUNT, senders, receivers, offsets,
                edgeStd.apply(edgeFeatures), y, directions(data, positions, rows, senders, receivers));
    }

    /** Nodes of one batch of whole boxes, its scored nodes first. */
    record BoxGroup(int[] nodes, int numScored) {
    }

    /**
     * Groups of whole boxes, consecutive in box order, each holding up to about {@code budgetBytes}
     * of edges (always at least one box); a group without a scored node is left out. Since no edge
     * leaves a box, a group's induced subgraph has every edge into its nodes, for any number of
     * message-passing rounds.
     *
     * @param graph graph over data nodes {@code rowsOfNodes} (node t is data node rowsOfNodes[t])
     */
    static List<BoxGroup> boxGroups(ExperimentData data, CosmicGraph graph, int[] rowsOfNodes, boolean[] scored,
                                    long budgetBytes) {
        int boxes = data.boxCount();
        int[] boxOf = data.boxOfNode();
        int[] count = new int[boxes + 1];
        long[] edges = new long[boxes];
        for (int t = 0; t < rowsOfNodes.length; t++) {
            int b = boxOf[rowsOfNodes[t]];
            count[b + 1]++;
            edges[b] += graph.inDegree(t);
        }
        for (int b = 0; b < boxes; b++) {
            count[b + 1] += count[b];
        }
        int[] byBox = new int[rowsOfNodes.length];
        int[] fill = Arrays.copyOf(count, boxes);
        for (int t = 0; t < rowsOfNodes.length; t++) {
            byBox[fill[boxOf[rowsOfNodes[t]]]++] = t;
        }
        long bytesPerEdge = 8L + 4L * EdgeFeature.COUNT + 12L;
        List<BoxGroup> out = new ArrayList<>();
        int first = 0;
        while (first < boxes) {
            int last = first;
            long bytes = edges[first] * bytesPerEdge;
            while (last + 1 < boxes && bytes + edges[last + 1] * bytesPerEdge <= budgetBytes) {
                last++;
                bytes += edges[last] * bytesPerEdge;
            }
            int from = count[first];
            int to = count[last + 1];
            int[] order = new int[to - from];
            int k = 0;
            for (int x = from; x < to; x++) {
                if (scored[rowsOfNodes[byBox[x]]]) {
                    order[k++] = byBox[x];
                }
            }
            int numScored = k;
            for (int x = from; x < to; x++) {
                if (!scored[rowsOfNodes[byBox[x]]]) {
                    order[k++] = byBox[x];
                }
            }
            if (numScored > 0) {
                out.add(new BoxGroup(order, numScored));
            }
            first = last + 1;
        }
        return out;
    }

    /**
     * The batch of one group of boxes; {@code scratch} has the graph's node count and is all -1 on
     * entry and exit; {@code positions} are the ones the graph measures distance in.
     */
    static GraphBatch boxBatch(ExperimentData data, double[] positions, CosmicGraph graph, int[] rowsOfNodes,
                               BoxGroup g, int[] scratch, Standardizer nodeStd, Standardizer edgeStd,
                               Standardizer targetStd) {
        CosmicGraph local = Subgraph.induced(graph, g.nodes(), scratch);
        int[] rows = new int[g.nodes().length];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = rowsOfNodes[g.nodes()[t]];
        }
        return batch(data, positions, rows, g.numScored(), local.senders(), local.receivers(),
                local.receiverOffsets(), local.edgeFeatures(), nodeStd, edgeStd, targetStd);
    }

    /** Every batch of whole boxes, for training several message-passing rounds on a suite. */
    static Batches boxes(ExperimentData data, double[] positions, CosmicGraph graph, int[] rowsOfNodes, boolean[] scored,
                         long budgetBytes, Standardizer nodeStd, Standardizer edgeStd, Standardizer targetStd) {
        int[] scratch = new int[graph.numNodes()];
        Arrays.fill(scratch, -1);
        List<GraphBatch> batches = new ArrayList<>();
        List<int[]> nodeRows = new ArrayList<>();
        List<int[]> scoredRows = new ArrayList<>();
        for (BoxGroup g : boxGroups(data, graph, rowsOfNodes, scored, budgetBytes)) {
            batches.add(boxBatch(data, positions, graph, rowsOfNodes, g, scratch, nodeStd, edgeStd, targetStd));
            int[] rows = Arrays.stream(g.nodes()).map(t -> rowsOfNodes[t]).toArray();
            nodeRows.add(rows);
            scoredRows.add(Arrays.copyOf(rows, g.numScored()));
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
        int[] order = java.util.stream.IntStream.range(0, graph.numNodes()).filter(t -> scored[rowsOfNodes[t]]).toArray();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<GraphBatch> batches = new ArrayList<>();
        List<int[]> nodeRows = new ArrayList<>();
        List<int[]> scoredRows = new ArrayList<>();
        forEachNeighbourhood(data, positions, graph, rowsOfNodes, order, batchNodes, nodeStd, edgeStd, targetStd,
                (g, rows) -> {
                    batches.add(g);
                    nodeRows.add(rows);
                    scoredRows.add(Arrays.copyOf(rows, g.numScored));
                });
        return new Batches(batches, nodeRows, scoredRows);
    }

    /** Receives one batch at a time, with the catalog row of each of its nodes (scored nodes first). */
    @FunctionalInterface
    interface BatchSink {
        void accept(GraphBatch batch, int[] rows);
    }

    /**
     * One-round batches of the graph nodes {@code order} (graph node indices, scored, in the order
     * given), {@code batchNodes} at a time, each with all its in-neighbours and exactly the edges into
     * it, handed to {@code sink} one by one: only one batch is in memory at a time.
     */
    static void forEachNeighbourhood(ExperimentData data, double[] positions, CosmicGraph graph, int[] rowsOfNodes,
                                     int[] order, int batchNodes, Standardizer nodeStd, Standardizer edgeStd,
                                     Standardizer targetStd, BatchSink sink) {
        if (batchNodes < 1) {
            throw new IllegalArgumentException("batch size must be >= 1 galaxy, got " + batchNodes);
        }
        int f = EdgeFeature.COUNT;
        int[] local = new int[graph.numNodes()];
        Arrays.fill(local, -1);
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
            for (int q = 0; q < n; q++) {
                rows[q] = rowsOfNodes[nodes[q]];
                local[nodes[q]] = -1;
            }
            sink.accept(batch(data, positions, rows, k, senders, receivers, offsets, feats, nodeStd, edgeStd, targetStd),
                    rows);
        }
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

    /**
     * Edge-feature standardiser fitted on the edges into the given nodes: the arithmetic of
     * {@link Standardizer#fit} (mean, then mean squared deviation, in edge order) read straight from
     * the graph's float features, without a double copy of them (E x 6 x 8 bytes on a suite).
     */
    static Standardizer fitEdges(CosmicGraph g, boolean[] intoNodes) {
        int f = EdgeFeature.COUNT;
        float[] feats = g.edgeFeatures();
        long count = 0;
        double[] mean = new double[f];
        for (int e = 0; e < g.numEdges(); e++) {
            if (intoNodes[g.receivers()[e]]) {
                count++;
                for (int c = 0; c < f; c++) {
                    mean[c] += feats[e * f + c];
                }
            }
        }
        if (count == 0) {
            return new Standardizer(new double[f], filled(f, 1.0));
        }
        for (int c = 0; c < f; c++) {
            mean[c] /= count;
        }
        double[] m2 = new double[f];
        for (int e = 0; e < g.numEdges(); e++) {
            if (intoNodes[g.receivers()[e]]) {
                for (int c = 0; c < f; c++) {
                    double d = feats[e * f + c] - mean[c];
                    m2[c] += d * d;
                }
            }
        }
        double[] std = new double[f];
        for (int c = 0; c < f; c++) {
            double s = Math.sqrt(m2[c] / count);
            std[c] = s > 1e-12 ? s : 1.0;
        }
        return new Standardizer(mean, std);
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
