package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.GnnBenchmark;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;

import org.bytedeco.javacpp.SizeTPointer;

import static org.bytedeco.cuda.global.cudart.cudaMemGetInfo;

/** The training-step benchmark of {@link GnnBenchmark} on the GPU engine. */
public final class CudaBenchmark {
    /**
     * Figures of one GPU run: the step figures, the GPU memory in use at the end (MiB), and the
     * per-operation times of the timed steps when {@link Profile} is on (else empty).
     */
    public record Result(GnnBenchmark.Result step, double gpuUsedMb, double workspaceMb, String profile) {
    }

    private CudaBenchmark() {
    }

    /** Times {@code steps} training steps after {@code warmup} steps on one batch kept on the GPU. */
    public static Result run(ModelConfig cfg, GraphBatch g, int warmup, int steps, long seed, boolean tf32) {
        GnnModel model = new GnnModel(cfg, seed);
        try (CudaGnn gpu = new CudaGnn(model, 1e-4, tf32, 0); DeviceGraph dg = new DeviceGraph(g)) {
            double first = Double.NaN;
            for (int s = 0; s < warmup; s++) {
                double l = gpu.lossAndGradients(dg);
                first = s == 0 ? l : first;
                gpu.step(1e-3);
            }
            gpu.synchronize();
            Profile.report();
            long t0 = System.nanoTime();
            double last = Double.NaN;
            for (int s = 0; s < steps; s++) {
                last = gpu.lossAndGradients(dg);
                gpu.step(1e-3);
            }
            gpu.synchronize();
            double sec = (System.nanoTime() - t0) / 1e9 / steps;
            SizeTPointer free = new SizeTPointer(1);
            SizeTPointer total = new SizeTPointer(1);
            Cuda.check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
            double used = (total.get() - free.get()) / 1048576.0;
            GnnBenchmark.Result r = new GnnBenchmark.Result(g.numNodes, g.scoredEdges(), cfg.heads(), sec,
                    g.scoredEdges() / sec, model.parameterCount(), first, last);
            return new Result(r, used, gpu.workspaceBytes() / 1048576.0, Profile.report());
        }
    }
}
