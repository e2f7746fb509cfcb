package org.cosmicweb.gnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The graph network (Battaglia et al. 2018 style, as used by Wu and Jespersen 2023):
 * <pre>
 *   env_i = ‖_u AGG_{j→i} φ_u(x_i, x_j, e_ij)      u = 1..heads, unshared edge MLPs ({@link EdgeHead})
 *   gh_i  = ψ(x_i)                                  galaxy–halo MLP
 *   (μ_i, log σ²_i) = ρ([env_i, gh_i])              head MLP
 * </pre>
 * Shapes: x [N, nodeDim], e [E, edgeDim], env [N, heads · latent · aggregations], gh [N, latent].
 * Trained with {@link GaussianNll}. Holds parameters only: optimiser state lives in {@link AdamW}.
 */
public final class GnnModel {
    public final ModelConfig config;
    final List<EdgeHead> heads = new ArrayList<>();
    final Mlp galaxyHalo;
    final Mlp head;
    private final List<Param> params = new ArrayList<>();

    /** Per-node predictions for the scored nodes: mean and log-variance. */
    public record Prediction(float[] mean, float[] logVariance) {
        public float sigma(int i) {
            return (float) Math.exp(0.5 * logVariance[i]);
        }
    }

    public GnnModel(ModelConfig config, long seed) {
        this.config = config;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int u = 0; u < config.heads(); u++) {
            EdgeHead h = new EdgeHead("edge" + u, config.nodeDim(), config.edgeDim(), config.hidden(), config.latent(),
                    config.aggregation(), rng.split());
            heads.add(h);
            h.params(params);
        }
        galaxyHalo = new Mlp("galaxy_halo", config.nodeDim(), config.hidden(), config.latent(), 1.0, rng.split());
        galaxyHalo.params(params);
        head = new Mlp("head", config.environmentWidth() + config.latent(), config.hidden(), 2, 0.1, rng.split());
        head.params(params);
    }

    public List<Param> params() {
        return Collections.unmodifiableList(params);
    }

    public long parameterCount() {
        long c = 0;
        for (Param p : params) {
            c += p.value.length;
        }
        return c;
    }

    private void checkDims(GraphBatch g) {
        if (g.nodeDim != config.nodeDim() || g.edgeDim != config.edgeDim()) {
            throw new IllegalArgumentException("the model expects " + config.nodeDim() + " node and " + config.edgeDim()
                    + " edge features per row, the batch has " + g.nodeDim + " and " + g.edgeDim);
        }
    }

    /** Activations of one forward pass, kept for the backward pass. */
    private record Pass(List<EdgeHead.Cache> heads, Mlp.Cache gh, Mlp.Cache head, float[] out) {
    }

    private Pass forwardPass(GraphBatch g) {
        checkDims(g);
        int n = g.numScored;
        int envW = config.environmentWidth();
        int inW = envW + config.latent();
        float[] headIn = new float[n * inW];
        List<EdgeHead.Cache> caches = new ArrayList<>(heads.size());
        int col = 0;
        for (EdgeHead h : heads) {
            EdgeHead.Cache c = h.forward(g);
            caches.add(c);
            int w = h.outWidth();
            for (int i = 0; i < n; i++) {
                System.arraycopy(c.out, i * w, headIn, i * inW + col, w);
            }
            col += w;
        }
        Mlp.Cache gh = galaxyHalo.forward(g.nodeFeatures, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(gh.out(), i * config.latent(), headIn, i * inW + envW, config.latent());
        }
        Mlp.Cache hc = head.forward(headIn, n);
        return new Pass(caches, gh, hc, hc.out());
    }

    public Prediction predict(GraphBatch g) {
        float[] out = forwardPass(g).out();
        int n = g.numScored;
        float[] mean = new float[n];
        float[] logVar = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = out[2 * i];
            logVar[i] = Math.max(GaussianNll.MIN_LOG_VAR, Math.min(GaussianNll.MAX_LOG_VAR, out[2 * i + 1]));
        }
        return new Prediction(mean, logVar);
    }

    public double loss(GraphBatch g) {
        return GaussianNll.loss(forwardPass(g).out(), g.targets, g.numScored, null);
    }

    /** Zeroes the gradients, runs forward and backward on the scored nodes, returns the mean NLL. */
    public double lossAndGradients(GraphBatch g) {
        for (Param p : params) {
            p.zeroGrad();
        }
        Pass pass = forwardPass(g);
        int n = g.numScored;
        float[] dout = new float[n * 2];
        double loss = GaussianNll.loss(pass.out(), g.targets, n, dout);
        float[] dIn = head.backward(pass.head(), dout, true);
        int envW = config.environmentWidth();
        int inW = envW + config.latent();
        float[] dgh = new float[n * config.latent()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(dIn, i * inW + envW, dgh, i * config.latent(), config.latent());
        }
        galaxyHalo.backward(pass.gh(), dgh, false);
        int col = 0;
        for (int u = 0; u < heads.size(); u++) {
            EdgeHead h = heads.get(u);
            int w = h.outWidth();
            float[] dEnv = new float[n * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(dIn, i * inW + col, dEnv, i * w, w);
            }
            h.backward(g, pass.heads().get(u), dEnv);
            col += w;
        }
        return loss;
    }

    /** Copies of every parameter value, in {@link #params()} order. */
    public float[][] snapshot() {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            s[i] = params.get(i).value.clone();
        }
        return s;
    }

    public void restore(float[][] values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException("snapshot has " + values.length + " blocks, model has " + params.size());
        }
        for (int i = 0; i < values.length; i++) {
            Param p = params.get(i);
            if (values[i].length != p.value.length) {
                throw new IllegalArgumentException("parameter " + p.name + " has " + p.value.length
                        + " values, the snapshot " + values[i].length);
            }
            System.arraycopy(values[i], 0, p.value, 0, p.value.length);
        }
    }
}
