package org.cosmicweb.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cosmicweb.experiments.EmbeddedMock;
import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.ExperimentResult;
import org.cosmicweb.experiments.ReportWriter;
import org.cosmicweb.experiments.Tables;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.experiments.cli.ErrorMessages;
import org.cosmicweb.experiments.cli.GnnOptions;
import org.cosmicweb.gnn.cuda.Backend;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"An experiment grid on Apache Spark: catalogs (--tng folders and/or embedded mocks) x seeds,"
                + " each experiment's (model, fold) units as Spark tasks running the serial experiment's code.",
            "Writes one run folder per cell under --out (the same files as 'cosmicweb experiment') and prints the"
                + " summary of every cell."})
public final class SweepCommand implements Runnable {
    @Option(names = "--tng", split = ",", paramLabel = "DIR",
            description = "Catalog folders (TNG layout, real or mock), readable from every executor.")
    List<Path> tng = new ArrayList<>();

    @Option(names = "--mocks", split = ",", paramLabel = "ENV:SEED",
            description = "Embedded mocks to generate (once) under --mock-dir, e.g. neighbours:1,field:2.")
    List<String> mocks = new ArrayList<>();

    @Option(names = "--mock-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where the mocks are generated (default: ${DEFAULT-VALUE}; shared by the executors).")
    Path mockDir;

    @Option(names = "--box-mpch", defaultValue = "100", description = "Box of the mocks (default: ${DEFAULT-VALUE}).")
    double box;

    @Option(names = "--seeds", split = ",", defaultValue = "42", description = "Seeds of every catalog (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--linking-lengths", split = ",", paramLabel = "MPC",
            description = "GNN linking lengths (default: the experiment's).")
    List<Double> linkingLengths;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder of the cells' run folders.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not given by spark-submit (e.g. local[2]; default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda",
            description = "Where the GNN fits train: cpu, or cuda (each task on the GPU Spark's resource scheduling"
                    + " gave it, spark.task.resource.gpu.amount=1; GPU 0 in local mode). Executors need the -Pcuda"
                    + " build and the CUDA 13 libraries (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin
    GnnOptions gnn;

    List<SweepJob.Cell> grid() {
        List<String[]> catalogs = new ArrayList<>();
        for (Path p : tng) {
            catalogs.add(new String[] {p.getFileName().toString(), p.toAbsolutePath().toString()});
        }
        for (String m : mocks) {
            String[] kv = m.split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mocks takes ENV:SEED, got '" + m + "'");
            }
            MockUniverseConfig cfg = MockUniverseConfig.defaults(Long.parseLong(kv[1].trim())).withBox(box)
                    .withEnvironment(EnvironmentModel.parse(kv[0]));
            Path dir = EmbeddedMock.ensure(mockDir, cfg);
            catalogs.add(new String[] {dir.getFileName().toString(), dir.toAbsolutePath().toString()});
        }
        if (catalogs.isEmpty()) {
            throw new IllegalArgumentException("give catalogs with --tng DIR,... and/or --mocks ENV:SEED,...");
        }
        Backend backend = Backend.parse(device);
        List<SweepJob.Cell> cells = new ArrayList<>();
        for (String[] c : catalogs) {
            for (long seed : seeds) {
                ExperimentConfig cfg = ExperimentConfig.embedded(seed).withGnn(gnn.settings());
                if (linkingLengths != null) {
                    cfg = cfg.withLinkingLengths(linkingLengths.stream().mapToDouble(Double::doubleValue).toArray());
                }
                cells.add(new SweepJob.Cell(c[0] + "-seed" + seed, c[1], cfg, backend));
            }
        }
        return cells;
    }

    @Override
    public void run() {
        SparkConf conf = new SparkConf().setAppName("cosmicweb sweep");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // Say now, before any work, when the GPU engine has no kernels for the settings' architecture.
        Backend.parse(device).requireSupports(gnn.settings().modelConfig());
        if (conf.get("spark.master").startsWith("local")) {
            // The driver runs the tasks: say now, before any work, when its GPU cannot be used.
            Backend.parse(device).requireAvailable();
        }
        List<SweepJob.Cell> cells = grid();
        long t0 = System.nanoTime();
        // Every cell's run folder is checked and locked before any work, as 'experiment' does (ExperimentJob):
        // a file or a folder this program did not write, or a catalog folder, is refused at once.
        List<AtomicOutput> outputs = new ArrayList<>();
        try {
            for (SweepJob.Cell cell : cells) {
                outputs.add(AtomicOutput.open(ReportWriter.target(out.resolve(cell.name()))
                        .inputs(List.of(new AtomicOutput.Input("--tng/--mocks", Path.of(cell.tngDir()))))));
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                List<ExperimentResult> results = SweepJob.run(sc, cells);
                for (int c = 0; c < cells.size(); c++) {
                    ReportWriter.write(results.get(c), outputs.get(c), provenance());
                    System.out.println("## " + cells.get(c).name() + "\n\n" + Tables.markdown(results.get(c)));
                }
            }
        } finally {
            for (AtomicOutput o : outputs) {
                o.close();
            }
        }
        System.out.printf(Locale.ROOT, "sweep: %d cells in %.0f s; wrote %s%n", cells.size(), (System.nanoTime() - t0) / 1e9,
                out);
    }

    /** The manifest's record of how the sweep was started: its command line, the catalogs' cuts, threads, device. */
    private com.fasterxml.jackson.databind.node.ObjectNode provenance() {
        return ReportWriter.provenance("cosmicweb-spark", spec.commandLine().getParseResult().originalArgs(),
                org.cosmicweb.simulations.CatalogCuts.LITERATURE, device, "fast");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The program's command line; failures are said in one line, as the cosmicweb CLI says them. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SweepMain());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": error: " + ErrorMessages.of(ex));
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** The program cosmicweb-spark with its one command. */
    @Command(name = "cosmicweb-spark", mixinStandardHelpOptions = true, subcommands = SweepCommand.class,
            description = "cosmicweb on Apache Spark.")
    static final class SweepMain implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
