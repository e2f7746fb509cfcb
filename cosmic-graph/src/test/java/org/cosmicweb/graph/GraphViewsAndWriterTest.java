package org.cosmicweb.graph;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphViewsAndWriterTest {
    @TempDir
    Path dir;

    /** A triangle (0,1,2) near the x face, a pair (3,4), and an isolated node 5. */
    static final double[] P = {0.2, 5, 5, 9.9, 5, 5, 0.2, 5.8, 5, 5, 5, 5, 5, 5.5, 5, 2, 2, 2};

    @Test
    void componentsDegreesAndClusteringOfAHandBuiltGraph() {
        CosmicGraph g = RadiusGraph.build(P, 10, 1, true);
        GraphViews.Stats s = GraphViews.stats(g, true);
        assertEquals(6, s.nodes());
        assertEquals(8, s.directedEdges()); // 3 pairs of the triangle + 1 pair, both directions; self-loops not counted
        assertEquals(0, s.minDegree());
        assertEquals(2, s.maxDegree());
        assertEquals(3, s.components());
        // Local clustering: 1 for the triangle's 3 nodes, 0 for the others.
        assertEquals(3.0 / 6.0, s.clustering(), 1e-12);
        assertEquals(4, GraphViews.undirected(g).edgeSet().size());
    }

    @Test
    void hdf5FileHoldsTheGraphAndNoTemporaryFileRemains() throws Exception {
        CosmicGraph g = RadiusGraph.build(P, 10, 1, false);
        double[] v = new double[P.length];
        g = g.withEdgeFeatures(EdgeFeatures.compute(g, P, v, new PeriodicBox(10)));
        Path out = dir.resolve("g.h5");
        long[] ids = {10, 11, 12, 13, 14, 15};
        GraphHdf5Writer.write(out, g, P, ids, 10);
        try (HdfFile h = new HdfFile(out)) {
            assertArrayEquals(g.senders(), (int[]) h.getDatasetByPath("senders").getData());
            assertArrayEquals(g.receivers(), (int[]) h.getDatasetByPath("receivers").getData());
            assertArrayEquals(g.edgeFeatures(), (float[]) h.getDatasetByPath("edge_features").getDataFlat());
            assertArrayEquals(ids, (long[]) h.getDatasetByPath("subhalo_ids").getData());
            assertArrayEquals(new int[] {6, 3}, h.getDatasetByPath("positions").getDimensions());
            assertEquals(1.0, ((Number) h.getAttribute("linking_length").getData()).doubleValue());
            assertEquals(10.0, ((Number) h.getAttribute("box_size").getData()).doubleValue());
        }
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("g.h5"), files.map(p -> p.getFileName().toString()).toList());
        }
        // Its own graph file is replaced; a file it did not write is not.
        GraphHdf5Writer.write(out, g, P, ids, 10);
        Path notes = Files.writeString(dir.resolve("notes.h5"), "my notes");
        CosmicGraph g2 = g;
        Exception e = assertThrows(org.cosmicweb.common.OutputException.class,
                () -> GraphHdf5Writer.write(notes, g2, P, ids, 10));
        assertTrue(e.getMessage().contains("not a graph file (HDF5) that cosmicweb wrote"), e.getMessage());
        assertEquals("my notes", Files.readString(notes));
        CosmicGraph bare = RadiusGraph.build(P, 10, 1, false);
        assertThrows(IllegalArgumentException.class, () -> GraphHdf5Writer.write(dir.resolve("x.h5"), bare, P, ids, 10));
    }

    @Test
    void aGraphWithoutEdgesHasOneComponentPerNode() {
        // One galaxy, or galaxies farther apart than D: JGraphT's sparse graph refuses zero edges
        // ("Columns must be positive"); the statistics must not.
        CosmicGraph g = RadiusGraph.build(new double[] {1, 1, 1, 5, 5, 5}, 10, 0.5, false);
        GraphViews.Stats s = GraphViews.stats(g, true);
        assertEquals(2, s.nodes());
        assertEquals(0, s.directedEdges());
        assertEquals(2, s.components());
        assertEquals(0.0, s.clustering());
        CosmicGraph one = RadiusGraph.build(new double[] {1, 1, 1}, 10, 0.5, false);
        assertEquals(1, GraphViews.stats(one, false).components());
    }

    @Test
    void validateRejectsBrokenArrays() {
        assertThrows(IllegalArgumentException.class,
                () -> new CosmicGraph(2, new int[] {1}, new int[] {0, 1}, new int[] {0, 1, 1}, null, 1, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CosmicGraph(2, new int[] {5}, new int[] {0}, new int[] {0, 1, 1}, null, 1, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CosmicGraph(2, new int[] {1}, new int[] {1}, new int[] {0, 1, 1}, null, 1, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CosmicGraph(2, new int[] {1}, new int[] {0}, new int[] {0, 1, 1}, new float[5], 1, 0, false));
    }
}
