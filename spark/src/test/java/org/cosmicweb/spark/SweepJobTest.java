package org.cosmicweb.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.ExperimentResult;
import org.cosmicweb.experiments.ExperimentRunner;
import org.cosmicweb.experiments.GnnSettings;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.experiments.Tables;
import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 2 catalogs x 2 seeds grid on Spark local[2] gives exactly the serial runner's metrics and predictions. */
class SweepJobTest {
    @TempDir
    Path dir;

    @Test
    void sparkGridEqualsSerialRuns() {
        GnnSettings tiny = new GnnSettings(3, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0.5, 1, 128);
        List<SweepJob.Cell> grid = new ArrayList<>();
        for (EnvironmentModel env : new EnvironmentModel[] {EnvironmentModel.NEIGHBOURS, EnvironmentModel.FIELD}) {
            MockUniverseConfig m = MockUniverseConfig.defaults(5).withBox(40).withChunks(1).withEnvironment(env);
            Path folder = dir.resolve(env.key());
            MockUniverseWriter.write(MockUniverse.generate(m), m, TngLayout.of(folder), false);
            for (long seed : new long[] {1, 2}) {
                ExperimentConfig cfg = new ExperimentConfig(new double[] {2}, new double[] {1, 3}, 3, 4, tiny, 20, seed,
                        256L << 10);
                grid.add(new SweepJob.Cell(env.key() + seed, folder.toString(), cfg));
            }
        }
        SparkConf conf = new SparkConf().setAppName("sweep test").setMaster("local[2]").set("spark.ui.enabled", "false");
        List<ExperimentResult> spark;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            spark = SweepJob.run(sc, grid);
        }
        assertEquals(4, spark.size());
        for (int c = 0; c < grid.size(); c++) {
            SweepJob.Cell cell = grid.get(c);
            ExperimentData data = new ExperimentData(TngCatalogLoader.load(TngLayout.of(Path.of(cell.tngDir())),
                    CatalogCuts.LITERATURE));
            ExperimentResult serial = new ExperimentRunner(cell.config(), new Progress(System.err, false, 60)).run(data);
            assertEquals(Tables.csv(serial), Tables.csv(spark.get(c)), cell.name());
            // The manifest's stages: the same models and edges, with the executors' peak RSS.
            assertEquals(serial.stages().stream().map(s -> s.name() + ":" + s.edges()).toList(),
                    spark.get(c).stages().stream().map(s -> s.name() + ":" + s.edges()).toList(), cell.name());
            assertTrue(spark.get(c).stages().stream().allMatch(s -> s.peakRssMb() > 0), cell.name());
            for (int k = 0; k < serial.runs().size(); k++) {
                assertArrayEquals(serial.runs().get(k).mean(), spark.get(c).runs().get(k).mean(),
                        cell.name() + " " + serial.runs().get(k).column());
            }
        }
    }
}
