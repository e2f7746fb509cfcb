package org.cosmicweb.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.experiments.Memory;
import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnBenchmark;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.cuda.Backend;
import org.cosmicweb.gnn.cuda.Cuda;
import org.cosmicweb.gnn.cuda.CudaBenchmark;
import org.cosmicweb.gnn.samediff.SameDiffEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.SplittableRandom;

@Command(name = "gnn", mixinStandardHelpOptions = true,
        description = {"Training-step benchmark (forward + backward + AdamW).",
            "Without --json: the reference table (1 and 8 heads on a random 20k-node / 200k-edge graph, and 8 heads"
                + " on a 100k-node / 3.5M-edge mock cosmic graph trained in spatial partitions); the size and model"
                + " options are for --json.",
            "With --json: the configuration given by the options on a random graph with 3 node and 6 edge features;"
                + " the last line is one JSON object.",
            "With --engine samediff: the configuration given by the options, on the fast engine and then on SameDiff"
                + " (same graph, model and steps), and the ratio of their times per step."})
public final class BenchGnnCommand implements Runnable {
    @Option(names = "--nodes", defaultValue = "20000", description = "Nodes (default: ${DEFAULT-VALUE}; range 1-10^8).")
    int nodes;

    @Option(names = "--edges", defaultValue = "200000",
            description = "Directed edges (default: ${DEFAULT-VALUE}; at least 1, and what the Java heap can hold).")
    int edges;

    @Option(names = "--heads", defaultValue = "1", description = "Unshared edge MLPs (default: ${DEFAULT-VALUE}; the reference model has 8).")
    int heads;

    @Option(names = "--hidden", defaultValue = "64", description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--latent", defaultValue = "16", description = "Message width (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--aggregation", defaultValue = "MULTI",
            description = "SUM, MEAN, MAX, MULTI, MULTI_ANISOTROPY, MULTI_SHEAR (the training default) or MULTI_ATTENTION"
                    + " (default: ${DEFAULT-VALUE}, the reference model's, as the figures of earlier runs).")
    Aggregation aggregation;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print the figures as one JSON object on the last line.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "With --json on the CPU: run the configuration on each of these thread counts ('all' for"
                    + " every core), printing a line per count with steps/s, edges/s, MB allocated and GC seconds per"
                    + " step and the speed-up over the first count (default: the engine's pool, all cores).")
    java.util.List<String> threads;

    @Mixin
    DeviceOption device;

    @Option(names = "--tf32", description = "On cuda: let cuBLAS use TF32 tensor cores (faster, ~1e-3 relative rounding).")
    boolean tf32;

