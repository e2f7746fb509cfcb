package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GaussianNll;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Param;

import static org.bytedeco.cuda.global.cudart.cudaMemcpy2D;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToDevice;

/**
 * Training on the GPU for a {@link GnnModel} with one message-passing round: the same network,
 * loss and AdamW as the CPU engine, computed with cuBLAS products (the U unshared heads as one
 * batched product per layer) and NVRTC kernels for the fused gather + first layer, LayerNorm +
 * SiLU, the aggregations, the segment sums, the NLL and the optimiser. Unlike the CPU engine the
 * first layer gathers raw features (2 · nodeDim + edgeDim floats per edge) rather than node-level
 * products: the GPU is bound by memory traffic, not arithmetic. Parameters, gradients and Adam
 * moments stay on the GPU between steps; {@link #copyToModel()} brings the parameters back.
 * The model's own values are read once, at construction.
 */
public final class CudaGnn implements AutoCloseable {
    private final GnnModel model;
    private final ModelConfig cfg;
    private final ParamLayout layout;
    private final Kernels kernels;
    private final Blas blas;
    private final Workspace ws = new Workspace();
    private final DeviceArray params;
    private final DeviceArray grads;
    private final DeviceArray m;
    private final DeviceArray v;
    private final DeviceArray decay;
    private final Ops ops;
    private final DeviceTail edgeTail;
    private final DeviceTail ghTail;
    private final DeviceTail headTail;
    private final double weightDecay;
    private final double beta;
    private int steps;

    /**
     * @param tf32 allow TF32 tensor-core products (faster; ~1e-3 relative rounding), else plain FP32
     * @param beta β of the β-NLL gradients ({@link GaussianNll}); 0 is the plain NLL
     */
    public CudaGnn(GnnModel model, double weightDecay, boolean tf32, double beta) {
        Cuda.require();
        ModelConfig c = model.config;
        Backend.CUDA.requireSupports(c);
        this.model = model;
        this.cfg = c;
        this.weightDecay = weightDecay;
        this.beta = beta;
        layout = new ParamLayout(model.params(), c.heads());
        kernels = new Kernels(c.hidden(), c.nodeDim(), c.edgeDim());
        blas = new Blas(tf32, kernels, ws);
        params = DeviceArray.floats(layout.total);
        grads = DeviceArray.floats(layout.total);
        m = DeviceArray.floats(layout.total);
        v = DeviceArray.floats(layout.total);
        m.zero();
        v.zero();
        byte[] mask = new byte[(int) layout.total];
        for (Param p : model.params()) {
            if (p.decayed) {
                java.util.Arrays.fill(mask, (int) layout.of(p.name), (int) layout.of(p.name) + p.value.length, (byte) 1);
            }
        }
        decay = DeviceArray.of(mask);
        upload();
        ops = new Ops(kernels, blas, ws, params, grads);
        edgeTail = c.heads() == 0 ? null
                : new DeviceTail(ops, layout, "edge0", c.heads(), c.hidden(), c.aggregation().messageWidth(c.latent()),
                        layout.headStride);
        ghTail = new DeviceTail(ops, layout, "galaxy_halo", 1, c.hidden(), c.latent(), 0);
        headTail = new DeviceTail(ops, layout, "head", 1, c.hidden(), 2, 0);
    }

    /** Copies the model's parameter values to the GPU (they must not change shape). */
    public void upload() {
        float[] all = new float[(int) layout.total];
        for (Param p : model.params()) {
            System.arraycopy(p.value, 0, all, (int) layout.of(p.name), p.value.length);
        }
        params.upload(all);
    }

    /** Copies the GPU's parameter values into the model. */
    public void copyToModel() {
        float[] all = params.downloadFloats(0, (int) layout.total);
        for (Param p : model.params()) {
            System.arraycopy(all, (int) layout.of(p.name), p.value, 0, p.value.length);
        }
    }

