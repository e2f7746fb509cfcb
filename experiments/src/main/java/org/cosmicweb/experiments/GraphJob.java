package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.CosmicGraphs;
import org.cosmicweb.graph.GraphHdf5Writer;
import org.cosmicweb.graph.GraphViews;
import org.cosmicweb.graph.ProjectedGraphs;
import org.cosmicweb.simulations.LoadedCatalog;
import org.cosmicweb.simulations.SubhaloCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code graph} command's job: the cosmic graph of a catalog's graph nodes (radius, projected or
 * kNN), its statistics as one JSON line and, when asked, the graph as HDF5. The output file is opened
 * (checked, locked) before the catalog is read; the scale is checked against the box and the node
 * count before the graph is built.
 *
 * @param out      the HDF5 file, or null for the summary alone
 */
public record GraphJob(GraphSpec graph, boolean symmetric, boolean selfLoops, boolean clustering, Path out,
                       List<AtomicOutput.Input> inputs) {
    public ObjectNode run(Supplier<LoadedCatalog> load) {
        try (AtomicOutput output = out == null ? null : AtomicOutput.open(GraphHdf5Writer.target(out).inputs(inputs))) {
            // Every graph node: the galaxies, and with --graph-nodes dmo the other subhalos passing the dark cuts.
            ExperimentData data = new ExperimentData(load.get());
            SubhaloCatalog cat = data.nodes;
            long t0 = System.nanoTime();
            CosmicGraphs.Built built;
            List<String> featureNames = graph.edgeFeatureNames();
            switch (graph.kind()) {
                case KNN -> {
                    int k = (int) graph.scale();
                    if (k >= cat.size()) {
                        throw new IllegalArgumentException("--knn " + k + " needs more than " + k + " graph nodes; "
                                + cat.source() + " has " + cat.size());
                    }
                    built = CosmicGraphs.knn(cat, k, symmetric, selfLoops);
                }
                case PROJECTED -> {
                    data.checkScale("--linking-length", graph.scale());
                    data.checkProjection(graph);
                    CosmicGraph g = ProjectedGraphs.radius(cat.positionsMpc(), cat.velocitiesKms(), cat.boxSizeMpc(),
                            graph.los(), graph.scale(), graph.dvMaxKms(), data.hubble(), selfLoops);
                    long t1 = System.nanoTime();
                    g = g.withEdgeFeatures(ProjectedGraphs.features(g, cat.positionsMpc(), cat.velocitiesKms(),
                            cat.boxSizeMpc(), graph.los(), data.hubble()));
                    built = new CosmicGraphs.Built(g, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
                }
                default -> {
                    data.checkScale("--linking-length", graph.scale());
                    built = CosmicGraphs.radius(cat, graph.scale(), selfLoops);
                }
            }
            GraphViews.Stats s = GraphViews.stats(built.graph(), clustering);
            if (output != null) {
                GraphHdf5Writer.write(output, built.graph(), cat.positionsMpc(), cat.darkIds(), cat.boxSizeMpc(),
                        featureNames.toArray(String[]::new), description(data.hubble()));
            }
            ObjectNode n = Json.object();
            n.put("nodes", s.nodes());
            n.put("edges", s.directedEdges());
            if (selfLoops) {
                // "edges" counts neighbour pairs; the file holds these too, one per node that has one.
                n.put("self_loops", built.graph().numEdges() - s.directedEdges());
            }
            Json.put(n, "mean_degree", s.meanDegree(), 3);
            n.put("min_degree", s.minDegree());
            n.put("max_degree", s.maxDegree());
            n.put("components", s.components());
            if (clustering) {
                Json.put(n, "clustering", s.clustering(), 4);
            }
            Json.put(n, "build_seconds", built.buildSeconds(), 3);
            Json.put(n, "feature_seconds", built.featureSeconds(), 3);
            if (out != null) {
                n.put("out", out.toString());
            }
            return n;
        }
    }

    /** How the graph was built, for the HDF5 file: what the graph itself does not record. */
    private java.util.Map<String, String> description(double hubble) {
        java.util.Map<String, String> prov = new java.util.LinkedHashMap<>();
        graph.putProvenance(prov);
        java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("graph_kind", prov.get("graph_kind"));
        if (graph.kind() == GraphSpec.Kind.PROJECTED) {
            d.put("line_of_sight", String.valueOf("xyz".charAt(graph.los())));
            d.put("dv_max_kms", prov.get("dv_max_kms"));
            d.put("hubble", Double.toString(hubble));
        }
        if (graph.kind() == GraphSpec.Kind.KNN) {
            d.put("symmetric", Boolean.toString(symmetric));
        }
        return d;
    }
}
