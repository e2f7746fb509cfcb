package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GalaxyModel;
import org.cosmicweb.experiments.GnnGalaxyModel;
import org.cosmicweb.experiments.GraphSpec;
import org.cosmicweb.experiments.Metrics;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Apply a saved GNN to a catalog (graph built with the model's own linking length, graph nodes and"
                + " cuts) and write log M* with its sigma for every galaxy.",
            "A model trained with --graph-nodes dmo also runs on a dark-matter-only catalog (a folder with the dark run"
                + " alone, a DMO SUBFIND file, a table without stellar masses): it then predicts every node."})
public final class PredictCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Predictions to write.")
    Path out;

    @Override
    public void run() {
        TrainedModel trained = TrainedModel.load(modelFile, -1, EdgeFeature.COUNT);
        Map<String, String> prov = trained.provenance();
        GraphSpec graph = GraphSpec.fromProvenance(prov, "model " + modelFile);
        GraphNodes nodes = GraphNodes.parse(prov.getOrDefault(GnnGalaxyModel.GRAPH_NODES, GraphNodes.SELECTED.key()));
        GraphNodes asked = catalog.graphNodesGiven();
        if (asked != null && asked != nodes) {
            throw new IllegalArgumentException("model " + modelFile + " was trained with --graph-nodes " + nodes.key()
                    + ": its graphs can only be rebuilt that way, not with --graph-nodes " + asked.key()
                    + (nodes == GraphNodes.SELECTED ? " (retrain it with --graph-nodes dmo to apply it to"
                    + " dark-matter-only runs)" : ""));
        }
        List<String> features = Arrays.asList(prov.getOrDefault(GnnGalaxyModel.NODE_FEATURES,
                String.join(",", ExperimentData.NODE_FEATURES)).split(","));
        if (features.size() != trained.model().config.nodeDim()
                || !features.subList(0, 3).equals(List.of(ExperimentData.NODE_FEATURES))) {
            throw new IllegalArgumentException("model " + modelFile + " records node features " + features + " for its "
                    + trained.model().config.nodeDim() + " inputs");
        }
        ExperimentData data = catalog.data(nodes, modelCuts(prov, nodes), features.subList(3, features.size()));
        if (!data.featureNames().equals(features)) {
            throw new IllegalArgumentException("model " + modelFile + " was trained on node features " + features
                    + ", this catalog gives " + data.featureNames());
        }
        if (graph.kind() != GraphSpec.Kind.KNN) {
            data.checkScale("the model's linking length", graph.scale());
        }
        int[] rows = IntStream.range(0, data.size()).toArray();
        GalaxyModel.Prediction p = new GnnGalaxyModel.FittedGnn(java.util.List.of(trained), graph, 256L << 10)
                .predict(data, rows);
        write(data, p);
        double rmse = data.darkOnly() ? Double.NaN : Metrics.of(p.mean(), data.target).rmse();
        System.out.printf(Locale.ROOT, "{\"out\":%s,\"galaxies\":%d,\"nodes\":%d,\"graph_nodes\":%s,\"boxes\":%d,"
                        + "\"linking_length_mpc\":%s,\"rmse\":%s}%n", JsonText.quote(out.toString()), data.size(),
                data.nodeCount(), JsonText.quote(nodes.key()), data.boxCount(), graph.scale(),
                Double.isNaN(rmse) ? "null" : String.format(Locale.ROOT, "%.4f", rmse));
    }

    /**
     * The cuts that choose the graph nodes are the model's own (recorded by train): the dark-matter
     * cut for dmo nodes, every cut for selected nodes. The stellar cuts of the command line still say
     * which galaxies of a dmo graph are listed.
     */
    private CatalogCuts modelCuts(Map<String, String> prov, GraphNodes nodes) {
        CatalogCuts asked = catalog.cuts();
        double mhalo = number(prov, TrainCommand.CUT_MIN_LOG_MHALO, asked.minLogMhaloMsun());
        double mstar = nodes == GraphNodes.DMO ? asked.minLogMstarMsun()
                : number(prov, TrainCommand.CUT_MIN_LOG_MSTAR, asked.minLogMstarMsun());
        int stars = nodes == GraphNodes.DMO ? asked.minStarParticles()
                : (int) number(prov, TrainCommand.CUT_MIN_STAR_PARTICLES, asked.minStarParticles());
        CatalogCuts cuts = new CatalogCuts(mstar, mhalo, stars, asked.requireFlag());
        if (!cuts.equals(asked)) {
            System.err.printf(Locale.ROOT, "predict: graph nodes chosen with the model's cuts (log M_DM > %s%s), not the"
                    + " command line's%n", mhalo, nodes == GraphNodes.DMO ? "" : ", log M* > " + mstar + ", > " + stars
                    + " star particles");
        }
        return cuts;
    }

    private static double number(Map<String, String> prov, String key, double fallback) {
        String v = prov.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    private void write(ExperimentData data, GalaxyModel.Prediction p) {
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        boolean suite = data.boxCount() > 1;
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                w.write((suite ? "box," : "") + "dark_subhalo_id,hydro_subhalo_id,log_mstar_true,log_mstar_pred,sigma\n");
                for (int i = 0; i < data.size(); i++) {
                    String truth = Double.isNaN(data.target[i]) ? "" : String.format(Locale.ROOT, "%.5f", data.target[i]);
                    w.write(String.format(Locale.ROOT, "%s%d,%d,%s,%.5f,%.5f%n",
                            suite ? data.boxes().get(data.boxOfNode()[i]).name() + "," : "", data.catalog.darkIds()[i],
                            data.catalog.hydroIds()[i], truth, p.mean()[i], p.sigma()[i]));
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
