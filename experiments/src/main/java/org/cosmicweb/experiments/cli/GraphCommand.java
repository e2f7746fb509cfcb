package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GraphSpec;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.CosmicGraphs;
import org.cosmicweb.graph.ProjectedGraphs;
import org.cosmicweb.graph.GraphHdf5Writer;
import org.cosmicweb.graph.GraphViews;
import org.cosmicweb.simulations.JsonText;
import org.cosmicweb.simulations.SubhaloCatalog;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Build the cosmic graph of a catalog and print a one-line JSON summary; optionally write it to HDF5.")
public final class GraphCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    static final class Linking {
        @Option(names = "--linking-length", paramLabel = "MPC",
                description = "Link pairs closer than this many Mpc (0.1 to half the box).")
        Double linkingLength;

        @Option(names = "--knn", paramLabel = "K", description = "Link each galaxy to its K nearest neighbours.")
        Integer knn;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Linking linking;

    @Mixin
    ProjectionOptions projection;

    @Option(names = "--symmetric", description = "With --knn: also add the reverse of every edge.")
    boolean symmetric;

    @Option(names = "--self-loops", description = "Add an edge from every node to itself.")
    boolean selfLoops;

    @Option(names = "--clustering", description = "Also compute the average clustering coefficient (slow on big graphs).")
    boolean clustering;

    @Option(names = "--out", paramLabel = "FILE.h5", description = "Write senders, receivers, edge features, positions and ids.")
    Path out;

    @Override
    public void run() {
        // Every graph node: the galaxies, and with --graph-nodes dmo the other subhalos passing the dark cuts.
        SubhaloCatalog cat = new ExperimentData(catalog.load()).nodes;
        long t0 = System.nanoTime();
        CosmicGraphs.Built built;
        String[] featureNames = java.util.Arrays.stream(org.cosmicweb.graph.EdgeFeature.values())
                .map(org.cosmicweb.graph.EdgeFeature::key).toArray(String[]::new);
        if (linking.knn != null) {
            if (!projection.projection.equalsIgnoreCase("3d")) {
                throw new IllegalArgumentException("--knn graphs are 3D; use --linking-length with --projection 2d");
            }
            built = CosmicGraphs.knn(cat, linking.knn, symmetric, selfLoops);
        } else if (projection.radius(linking.linkingLength).kind() == GraphSpec.Kind.PROJECTED) {
            GraphSpec spec = projection.radius(linking.linkingLength);
            CosmicGraph g = ProjectedGraphs.radius(cat.positionsMpc(), cat.velocitiesKms(), cat.boxSizeMpc(), spec.los(),
                    spec.scale(), spec.dvMaxKms(), selfLoops);
            long t1 = System.nanoTime();
            g = g.withEdgeFeatures(ProjectedGraphs.features(g, cat.positionsMpc(), cat.velocitiesKms(), cat.boxSizeMpc(),
                    spec.los(), ExperimentData.HUBBLE));
            built = new CosmicGraphs.Built(g, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            featureNames = java.util.Arrays.stream(org.cosmicweb.graph.ProjectedEdgeFeature.values())
                    .map(org.cosmicweb.graph.ProjectedEdgeFeature::key).toArray(String[]::new);
        } else {
            built = CosmicGraphs.radius(cat, linking.linkingLength, selfLoops);
        }
        GraphViews.Stats s = GraphViews.stats(built.graph(), clustering);
        if (out != null) {
            GraphHdf5Writer.write(out, built.graph(), cat.positionsMpc(), cat.darkIds(), cat.boxSizeMpc(), featureNames);
        }
        System.out.printf(Locale.ROOT, "{\"nodes\":%d,\"edges\":%d,\"mean_degree\":%.3f,\"min_degree\":%d,"
                        + "\"max_degree\":%d,\"components\":%d,%s\"build_seconds\":%.3f,\"feature_seconds\":%.3f%s}%n",
                s.nodes(), s.directedEdges(), s.meanDegree(), s.minDegree(), s.maxDegree(), s.components(),
                clustering ? String.format(Locale.ROOT, "\"clustering\":%.4f,", s.clustering()) : "",
                built.buildSeconds(), built.featureSeconds(), out == null ? "" : ",\"out\":" + JsonText.quote(out.toString()));
    }
}