    /** Gradients of the last {@link #lossAndGradients}, in the model's params() order, flattened. */
    public float[] gradients() {
        return grads.downloadFloats(0, (int) layout.total);
    }

    /** GPU memory held by the step's buffers (parameters and graphs excluded). */
    public long workspaceBytes() {
        return ws.bytes();
    }

    private int envWidth() {
        return cfg.heads() == 0 ? 0 : cfg.environmentWidth();
    }

    /** Forward pass; returns the head's output [n, 2] for the scored nodes. */
    private DeviceArray forward(DeviceGraph g) {
        cfg.checkBatch(g.batch);
        int n = g.batch.numScored;
        int envW = envWidth();
        int inW = envW + cfg.latent();
        DeviceArray headIn = ws.floats("headIn", (long) n * inW);
        if (cfg.heads() > 0) {
            DeviceArray env = edgeForward(g, n);
            int w = cfg.aggregation().outWidth(cfg.latent());
            for (int u = 0; u < cfg.heads(); u++) {
                copyColumns(headIn, u * w, inW, env, (long) u * n * w, w, w, n);
            }
        }
        DeviceArray gh = mlpForward(ghTail, "galaxy_halo", g.x.address(), n, cfg.nodeDim());
        copyColumns(headIn, envW, inW, gh, 0, cfg.latent(), cfg.latent(), n);
        return mlpForward(headTail, "head", headIn.address(), n, inW);
    }

    /** Copies a [rows, width] block between row-major matrices with the given row lengths (in floats). */
    private static void copyColumns(DeviceArray dst, long dstCol, int dstRow, DeviceArray src, long srcStart, int srcRow,
                                    int width, int rows) {
        if (rows == 0 || width == 0) {
            return;
        }
        Cuda.check(cudaMemcpy2D(DeviceArray.pointer(dst.at(dstCol)), 4L * dstRow, DeviceArray.pointer(src.at(srcStart)),
                4L * srcRow, 4L * width, rows, cudaMemcpyDeviceToDevice), "cudaMemcpy2D");
    }

    private DeviceArray mlpForward(DeviceTail tail, String prefix, long x, int n, int in) {
        DeviceArray z1 = tail.input(n);
        blas.forward(1, n, in, cfg.hidden(), x, 0, ops.param(layout.of(prefix + ".lin1.w")), 0, z1.address(), 0, false);
        return tail.forward(n, layout.of(prefix + ".lin1.b"));
    }

    /** Backward through an MLP from dout [n, out]; returns ∂L/∂x [n, in] when dx is not null. */
    private void mlpBackward(DeviceTail tail, String prefix, long x, int n, int in, DeviceArray dout, DeviceArray dx) {
        DeviceArray dz1 = tail.backward(n, dout, layout.of(prefix + ".lin1.b"));
        long w = layout.of(prefix + ".lin1.w");
        blas.backwardWeights(1, n, in, cfg.hidden(), x, 0, dz1.address(), 0, ops.grad(w), 0);
        if (dx != null) {
            blas.backwardInput(1, n, in, cfg.hidden(), dz1.address(), 0, ops.param(w), 0, dx.address(), 0);
        }
    }

