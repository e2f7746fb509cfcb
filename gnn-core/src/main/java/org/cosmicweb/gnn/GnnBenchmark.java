package org.cosmicweb.gnn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training-step benchmark on random graphs: forward + backward + AdamW update, timed after
 * warm-up steps. Knows nothing of astrophysics; the CLI prints its figures.
 */
public final class GnnBenchmark {
    /**
     * Figures of one benchmark configuration: speed, and per step the bytes allocated (all threads)
     * and the seconds of garbage collection (NaN where the JVM does not count them).
     */
    public record Result(int nodes, int edges, int heads, double secondsPerStep, double edgesPerSecond,
                         long parameters, double firstLoss, double lastLoss, int threads, double allocatedMbPerStep,
                         double gcSecondsPerStep) {
        public Result(int nodes, int edges, int heads, double secondsPerStep, double edgesPerSecond, long parameters,
                      double firstLoss, double lastLoss) {
            this(nodes, edges, heads, secondsPerStep, edgesPerSecond, parameters, firstLoss, lastLoss,
                    Parallel.threads(), Double.NaN, Double.NaN);
        }

        /** The figures as one JSON line (NaN, where the JVM counts nothing, as null). */
        public String json(double peakRssMb) {
            ObjectNode n = Json.object();
            n.put("nodes", nodes);
            n.put("edges", edges);
            n.put("heads", heads);
            n.put("threads", threads);
            Json.put(n, "seconds_per_step", secondsPerStep, 4);
            Json.put(n, "steps_per_second", 1 / secondsPerStep, 3);
            Json.put(n, "edges_per_second", edgesPerSecond, 0);
            Json.put(n, "allocated_mb_per_step", allocatedMbPerStep, 1);
            Json.put(n, "gc_seconds_per_step", gcSecondsPerStep, 4);
            n.put("parameters", parameters);
            Json.put(n, "first_loss", firstLoss, 4);
            Json.put(n, "last_loss", lastLoss, 4);
            Json.put(n, "peak_rss_mb", peakRssMb, 0);
            Json.put(n, "ratio_to_215k", edgesPerSecond / 215_000.0, 2);
            return Json.line(n);
        }
    }

    private GnnBenchmark() {
    }

    /** Random graph: each edge has a uniform receiver among the scored nodes and a uniform sender. */
    public static GraphBatch randomGraph(int n, int scored, int edges, int nodeDim, int edgeDim, SplittableRandom rng) {
        long[] keys = new long[edges];
        for (int e = 0; e < edges; e++) {
            long recv = rng.nextInt(scored);
            long send = rng.nextInt(n);
            keys[e] = (recv << 32) | send;
        }
        Arrays.sort(keys);
        int[] senders = new int[edges];
        int[] receivers = new int[edges];
        int[] offsets = new int[n + 1];
        for (int e = 0; e < edges; e++) {
            receivers[e] = (int) (keys[e] >>> 32);
            senders[e] = (int) keys[e];
            offsets[receivers[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        float[] x = gaussian(n * nodeDim, rng);
        float[] ef = gaussian(edges * edgeDim, rng);
        float[] y = gaussian(n, rng);
        float[] dirs = gaussian(3 * edges, rng);
        for (int e = 0; e < edges; e++) {
            double r = Math.sqrt(dirs[3 * e] * dirs[3 * e] + dirs[3 * e + 1] * dirs[3 * e + 1] + dirs[3 * e + 2] * dirs[3 * e + 2]);
            for (int a = 0; a < 3; a++) {
                dirs[3 * e + a] = (float) (dirs[3 * e + a] / r);
            }
        }
        return new GraphBatch(n, scored, nodeDim, x, edgeDim, senders, receivers, offsets, ef, y, dirs);
    }

    private static float[] gaussian(int len, SplittableRandom rng) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    /**
     * As {@link #run(ModelConfig, GraphBatch, int, int, long)}, through the engine {@code engines}
     * makes (the same step: forward, backward, AdamW at rate 1e-3 with weight decay 1e-4), so that
     * engines compare on one graph and one model.
     */
    public static Result run(StepEngine.Factory engines, ModelConfig cfg, GraphBatch g, int warmup, int steps,
                             long seed) {
        GnnModel model = new GnnModel(cfg, seed);
        TrainingConfig tc = new TrainingConfig(1, 1e-3, 1e-4, 1, 0, seed, 0);
        try (StepEngine engine = engines.engine(model, tc)) {
            double first = Double.NaN;
            for (int s = 0; s < warmup; s++) {
                double l = engine.lossAndGradients(g, null);
                first = s == 0 ? l : first;
                engine.step(1e-3);
            }
            long t0 = System.nanoTime();
            double last = Double.NaN;
            for (int s = 0; s < steps; s++) {
                last = engine.lossAndGradients(g, null);
                engine.step(1e-3);
            }
            double sec = (System.nanoTime() - t0) / 1e9 / steps;
            return new Result(g.numNodes, g.scoredEdges(), cfg.heads(), sec, g.scoredEdges() / sec,
                    model.parameterCount(), first, last);
        }
    }

    /** Times {@code steps} training steps after {@code warmup} steps on one batch. */
    public static Result run(ModelConfig cfg, GraphBatch g, int warmup, int steps, long seed) {
        GnnModel model = new GnnModel(cfg, seed);
        AdamW opt = new AdamW(model.params(), 1e-4);
        double first = Double.NaN;
        for (int s = 0; s < warmup; s++) {
            double l = model.lossAndGradients(g);
            first = s == 0 ? l : first;
            opt.step(1e-3);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a benchmark needs at least one timed step, got " + steps);
        }
        long a0 = JvmCounters.allocatedBytes();
        long gc0 = JvmCounters.gcMillis();
        long t0 = System.nanoTime();
        double last = Double.NaN;
        for (int s = 0; s < steps; s++) {
            last = model.lossAndGradients(g);
            first = Double.isNaN(first) ? last : first; // without warm-up the first timed step is the first
            opt.step(1e-3);
        }
        double sec = (System.nanoTime() - t0) / 1e9 / steps;
        long a1 = JvmCounters.allocatedBytes();
        double alloc = a0 < 0 ? Double.NaN : (a1 - a0) / 1048576.0 / steps;
        double gc = (JvmCounters.gcMillis() - gc0) / 1000.0 / steps;
        return new Result(g.numNodes, g.scoredEdges(), cfg.heads(), sec, g.scoredEdges() / sec, model.parameterCount(),
                first, last, Parallel.threads(), alloc, gc);
    }
}
