package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GalaxyModel;
import org.cosmicweb.experiments.GnnGalaxyModel;
import org.cosmicweb.experiments.GraphSpec;
import org.cosmicweb.experiments.Metrics;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.JsonText;
import org.cosmicweb.simulations.SubhaloCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.stream.IntStream;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Apply a saved GNN to a catalog (graph built with the model's own linking length) and write"
                + " log M* with its sigma for every galaxy.")
public final class PredictCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Predictions to write.")
    Path out;

    @Override
    public void run() {
        TrainedModel trained = TrainedModel.load(modelFile, 3, EdgeFeature.COUNT);
        GraphSpec graph = GraphSpec.fromProvenance(trained.provenance(), "model " + modelFile);
        SubhaloCatalog cat = catalog.load();
        ExperimentData data = new ExperimentData(cat);
        int[] rows = IntStream.range(0, data.size()).toArray();
        GalaxyModel.Prediction p = new GnnGalaxyModel.FittedGnn(java.util.List.of(trained), graph, 256L << 10)
                .predict(data, rows);
        write(data, p);
        System.out.printf(Locale.ROOT, "{\"out\":%s,\"galaxies\":%d,\"linking_length_mpc\":%s,\"rmse\":%.4f}%n",
                JsonText.quote(out.toString()), data.size(), graph.scale(), Metrics.of(p.mean(), data.target).rmse());
    }

    private void write(ExperimentData data, GalaxyModel.Prediction p) {
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                w.write("dark_subhalo_id,hydro_subhalo_id,log_mstar_true,log_mstar_pred,sigma\n");
                for (int i = 0; i < data.size(); i++) {
                    w.write(String.format(Locale.ROOT, "%d,%d,%.5f,%.5f,%.5f%n", data.catalog.darkIds()[i],
                            data.catalog.hydroIds()[i], data.target[i], p.mean()[i], p.sigma()[i]));
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // report the first failure
            }
            throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
        }
    }
}
