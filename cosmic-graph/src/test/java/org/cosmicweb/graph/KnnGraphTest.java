package org.cosmicweb.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KnnGraphTest {
    @ParameterizedTest(name = "{0} n={1} k={2}")
    @CsvSource({"uniform, 800, 1", "uniform, 800, 10", "clustered, 800, 10", "clustered, 800, 30",
        "uniform, 40, 39", "clustered, 5, 3"})
    void equalsBruteForce(String kind, int n, int k) {
        double box = 50;
        double[] p = kind.equals("uniform") ? Points.uniform(n, box, 3 + n) : Points.clustered(n, box, 3 + n);
        Set<Long> expected = Points.bruteKnn(p, box, k);
        CosmicGraph g = KnnGraph.build(p, box, k, false, false);
        assertEquals(expected, Points.pairs(g));
        for (int i = 0; i < n; i++) {
            assertEquals(k, g.inDegree(i));
        }
        Set<Long> union = new HashSet<>(expected);
        for (long key : expected) {
            union.add(Points.key((int) key, (int) (key >>> 32)));
        }
        assertEquals(union, Points.pairs(KnnGraph.build(p, box, k, true, false)));
    }

    @Test
    void tiesGoToTheLowerIndex() {
        // Nodes 1 and 2 are both exactly 1 from node 0; k = 1 must pick node 1.
        double[] p = {5, 5, 5, 6, 5, 5, 4, 5, 5};
        CosmicGraph g = KnnGraph.build(p, 10, 1, false, false);
        assertEquals(1, g.senders()[0]);
    }

    @Test
    void badK() {
        double[] p = Points.uniform(5, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> KnnGraph.build(p, 10, 5, false, false));
        assertThrows(IllegalArgumentException.class, () -> KnnGraph.build(p, 10, 0, false, false));
    }
}
