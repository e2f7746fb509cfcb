package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.AdamW;
import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnBenchmark;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Param;
import org.cosmicweb.gnn.Trainer;
import org.cosmicweb.gnn.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU engine against the CPU engine (itself checked against finite differences): same loss,
 * gradients, optimiser steps and predictions. Runs where a CUDA device and the -Pcuda natives are
 * present and is skipped elsewhere; the last test checks the error message where they are not.
 */
class CudaGnnTest {
    /** 400 nodes, 300 scored (so halo senders and skipped edges occur), some receivers without edges. */
    private static GraphBatch graph(int edges, long seed) {
        return GnnBenchmark.randomGraph(400, 300, edges, 3, 6, new SplittableRandom(seed));
    }

    private static void requireGpu() {
        assumeTrue(Cuda.available(), () -> "no GPU: " + Cuda.unavailableReason());
    }

    /**
     * The model with its head's zero-initialised weights on the anisotropy outputs set to small values (the same
     * for the same model), so that the anisotropy's backward pass carries gradient; a no-op for the others.
     */
    private static GnnModel openAnisotropy(GnnModel m) {
        for (Param p : m.params()) {
            if (p.name.equals("head.lin1.w")) {
                for (int i = 0; i < p.value.length; i++) {
                    if (p.value[i] == 0f) {
                        p.value[i] = 0.2f * (float) Math.sin(i + 1.0);
                    }
                }
            }
        }
        return m;
    }

