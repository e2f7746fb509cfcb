package org.cosmicweb.graph;

import org.cosmicweb.common.Threads;

import java.util.stream.IntStream;

/**
 * The disjoint union of several graphs (one per simulation box of a suite) as one
 * {@link CosmicGraph} over a global node numbering: part p's local node t is global node
 * {@code nodes(p)[t]}, and every edge stays inside its part, so no edge joins two boxes.
 *
 * <p>Built in two passes so that only one part's graph per thread exists beside the union: the
 * first builds each part's topology to count in-degrees, the second builds it again with edge
 * features and copies it into place. Parts run in parallel; each writes only its own nodes' slices.
 * Topology is cheap next to features, so the second build costs less than holding every part.
 */
public final class GraphUnion {
    /** The parts of a union. */
    public interface Parts {
        int count();

        /** Global index of each local node of part p, strictly increasing. */
        int[] nodes(int p);

        /** Part p's graph; with {@code features} false its edge features may be null. */
        CosmicGraph graph(int p, boolean features);
    }

    private GraphUnion() {
    }

    public static CosmicGraph build(int numNodes, Parts parts) {
        int n = parts.count();
        int[] degree = new int[numNodes];
        boolean[] covered = new boolean[numNodes];
        double[] linking = new double[n];
        int[] k = new int[n];
        boolean[] loops = new boolean[n];
        Threads.run(() -> IntStream.range(0, n).parallel().forEach(p -> {
            int[] global = parts.nodes(p);
            CosmicGraph g = parts.graph(p, false);
            check(p, g, global, numNodes);
            for (int t = 0; t < global.length; t++) {
                if (covered[global[t]]) {
                    throw new IllegalArgumentException("node " + global[t] + " belongs to two parts (part " + p + ")");
                }
                covered[global[t]] = true;
                degree[global[t]] = g.inDegree(t);
            }
            linking[p] = g.linkingLengthMpc();
            k[p] = g.k();
            loops[p] = g.selfLoops();
        }));
        for (int p = 1; p < n; p++) {
            if (Double.compare(linking[p], linking[0]) != 0 || k[p] != k[0] || loops[p] != loops[0]) {
                throw new IllegalArgumentException("part " + p + " was built with other settings than part 0");
            }
        }
        int[] offsets = new int[numNodes + 1];
        long total = 0;
        for (int i = 0; i < numNodes; i++) {
            total += degree[i];
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the union would have more than " + (Integer.MAX_VALUE - 8)
                        + " edges; use a smaller linking length");
            }
            offsets[i + 1] = (int) total;
        }
        int e = (int) total;
        int f = EdgeFeature.COUNT;
        int[] senders = new int[e];
        int[] receivers = new int[e];
        float[] features = new float[Math.multiplyExact(e, f)];
        Threads.run(() -> IntStream.range(0, n).parallel().forEach(p -> {
            int[] global = parts.nodes(p);
            CosmicGraph g = parts.graph(p, true);
            check(p, g, global, numNodes);
            for (int t = 0; t < global.length; t++) {
                int i = global[t];
                if (g.inDegree(t) != degree[i]) {
                    throw new IllegalStateException("part " + p + " gave node " + i + " " + g.inDegree(t)
                            + " edges in the second pass and " + degree[i] + " in the first");
                }
                int w = offsets[i];
                for (int x = g.receiverOffsets()[t]; x < g.receiverOffsets()[t + 1]; x++, w++) {
                    senders[w] = global[g.senders()[x]];
                    receivers[w] = i;
                }
                int from = g.receiverOffsets()[t];
                System.arraycopy(g.edgeFeatures(), from * f, features, offsets[i] * f, degree[i] * f);
            }
        }));
        return new CosmicGraph(numNodes, senders, receivers, offsets, features, n == 0 ? Double.NaN : linking[0],
                n == 0 ? 0 : k[0], n > 0 && loops[0]);
    }

    private static void check(int p, CosmicGraph g, int[] global, int numNodes) {
        if (g.numNodes() != global.length) {
            throw new IllegalArgumentException("part " + p + " has " + g.numNodes() + " nodes but maps " + global.length);
        }
        for (int t = 0; t < global.length; t++) {
            if (global[t] < 0 || global[t] >= numNodes || (t > 0 && global[t] <= global[t - 1])) {
                throw new IllegalArgumentException("part " + p + " maps its nodes to " + global[t] + " at " + t
                        + ": global indices must increase and lie in 0.." + (numNodes - 1));
            }
        }
    }
}
