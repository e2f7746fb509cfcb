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
 * With {@code layers} = L &gt; 1 the environment is a node state refined by residual rounds:
 * <pre>
 *   z¹ = P env                                      P: Linear(env width, hidden)
 *   zʳ = zʳ⁻¹ + Qʳ ‖_u AGG φʳ_u(zʳ⁻¹_i, zʳ⁻¹_j, e_ij)   r = 2..L, Qʳ initialised at 0.1 of fan-in scale
 * </pre>
 * so each branch starts near zero and the stack near the identity; ρ then reads [z^L, gh]. Rounds
 * after the first evaluate every edge of the batch (a partition needs a halo of L linking lengths).
 * Shapes: x [N, nodeDim], e [E, edgeDim], env [N, heads · Aggregation.outWidth(latent)], gh [N, latent].
 * Trained with {@link GaussianNll}. Holds parameters only: optimiser state lives in {@link AdamW}.
 */
public final class GnnModel {
    public final ModelConfig config;
    final List<EdgeHead> heads = new ArrayList<>();
    /** Rounds 2..L: their heads, and the projections P (index 0) and Q^r (index r-1). */
    final List<List<EdgeHead>> rounds = new ArrayList<>();
    final List<Linear> residual = new ArrayList<>();
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
        if (config.layers() > 1) {
            Linear p = new Linear("round1.project", config.environmentWidth(), config.hidden(), 1.0, rng.split());
            residual.add(p);
            p.params(params);
            for (int r = 2; r <= config.layers(); r++) {
                List<EdgeHead> hs = new ArrayList<>();
                for (int u = 0; u < config.heads(); u++) {
                    EdgeHead h = new EdgeHead("round" + r + ".edge" + u, config.hidden(), config.edgeDim(),
                            config.hidden(), config.latent(), config.aggregation(), rng.split());
                    hs.add(h);
                    h.params(params);
                }
                rounds.add(hs);
                Linear q = new Linear("round" + r + ".residual", config.environmentWidth(), config.hidden(), 0.1,
                        rng.split());
                residual.add(q);
                q.params(params);
            }
        }
        galaxyHalo = new Mlp("galaxy_halo", config.nodeDim(), config.hidden(), config.latent(), 1.0, rng.split());
        galaxyHalo.params(params);
        head = new Mlp("head", config.headEnvironmentWidth() + config.latent(), config.hidden(), 2, 0.1, rng.split());
        head.params(params);
        zeroAnisotropyInputs();
    }

    /**
     * With one round of MULTI_ANISOTROPY or MULTI_SHEAR the head's first-layer weights on the anisotropy
     * channels start at 0: the network starts as MULTI and grows the anisotropy only as the loss asks (it
     * fitted noise on the environment-free mock when started at fan-in scale).
     */
    private void zeroAnisotropyInputs() {
        int l = config.latent();
        int k = config.aggregation().anisotropyChannels(l);
        if (k == 0 || config.layers() != 1) {
            return;
        }
        int perHead = config.aggregation().outWidth(l);
        int out = head.lin1.out;
        for (int u = 0; u < config.heads(); u++) {
            for (int c = 0; c < k; c++) {
                int row = u * perHead + 3 * l + c;
                java.util.Arrays.fill(head.lin1.w.value, row * out, (row + 1) * out, 0f);
            }
        }
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

    /** One message-passing round: each head's cache and the concatenated output [nRecv, environmentWidth]. */
    private record Round(List<EdgeHead.Cache> caches, float[] env, float[] input) {
    }

    /** Activations of one forward pass, kept for the backward pass. */
    private record Pass(List<Round> rounds, List<float[]> states, Mlp.Cache gh, Mlp.Cache head, float[] out,
                        float[] environment) {
    }

    private Round round(List<EdgeHead> hs, GraphBatch g, float[] x, int nRecv) {
        int envW = config.environmentWidth();
        float[] env = new float[nRecv * envW];
        List<EdgeHead.Cache> caches = new ArrayList<>(hs.size());
        int col = 0;
        for (EdgeHead h : hs) {
            EdgeHead.Cache c = h.forward(g, x, nRecv);
            caches.add(c);
            int w = h.outWidth();
            for (int i = 0; i < nRecv; i++) {
                System.arraycopy(c.out, i * w, env, i * envW + col, w);
            }
            col += w;
        }
        return new Round(caches, env, x);
    }

    private Pass forwardPass(GraphBatch g) {
        config.checkBatch(g);
        int n = g.numScored;
        boolean stacked = config.layers() > 1;
        int nRecv = stacked ? g.numNodes : n;
        List<Round> rs = new ArrayList<>();
        List<float[]> states = new ArrayList<>();
        float[] envForHead = null;
        if (!heads.isEmpty()) {
            Round first = round(heads, g, g.nodeFeatures, nRecv);
            rs.add(first);
            envForHead = first.env();
            if (stacked) {
                float[] z = residual.get(0).forward(first.env(), nRecv);
                states.add(z);
                for (int r = 0; r < rounds.size(); r++) {
                    Round next = round(rounds.get(r), g, z, nRecv);
                    rs.add(next);
                    float[] branch = residual.get(r + 1).forward(next.env(), nRecv);
                    float[] z2 = java.util.Arrays.copyOf(z, nRecv * config.hidden());
                    VectorMath.addRow(z2, 0, branch, 0, nRecv * config.hidden());
                    z = z2;
                    states.add(z);
                }
                envForHead = z;
            }
        }
        int envW = config.heads() == 0 ? 0 : config.headEnvironmentWidth();
        int inW = envW + config.latent();
        float[] headIn = new float[n * inW];
        for (int i = 0; i < n && envW > 0; i++) {
            System.arraycopy(envForHead, i * envW, headIn, i * inW, envW);
        }
        Mlp.Cache gh = galaxyHalo.forward(g.nodeFeatures, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(gh.out(), i * config.latent(), headIn, i * inW + envW, config.latent());
        }
        Mlp.Cache hc = head.forward(headIn, n);
        float[] environment = envW == 0 ? new float[0] : java.util.Arrays.copyOf(envForHead, n * envW);
        return new Pass(rs, states, gh, hc, hc.out(), environment);
    }

    /**
     * The environment vector the head reads for each scored node, [numScored, {@link
     * ModelConfig#headEnvironmentWidth()}]: the aggregated messages of one round, or the node state
     * after the last residual round. Empty for a node-only model.
     */
    public float[] environment(GraphBatch g) {
        return forwardPass(g).environment();
    }

    public Prediction predict(GraphBatch g) {
        float[] out = forwardPass(g).out();
        int n = g.numScored;
        float[] mean = new float[n];
        float[] logVar = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = out[2 * i];
            logVar[i] = (float) GaussianNll.logVariance(out[2 * i + 1]);
        }
        return new Prediction(mean, logVar);
    }

    public double loss(GraphBatch g) {
        return GaussianNll.loss(forwardPass(g).out(), g.targets, g.numScored, null);
    }

    /** Zeroes the gradients, runs forward and backward on the scored nodes, returns the mean NLL. */
    public double lossAndGradients(GraphBatch g) {
        return lossAndGradients(g, 0);
    }

    /** As {@link #lossAndGradients(GraphBatch)} with the gradients of β-NLL ({@link GaussianNll}). */
    public double lossAndGradients(GraphBatch g, double beta) {
        for (Param p : params) {
            p.zeroGrad();
        }
        Pass pass = forwardPass(g);
        int n = g.numScored;
        float[] dout = new float[n * 2];
        double loss = GaussianNll.loss(pass.out(), g.targets, n, dout, beta);
        float[] dIn = head.backward(pass.head(), dout, true);
        int envW = config.heads() == 0 ? 0 : config.headEnvironmentWidth();
        int inW = envW + config.latent();
        float[] dgh = new float[n * config.latent()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(dIn, i * inW + envW, dgh, i * config.latent(), config.latent());
        }
        galaxyHalo.backward(pass.gh(), dgh, false);
        if (heads.isEmpty()) {
            return loss;
        }
        int nRecv = config.layers() > 1 ? g.numNodes : n;
        float[] dEnv = new float[nRecv * envW];
        for (int i = 0; i < n; i++) {
            System.arraycopy(dIn, i * inW, dEnv, i * envW, envW);
        }
        if (config.layers() > 1) {
            // dEnv is ∂L/∂z^L; walk the residual rounds back to ∂L/∂(first round's messages).
            float[] dz = dEnv;
            for (int r = rounds.size() - 1; r >= 0; r--) {
                Round round = pass.rounds().get(r + 1);
                float[] dBranchIn = residual.get(r + 1).backward(round.env(), dz, nRecv, true);
                float[] dx = roundBackward(rounds.get(r), g, round, dBranchIn, nRecv, true);
                float[] dPrev = java.util.Arrays.copyOf(dz, nRecv * config.hidden());
                VectorMath.addRow(dPrev, 0, dx, 0, nRecv * config.hidden());
                dz = dPrev;
            }
            dEnv = residual.get(0).backward(pass.rounds().get(0).env(), dz, nRecv, true);
        }
        roundBackward(heads, g, pass.rounds().get(0), dEnv, nRecv, false);
        return loss;
    }

    /** Backward through one round of nRecv receivers; returns ∂L/∂(its node input) [N, input width] when asked. */
    private float[] roundBackward(List<EdgeHead> hs, GraphBatch g, Round round, float[] dEnv, int nRecv,
                                  boolean needInput) {
        int envW = config.environmentWidth();
        float[] dx = null;
        int col = 0;
        for (int u = 0; u < hs.size(); u++) {
            EdgeHead h = hs.get(u);
            int w = h.outWidth();
            float[] d = new float[nRecv * w];
            for (int i = 0; i < nRecv; i++) {
                System.arraycopy(dEnv, i * envW + col, d, i * w, w);
            }
            float[] dxu = h.backward(g, round.input(), round.caches().get(u), d, needInput);
            if (needInput) {
                int len = g.numNodes * h.nodeDim;
                if (dx == null) {
                    dx = java.util.Arrays.copyOf(dxu, len);
                } else {
                    VectorMath.addRow(dx, 0, dxu, 0, len);
                }
            }
            col += w;
        }
        return dx;
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
