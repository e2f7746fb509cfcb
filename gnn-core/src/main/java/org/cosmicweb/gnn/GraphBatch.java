package org.cosmicweb.gnn;

/**
 * One graph (or one spatial partition of it) in flat arrays, as the engine trains on it. Edges
 * are sorted by receiver with CSR {@code offsets} (length N + 1). The first {@code numScored}
 * nodes are the ones predicted and scored; the others (halo nodes of a partition) only send
 * messages. Node features are [N, nodeDim], edge features [E, edgeDim], both row-major;
 * {@code targets} has one value per node (ignored beyond numScored; may be null for prediction).
 * {@code edgeDirections} [E, 3] holds each edge's unit vector from sender to receiver (minimum
 * image), for aggregations that need geometry ({@link Aggregation#usesDirections()}); may be null.
 */
public final class GraphBatch {
    public final int numNodes;
    public final int numScored;
    public final int nodeDim;
    public final float[] nodeFeatures;
    public final int edgeDim;
    public final int[] senders;
    public final int[] receivers;
    public final int[] offsets;
    public final float[] edgeFeatures;
    public final float[] targets;
    public final float[] edgeDirections;
    private int[] senderOrder;
    private int[] senderOffsets;

    public GraphBatch(int numNodes, int numScored, int nodeDim, float[] nodeFeatures, int edgeDim, int[] senders,
                      int[] receivers, int[] offsets, float[] edgeFeatures, float[] targets) {
        this(numNodes, numScored, nodeDim, nodeFeatures, edgeDim, senders, receivers, offsets, edgeFeatures, targets,
                null, true);
    }

    public GraphBatch(int numNodes, int numScored, int nodeDim, float[] nodeFeatures, int edgeDim, int[] senders,
                      int[] receivers, int[] offsets, float[] edgeFeatures, float[] targets, float[] edgeDirections) {
        this(numNodes, numScored, nodeDim, nodeFeatures, edgeDim, senders, receivers, offsets, edgeFeatures, targets,
                edgeDirections, true);
    }

    private GraphBatch(int numNodes, int numScored, int nodeDim, float[] nodeFeatures, int edgeDim, int[] senders,
                       int[] receivers, int[] offsets, float[] edgeFeatures, float[] targets, float[] edgeDirections,
                       boolean check) {
        this.numNodes = numNodes;
        this.numScored = numScored;
        this.nodeDim = nodeDim;
        this.nodeFeatures = nodeFeatures;
        this.edgeDim = edgeDim;
        this.senders = senders;
        this.receivers = receivers;
        this.offsets = offsets;
        this.edgeFeatures = edgeFeatures;
        this.targets = targets;
        this.edgeDirections = edgeDirections;
        if (check) {
            validate();
        }
    }

    /** The same graph with other node features of the same shape (checked for finiteness only). */
    public GraphBatch withNodeFeatures(float[] x) {
        if (x.length != nodeFeatures.length) {
            throw new IllegalArgumentException("node features must keep shape [" + numNodes + ", " + nodeDim + "]");
        }
        checkFinite(x, "node feature", nodeDim);
        GraphBatch b = new GraphBatch(numNodes, numScored, nodeDim, x, edgeDim, senders, receivers, offsets,
                edgeFeatures, targets, edgeDirections, false);
        b.senderOrder = senderOrder();
        b.senderOffsets = senderOffsets();
        return b;
    }

    private void validate() {
        if (numNodes < 1) {
            throw new IllegalArgumentException("a graph batch needs at least one node, got " + numNodes);
        }
        if (numScored < 0 || numScored > numNodes) {
            throw new IllegalArgumentException("numScored " + numScored + " outside 0.." + numNodes);
        }
        if (nodeFeatures.length != (long) numNodes * nodeDim) {
            throw new IllegalArgumentException("node features hold " + nodeFeatures.length + " values, expected "
                    + numNodes + " x " + nodeDim);
        }
        int e = senders.length;
        if (receivers.length != e || edgeFeatures.length != (long) e * edgeDim) {
            throw new IllegalArgumentException("edge arrays disagree: " + e + " senders, " + receivers.length
                    + " receivers, " + edgeFeatures.length + " feature values for edgeDim " + edgeDim);
        }
        if (offsets.length != numNodes + 1 || offsets[0] != 0 || offsets[numNodes] != e) {
            throw new IllegalArgumentException("offsets must have N+1 entries from 0 to E");
        }
        for (int i = 0; i < numNodes; i++) {
            for (int x = offsets[i]; x < offsets[i + 1]; x++) {
                if (receivers[x] != i || senders[x] < 0 || senders[x] >= numNodes) {
                    throw new IllegalArgumentException("edge " + x + " (" + senders[x] + " -> " + receivers[x]
                            + ") is out of range or not sorted by receiver");
                }
            }
        }
        checkFinite(nodeFeatures, "node feature", nodeDim);
        checkFinite(edgeFeatures, "edge feature", edgeDim);
        if (edgeDirections != null) {
            if (edgeDirections.length != 3L * e) {
                throw new IllegalArgumentException("edge directions hold " + edgeDirections.length + " values, expected "
                        + e + " x 3");
            }
            checkFinite(edgeDirections, "edge direction", 3);
        }
        if (targets != null) {
            if (targets.length != numNodes) {
                throw new IllegalArgumentException("targets hold " + targets.length + " values for " + numNodes + " nodes");
            }
            for (int i = 0; i < numScored; i++) {
                if (!Float.isFinite(targets[i])) {
                    throw new IllegalArgumentException("target of scored node " + i + " is " + targets[i]);
                }
            }
        }
    }

    private static void checkFinite(float[] a, String what, int dim) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " " + (i % dim) + " of row " + (i / dim) + " is " + a[i]);
            }
        }
    }

    public int numEdges() {
        return senders.length;
    }

    /** Edges into scored nodes: the first {@code offsets[numScored]} edges. */
    public int scoredEdges() {
        return offsets[numScored];
    }

    /** Ids of all edges sorted by sender (stable), for deterministic per-sender sums. Shared: do not modify. */
    public synchronized int[] senderOrder() {
        buildSenderIndex();
        return senderOrder;
    }

    /** Where each sender's run starts in {@link #senderOrder()} [numNodes + 1]. Shared: do not modify. */
    public synchronized int[] senderOffsets() {
        buildSenderIndex();
        return senderOffsets;
    }

    private void buildSenderIndex() {
        if (senderOrder != null) {
            return;
        }
        int es = numEdges();
        int[] off = new int[numNodes + 1];
        for (int e = 0; e < es; e++) {
            off[senders[e] + 1]++;
        }
        for (int i = 0; i < numNodes; i++) {
            off[i + 1] += off[i];
        }
        int[] fill = off.clone();
        int[] order = new int[es];
        for (int e = 0; e < es; e++) {
            order[fill[senders[e]]++] = e;
        }
        senderOrder = order;
        senderOffsets = off;
    }
}