    /** The U edge heads: messages into the n scored nodes, aggregated to [U, n, outWidth(latent)]. */
    private DeviceArray edgeForward(DeviceGraph g, int n) {
        int heads = cfg.heads();
        int l = cfg.latent();
        long es = g.batch.scoredEdges();
        long stride = layout.headStride;
        DeviceArray z1 = edgeTail.input(es);
        int blocks = (int) Math.max(1, Math.min(1 << 20, (es + 255) / 256));
        kernels.launch("edge_first", blocks, heads, 0, g.x.address(), g.edgeFeatures.address(), params.address(), stride,
                layout.of("edge0.lin1.w_receiver"), layout.of("edge0.lin1.w_sender"), layout.of("edge0.lin1.w_edge"),
                layout.of("edge0.lin1.b"), g.receivers.address(), g.senders.address(), z1.address(), es);
        DeviceArray msg = edgeTail.forward(es, -1);
        Aggregation a = cfg.aggregation();
        int s = a.messageWidth(l);
        int w = a.outWidth(l);
        DeviceArray env = ws.floats("env", (long) heads * n * w);
        DeviceArray argmax = ws.floats("argmax", (long) heads * n * l);
        kernels.each("agg_fwd", (long) heads * n * l, msg.address(), es, g.offsets.address(), n, l, s, w, mode(),
                env.address(), argmax.address(), heads);
        int k = a.anisotropyChannels(l);
        if (k > 0) {
            DeviceArray traceless = ws.floats("traceless", 6L * heads * n * k);
            DeviceArray norm = ws.floats("anisotropy", (long) heads * n * k);
            kernels.each("aniso_fwd", (long) heads * n * k, msg.address(), es, g.offsets.address(), n, s,
                    a.anisotropyFrom(l), k, g.directions().address(), w, 3 * l, traceless.address(), norm.address(),
                    env.address(), heads);
        }
        return env;
    }

    private int mode() {
        return switch (cfg.aggregation()) {
            case SUM -> 0;
            case MEAN -> 1;
            case MAX -> 2;
            case MULTI, MULTI_ANISOTROPY, MULTI_SHEAR -> 3;
            case MULTI_ATTENTION -> throw new CudaException("the GPU engine has no "
                    + cfg.aggregation().cliName() + " aggregation yet");
        };
    }

    private void edgeBackward(DeviceGraph g, int n, DeviceArray dEnv) {
        int heads = cfg.heads();
        int h = cfg.hidden();
        int l = cfg.latent();
        int nodes = g.batch.numNodes;
        long es = g.batch.scoredEdges();
        long stride = layout.headStride;
        Aggregation a = cfg.aggregation();
        int s = a.messageWidth(l);
        int k = a.anisotropyChannels(l);
        DeviceArray dmsg = ws.floats("dmsg", heads * es * s);
        long dirs = k > 0 ? g.directions().address() : 0L;
        long traceless = k > 0 ? ws.floats("traceless", 6L * heads * n * k).address() : 0L;
        long norm = k > 0 ? ws.floats("anisotropy", (long) heads * n * k).address() : 0L;
        long argmax = ws.floats("argmax", (long) heads * n * l).address();
        kernels.each("agg_bwd", heads * es * s, dEnv.address(), g.receivers.address(), g.offsets.address(), n, l, s,
                a.outWidth(l), mode(), argmax, a.anisotropyFrom(l), k, 3 * l, dirs, traceless, norm, dmsg.address(), es,
                heads);
        DeviceArray dz1 = edgeTail.backward(es, dmsg, layout.of("edge0.lin1.b"));
        blas.backwardWeights(heads, (int) es, cfg.edgeDim(), h, g.edgeFeatures.address(), 0, dz1.address(), es * h,
                ops.grad(layout.of("edge0.lin1.w_edge")), stride);
        DeviceArray dpa = ws.floats("dpa", (long) heads * n * h);
        DeviceArray dpb = ws.floats("dpb", (long) heads * nodes * h);
        kernels.each("seg_sum_recv", (long) heads * n * h, dz1.address(), es, g.offsets.address(), n, h, dpa.address(),
                heads);
        kernels.each("seg_sum_send", (long) heads * nodes * h, dz1.address(), es, g.senderOrder.address(),
                g.senderOffsets.address(), nodes, h, dpb.address(), heads);
        blas.backwardWeights(heads, n, cfg.nodeDim(), h, g.x.address(), 0, dpa.address(), (long) n * h,
                ops.grad(layout.of("edge0.lin1.w_receiver")), stride);
        blas.backwardWeights(heads, nodes, cfg.nodeDim(), h, g.x.address(), 0, dpb.address(), (long) nodes * h,
                ops.grad(layout.of("edge0.lin1.w_sender")), stride);
    }

