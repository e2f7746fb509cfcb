package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.experiments.BoostingModel;
import org.cosmicweb.experiments.EmbeddedMock;
import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.ExperimentJob;
import org.cosmicweb.experiments.ExperimentResult;
import org.cosmicweb.experiments.GraphChoice;
import org.cosmicweb.experiments.Memory;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.experiments.ReportWriter;
import org.cosmicweb.experiments.Tables;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.gnn.StepEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Linking-length experiment: the GNN against overdensity, boosting and abundance-matching"
                + " baselines on the same spatial folds; writes predictions, metrics tables and figures.",
            "Without a catalog source it runs on the embedded mock universe (generated once under --mock-dir). On a suite"
                + " of boxes (--suite) the folds are groups of whole boxes and the report adds per-box RMSEs.",
            "Every option can also come from a JSON file given with --config, e.g. {\"epochs\": 40, \"linking-lengths\": \"1,3,5\"};"
                + " flags on the command line win."})
public final class ExperimentCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--out", defaultValue = "runs/experiment", paramLabel = "DIR",
            description = "Run folder, replaced atomically when the run completes; a folder this program did not write"
                    + " is never replaced (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mock, folds and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Smoke run: D = 1 and 3 Mpc only (about a minute).")
    boolean quick;

    @Option(names = "--mock-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where the embedded mock is generated and reused (default: ${DEFAULT-VALUE}).")
    Path mockDir;

    @Option(names = "--linking-lengths", split = ",", paramLabel = "MPC",
            description = "GNN linking lengths (default 1,2,3,5,7.5,10; --quick 1,3; range 0.1-50).")
    List<Double> linkingLengths;

    @Option(names = "--radii", split = ",", paramLabel = "MPC",
            description = "Overdensity radii of the boosting baselines (default 0.3,1,2,3,5,10; range 0.1-50; on one box"
                    + " at most --pad, so that no training galaxy's overdensity reaches the validation fold).")
    List<Double> radii;

    @Option(names = "--folds", description = "Spatial folds (default 3; range 2-20): slabs along z for 3D graphs,"
            + " along an axis of the sky plane for --projection 2d or both; for a suite, folds over whole boxes.")
    Integer folds;

    @Option(names = "--pad", paramLabel = "MPC", description = "Padding between folds in Mpc (default 10; range 0-1000).")
    Double pad;

    @Mixin
    GnnOptions gnn;

    @Option(names = "--graph", defaultValue = "radius", paramLabel = "radius|knn",
            description = "Graphs of the GNN: radius graphs at each --linking-lengths, or k-nearest-neighbour graphs"
                    + " at each --k (default: ${DEFAULT-VALUE}).")
    String graphKind;

    @Option(names = "--k", split = ",", paramLabel = "K",
            description = "Neighbours per galaxy of the kNN graphs (with --graph knn; default 5,10,20; range 1-1000).")
    List<Integer> ks;

    @Option(names = "--projection", defaultValue = "3d", paramLabel = "3d|2d|both",
            description = "3d radius graphs, 2d projected ones (sky plane, redshifts along the line of sight), or both for a"
                    + " 3D-vs-2D table; with 2d the folds run across the sky plane (default: ${DEFAULT-VALUE}).")
    String projection;

    @Option(names = "--los", defaultValue = "z", paramLabel = "x|y|z",
            description = "Line of sight of the projected graphs (default: ${DEFAULT-VALUE}).")
    String los;

    @Option(names = "--dv-max", paramLabel = "KM/S",
            description = "Redshift window of the projected graphs: pairs whose cz differ by less than this, km/s (> 0;"
                    + " default: none; only with --projection 2d or both).")
    Double dvMax;

    @Mixin
    DeviceOption device;

    @Option(names = "--boost-rounds", description = "Most XGBoost rounds; each fit stops after "
            + BoostingModel.PATIENCE + " rounds without improvement on its held-out block (default "
            + BoostingModel.MAX_ROUNDS + "; range 1-100000).")
    Integer boostRounds;

    @Option(names = "--box-mpch", description = "Box of the embedded mock in Mpc/h (default 100; range 10-2000).")
    Double box;

    @Option(names = "--environment", paramLabel = "MODEL",
            description = "Environmental physics of the embedded mock: neighbours, field, web or none"
                    + " (see simulate --help; default: neighbours).")
    String environment;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    ExperimentConfig config() {
        ExperimentConfig b = quick ? ExperimentConfig.quick(seed) : ExperimentConfig.embedded(seed);
        if (folds != null) {
            OptionChecks.range("--folds", folds, 2, 20);
        }
        if (pad != null) {
            OptionChecks.range("--pad", pad, 0, false, 1000, false);
        }
        if (boostRounds != null) {
            OptionChecks.range("--boost-rounds", boostRounds, 1, 100_000);
        }
        if (ks != null) {
            ks.forEach(k -> OptionChecks.range("--k", k == null ? 0 : k, 1, 1000));
        }
        ProjectionOptions.refuseWindowIn3d(dvMax, projection, "--projection 2d or both");
        int lineOfSight = ProjectionOptions.axis(los); // a bad axis is named as such before any other check
        if ("3d".equalsIgnoreCase(projection.strip()) && JsonDefaults.given(spec, "--los")) {
            throw new IllegalArgumentException("--los " + los + " is the line of sight of --projection 2d or both; 3D"
                    + " graphs have none");
        }
        return new ExperimentConfig(
                linkingLengths == null ? b.linkingLengthsMpc() : OptionChecks.range("--linking-lengths", linkingLengths, 0.1, 50),
                radii == null ? b.radiiMpc() : OptionChecks.range("--radii", radii, 0.1, 50),
                folds == null ? b.folds() : folds, pad == null ? b.padMpc() : pad, gnn.settings(),
                boostRounds == null ? b.boostRounds() : boostRounds, seed, b.memoryBudgetBytes(),
                new GraphChoice(graphKind, ks == null ? new int[] {5, 10, 20} : ks.stream().mapToInt(Integer::intValue).toArray(),
                        projection, lineOfSight, dvMax == null ? Double.POSITIVE_INFINITY : dvMax));
    }

    @Override
    public void run() {
        StepEngine.Factory engines = device.engines(gnn.settings());
        ExperimentConfig cfg = config();
        List<AtomicOutput.Input> inputs = new ArrayList<>(catalog.inputs());
        MockUniverseConfig mock = null;
        if (catalog.hasSource() && (box != null || environment != null)) {
            throw new IllegalArgumentException((box != null ? "--box-mpch" : "--environment") + " describes the embedded"
                    + " mock; it does not apply to a catalog given with --tng, --subfind, --table or --suite");
        }
        if (!catalog.hasSource()) {
            if (box != null) {
                OptionChecks.range("--box-mpch", box, 10, false, 2000, false);
            }
            mock = MockUniverseConfig.defaults(seed).withBox(box != null ? box : 100)
                    .withEnvironment(EnvironmentModel.parse(environment == null ? "neighbours" : environment));
            inputs.add(new AtomicOutput.Input("--mock-dir", EmbeddedMock.folder(mockDir, mock)));
        }
        MockUniverseConfig embedded = mock;
        ExperimentJob job = new ExperimentJob(cfg, out, ReportWriter.provenance("cosmicweb",
                spec.commandLine().getParseResult().originalArgs(), catalog.cuts(), device.device, device.engine),
                inputs, engines);
        ExperimentResult result = job.run(() -> {
            if (embedded != null) {
                catalog.tng = EmbeddedMock.ensure(mockDir, embedded);
            }
            ExperimentData data = catalog.data(catalog.graphNodes(), catalog.cuts(), null);
            System.err.printf(Locale.ROOT, "experiment: %s: %d galaxies, %d graph nodes (%s), %d box%s, node"
                            + " features %s%n", data.catalog.source(), data.size(), data.nodeCount(),
                    data.graphNodes().key(), data.boxCount(), data.boxCount() == 1 ? "" : "es", data.featureNames());
            return data;
        }, Progress.stderr());
        System.out.println(Tables.markdown(result));
        System.out.printf(Locale.ROOT, "experiment: %.0f s, peak RSS %.0f MiB; wrote %s (%s)%n",
                result.seconds(), Memory.peakRssMb(), out, String.join(", ", ReportWriter.FILES)
                        + (result.data().boxCount() > 1 ? ", " + String.join(", ", ReportWriter.SUITE_FILES) : ""));
    }
}
