package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GnnGalaxyModel;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.TrainingConfig;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.JsonText;
import org.cosmicweb.simulations.SubhaloCatalog;
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

    @Option(names = "--epochs", defaultValue = "40", description = "Epochs (default: ${DEFAULT-VALUE}, as the experiment).")
    int epochs;

    @Option(names = "--heads", defaultValue = "2", description = "Unshared edge MLPs (default: ${DEFAULT-VALUE}, as the experiment).")
    int heads;

    @Option(names = "--hidden", defaultValue = "32", description = "Hidden width (default: ${DEFAULT-VALUE}, as the experiment).")
    int hidden;

    @Option(names = "--latent", defaultValue = "16", description = "Message width (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--layers", defaultValue = "1",
            description = "Message-passing rounds; above 1 they are stacked as residual branches (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--learning-rate", defaultValue = "5e-3", description = "AdamW learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOption device;

    @Override
    public void run() {
        SubhaloCatalog cat = catalog.load();
        ExperimentData data = new ExperimentData(cat);
        Progress progress = Progress.stderr();
        TrainingConfig tc = TrainingConfig.defaults(epochs, seed).withLearningRate(learningRate);
        ModelConfig mc = new ModelConfig(3, EdgeFeature.COUNT, heads, hidden, latent, Aggregation.MULTI, layers);
        GnnGalaxyModel model = new GnnGalaxyModel(linkingLength, mc, tc, 256L << 10,
                (e, n, tl, vl, lr) -> progress.update("train: epoch", e + 1, n,
                        String.format(Locale.ROOT, "train NLL %.3f, held-out NLL %.3f", tl, vl)))
                .on(device.backend());
        GnnGalaxyModel.FittedGnn fitted = model.fit(data, IntStream.range(0, data.size()).toArray());
        fitted.trained.save(out);
        System.out.printf(Locale.ROOT, "{\"model\":%s,\"galaxies\":%d,\"linking_length_mpc\":%s,\"parameters\":%d}%n",
                JsonText.quote(out.toString()), data.size(), linkingLength, fitted.trained.model().parameterCount());
    }
}
