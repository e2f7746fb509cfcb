package org.cosmicweb.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.ExperimentResult;
import org.cosmicweb.experiments.ExperimentRunner;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.gnn.cuda.Backend;
import org.cosmicweb.gnn.cuda.Cuda;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import scala.Tuple2;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An experiment grid on Apache Spark. Every cell of the grid is one experiment (a catalog and a
 * configuration with its seed); every experiment is cut into the serial runner's own units (one
 * model fitted on one fold, {@link ExperimentRunner#runUnit}), and every unit of every cell is one
 * Spark task. Executors load each catalog once per JVM (from a path every node can read: a shared
 * file system, or an object store mounted as one) and run the unit with the same code as
 * {@code cosmicweb experiment}; the driver assembles each cell's units with the same code
 * ({@link ExperimentRunner#assemble}), so a cell's metrics are exactly the serial run's.
 *
 * <p>Tasks are ordered longest first (GNN fits, largest linking length first), so the long ones
 * start while the short baselines fill the gaps.
 *
 * <p>With {@link Backend#CUDA} every GNN fit trains on the GPU that Spark's resource scheduling gave
 * its task ({@code spark.task.resource.gpu.amount=1}: the task's "gpu" address), or on GPU 0 when
 * the task was given none (local mode). The baselines run on the CPU either way.
 */
public final class SweepJob {
    /**
     * One experiment of the grid: a name, the folder of its TNG-format catalog pair, its
     * configuration and where its GNN trains.
     */
    public record Cell(String name, String tngDir, ExperimentConfig config, Backend device) implements Serializable {
        public Cell {
            if (device == null) {
                throw new IllegalArgumentException("a cell needs a device (cpu or cuda)");
            }
        }

        /** A cell whose GNN trains on the CPU. */
        public Cell(String name, String tngDir, ExperimentConfig config) {
            this(name, tngDir, config, Backend.CPU);
        }
    }

    /** A unit of one cell. */
    record Task(int cell, ExperimentRunner.Unit unit, boolean gnn, double scale) implements Serializable {
    }

    /** Catalogs already loaded in this JVM, by folder. */
    private static final Map<String, ExperimentData> LOADED = new ConcurrentHashMap<>();

    private SweepJob() {
    }

    static ExperimentData data(String tngDir) {
        return LOADED.computeIfAbsent(tngDir,
                d -> new ExperimentData(TngCatalogLoader.load(TngLayout.of(Path.of(d)), CatalogCuts.LITERATURE)));
    }

    /**
     * The GPU a task was given: the first of its "gpu" resource addresses (Spark's discovery script
     * lists the CUDA ordinals), or 0 when the task has no GPU resource (local mode, one GPU).
     */
    static int gpuOrdinal(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return 0;
        }
        String a = gpu.addresses()[0].trim();
        try {
            return Integer.parseInt(a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the task's GPU address '" + a + "' is not a CUDA device ordinal;"
                    + " the GPU discovery script must list ordinals such as 0, 1 (as nvidia-smi numbers them)");
        }
    }

    private static Progress silent() {
        return new Progress(new PrintStream(OutputStream.nullOutputStream()), false, 3600);
    }

    /** Runs every cell's units as Spark tasks and returns each cell's result, in grid order. */
    public static List<ExperimentResult> run(JavaSparkContext sc, List<Cell> grid) {
        List<Task> tasks = new ArrayList<>();
        List<ExperimentRunner> runners = new ArrayList<>();
        for (int c = 0; c < grid.size(); c++) {
            Cell cell = grid.get(c);
            ExperimentRunner runner = new ExperimentRunner(cell.config(), silent());
            runners.add(runner);
            ExperimentData data = data(cell.tngDir());
            for (ExperimentRunner.Unit u : runner.units(data)) {
                boolean gnn = runner.graphOf(data, u) != null;
                tasks.add(new Task(c, u, gnn, gnn ? runner.graphOf(data, u).scale() : 0));
            }
        }
        tasks.sort(Comparator.comparing((Task t) -> !t.gnn()).thenComparing(t -> -t.scale()));
        List<Cell> cells = List.copyOf(grid);
        List<Tuple2<Integer, ExperimentRunner.UnitResult>> done = sc.parallelize(tasks, Math.max(1, tasks.size()))
                .map(t -> {
                    Cell cell = cells.get(t.cell());
                    if (cell.device() == Backend.CUDA && t.gnn()) {
                        TaskContext tc = TaskContext.get();
                        Cuda.useDevice(gpuOrdinal(tc == null ? Map.of() : tc.resourcesJMap()));
                    }
                    ExperimentRunner runner = new ExperimentRunner(cell.config(), silent(), cell.device());
                    return new Tuple2<>(t.cell(), runner.runUnit(data(cell.tngDir()), t.unit()));
                })
                .collect();
        List<ExperimentResult> out = new ArrayList<>();
        for (int c = 0; c < grid.size(); c++) {
            List<ExperimentRunner.UnitResult> mine = new ArrayList<>();
            double seconds = 0;
            for (Tuple2<Integer, ExperimentRunner.UnitResult> d : done) {
                if (d._1() == c) {
                    mine.add(d._2());
                    seconds += d._2().seconds();
                }
            }
            out.add(runners.get(c).assemble(data(grid.get(c).tngDir()), mine, seconds));
        }
        return out;
    }
}
