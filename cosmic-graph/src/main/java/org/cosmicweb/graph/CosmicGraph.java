package org.cosmicweb.graph;

/**
 * A directed graph as flat primitive arrays (jraph GraphsTuple / PyG Data style). Edge e carries
 * a message from {@code senders[e]} to {@code receivers[e]}; edges are sorted by receiver, then
 * sender, and {@code receiverOffsets} (length N + 1) is the CSR index: the edges into node i are
 * {@code receiverOffsets[i] .. receiverOffsets[i+1]}. {@code edgeFeatures} is row-major
 * [E, {@link EdgeFeature#COUNT}] or null before features are computed. Node data stays in the catalog.
 *
 * @param linkingLengthMpc the radius used, or NaN for a kNN graph
 * @param k                neighbours per node for a kNN graph, or 0
 * @param selfLoops        whether every node also has an edge i → i
 */
public record CosmicGraph(int numNodes, int[] senders, int[] receivers, int[] receiverOffsets, float[] edgeFeatures,
                          double linkingLengthMpc, int k, boolean selfLoops) {

    public CosmicGraph {
        validate(numNodes, senders, receivers, receiverOffsets, edgeFeatures);
    }

    public int numEdges() {
        return senders.length;
    }

    public int inDegree(int node) {
        return receiverOffsets[node + 1] - receiverOffsets[node];
    }

    public CosmicGraph withEdgeFeatures(float[] features) {
        return new CosmicGraph(numNodes, senders, receivers, receiverOffsets, features, linkingLengthMpc, k, selfLoops);
    }

    /** Rejects out-of-range indices, unsorted receivers, bad offsets and mismatched lengths. */
    static void validate(int n, int[] senders, int[] receivers, int[] offsets, float[] features) {
        if (n < 0) {
            throw new IllegalArgumentException("numNodes must be >= 0, got " + n);
        }
        int e = senders.length;
        if (receivers.length != e) {
            throw new IllegalArgumentException("senders has " + e + " entries but receivers has " + receivers.length);
        }
        if (offsets.length != n + 1 || offsets[0] != 0 || offsets[n] != e) {
            throw new IllegalArgumentException("receiverOffsets must have length N+1 = " + (n + 1)
                    + ", start at 0 and end at E = " + e);
        }
        if (features != null && features.length != (long) e * EdgeFeature.COUNT) {
            throw new IllegalArgumentException("edgeFeatures has " + features.length + " values, expected E x "
                    + EdgeFeature.COUNT + " = " + (long) e * EdgeFeature.COUNT);
        }
        for (int i = 0; i < n; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("receiverOffsets decreases at node " + i);
            }
            for (int x = offsets[i]; x < offsets[i + 1]; x++) {
                if (receivers[x] != i) {
                    throw new IllegalArgumentException("edge " + x + " has receiver " + receivers[x]
                            + " but lies in node " + i + "'s CSR range");
                }
                if (senders[x] < 0 || senders[x] >= n) {
                    throw new IllegalArgumentException("edge " + x + " has sender " + senders[x] + " outside 0.." + (n - 1));
                }
            }
        }
    }
}
