package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.GraphBatch;

/**
 * A {@link GraphBatch} copied to the GPU once: node and edge features, the receiver CSR, the
 * sender-grouped edge order and the targets of the scored nodes; the edge directions on first use
 * (only the anisotropy aggregations read them). Close it to free the memory.
 */
public final class DeviceGraph implements AutoCloseable {
    public final GraphBatch batch;
    final DeviceArray x;
    final DeviceArray edgeFeatures;
    final DeviceArray offsets;
    final DeviceArray receivers;
    final DeviceArray senders;
    final DeviceArray senderOrder;
    final DeviceArray senderOffsets;
    final DeviceArray targets;
    private DeviceArray directions;

    public DeviceGraph(GraphBatch g) {
        Cuda.require();
        batch = g;
        x = DeviceArray.of(g.nodeFeatures);
        edgeFeatures = DeviceArray.of(g.edgeFeatures);
        offsets = DeviceArray.of(g.offsets);
        receivers = DeviceArray.of(g.receivers);
        senders = DeviceArray.of(g.senders);
        senderOrder = DeviceArray.of(g.senderOrder());
        senderOffsets = DeviceArray.of(g.senderOffsets());
        if (g.targets != null) {
            targets = DeviceArray.of(g.targets);
        } else {
            targets = DeviceArray.floats(g.numNodes);
            targets.zero();
        }
    }

    /** Replaces the node features on the GPU (the batch's own array is left as it is). */
    public void setNodeFeatures(float[] features) {
        if (features.length != batch.nodeFeatures.length) {
            throw new IllegalArgumentException("expected " + batch.nodeFeatures.length + " node feature values, got "
                    + features.length);
        }
        x.upload(features);
    }

    /** The edge directions [E, 3], which the anisotropy aggregations read: copied to the GPU on first use. */
    DeviceArray directions() {
        if (directions == null) {
            if (batch.edgeDirections == null) {
                throw new IllegalArgumentException("the anisotropy aggregation needs the batch's edge directions");
            }
            directions = DeviceArray.of(batch.edgeDirections);
        }
        return directions;
    }

    @Override
    public void close() {
        for (DeviceArray a : new DeviceArray[] {x, edgeFeatures, offsets, receivers, senders, senderOrder, senderOffsets,
            targets, directions}) {
            if (a != null) {
                a.close();
            }
        }
    }
}
