package org.cosmicweb.graph;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverdensityFoldsPartitionsTest {
    @Test
    void overdensityEqualsBruteForceSum() {
        double box = 80;
        double[] p = Points.clustered(900, box, 5);
        SplittableRandom r = new SplittableRandom(9);
        double[] logM = new double[900];
        for (int i = 0; i < logM.length; i++) {
            logM[i] = 11 + 3 * r.nextDouble();
        }
        double[] radii = {0.3, 1, 3, 10};
        double[] got = Overdensity.logMassWithin(p, logM, box, radii);
        for (int i = 0; i < logM.length; i++) {
            for (int a = 0; a < radii.length; a++) {
                double s = 0;
                for (int j = 0; j < logM.length; j++) {
                    if (Points.minImageDistanceSquared(p, i, j, box) < radii[a] * radii[a]) {
                        s += Math.pow(10, logM[j]);
                    }
                }
                assertEquals(Math.log10(s), got[i * radii.length + a], 1e-9);
            }
        }
        // A lone node's overdensity is its own mass.
        assertEquals(12.5, Overdensity.logMassWithin(new double[] {1, 1, 1, 40, 40, 40}, new double[] {12.5, 13},
                box, new double[] {3})[0], 1e-12);
    }

    @Test
    void foldsAreDisjointCoverEveryNodeOnceAndRespectPadding() {
        double box = 90;
        double d = 4;
        double[] p = Points.clustered(3000, box, 8);
        List<SpatialFolds.Fold> folds = SpatialFolds.split(p, box, 3, 10, 2);
        int[] validated = new int[3000];
        CosmicGraph g = RadiusGraph.build(p, box, d, false);
        for (SpatialFolds.Fold f : folds) {
            boolean[] isTrain = new boolean[3000];
            for (int i : f.train()) {
                isTrain[i] = true;
            }
            for (int i : f.validation()) {
                validated[i]++;
                assertTrue(!isTrain[i], "node " + i + " in both sets of fold " + f.index());
                // No validation node receives from, or sends to, a training node.
                for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                    assertTrue(!isTrain[g.senders()[e]], "edge into validation node " + i + " from training");
                }
            }
            assertTrue(f.train().length > 0 && f.validation().length > 0);
            // Padding: every training node is more than 10 Mpc (periodic, along z) from the validation slab.
            double lo = f.index() * box / 3;
            double hi = lo + box / 3;
            for (int i : f.train()) {
                assertTrue(SpatialFolds.distanceToSlab(p[3 * i + 2], lo, hi, box) > 10);
            }
        }
        int[] ones = new int[3000];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, validated);
        assertThrows(IllegalArgumentException.class, () -> SpatialFolds.split(p, box, 3, 31, 2));
        assertThrows(IllegalArgumentException.class, () -> SpatialFolds.split(p, box, 1, 0, 2));
    }

    @Test
    void aNodeJustBelowTheBoxEdgeIsValidatedWhenKSlabsRoundBelowTheBox() {
        // TNG100's box in Mpc: 5 (L / 5) < L in doubles, so a slab ending at 5 (L / 5) would leave the
        // node at the largest double below L in no validation fold.
        double box = 75 / 0.6774;
        assertTrue(5 * (box / 5) < box, "the case this test is about");
        double top = Math.nextDown(box);
        double[] p = {1, 1, 1, 2, 2, 50, 3, 3, top};
        List<SpatialFolds.Fold> folds = SpatialFolds.split(p, box, 5, 2, 2);
        assertArrayEquals(new int[] {2}, folds.get(4).validation());
        int validated = 0;
        for (SpatialFolds.Fold f : folds) {
            validated += f.validation().length;
        }
        assertEquals(3, validated, "every node validated once");
    }

    @Test
    void everyEdgeLandsInExactlyOnePartitionsOwnedSetWithItsFeatures() {
        double box = 60;
        double d = 5;
        double[] p = Points.clustered(2500, box, 13);
        double[] v = Points.uniform(2500, 500, 14);
        CosmicGraph g = RadiusGraph.build(p, box, d, true);
        g = g.withEdgeFeatures(EdgeFeatures.compute(g, p, v, new PeriodicBox(box)));
        List<GraphPartition> parts = SpatialPartitioner.partition(g, p, box, 3, d);
        assertEquals(27, parts.size());
        Map<Long, Integer> seen = new HashMap<>();
        int owned = 0;
        for (GraphPartition part : parts) {
            owned += part.numOwned();
            CosmicGraph s = part.graph();
            for (int e = 0; e < s.numEdges(); e++) {
                int rl = s.receivers()[e];
                if (rl >= part.numOwned()) {
                    continue;
                }
                int ri = part.nodes()[rl];
                int si = part.nodes()[s.senders()[e]];
                long key = Points.key(ri, si);
                assertEquals(null, seen.put(key, part.block()), "edge " + si + "->" + ri + " owned twice");
                int ge = find(g, ri, si);
                for (int f = 0; f < EdgeFeature.COUNT; f++) {
                    assertEquals(g.edgeFeatures()[ge * EdgeFeature.COUNT + f], s.edgeFeatures()[e * EdgeFeature.COUNT + f]);
                }
            }
        }
        assertEquals(2500, owned);
        assertEquals(g.numEdges(), seen.size());
        int b = SpatialPartitioner.blocksPerAxisForBudget(g, box, d, 64L * 1024);
        assertTrue(b >= 2, "a small budget must split the box, got " + b);
    }

    private static int find(CosmicGraph g, int receiver, int sender) {
        for (int e = g.receiverOffsets()[receiver]; e < g.receiverOffsets()[receiver + 1]; e++) {
            if (g.senders()[e] == sender) {
                return e;
            }
        }
        throw new AssertionError("edge " + sender + "->" + receiver + " not in the full graph");
    }
}
