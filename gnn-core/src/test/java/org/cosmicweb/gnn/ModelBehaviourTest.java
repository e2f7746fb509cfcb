package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBehaviourTest {
    @TempDir
    Path dir;

    static final ModelConfig SMALL = new ModelConfig(3, 6, 2, 16, 8, Aggregation.MULTI);

    /** The same graph with node i renamed perm[i]. */
    static GraphBatch relabel(GraphBatch g, int[] perm) {
        int n = g.numNodes;
        int e = g.numEdges();
        long[] keys = new long[e];
        for (int x = 0; x < e; x++) {
            keys[x] = ((long) perm[g.receivers[x]] << 40) | ((long) perm[g.senders[x]] << 20) | x;
        }
        Arrays.sort(keys);
        int[] s = new int[e];
        int[] r = new int[e];
        int[] off = new int[n + 1];
        float[] ef = new float[e * g.edgeDim];
        for (int x = 0; x < e; x++) {
            int old = (int) (keys[x] & 0xFFFFF);
            r[x] = perm[g.receivers[old]];
            s[x] = perm[g.senders[old]];
            off[r[x] + 1]++;
            System.arraycopy(g.edgeFeatures, old * g.edgeDim, ef, x * g.edgeDim, g.edgeDim);
        }
        for (int i = 0; i < n; i++) {
            off[i + 1] += off[i];
        }
        float[] nf = new float[g.nodeFeatures.length];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(g.nodeFeatures, i * g.nodeDim, nf, perm[i] * g.nodeDim, g.nodeDim);
            t[perm[i]] = g.targets[i];
        }
        return new GraphBatch(n, n, g.nodeDim, nf, g.edgeDim, s, r, off, ef, t);
    }

    @Test
    void permutationEquivariant() {
        GraphBatch g = RandomGraphs.random(50, 50, 400, 3, 6, 3);
        int[] perm = new int[50];
        for (int i = 0; i < 50; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 49; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        for (GnnModel m : new GnnModel[] {new GnnModel(SMALL, 1), new GnnModel(SMALL.withLayers(3), 1)}) {
            GnnModel.Prediction a = m.predict(g);
            GnnModel.Prediction b = m.predict(relabel(g, perm));
            for (int i = 0; i < 50; i++) {
                assertEquals(a.mean()[i], b.mean()[perm[i]], 1e-5);
                assertEquals(a.logVariance()[i], b.logVariance()[perm[i]], 1e-5);
            }
        }
    }

    @Test
    void stackedRoundsStartNearTheIdentityAndSeeTwoHops() {
        // A chain 0 <- 1 <- 2: with one round node 0 cannot see node 2; with two it can.
        int[] senders = {1, 2};
        int[] receivers = {0, 1};
        int[] offsets = {0, 1, 2, 2};
        float[] x = {0, 0, 0, 0, 0, 0, 1, 1, 1};
        float[] x2 = x.clone();
        x2[6] = -3;
        float[] e = new float[12];
        float[] y = {0, 0, 0};
        GraphBatch a = new GraphBatch(3, 1, 3, x, 6, senders, receivers, offsets, e, y);
        GraphBatch b = new GraphBatch(3, 1, 3, x2, 6, senders, receivers, offsets, e, y);
        GnnModel one = new GnnModel(SMALL, 4);
        assertEquals(one.predict(a).mean()[0], one.predict(b).mean()[0]);
        GnnModel two = new GnnModel(SMALL.withLayers(2), 4);
        assertNotEquals(two.predict(a).mean()[0], two.predict(b).mean()[0]);
        // Residual branches start small: the second round moves the node state by a fraction of its size.
        GraphBatch g = RandomGraphs.random(60, 60, 500, 3, 6, 8);
        GnnModel deep = new GnnModel(SMALL.withLayers(4), 4);
        Linear project = deep.residual.get(0);
        Linear firstBranch = deep.residual.get(1);
        assertTrue(maxAbs(firstBranch.w.value) < 0.2 * maxAbs(project.w.value),
                "residual branch weights should start at a tenth of the fan-in scale");
        assertTrue(Double.isFinite(deep.lossAndGradients(g)));
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * The engine reuses its buffers from step to step: gradients of a batch must not depend on the
     * batches processed before it, bigger or smaller, whatever the aggregation and number of rounds.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"MULTI, 1", "MULTI_ANISOTROPY, 1", "MULTI_SHEAR, 1", "SUM, 2", "MULTI, 3"})
    void gradientsDoNotDependOnEarlierBatches(Aggregation agg, int layers) {
        ModelConfig cfg = new ModelConfig(3, 6, 2, 16, 8, agg, layers);
        GraphBatch big = RandomGraphs.random(300, 200, 2000, 3, 6, 5);
        GraphBatch small = RandomGraphs.random(40, 25, 180, 3, 6, 6);
        for (GraphBatch[] order : new GraphBatch[][] {{big, small}, {small, big}}) {
            // Unzeroed: the anisotropy channels' head weights start at 0, which would hide stale gradients there.
            GnnModel fresh = RandomGraphs.unzeroed(new GnnModel(cfg, 8), 4);
            double expected = fresh.lossAndGradients(order[1]);
            float[][] want = new float[fresh.params().size()][];
            for (int k = 0; k < want.length; k++) {
                want[k] = fresh.params().get(k).grad.clone();
            }
            GnnModel used = RandomGraphs.unzeroed(new GnnModel(cfg, 8), 4);
            used.lossAndGradients(order[0]);
            used.loss(order[0]);
            assertEquals(expected, used.lossAndGradients(order[1]), 0.0);
            for (int k = 0; k < want.length; k++) {
                assertArrayEquals(want[k], used.params().get(k).grad, used.params().get(k).name);
            }
            assertArrayEquals(fresh.predict(order[1]).mean(), used.predict(order[1]).mean());
        }
    }

    /**
     * MULTI_ANISOTROPY and MULTI_SHEAR start as MULTI: the head's weights on the anisotropy channels are 0,
     * so before training the prediction does not depend on the edge directions; with those weights non-zero
     * it does (the negative control). Exactly one row of the head's first layer per anisotropy channel is 0:
     * 8 per head for MULTI_ANISOTROPY (latent 8), 2 for MULTI_SHEAR (a quarter of 8).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"MULTI_ANISOTROPY, 8", "MULTI_SHEAR, 2"})
    void theAnisotropyChannelsStartSilent(Aggregation agg, int channelsPerHead) {
        ModelConfig cfg = new ModelConfig(3, 6, 2, 16, 8, agg, 1);
        GraphBatch g = RandomGraphs.random(60, 40, 400, 3, 6, 12);
        GraphBatch turned = RandomGraphs.random(60, 40, 400, 3, 6, 12);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (int e = 0; e < turned.edgeDirections.length / 3; e++) {
            double x = rng.nextGaussian();
            double y = rng.nextGaussian();
            double z = rng.nextGaussian();
            double r = Math.sqrt(x * x + y * y + z * z);
            turned.edgeDirections[3 * e] = (float) (x / r);
            turned.edgeDirections[3 * e + 1] = (float) (y / r);
            turned.edgeDirections[3 * e + 2] = (float) (z / r);
        }
        GnnModel fresh = new GnnModel(cfg, 3);
        assertArrayEquals(fresh.predict(g).mean(), fresh.predict(turned).mean());
        assertArrayEquals(fresh.predict(g).logVariance(), fresh.predict(turned).logVariance());
        GnnModel trained = RandomGraphs.unzeroed(new GnnModel(cfg, 3), 5);
        float[] a = trained.predict(g).mean();
        float[] b = trained.predict(turned).mean();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff > 1e-4, "the directions matter once the anisotropy weights are not 0: " + diff);
        int zeros = 0;
        for (float w : fresh.head.lin1.w.value) {
            zeros += w == 0f ? 1 : 0;
        }
        assertEquals(cfg.heads() * channelsPerHead * fresh.head.lin1.out, zeros, "one row per anisotropy channel");
    }

    /** s = 15 r / sqrt(225 + r²), written out by hand. */
    private static double bounded(double r) {
        return 15 * r / Math.sqrt(225 + r * r);
    }

    @Test
    void nllMatchesItsFormula() {
        float[] out = {1.0f, 0.5f, -2.0f, -1.0f};
        float[] y = {1.5f, 0.0f};
        float[] d = new float[4];
        double loss = GaussianNll.loss(out, y, 2, d);
        double s0 = bounded(0.5);
        double s1 = bounded(-1.0);
        double l0 = 0.5 * (s0 + 0.25 * Math.exp(-s0) + Math.log(2 * Math.PI));
        double l1 = 0.5 * (s1 + 4.0 * Math.exp(-s1) + Math.log(2 * Math.PI));
        assertEquals((l0 + l1) / 2, loss, 1e-6);
        assertEquals(-0.5 * Math.exp(-s0) / 2, d[0], 1e-6);
        double slope0 = 3375 / Math.pow(225 + 0.25, 1.5);
        assertEquals(0.5 * (1 - 0.25 * Math.exp(-s0)) * slope0 / 2, d[1], 1e-6);
    }

    @Test
    void logVarianceGradientNeverVanishesBeyondTheBound() {
        for (float raw : new float[] {-200f, -40f, 16f, 40f, 200f}) {
            float[] out = {0f, raw};
            float[] d = new float[2];
            // A residual of 1 in units where the variance is tiny or huge: the loss wants s toward 0.
            GaussianNll.loss(out, new float[] {1f}, 1, d);
            assertTrue(d[1] != 0f, "gradient at raw " + raw);
            assertEquals(Math.signum(raw), Math.signum(d[1]), "the gradient must push raw back toward 0, raw " + raw);
            double s = GaussianNll.logVariance(raw);
            assertTrue(Math.abs(s) < GaussianNll.LOG_VAR_BOUND, "bounded: " + s);
            // Central finite difference of the loss in raw, in double precision.
            double h = 1e-3 * Math.max(1, Math.abs(raw));
            double fd = (nll(0, raw + h, 1) - nll(0, raw - h, 1)) / (2 * h);
            assertEquals(fd, d[1], 1e-3 * Math.abs(fd) + 1e-9, "raw " + raw);
        }
    }

    private static double nll(double mu, double raw, double y) {
        double s = bounded(raw);
        return 0.5 * (s + (y - mu) * (y - mu) * Math.exp(-s) + Math.log(2 * Math.PI));
    }

    @Test
    void betaNllWeightsEachGalaxysGradientsByItsVarianceAndReportsThePlainNll() {
        float[] out = {0.2f, -1.5f, -0.3f, 0.8f};
        float[] y = {1.0f, 0.4f};
        float[] plain = new float[4];
        float[] beta1 = new float[4];
        float[] beta05 = new float[4];
        double l0 = GaussianNll.loss(out, y, 2, plain, 0);
        double l1 = GaussianNll.loss(out, y, 2, beta1, 1);
        GaussianNll.loss(out, y, 2, beta05, 0.5);
        assertEquals(l0, l1, 1e-12, "the returned value is the plain NLL for every beta");
        for (int i = 0; i < 2; i++) {
            double s = bounded(out[2 * i + 1]);
            // beta = 1: the mean's gradient is that of the squared error, -(y - mu) / n.
            assertEquals(-(y[i] - out[2 * i]) / 2, beta1[2 * i], 1e-6);
            for (int c = 0; c < 2; c++) {
                assertEquals(plain[2 * i + c] * Math.exp(s), beta1[2 * i + c], 1e-6);
                assertEquals(plain[2 * i + c] * Math.exp(0.5 * s), beta05[2 * i + c], 1e-6);
            }
        }
    }

    @Test
    void adamWDecaysWeightMatricesOnly() {
        GnnModel m = new GnnModel(SMALL, 2);
        List<Param> params = m.params();
        for (Param p : params) {
            Arrays.fill(p.value, 1f);
            p.zeroGrad();
        }
        new AdamW(params, 0.1).step(0.5);
        for (Param p : params) {
            boolean isWeight = p.name.contains(".w") && !p.name.endsWith(".b");
            assertEquals(isWeight, p.decayed, p.name);
            float expected = p.decayed ? 1f - 0.5f * 0.1f : 1f;
            assertEquals(expected, p.value[0], 1e-6, p.name);
        }
    }

    @Test
    void saveLoadGivesIdenticalPredictionsAndMismatchedDimsFail() {
        GnnModel m = new GnnModel(SMALL, 9);
        GraphBatch g = RandomGraphs.random(40, 30, 300, 3, 6, 5);
        Standardizer sn = new Standardizer(new double[] {1, 2, 3}, new double[] {1, 1, 2});
        Standardizer se = new Standardizer(new double[6], new double[] {1, 1, 1, 1, 1, 1});
        Standardizer st = new Standardizer(new double[] {10}, new double[] {0.5});
        TrainedModel tm = new TrainedModel(m, sn, se, st, Map.of("catalog", "/data/tng", "linking_length", "3.0", "seed", "9"));
        GnnModel stacked = new GnnModel(SMALL.withLayers(2), 10);
        Path f2 = dir.resolve("stacked.cwgnn");
        new TrainedModel(stacked, sn, se, st, Map.of()).save(f2);
        assertArrayEquals(stacked.predict(g).mean(), TrainedModel.load(f2, 3, 6).model().predict(g).mean());
        // MULTI_SHEAR's messages are wider than latent: its file must rebuild the same shapes.
        GnnModel shear = RandomGraphs.unzeroed(new GnnModel(new ModelConfig(3, 6, 2, 8, 4, Aggregation.MULTI_SHEAR), 11), 3);
        Path f3 = dir.resolve("shear.cwgnn");
        new TrainedModel(shear, sn, se, st, Map.of()).save(f3);
        assertArrayEquals(shear.predict(g).mean(), TrainedModel.load(f3, 3, 6).model().predict(g).mean());
        Path f = dir.resolve("model.cwgnn");
        tm.save(f);
        TrainedModel back = TrainedModel.load(f, 3, 6);
        assertArrayEquals(m.predict(g).mean(), back.model().predict(g).mean());
        assertArrayEquals(m.predict(g).logVariance(), back.model().predict(g).logVariance());
        assertEquals(tm.provenance(), back.provenance());
        assertEquals(st, back.target());
        Exception e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(f, 4, 6));
        assertTrue(e.getMessage().contains("3 node features") && e.getMessage().contains("has 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(dir.resolve("none"), 3, 6));
    }

    /** Target = own feature + mean of the neighbours' second feature: only message passing can see the latter. */
    static List<GraphBatch> neighbourTask(int batches, long seed) {
        List<GraphBatch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            GraphBatch g = RandomGraphs.random(300, 300, 2400, 3, 6, seed + b);
            float[] y = new float[g.numNodes];
            for (int i = 0; i < g.numNodes; i++) {
                float s = 0;
                int deg = g.offsets[i + 1] - g.offsets[i];
                for (int e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
                    s += g.nodeFeatures[g.senders[e] * 3 + 1];
                }
                y[i] = 0.5f * g.nodeFeatures[i * 3] + (deg > 0 ? s / deg : 0);
            }
            out.add(new GraphBatch(g.numNodes, g.numScored, 3, g.nodeFeatures, 6, g.senders, g.receivers, g.offsets,
                    g.edgeFeatures, y));
        }
        return out;
    }

    static double rmse(GnnModel m, List<GraphBatch> batches) {
        double s = 0;
        long n = 0;
        for (GraphBatch g : batches) {
            float[] mu = m.predict(g).mean();
            for (int i = 0; i < g.numScored; i++) {
                double d = mu[i] - g.targets[i];
                s += d * d;
                n++;
            }
        }
        return Math.sqrt(s / n);
    }

    @Test
    void learnsWhatOnlyNeighboursKnowAndIsDeterministic() {
        List<GraphBatch> train = neighbourTask(6, 100);
        List<GraphBatch> held = neighbourTask(2, 200);
        TrainingConfig tc = TrainingConfig.defaults(40, 3).withLearningRate(3e-3);
        GnnModel gnn = new GnnModel(SMALL, 11);
        Trainer.History h = Trainer.train(gnn, train, held, tc, null);
        GnnModel nodeOnly = new GnnModel(SMALL.withHeads(0), 11);
        Trainer.train(nodeOnly, train, held, tc, null);
        double gnnRmse = rmse(gnn, held);
        double nodeRmse = rmse(nodeOnly, held);
        // The neighbour term has std ~ 1/sqrt(8) = 0.35; a node-only model cannot go below that.
        assertTrue(nodeRmse > 0.3, "node-only RMSE " + nodeRmse);
        assertTrue(gnnRmse < 0.6 * nodeRmse, "GNN RMSE " + gnnRmse + " vs node-only " + nodeRmse);
        // The kept epoch is the one with the lowest held-out loss, and its parameters are the ones restored.
        int argmin = 0;
        for (int e = 1; e < h.validationLoss().length; e++) {
            argmin = h.validationLoss()[e] < h.validationLoss()[argmin] ? e : argmin;
        }
        assertEquals(argmin, h.bestEpoch());
        assertEquals(h.validationLoss()[argmin], Trainer.meanLoss(gnn, held), 1e-9 * Math.abs(h.validationLoss()[argmin]));

        // The allocation after the first epoch, per edge and node trained on: measured (the JVM counts per thread)
        // and positive; with one epoch there is nothing compiled to measure.
        assertTrue(h.allocatedBytesPerRow() > 0 && Double.isFinite(h.allocatedBytesPerRow()), "" + h.allocatedBytesPerRow());
        assertTrue(Double.isNaN(Trainer.train(new GnnModel(SMALL, 11), train, held, TrainingConfig.defaults(1, 3), null)
                .allocatedBytesPerRow()));

        GnnModel again = new GnnModel(SMALL, 11);
        Trainer.History h2 = Trainer.train(again, train, held, tc, null);
        assertArrayEquals(h.trainLoss(), h2.trainLoss());
        assertArrayEquals(gnn.predict(held.get(0)).mean(), again.predict(held.get(0)).mean());
        GnnModel other = new GnnModel(SMALL, 12);
        assertNotEquals(rmse(other, held), rmse(gnn, held));
    }
}
