package org.cosmicweb.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RadiusGraphTest {
    @ParameterizedTest(name = "{0} n={1} D={2}")
    @CsvSource({
        "uniform, 1500, 0.3", "uniform, 1500, 3", "uniform, 1500, 10", "uniform, 600, 49.9",
        "clustered, 1500, 0.3", "clustered, 1500, 3", "clustered, 1500, 10", "clustered, 400, 34",
        "uniform, 3, 20",
    })
    void pairSetEqualsBruteForce(String kind, int n, double d) {
        double box = 100;
        double[] p = kind.equals("uniform") ? Points.uniform(n, box, n) : Points.clustered(n, box, n);
        for (boolean self : new boolean[] {false, true}) {
            CosmicGraph g = RadiusGraph.build(p, box, d, self);
            Set<Long> expected = Points.bruteRadius(p, box, d, self);
            assertEquals(expected, Points.pairs(g));
            assertEquals(expected.size(), g.numEdges());
        }
    }

    @Test
    void handBuiltFourNodeGraphAcrossTheBoxFace() {
        // Node 0 and 1 are 2 Mpc apart through the x face; node 2 is 2.5 from node 0; node 3 is far.
        double[] p = {0.5, 5, 5, 8.5, 5, 5, 0.5, 7.5, 5, 5, 0.2, 9};
        CosmicGraph g = RadiusGraph.build(p, 10, 3, false);
        assertArrayEquals(new int[] {0, 2, 3, 4, 4}, g.receiverOffsets());
        assertArrayEquals(new int[] {1, 2, 0, 0}, g.senders());
        assertArrayEquals(new int[] {0, 0, 1, 2}, g.receivers());
        assertEquals(0, g.inDegree(3));
    }

    @Test
    void badInput() {
        double[] p = Points.uniform(10, 100, 1);
        assertThrows(IllegalArgumentException.class, () -> RadiusGraph.build(p, 100, 0, false));
        assertThrows(IllegalArgumentException.class, () -> RadiusGraph.build(p, 100, -1, false));
        Exception half = assertThrows(IllegalArgumentException.class, () -> RadiusGraph.build(p, 100, 50, false));
        assertTrue(half.getMessage().contains("half the box"), half.getMessage());
        double[] nan = p.clone();
        nan[7] = Double.NaN;
        Exception e = assertThrows(IllegalArgumentException.class, () -> RadiusGraph.build(nan, 100, 5, false));
        assertTrue(e.getMessage().contains("node 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RadiusGraph.build(new double[0], 100, 5, false));
    }

    @Test
    void positionsOutsideTheBoxAreWrappedNotDropped() {
        double[] inside = {1, 1, 1, 99.5, 1, 1};
        double[] outside = {101, 1, 1, -0.5, 1, 1};
        double[] onFace = {100.0, 1, 1, 99.5, 1, 1};
        assertEquals(2, RadiusGraph.build(inside, 100, 2, false).numEdges());
        assertEquals(2, RadiusGraph.build(outside, 100, 2, false).numEdges());
        assertEquals(2, RadiusGraph.build(onFace, 100, 1, false).numEdges());
    }
}
