package org.cosmicweb.experiments.cli;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnBenchmark;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.cuda.CudaBenchmark;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The GPU engine's reference table: 1 and 8 heads on random graphs of 20k nodes / 200k edges and
 * 100k nodes / 2M edges, whole graphs on the GPU (no partitions needed at these sizes).
 */
final class CudaReferenceBench {
    private CudaReferenceBench() {
    }

    static void printTable(int steps, int warmup, boolean tf32) {
        System.out.println("| config | nodes | edges | s/step | edges/s | x 215k | GPU memory in use, MiB |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int[] size : new int[][] {{20_000, 200_000}, {100_000, 2_000_000}}) {
            GraphBatch g = GnnBenchmark.randomGraph(size[0], size[0], size[1], 3, 6, new SplittableRandom(1));
            for (int heads : new int[] {1, 8}) {
                ModelConfig cfg = new ModelConfig(3, 6, heads, 64, 16, Aggregation.MULTI);
                CudaBenchmark.Result c = CudaBenchmark.run(cfg, g, warmup, steps, 7, tf32);
                GnnBenchmark.Result r = c.step();
                System.out.printf(Locale.ROOT, "| %d head%s, random graph | %d | %d | %.4f | %.0f | %.1f | %.0f |%n", heads,
                        heads > 1 ? "s" : "", r.nodes(), r.edges(), r.secondsPerStep(), r.edgesPerSecond(),
                        r.edgesPerSecond() / 215_000.0, c.gpuUsedMb());
            }
        }
    }
}