    /**
     * Refuses, before allocating, a graph whose arrays alone exceed the Java heap: per edge its
     * sender, receiver, 6 features and direction (4 bytes each), and per head the hidden and latent
     * activations of forward and backward (4 bytes each, at least twice); per node its features.
     */
    private void checkMemory() {
        double perEdge = 4.0 * (2 + 6 + 3) + 8.0 * Math.max(1, heads) * (hidden + latent);
        double bytes = perEdge * edges + 64.0 * nodes * Math.max(1, hidden);
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--edges %d with --nodes %d, %d"
                            + " heads of width %d needs at least %.1f GiB, more than the Java heap of %.1f GiB: use fewer"
                            + " --edges or give Java more memory (JAVA_OPTS=-Xmx...)", edges, nodes, heads, hidden,
                    bytes / (1L << 30), max / (double) (1L << 30)));
        }
    }

    @Override
    public void run() {
        OptionChecks.range("--nodes", nodes, 1, 100_000_000);
        OptionChecks.range("--edges", edges, 1, Integer.MAX_VALUE - 8);
        OptionChecks.range("--steps", steps, 1, 100_000);
        OptionChecks.range("--warmup", warmup, 0, 100_000);
        OptionChecks.range("--heads", heads, 0, 64);
        OptionChecks.range("--hidden", hidden, 1, 4096);
        OptionChecks.range("--latent", latent, 1, 4096);
        checkMemory();
        if (device.sameDiff()) {
            compareWithSameDiff();
            return;
        }
        boolean gpu = device.backend() == Backend.CUDA;
        if (gpu) {
            System.out.println("device: " + Cuda.describe() + (tf32 ? ", TF32 products" : ", FP32 products"));
        }
        if (!json) {
            java.util.List<String> ignored = java.util.stream.Stream.of("--nodes", "--edges", "--heads", "--hidden", "--latent",
                    "--aggregation", "--threads").filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
            if (!ignored.isEmpty()) {
                System.err.println("bench gnn: warning: " + String.join(", ", ignored) + " not used: without --json this"
                        + " prints the reference table at its own sizes (add --json to run the configuration given)");
            }
            if (gpu) {
                CudaReferenceBench.printTable(steps, warmup, tf32);
            } else {
                ReferenceBench.printTable(steps, warmup);
            }
            return;
        }
        GraphBatch g = GnnBenchmark.randomGraph(nodes, nodes, edges, 3, 6, new SplittableRandom(1));
        ModelConfig cfg = new ModelConfig(3, 6, heads, hidden, latent, aggregation);
        GnnBenchmark.Result r;
        if (gpu) {
            CudaBenchmark.Result c = CudaBenchmark.run(cfg, g, warmup, steps, 7, tf32);
            r = c.step();
            System.out.printf(Locale.ROOT, "GPU memory in use %.0f MiB (step buffers %.0f MiB)%n", c.gpuUsedMb(),
                    c.workspaceMb());
            if (!c.profile().isEmpty()) {
                System.out.print("GPU time per operation over the " + steps + " timed steps (each operation synchronised,"
                        + " -Dcosmicweb.cuda.profile=true):\n" + c.profile());
            }
        } else if (threads != null) {
            r = null;
            double base = Double.NaN;
            for (String t : threads) {
                int n;
                try {
                    n = t.equalsIgnoreCase("all") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(t.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--threads takes whole numbers or 'all', got '" + t + "'");
                }
                OptionChecks.range("--threads", n, 1, 4096);
                org.cosmicweb.gnn.Parallel.setThreads(n);
                r = GnnBenchmark.run(cfg, g, warmup, steps, 7);
                base = Double.isNaN(base) ? r.edgesPerSecond() : base;
                System.out.printf(Locale.ROOT, "threads %d: %.4f s/step, %.2f steps/s, %.0f edges/s, %.1f MB allocated"
                                + " and %.4f s of GC per step, speed-up %.2f%n", n, r.secondsPerStep(),
                        1 / r.secondsPerStep(), r.edgesPerSecond(), r.allocatedMbPerStep(), r.gcSecondsPerStep(),
                        r.edgesPerSecond() / base);
            }
        } else {
            r = GnnBenchmark.run(cfg, g, warmup, steps, 7);
        }
        double rss = Memory.peakRssMb();
        System.out.printf(Locale.ROOT, "nodes %d, edges %d, heads %d, hidden %d, latent %d, %s: %.4f s/step, %.0f edges/s"
                        + " (%.2f x 215k), %.1f MB allocated and %.4f s of GC per step, loss %.3f -> %.3f,"
                        + " peak RSS %.0f MiB%n",
                nodes, edges, heads, hidden, latent, aggregation, r.secondsPerStep(), r.edgesPerSecond(),
                r.edgesPerSecond() / 215_000.0, r.allocatedMbPerStep(), r.gcSecondsPerStep(), r.firstLoss(),
                r.lastLoss(), rss);
        if (json) {
            System.out.println(r.json(rss));
        }
    }

    /** The options' configuration on the fast CPU engine, then through SameDiff, and the ratio of their step times. */
    private void compareWithSameDiff() {
        device.engines();
        GraphBatch g = GnnBenchmark.randomGraph(nodes, nodes, edges, 3, 6, new SplittableRandom(1));
        ModelConfig cfg = new ModelConfig(3, 6, heads, hidden, latent, aggregation);
        GnnBenchmark.Result fast = GnnBenchmark.run(Backend.CPU, cfg, g, warmup, steps, 7);
        print("fast", fast);
        GnnBenchmark.Result sd = GnnBenchmark.run(SameDiffEngine.FACTORY, cfg, g, warmup, steps, 7);
        print("samediff", sd);
        double ratio = sd.secondsPerStep() / fast.secondsPerStep();
        System.out.printf(Locale.ROOT, "samediff takes %.2f x the fast engine's time per step (%d threads)%n", ratio,
                org.cosmicweb.gnn.Parallel.threads());
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("nodes", nodes).put("edges", g.scoredEdges()).put("heads", heads).put("hidden", hidden)
                    .put("latent", latent).put("aggregation", aggregation.name()).put("steps", steps);
            o.put("fast_seconds_per_step", fast.secondsPerStep()).put("samediff_seconds_per_step", sd.secondsPerStep());
            o.put("fast_edges_per_second", fast.edgesPerSecond()).put("samediff_edges_per_second", sd.edgesPerSecond());
            o.put("samediff_time_ratio", ratio).put("peak_rss_mb", Memory.peakRssMb());
            try {
                System.out.println(m.writeValueAsString(o));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("could not write the benchmark's JSON: " + e.getMessage(), e);
            }
        }
    }

    private void print(String engine, GnnBenchmark.Result r) {
        System.out.printf(Locale.ROOT, "%-8s nodes %d, edges %d, heads %d, hidden %d, latent %d, %s: %.4f s/step,"
                        + " %.0f edges/s, loss %.3f -> %.3f%n", engine, nodes, r.edges(), heads, hidden, latent,
                aggregation, r.secondsPerStep(), r.edgesPerSecond(), r.firstLoss(), r.lastLoss());
    }
}
