package org.cosmicweb.graph;

import java.util.Arrays;

/** Induced subgraphs in local indices, keeping the receiver-sorted CSR form and edge features. */
public final class Subgraph {
    private Subgraph() {
    }

    /**
     * Every edge of {@code g} with both ends in {@code nodes}, relabelled so that node
     * {@code nodes[t]} becomes t. {@code scratch} has length N and is all -1 on entry and exit.
     */
    public static CosmicGraph induced(CosmicGraph g, int[] nodes, int[] scratch) {
        for (int t = 0; t < nodes.length; t++) {
            scratch[nodes[t]] = t;
        }
        int[] offsets = new int[nodes.length + 1];
        int[] count = new int[nodes.length];
        long total = 0;
        for (int t = 0; t < nodes.length; t++) {
            int i = nodes[t];
            for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                if (scratch[g.senders()[e]] >= 0) {
                    count[t]++;
                }
            }
            total += count[t];
        }
        int ne = Math.toIntExact(total);
        for (int t = 0; t < nodes.length; t++) {
            offsets[t + 1] = offsets[t] + count[t];
        }
        int[] senders = new int[ne];
        int[] receivers = new int[ne];
        float[] feats = g.edgeFeatures() == null ? null : new float[ne * EdgeFeature.COUNT];
        int f = EdgeFeature.COUNT;
        for (int t = 0; t < nodes.length; t++) {
            int i = nodes[t];
            int w = offsets[t];
            int segStart = w;
            for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                int s = scratch[g.senders()[e]];
                if (s >= 0) {
                    senders[w] = s;
                    receivers[w] = t;
                    if (feats != null) {
                        System.arraycopy(g.edgeFeatures(), e * f, feats, w * f, f);
                    }
                    w++;
                }
            }
            sortSegment(senders, feats, segStart, w);
        }
        for (int node : nodes) {
            scratch[node] = -1;
        }
        return new CosmicGraph(nodes.length, senders, receivers, offsets, feats, g.linkingLengthMpc(), g.k(),
                g.selfLoops());
    }

    /** Sorts senders[lo, hi) ascending, carrying feature rows along (relabelling can break the order). */
    private static void sortSegment(int[] senders, float[] feats, int lo, int hi) {
        boolean sorted = true;
        for (int x = lo + 1; x < hi && sorted; x++) {
            sorted = senders[x - 1] <= senders[x];
        }
        if (sorted) {
            return;
        }
        int len = hi - lo;
        long[] keyed = new long[len];
        for (int x = 0; x < len; x++) {
            keyed[x] = ((long) senders[lo + x] << 32) | x;
        }
        Arrays.sort(keyed);
        int f = EdgeFeature.COUNT;
        float[] rows = feats == null ? null : Arrays.copyOfRange(feats, lo * f, hi * f);
        for (int x = 0; x < len; x++) {
            int from = (int) keyed[x];
            senders[lo + x] = (int) (keyed[x] >>> 32);
            if (rows != null) {
                System.arraycopy(rows, from * f, feats, (lo + x) * f, f);
            }
        }
    }
}