    /** Mean NLL over the scored nodes (forward only; the gradients are left as they are). */
    public double loss(DeviceGraph g) {
        int n = g.batch.numScored;
        if (n == 0) {
            throw new IllegalArgumentException("the batch has no scored nodes");
        }
        DeviceArray out = forward(g);
        DeviceArray rowLoss = ws.doubles("rowLoss", n);
        kernels.each("gaussian_nll", n, out.address(), g.targets.address(), n, ws.floats("dout", 2L * n).address(),
                rowLoss.address(), 0.0);
        return meanOf(rowLoss, n);
    }

    private static double meanOf(DeviceArray rowLoss, int n) {
        double sum = 0;
        for (double r : rowLoss.downloadDoubles(n)) {
            sum += r;
        }
        return sum / n;
    }

    /** Zeroes the gradients, runs forward and backward on the scored nodes, returns the mean NLL. */
    public double lossAndGradients(DeviceGraph g) {
        int n = g.batch.numScored;
        if (n == 0) {
            throw new IllegalArgumentException("the batch has no scored nodes");
        }
        grads.zero();
        DeviceArray out = forward(g);
        DeviceArray dout = ws.floats("dout", 2L * n);
        DeviceArray rowLoss = ws.doubles("rowLoss", n);
        kernels.each("gaussian_nll", n, out.address(), g.targets.address(), n, dout.address(), rowLoss.address(),
                beta);
        int envW = envWidth();
        int inW = envW + cfg.latent();
        DeviceArray dIn = ws.floats("dIn", (long) n * inW);
        DeviceArray headIn = ws.floats("headIn", (long) n * inW);
        mlpBackward(headTail, "head", headIn.address(), n, inW, dout, dIn);
        DeviceArray dgh = ws.floats("dgh", (long) n * cfg.latent());
        copyColumns(dgh, 0, cfg.latent(), dIn, envW, inW, cfg.latent(), n);
        mlpBackward(ghTail, "galaxy_halo", g.x.address(), n, cfg.nodeDim(), dgh, null);
        if (cfg.heads() > 0) {
            int w = cfg.aggregation().outWidth(cfg.latent());
            DeviceArray dEnv = ws.floats("dEnv", (long) cfg.heads() * n * w);
            for (int u = 0; u < cfg.heads(); u++) {
                copyColumns(dEnv, (long) u * n * w, w, dIn, (long) u * w, inW, w, n);
            }
            edgeBackward(g, n, dEnv);
        }
        return meanOf(rowLoss, n);
    }

    /** One AdamW step at learning rate lr, as {@link org.cosmicweb.gnn.AdamW#step} (β 0.9/0.999, ε 1e-8). */
    public void step(double lr) {
        steps++;
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, steps);
        double c2 = 1 - Math.pow(b2, steps);
        kernels.each("adamw", layout.total, params.address(), grads.address(), m.address(), v.address(),
                decay.address(), layout.total, lr, b1, b2, c1, c2, 1e-8, weightDecay);
    }

    /** Predictions for the scored nodes, as {@link GnnModel#predict}. */
    public GnnModel.Prediction predict(DeviceGraph g) {
        int n = g.batch.numScored;
        float[] out = forward(g).downloadFloats(0, 2 * n);
        float[] mean = new float[n];
        float[] logVar = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = out[2 * i];
            logVar[i] = (float) GaussianNll.logVariance(out[2 * i + 1]);
        }
        return new GnnModel.Prediction(mean, logVar);
    }

    /** Waits for queued GPU work (for timing). */
    public void synchronize() {
        Cuda.check(org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize(), "cudaDeviceSynchronize");
    }

    @Override
    public void close() {
        ws.close();
        for (DeviceArray a : new DeviceArray[] {params, grads, m, v, decay}) {
            a.close();
        }
        blas.close();
    }
}
