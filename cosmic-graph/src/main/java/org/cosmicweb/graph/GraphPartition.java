package org.cosmicweb.graph;

/**
 * One spatial block of a graph for minibatch training. {@code nodes} maps local to global node
 * indices: the first {@code numOwned} are the block's own nodes (the only ones scored), the rest
 * are halo nodes within the halo width of the block, present only to send messages.
 * {@code graph} holds, in local indices, every edge of the full graph whose two ends are both in
 * {@code nodes}, with its features, so each owned node has all of its incoming edges.
 */
public record GraphPartition(int block, int[] nodes, int numOwned, CosmicGraph graph) {
    public int numHalo() {
        return nodes.length - numOwned;
    }
}