    private static void assertBlocksClose(GnnModel cpu, float[] gpu, double rel) {
        int off = 0;
        for (Param p : cpu.params()) {
            double scale = 1e-6;
            double worst = 0;
            for (int i = 0; i < p.grad.length; i++) {
                scale = Math.max(scale, Math.abs(p.grad[i]));
                worst = Math.max(worst, Math.abs(p.grad[i] - gpu[off + i]));
            }
            assertTrue(worst <= rel * scale, p.name + ": GPU gradient differs by " + worst + " (block scale " + scale + ")");
            off += p.grad.length;
        }
        assertEquals(off, gpu.length);
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"SUM", "MEAN", "MAX", "MULTI", "MULTI_ANISOTROPY", "MULTI_SHEAR"})
    void lossAndGradientsMatchTheCpuEngine(Aggregation agg) {
        requireGpu();
        for (int edges : new int[] {4000, 250}) {
            // a hidden width that is not a multiple of the warp size exercises the kernels' edge lanes
            ModelConfig cfg = new ModelConfig(3, 6, 3, agg == Aggregation.MEAN ? 48 : 32, 8, agg);
            GraphBatch g = graph(edges, 5);
            GnnModel cpu = openAnisotropy(new GnnModel(cfg, 11));
            double lc = cpu.lossAndGradients(g);
            try (CudaGnn gpu = new CudaGnn(openAnisotropy(new GnnModel(cfg, 11)), 1e-2, false, 0);
                 DeviceGraph dg = new DeviceGraph(g)) {
                double lg = gpu.lossAndGradients(dg);
                assertEquals(lc, lg, 1e-5 * Math.abs(lc), agg + ", " + edges + " edges");
                assertBlocksClose(cpu, gpu.gradients(), 2e-3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"MULTI", "MULTI_SHEAR"})
    void trainingStepsAndPredictionsMatchTheCpuEngine(Aggregation agg) {
        requireGpu();
        ModelConfig cfg = new ModelConfig(3, 6, 2, 32, 8, agg);
        GraphBatch g = graph(3000, 9);
        GnnModel cpu = openAnisotropy(new GnnModel(cfg, 3));
        GnnModel copy = openAnisotropy(new GnnModel(cfg, 3));
        AdamW opt = new AdamW(cpu.params(), 1e-2);
        try (CudaGnn gpu = new CudaGnn(copy, 1e-2, false, 0); DeviceGraph dg = new DeviceGraph(g)) {
            for (int s = 0; s < 5; s++) {
                cpu.lossAndGradients(g);
                opt.step(1e-2);
                gpu.lossAndGradients(dg);
                gpu.step(1e-2);
            }
            GnnModel.Prediction pc = cpu.predict(g);
            GnnModel.Prediction pg = gpu.predict(dg);
            for (int i = 0; i < pc.mean().length; i++) {
                assertEquals(pc.mean()[i], pg.mean()[i], 2e-3, "mean of node " + i);
                assertEquals(pc.logVariance()[i], pg.logVariance()[i], 2e-3, "log-variance of node " + i);
            }
            gpu.copyToModel();
            GnnModel.Prediction back = copy.predict(g);
            assertArrayEquals(pg.mean(), back.mean(), 1e-4f, "parameters copied back predict as on the GPU");
        }
    }

    @Test
    void theTrainerOnTheGpuFollowsTheCpu() {
        requireGpu();
        ModelConfig cfg = new ModelConfig(3, 6, 2, 32, 8, Aggregation.MULTI);
        List<GraphBatch> train = List.of(graph(3000, 21), graph(2000, 22), graph(2500, 23));
        List<GraphBatch> valid = List.of(graph(2000, 24));
        TrainingConfig tc = TrainingConfig.defaults(6, 5).withLearningRate(3e-3);
        GnnModel onCpu = new GnnModel(cfg, 8);
        Trainer.History hc = Trainer.train(onCpu, train, valid, tc, null);
        GnnModel onGpu = new GnnModel(cfg, 8);
        Trainer.History hg;
        try (CudaEngine engine = new CudaEngine(onGpu, tc.weightDecay(), false, 0)) {
            hg = Trainer.train(engine, train, valid, tc, null);
        }
        assertEquals(hc.bestEpoch(), hg.bestEpoch());
        for (int e = 0; e < 6; e++) {
            assertEquals(hc.trainLoss()[e], hg.trainLoss()[e], 1e-3, "train loss, epoch " + e);
            assertEquals(hc.validationLoss()[e], hg.validationLoss()[e], 1e-3, "held-out loss, epoch " + e);
        }
        assertArrayEquals(onCpu.predict(valid.get(0)).mean(), onGpu.predict(valid.get(0)).mean(), 2e-3f,
                "the best epoch's parameters are back in the model");
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"MULTI", "MULTI_SHEAR"})
    void sameInputsGiveBitwiseIdenticalGradients(Aggregation agg) {
        requireGpu();
        ModelConfig cfg = new ModelConfig(3, 6, 4, 64, 16, agg);
        GraphBatch g = graph(20000, 2);
        float[][] grads = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (CudaGnn gpu = new CudaGnn(openAnisotropy(new GnnModel(cfg, 1)), 1e-2, false, 0);
                 DeviceGraph dg = new DeviceGraph(g)) {
                gpu.lossAndGradients(dg);
                grads[r] = gpu.gradients();
            }
        }
        assertTrue(Arrays.equals(grads[0], grads[1]), "two runs differ");
    }

    @Test
    void tf32ProductsStayCloseToFp32() {
        requireGpu();
        ModelConfig cfg = new ModelConfig(3, 6, 2, 64, 16, Aggregation.MULTI);
        GraphBatch g = graph(4000, 4);
        double[] loss = new double[2];
        for (int r = 0; r < 2; r++) {
            try (CudaGnn gpu = new CudaGnn(new GnnModel(cfg, 1), 1e-2, r == 1, 0); DeviceGraph dg = new DeviceGraph(g)) {
                loss[r] = gpu.lossAndGradients(dg);
            }
        }
        assertEquals(loss[0], loss[1], 1e-2 * Math.abs(loss[0]));
    }

    @Test
    void nodeOnlyModelAndWrongShapes() {
        requireGpu();
        GraphBatch g = graph(1000, 6);
        ModelConfig nodeOnly = new ModelConfig(3, 6, 0, 32, 8, Aggregation.SUM);
        GnnModel cpu = new GnnModel(nodeOnly, 2);
        double lc = cpu.lossAndGradients(g);
        try (CudaGnn gpu = new CudaGnn(new GnnModel(nodeOnly, 2), 0, false, 0); DeviceGraph dg = new DeviceGraph(g)) {
            assertEquals(lc, gpu.lossAndGradients(dg), 1e-5 * Math.abs(lc));
        }
        assertThrows(CudaException.class, () -> new CudaGnn(new GnnModel(new ModelConfig(3, 6, 2, 32, 8,
                Aggregation.SUM, 2), 1), 0, false, 0));
        ModelConfig fourFeatures = new ModelConfig(4, 6, 1, 32, 8, Aggregation.SUM);
        try (CudaGnn gpu = new CudaGnn(new GnnModel(fourFeatures, 2), 0, false, 0); DeviceGraph dg = new DeviceGraph(g)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpu.lossAndGradients(dg));
            assertTrue(e.getMessage().contains("4 node"), e.getMessage());
        }
    }

    @Test
    void theAnisotropyNeedsTheBatchsDirections() {
        requireGpu();
        GraphBatch g = graph(1000, 7);
        GraphBatch noDirections = new GraphBatch(g.numNodes, g.numScored, g.nodeDim, g.nodeFeatures, g.edgeDim, g.senders,
                g.receivers, g.offsets, g.edgeFeatures, g.targets, null);
        ModelConfig cfg = new ModelConfig(3, 6, 2, 32, 8, Aggregation.MULTI_SHEAR);
        try (CudaGnn gpu = new CudaGnn(new GnnModel(cfg, 2), 0, false, 0); DeviceGraph dg = new DeviceGraph(noDirections)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpu.lossAndGradients(dg));
            assertTrue(e.getMessage().contains("edge directions"), e.getMessage());
        }
    }

    @Test
    void withoutAGpuTheErrorSaysWhy() {
        assumeFalse(Cuda.available(), "a GPU is present");
        CudaException e = assertThrows(CudaException.class,
                () -> new CudaGnn(new GnnModel(new ModelConfig(3, 6, 1, 8, 4, Aggregation.SUM), 1), 0, false, 0));
        assertTrue(e.getMessage().startsWith("the CUDA backend cannot run: "), e.getMessage());
        assertTrue(e.getMessage().length() > 40, e.getMessage());
    }
}
