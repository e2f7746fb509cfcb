package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.Memory;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.CosmicGraphs;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.graph.GraphPartition;
import org.cosmicweb.graph.SpatialPartitioner;
import org.cosmicweb.gnn.AdamW;
import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnBenchmark;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Parallel;
import org.cosmicweb.gnn.Standardizer;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.mock.MockCatalogs;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** The GNN benchmark's reference table. */
final class ReferenceBench {
    private ReferenceBench() {
    }

    static void printTable(int steps, int warmup) {
        System.out.printf(Locale.ROOT, "threads: %d; PyTorch reference: 215k edges/s (1 head, 20k nodes, 200k edges)%n",
                Parallel.threads());
        System.out.println("| config | nodes | edges | s/step | edges/s | x 215k | peak RSS so far, MiB |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        // The partitioned run goes first so that its peak RSS is its own (the figure only grows).
        partitioned();
        GraphBatch g = GnnBenchmark.randomGraph(20_000, 20_000, 200_000, 3, 6, new SplittableRandom(1));
        for (int heads : new int[] {1, 8}) {
            GnnBenchmark.Result r = GnnBenchmark.run(new ModelConfig(3, 6, heads, 64, 16, Aggregation.MULTI), g, warmup,
                    steps, 7);
            row(heads + " head" + (heads > 1 ? "s" : "") + ", random graph", r.nodes(), r.edges(), r.secondsPerStep(),
                    r.edgesPerSecond());
        }
    }

    private static void row(String what, int nodes, long edges, double secPerStep, double edgesPerSec) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.0f | %.2f | %.0f |%n", what, nodes, edges, secPerStep,
                edgesPerSec, edgesPerSec / 215_000.0, Memory.peakRssMb());
    }

    /** 8 heads on a 100k-subhalo mock at D = 5 Mpc, one epoch = one step per spatial partition. */
    private static void partitioned() {
        MockUniverseConfig cfg = MockUniverseConfig.defaults(1).withBox(MockCatalogs.boxForSubhalos(100_000));
        SubhaloCatalog cat = MockCatalogs.allDarkSubhalos(MockUniverse.generate(cfg));
        double d = 5.0;
        CosmicGraph g = CosmicGraphs.radius(cat, d, false).graph();
        ExperimentData data = new ExperimentData(cat);
        Standardizer nodes = Standardizer.fit(data.nodeFeatures, 3, null);
        Standardizer edges = Standardizer.fit(toDouble(g.edgeFeatures()), EdgeFeature.COUNT, null);
        int blocks = 4;
        List<GraphPartition> parts = SpatialPartitioner.partition(g, cat.positionsMpc(), cat.boxSizeMpc(), blocks, d);
        List<GraphBatch> batches = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        long scoredEdges = 0;
        for (GraphPartition p : parts) {
            int n = p.nodes().length;
            double[] x = new double[3 * n];
            float[] y = new float[n];
            for (int t = 0; t < n; t++) {
                System.arraycopy(data.nodeFeatures, 3 * p.nodes()[t], x, 3 * t, 3);
                y[t] = (float) rng.nextGaussian();
            }
            CosmicGraph s = p.graph();
            GraphBatch b = new GraphBatch(n, p.numOwned(), 3, nodes.apply(x), EdgeFeature.COUNT, s.senders(), s.receivers(),
                    s.receiverOffsets(), edges.apply(s.edgeFeatures()), y);
            scoredEdges += b.scoredEdges();
            batches.add(b);
        }
        GnnModel model = new GnnModel(ModelConfig.defaults(3, EdgeFeature.COUNT), 7);
        AdamW opt = new AdamW(model.params(), 1e-4);
        model.lossAndGradients(batches.get(0));
        opt.step(1e-3);
        long t0 = System.nanoTime();
        for (GraphBatch b : batches) {
            model.lossAndGradients(b);
            opt.step(1e-3);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        row(String.format(Locale.ROOT, "8 heads, mock D=%.0f Mpc, %d partitions (1 epoch)", d, batches.size()),
                cat.size(), scoredEdges, sec, scoredEdges / sec);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
