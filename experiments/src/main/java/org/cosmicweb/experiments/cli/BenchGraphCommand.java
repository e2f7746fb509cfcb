package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.Memory;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.CosmicGraphs;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.mock.MockCatalogs;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Graph build benchmark on mock catalogs: edges, seconds, edges per second, memory, for each size, D and k.")
public final class BenchGraphCommand implements Runnable {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,300000",
            description = "Subhalo counts (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--linking-lengths", split = ",", defaultValue = "1,3,5,10",
            description = "Linking lengths in Mpc (default: ${DEFAULT-VALUE}).")
    List<Double> linkingLengths;

    @Option(names = "--knn", split = ",", defaultValue = "10,30", description = "k values (default: ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--seed", defaultValue = "1", description = "Mock seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        System.out.printf(Locale.ROOT, "threads: %d%n", Runtime.getRuntime().availableProcessors());
        // Warm the JIT on a small catalog so the first row is not a compile benchmark.
        SubhaloCatalog warm = catalog(5000);
        CosmicGraphs.radius(warm, 3, false);
        CosmicGraphs.knn(warm, 10, false, false);
        System.out.println("| nodes | box Mpc | graph | edges | build s | features s | edges/s | ns/edge | graph MiB | peak RSS MiB |");
        System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            SubhaloCatalog cat = catalog(n);
            for (double d : linkingLengths) {
                row(cat, "D=" + d + " Mpc", CosmicGraphs.radius(cat, d, false));
            }
            for (int k : ks) {
                row(cat, "k=" + k, CosmicGraphs.knn(cat, k, false, false));
            }
        }
    }

    private SubhaloCatalog catalog(int n) {
        MockUniverseConfig cfg = MockUniverseConfig.defaults(seed).withBox(MockCatalogs.boxForSubhalos(n));
        return MockCatalogs.allDarkSubhalos(MockUniverse.generate(cfg));
    }

    private static void row(SubhaloCatalog cat, String what, CosmicGraphs.Built b) {
        CosmicGraph g = b.graph();
        double secs = b.buildSeconds() + b.featureSeconds();
        double mib = (g.numEdges() * (8.0 + 4.0 * EdgeFeature.COUNT) + 4.0 * (g.numNodes() + 1)) / (1 << 20);
        System.out.printf(Locale.ROOT, "| %d | %.1f | %s | %d | %.3f | %.3f | %.3g | %.1f | %.0f | %.0f |%n",
                cat.size(), cat.boxSizeMpc(), what, g.numEdges(), b.buildSeconds(), b.featureSeconds(),
                g.numEdges() / secs, 1e9 * secs / Math.max(1, g.numEdges()), mib, Memory.peakRssMb());
    }
}
