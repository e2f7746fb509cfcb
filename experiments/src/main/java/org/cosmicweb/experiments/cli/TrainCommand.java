package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GnnGalaxyModel;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.experiments.GnnSettings;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.simulations.JsonText;
import org.cosmicweb.gnn.StepEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the GNN on every galaxy of a catalog (one spatial block held out to pick the best epoch)"
                + " and save it, with its normalisation and provenance, to one file.")
public final class TrainCommand implements Runnable {
    /** Provenance keys of the cuts a model was trained with. */
    static final String CUT_MIN_LOG_MSTAR = "cut_min_log_mstar";
    static final String CUT_MIN_LOG_MHALO = "cut_min_log_mhalo";
    static final String CUT_MIN_STAR_PARTICLES = "cut_min_star_particles";

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--linking-length", required = true, paramLabel = "MPC", description = "Linking length D in Mpc.")
    double linkingLength;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write.")
    Path out;

    @Mixin
    GnnOptions gnn;

    @Mixin
    ProjectionOptions projection;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOption device;

    @Override
    public void run() {
        StepEngine.Factory engines = device.engines();
        ExperimentData data = catalog.data(catalog.graphNodes(), catalog.cuts(), null);
        data.requireTargets("train");
        data.checkScale("linking length", linkingLength);
        Progress progress = Progress.stderr();
        GnnSettings settings = gnn.settings();
        if (settings.members() != 1) {
            throw new IllegalArgumentException("train saves one network; use --ensemble 1 (the experiment runs ensembles)");
        }
        GnnGalaxyModel model = new GnnGalaxyModel(projection.radius(linkingLength), settings, seed, 256L << 10,
                (e, n, tl, vl, lr) -> progress.update("train: epoch", e + 1, n,
                        String.format(Locale.ROOT, "train NLL %.3f, held-out NLL %.3f", tl, vl)))
                .on(engines);
        GnnGalaxyModel.FittedGnn fitted = model.fit(data, IntStream.range(0, data.size()).toArray(), new int[0]);
        TrainedModel t = fitted.trained();
        // The cuts travel with the model: they chose its graph nodes, and predict chooses them the same way.
        Map<String, String> prov = new TreeMap<>(t.provenance());
        prov.put(CUT_MIN_LOG_MSTAR, Double.toString(catalog.minLogMstar));
        prov.put(CUT_MIN_LOG_MHALO, Double.toString(catalog.minLogMhalo));
        prov.put(CUT_MIN_STAR_PARTICLES, Integer.toString(catalog.minStarParticles));
        new TrainedModel(t.model(), t.nodes(), t.edges(), t.target(), prov).save(out);
        System.out.printf(Locale.ROOT, "{\"model\":%s,\"galaxies\":%d,\"nodes\":%d,\"graph_nodes\":%s,\"boxes\":%d,"
                        + "\"linking_length_mpc\":%s,\"parameters\":%d}%n", JsonText.quote(out.toString()), data.size(),
                data.nodeCount(), JsonText.quote(data.graphNodes().key()), data.boxCount(), linkingLength,
                fitted.trained().model().parameterCount());
    }
}
