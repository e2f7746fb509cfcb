package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GnnGalaxyModel;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.experiments.GnnSettings;
import org.cosmicweb.simulations.JsonText;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.gnn.StepEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the GNN on every galaxy of a catalog (one spatial block held out to pick the best epoch)"
                + " and save it, with its normalisation and provenance, to one file.")
public final class TrainCommand implements Runnable {
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
        SubhaloCatalog cat = catalog.load();
        ExperimentData data = new ExperimentData(cat);
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
        fitted.trained().save(out);
        System.out.printf(Locale.ROOT, "{\"model\":%s,\"galaxies\":%d,\"linking_length_mpc\":%s,\"parameters\":%d}%n",
                JsonText.quote(out.toString()), data.size(), linkingLength, fitted.trained().model().parameterCount());
    }
}
