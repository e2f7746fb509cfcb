package org.cosmicweb.experiments;

import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.GraphNodes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A trained model and the catalog loaded the way it was trained: the model's graph, graph nodes,
 * cuts and node features (halo's first, then any box parameters), checked against what was asked
 * on the command line. {@code predict} and {@code embed} both start here, so a model's graph is
 * rebuilt one way only.
 */
public record ModelOnCatalog(TrainedModel trained, GraphSpec graph, GraphNodes nodes, ExperimentData data) {
    /** Refuses a --model that is not a file before anything else (a folder would otherwise be read as an output's parent). */
    public static void requireFile(Path modelFile) {
        if (java.nio.file.Files.isDirectory(modelFile)) {
            throw new IllegalArgumentException("--model " + modelFile + " is a folder; it names a model file written by"
                    + " 'train' (.cwgnn)");
        }
        if (!java.nio.file.Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("--model " + modelFile + ": missing model file");
        }
    }

    /**
     * @param askedNodes --graph-nodes as given, or null
     * @param askedCuts  the cuts of the command line
     * @param warn       receives what a person should know (cuts that differ from the model's)
     */
    public static ModelOnCatalog load(Path modelFile, GraphNodes askedNodes, CatalogCuts askedCuts,
                                      PredictJob.Loader loader, Consumer<String> warn) {
        TrainedModel trained = TrainedModel.load(modelFile, -1, -1);
        Map<String, String> prov = trained.provenance();
        String where = "model " + modelFile;
        GraphSpec graph = GraphSpec.fromProvenance(prov, where);
        GraphNodes nodes = GraphNodes.parse(prov.getOrDefault(GnnGalaxyModel.GRAPH_NODES, GraphNodes.SELECTED.key()));
        if (askedNodes != null && askedNodes != nodes) {
            throw new IllegalArgumentException(where + " was trained with --graph-nodes " + nodes.key()
                    + ": its graphs can only be rebuilt that way, not with --graph-nodes " + askedNodes.key()
                    + (nodes == GraphNodes.SELECTED ? " (retrain it with --graph-nodes dmo to apply it to"
                    + " dark-matter-only runs)" : ""));
        }
        List<String> features = trained.nodeFeatures();
        List<String> halo = List.of(ExperimentData.NODE_FEATURES);
        if (features.size() < halo.size() || !features.subList(0, halo.size()).equals(halo)) {
            throw new IllegalArgumentException(where + " reads the node features " + features + ", not the halo's "
                    + halo + " first: it was not trained by this program's 'train' on a catalog");
        }
        if (!trained.edgeFeatures().equals(graph.edgeFeatureNames())) {
            throw new IllegalArgumentException(where + " reads the edge features " + trained.edgeFeatures() + ", but a "
                    + graph.describe() + " gives " + graph.edgeFeatureNames() + " (a model trained before the centroid cosines"
                    + " became local, or by another version: retrain it)");
        }
        CatalogCuts cuts = PredictJob.modelCuts(prov, nodes, askedCuts, warn);
        ExperimentData data = loader.load(nodes, cuts, features.subList(halo.size(), features.size()));
        if (!data.featureNames().equals(features)) {
            throw new IllegalArgumentException(where + " was trained on the node features " + features
                    + ", this catalog gives " + data.featureNames());
        }
        if (nodes == GraphNodes.DMO && !data.darkOnly()) {
            List<String> stellar = PredictJob.differences(cuts, askedCuts, false, true);
            if (!stellar.isEmpty()) {
                warn.accept("warning: the model learned from galaxies chosen with other stellar cuts than this command"
                        + " line's: " + String.join(", ", stellar) + ". Galaxies are chosen with the model's cuts, as in"
                        + " training; the others get no prediction and still send messages as dark-matter nodes");
            }
        }
        String velocities = prov.get(GnnGalaxyModel.VELOCITIES);
        if ("none".equals(velocities) && graph.kind() == GraphSpec.Kind.PROJECTED) {
            throw new IllegalArgumentException(where + " is a projected (2D) model trained without velocities: it learned"
                    + " true depths along the line of sight, which no survey measures, and projected graphs now need"
                    + " velocities; train it again on a catalog with velocities");
        }
        if ("none".equals(velocities) && data.hasVelocities()) {
            warn.accept(where + " was trained on a catalog without velocities (all 0): " + data.catalog.source()
                    + "'s velocities are set to 0 as well, so its edge features are the ones the model learned");
            data = data.withoutVelocities();
        } else if ("given".equals(velocities) && !data.hasVelocities()) {
            throw new IllegalArgumentException(where + " was trained with velocities, and " + data.catalog.source()
                    + " has none (every velocity 0: a table without velocity columns); its velocity edge features would"
                    + " all be 0. Give the table's velocity columns, or use a model trained without velocities");
        }
        if (graph.kind() != GraphSpec.Kind.KNN) {
            data.checkScale("the model's linking length", graph.scale());
        } else if (graph.scale() >= data.nodeCount()) {
            throw new IllegalArgumentException(where + " links " + (int) graph.scale() + " nearest neighbours; "
                    + data.catalog.source() + " has only " + data.nodeCount() + " graph nodes");
        }
        return new ModelOnCatalog(trained, graph, nodes, data);
    }
}
