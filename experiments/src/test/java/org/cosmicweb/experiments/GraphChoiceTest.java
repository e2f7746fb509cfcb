package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment on projected (2D) and kNN graphs: which GNN runs, which folds. */
class GraphChoiceTest {
    @TempDir
    static Path dir;
    static SubhaloCatalog cat;
    static final GnnSettings TINY = new GnnSettings(2, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 128);

    @BeforeAll
    static void mock() {
        cat = Fixtures.mock(dir.resolve("m"), 17, 45);
    }

    private static ExperimentResult run(GraphChoice g) {
        ExperimentConfig cfg = new ExperimentConfig(new double[] {2}, new double[] {2}, 3, 4, TINY, 10, 3, 256L << 10, g);
        return new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(new ExperimentData(cat));
    }

    private static List<String> gnnColumns(ExperimentResult r) {
        return r.runs().stream().filter(ExperimentResult::isGnn).map(ExperimentResult.Run::column).toList();
    }

    @Test
    void bothProjectionsRunOnFoldsAcrossTheSkyPlane() {
        ExperimentResult r = run(new GraphChoice("radius", new int[0], "both", 2, 800));
        assertEquals(List.of("gnn_D2", "gnn_2d_D2"), gnnColumns(r));
        // Line of sight z: the folds are slabs along x, so each fold's galaxies share an x range.
        double slab = cat.boxSizeMpc() / 3;
        for (int i = 0; i < cat.size(); i++) {
            int f = r.fold()[i];
            double x = cat.positionsMpc()[3 * i];
            assertTrue(x >= f * slab && x < (f + 1) * slab, "galaxy " + i + " at x = " + x + " in fold " + f);
        }
        for (ExperimentResult.Run run : r.runs()) {
            assertTrue(Double.isFinite(r.rmse(run)), run.column());
        }
        assertTrue(Tables.markdown(r).contains("| gnn_2d | 2.0 |"));
        assertTrue(Tables.markdown(r).contains("3 spatial folds along x,"), "the summary names the real fold axis");
    }

    @Test
    void knnRunsOneGnnPerK() {
        ExperimentResult r = run(new GraphChoice("knn", new int[] {4, 8}, "3d", 2, Double.POSITIVE_INFINITY));
        assertEquals(List.of("gnn_knn_k4", "gnn_knn_k8", "gnn_knn_stacked"), gnnColumns(r));
        // The stacked row is a convex combination of the two: each galaxy's mean lies between theirs.
        int n = r.runs().size();
        double[] a = r.runs().get(n - 3).mean();
        double[] b = r.runs().get(n - 2).mean();
        double[] s = r.runs().get(n - 1).mean();
        for (int i = 0; i < a.length; i++) {
            assertTrue(s[i] >= Math.min(a[i], b[i]) - 1e-9 && s[i] <= Math.max(a[i], b[i]) + 1e-9, "galaxy " + i);
        }
        assertTrue(Tables.markdown(r).contains("| gnn_knn_stacked | – |"), Tables.markdown(r));
        assertTrue(Tables.markdown(r).contains("| gnn_knn | k=8 |"));
        assertTrue(Tables.markdown(r).contains("3 spatial folds along z,"));
        assertTrue(Tables.csv(r).startsWith("model,scale,subset,"), "k is not a linking length: the column is the scale");
    }

    @Test
    void inconsistentChoicesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GraphChoice("knn", new int[] {5}, "2d", 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new GraphChoice("knn", new int[0], "3d", 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new GraphChoice("delaunay", new int[0], "3d", 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new GraphChoice("radius", new int[0], "2d", 2, -5));
    }
}
