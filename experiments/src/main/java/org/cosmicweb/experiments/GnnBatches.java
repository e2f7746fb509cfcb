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
    /** Batches and, for each batch, the catalog row of each of its scored nodes. */
    public record Batches(List<GraphBatch> batches, List<int[]> scoredRows) {
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
    static Batches build(ExperimentData data, CosmicGraph graph, int[] rowsOfNodes, boolean[] scored, double d,
                         int blocksPerAxis, Standardizer nodeStd, Standardizer edgeStd, Standardizer targetStd) {
        double[] pos = new double[3 * rowsOfNodes.length];
        for (int t = 0; t < rowsOfNodes.length; t++) {
            System.arraycopy(data.catalog.positionsMpc(), 3 * rowsOfNodes[t], pos, 3 * t, 3);
        }
        List<GraphPartition> parts = SpatialPartitioner.partition(graph, pos, data.catalog.boxSizeMpc(), blocksPerAxis, d);
        List<GraphBatch> batches = new ArrayList<>();
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
                    local.receivers(), local.receiverOffsets(), edgeStd.apply(local.edgeFeatures()), y));
            scoredRows.add(Arrays.copyOf(rows, numScored));
        }
        return new Batches(batches, scoredRows);
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
