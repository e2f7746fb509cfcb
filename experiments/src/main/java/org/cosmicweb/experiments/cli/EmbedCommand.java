package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.EnvironmentEmbedding;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GraphSpec;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Write every galaxy's environment vector under a trained GNN (what its head reads of the"
                + " environment) to HDF5, with ids, positions and the columns 'probe' can fit: log_mhalo, log_vmax,"
                + " is_central, log_mstar, log_overdensity_{1,2,3,5,10}mpc and DisPerSE distances when present."})
public final class EmbedCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "Embeddings file to write.")
    Path out;

    @Override
    public void run() {
        TrainedModel trained = TrainedModel.load(modelFile, 3, EdgeFeature.COUNT);
        GraphSpec graph = GraphSpec.fromProvenance(trained.provenance(), "model " + modelFile);
        ExperimentData data = new ExperimentData(catalog.load());
        EnvironmentEmbedding.Table t = EnvironmentEmbedding.compute(data, trained, graph, 256L << 10);
        EnvironmentEmbedding.write(out, t, data.catalog.darkIds(), graph.describe(), modelFile.toString());
        System.out.printf(Locale.ROOT, "{\"out\":%s,\"galaxies\":%d,\"width\":%d,\"columns\":%d}%n",
                JsonText.quote(out.toString()), t.size(), t.width(), t.columns().size());
    }
}
