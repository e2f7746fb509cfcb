package org.cosmicweb.graph;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.alg.util.Pair;
import org.jgrapht.opt.graph.sparse.SparseIntUndirectedGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * JGraphT views of a {@link CosmicGraph} for analysis, built on demand from the arrays: an
 * undirected simple graph with one edge per connected pair, self-loops dropped.
 */
public final class GraphViews {
    /** Summary statistics; clustering is NaN when not asked for. */
    public record Stats(int nodes, long directedEdges, double meanDegree, int minDegree, int maxDegree, int components,
                        double clustering) {
    }

    private GraphViews() {
    }

    public static Graph<Integer, Integer> undirected(CosmicGraph g) {
        List<Pair<Integer, Integer>> edges = new ArrayList<>();
        for (int i = 0; i < g.numNodes(); i++) {
            for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                int j = g.senders()[e];
                if (j < i) {
                    edges.add(Pair.of(j, i));
                } else if (j > i && !hasEdge(g, j, i)) {
                    edges.add(Pair.of(i, j)); // directed only i <- j: keep it once
                }
            }
        }
        if (edges.isEmpty()) {
            // The sparse graph needs at least one edge; a graph of isolated nodes is a plain one.
            org.jgrapht.graph.SimpleGraph<Integer, Integer> empty = new org.jgrapht.graph.SimpleGraph<>(null,
                    org.jgrapht.util.SupplierUtil.createIntegerSupplier(), false);
            for (int i = 0; i < g.numNodes(); i++) {
                empty.addVertex(i);
            }
            return empty;
        }
        return new SparseIntUndirectedGraph(g.numNodes(), edges);
    }

    private static boolean hasEdge(CosmicGraph g, int receiver, int sender) {
        int lo = g.receiverOffsets()[receiver];
        int hi = g.receiverOffsets()[receiver + 1];
        return java.util.Arrays.binarySearch(g.senders(), lo, hi, sender) >= 0;
    }

    /** Degrees count incoming edges without self-loops; components and clustering come from JGraphT. */
    public static Stats stats(CosmicGraph g, boolean clustering) {
        int n = g.numNodes();
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int d = 0;
            for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                d += g.senders()[e] != i ? 1 : 0;
            }
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        Graph<Integer, Integer> view = undirected(g);
        int components = new ConnectivityInspector<>(view).connectedSets().size();
        double cc = clustering ? new ClusteringCoefficient<>(view).getAverageClusteringCoefficient() : Double.NaN;
        return new Stats(n, sum, n == 0 ? 0 : (double) sum / n, n == 0 ? 0 : min, max, components, cc);
    }
}
