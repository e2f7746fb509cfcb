package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.Json;
import org.cosmicweb.experiments.GraphJob;
import org.cosmicweb.experiments.GraphSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Build the cosmic graph of a catalog and print a one-line JSON summary; optionally write it to HDF5.")
public final class GraphCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    // Not a picocli ArgGroup: a required group is satisfied only on the command line, so a --config file
    // could give neither; run() asks for exactly one instead.
    @Option(names = "--linking-length", paramLabel = "MPC",
            description = "Link pairs closer than this many Mpc (range 0.1-50, and below half the box). Give this or"
                    + " --knn.")
    Double linkingLength;

    @Option(names = "--knn", paramLabel = "K",
            description = "Link each galaxy to its K nearest neighbours (range 1-1000, below the number of nodes).")
    Integer knn;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ProjectionOptions projection;

    @Option(names = "--symmetric", description = "With --knn: also add the reverse of every edge.")
    boolean symmetric;

    @Option(names = "--self-loops", description = "Add an edge from every node to itself.")
    boolean selfLoops;

    @Option(names = "--clustering", description = "Also compute the average clustering coefficient (slow on big graphs).")
    boolean clustering;

    @Option(names = "--out", converter = OutputFile.class, paramLabel = "FILE.h5", description = "Write senders, receivers, edge features, positions and"
            + " ids; an existing file is replaced only if it is a graph file.")
    Path out;

    @Override
    public void run() {
        if ((linkingLength == null) == (knn == null)) {
            throw new picocli.CommandLine.MissingParameterException(spec.commandLine(), spec.optionsMap().get("--knn"),
                    (knn == null ? "Missing required argument (specify one of these)" : "Give one of these, not both")
                            + ": --linking-length=MPC | --knn=K");
        }
        if (symmetric && knn == null) {
            throw new IllegalArgumentException("--symmetric adds the reverse of every --knn edge; a --linking-length"
                    + " graph is symmetric already");
        }
        GraphSpec graph;
        if (knn != null) {
            if (!projection.projection.equalsIgnoreCase("3d")) {
                throw new IllegalArgumentException("--knn graphs are 3D; use --linking-length with --projection 2d");
            }
            projection.refuseFor("a --knn graph");
            OptionChecks.range("--knn", knn, 1, 1000);
            graph = GraphSpec.knn(knn);
        } else {
            OptionChecks.range("--linking-length", linkingLength, 0.1, false, 50, false);
            graph = projection.radius(linkingLength);
        }
        GraphJob job = new GraphJob(graph, symmetric, selfLoops, clustering, out, catalog.inputs());
        System.out.println(Json.line(job.run(catalog::load)));
    }
}
