package org.cosmicweb.gnn.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The placeholders a batch is fed through, and what follows from the edge list alone (in-degree,
 * its inverse, the mask of nodes with incoming edges), built once and shared by every round.
 */
final class GraphInputs {
    static final String NODES = "in.nodes";
    static final String EDGE_FEATURES = "in.edge_features";
    static final String DIRECTIONS = "in.directions";
    static final String SENDERS = "in.senders";
    static final String RECEIVERS = "in.receivers";
    static final String NUM_RECEIVERS = "in.num_receivers";
    static final String SCORED = "in.scored";
    static final String TARGETS = "in.targets";

    final SameDiff sd;
    final DataType type;
    final int edgeDim;
    final SDVariable nodes;
    final SDVariable edgeFeatures;
    final SDVariable directions;
    final SDVariable senders;
    final SDVariable receivers;
    final SDVariable numReceivers;
    final SDVariable scored;
    final SDVariable targets;
    private SDVariable degree;
    private SDVariable hasEdges;
    private SDVariable inverseDegree;

    GraphInputs(SameDiff sd, DataType type, int nodeDim, int edgeDim, boolean directions) {
        this.sd = sd;
        this.type = type;
        this.edgeDim = edgeDim;
        nodes = sd.placeHolder(NODES, type, -1, nodeDim);
        edgeFeatures = edgeDim == 0 ? null : sd.placeHolder(EDGE_FEATURES, type, -1, edgeDim);
        this.directions = directions ? sd.placeHolder(DIRECTIONS, type, -1, 3) : null;
        senders = sd.placeHolder(SENDERS, DataType.INT, -1);
        receivers = sd.placeHolder(RECEIVERS, DataType.INT, -1);
        numReceivers = sd.placeHolder(NUM_RECEIVERS, DataType.INT);
        scored = sd.placeHolder(SCORED, DataType.INT, -1);
        targets = sd.placeHolder(TARGETS, type, -1, 1);
    }

    /** In-degree of every receiver [nRecv, 1], counted from the receiver ids. */
    SDVariable degree() {
        if (degree == null) {
            SDVariable ones = sd.onesLike(receivers.castTo(type)).reshape(-1, 1);
            degree = sd.unsortedSegmentSum(ones, receivers, numReceivers);
        }
        return degree;
    }

    /** 1 for a receiver with incoming edges, else 0 [nRecv, 1]. */
    SDVariable hasEdges() {
        if (hasEdges == null) {
            hasEdges = sd.math.min(degree(), sd.onesLike(degree()));
        }
        return hasEdges;
    }

    /** 1 / deg for a receiver with incoming edges, else 0 [nRecv, 1]. */
    SDVariable inverseDegree() {
        if (inverseDegree == null) {
            inverseDegree = hasEdges().div(sd.math.max(degree(), sd.onesLike(degree())));
        }
        return inverseDegree;
    }
}
