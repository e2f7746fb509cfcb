package org.cosmicweb.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The union of per-box graphs holds each box's graph unchanged and no edge between boxes. */
class GraphUnionTest {
    @Test
    void eachPartIsItsOwnGraphAndNoEdgeJoinsTwoParts() {
        SplittableRandom rng = new SplittableRandom(4);
        double box = 10;
        int[] sizes = {40, 1, 25};
        List<double[]> pos = new ArrayList<>();
        List<double[]> vel = new ArrayList<>();
        for (int n : sizes) {
            double[] p = new double[3 * n];
            double[] v = new double[3 * n];
            for (int i = 0; i < 3 * n; i++) {
                p[i] = rng.nextDouble() * box;
                v[i] = rng.nextGaussian() * 100;
            }
            pos.add(p);
            vel.add(v);
        }
        // Interleaved global numbering: part 0 the even nodes 0..78, part 1 node 1, part 2 the odd nodes
        // 3..51; the odd nodes 53..77 belong to no part and have no edge.
        int total = 79;
        int[][] nodes = new int[3][];
        nodes[0] = java.util.stream.IntStream.range(0, 40).map(t -> 2 * t).toArray();
        nodes[1] = new int[] {1};
        nodes[2] = java.util.stream.IntStream.range(0, 25).map(t -> 3 + 2 * t).toArray();
        assertEquals(25, nodes[2].length);
        int[] partOf = new int[total];
        Arrays.fill(partOf, -1);
        int[] localOf = new int[total];
        for (int p = 0; p < 3; p++) {
            for (int t = 0; t < nodes[p].length; t++) {
                partOf[nodes[p][t]] = p;
                localOf[nodes[p][t]] = t;
            }
        }
        CosmicGraph[] own = new CosmicGraph[3];
        for (int p = 0; p < 3; p++) {
            CosmicGraph g = RadiusGraph.build(pos.get(p), box, 3, false);
            own[p] = g.withEdgeFeatures(EdgeFeatures.compute(g, pos.get(p), vel.get(p), new PeriodicBox(box)));
        }
        CosmicGraph u = GraphUnion.build(total, new GraphUnion.Parts() {
            public int count() {
                return 3;
            }

            public int[] nodes(int p) {
                return nodes[p];
            }

            public CosmicGraph graph(int p, boolean features) {
                CosmicGraph g = RadiusGraph.build(pos.get(p), box, 3, false);
                return features ? own[p] : g;
            }
        });
        assertEquals(Arrays.stream(own).mapToInt(CosmicGraph::numEdges).sum(), u.numEdges());
        int f = EdgeFeature.COUNT;
        for (int e = 0; e < u.numEdges(); e++) {
            int s = u.senders()[e];
            int r = u.receivers()[e];
            assertEquals(partOf[r], partOf[s], "edge " + e + " joins two parts");
        }
        for (int i = 0; i < total; i++) {
            if (partOf[i] < 0) {
                assertEquals(0, u.inDegree(i), "node " + i + " of no part");
                continue;
            }
            CosmicGraph g = own[partOf[i]];
            int t = localOf[i];
            assertEquals(g.inDegree(t), u.inDegree(i));
            for (int k = 0; k < g.inDegree(t); k++) {
                int ge = g.receiverOffsets()[t] + k;
                int ue = u.receiverOffsets()[i] + k;
                assertEquals(nodes[partOf[i]][g.senders()[ge]], u.senders()[ue]);
                assertArrayEquals(Arrays.copyOfRange(g.edgeFeatures(), ge * f, ge * f + f),
                        Arrays.copyOfRange(u.edgeFeatures(), ue * f, ue * f + f));
            }
        }
    }

    @Test
    void overlappingOrUnorderedPartsAreRejected() {
        CosmicGraph one = RadiusGraph.build(new double[] {1, 1, 1, 1.5, 1, 1}, 10, 1, false);
        CosmicGraph withF = one.withEdgeFeatures(new float[one.numEdges() * EdgeFeature.COUNT]);
        GraphUnion.Parts twice = new GraphUnion.Parts() {
            public int count() {
                return 2;
            }

            public int[] nodes(int p) {
                return new int[] {0, 1};
            }

            public CosmicGraph graph(int p, boolean features) {
                return withF;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> GraphUnion.build(2, twice));
        GraphUnion.Parts backwards = new GraphUnion.Parts() {
            public int count() {
                return 1;
            }

            public int[] nodes(int p) {
                return new int[] {1, 0};
            }

            public CosmicGraph graph(int p, boolean features) {
                return withF;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> GraphUnion.build(2, backwards));
    }
}
