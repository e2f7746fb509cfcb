package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Param;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The graph network in SameDiff, its loss and SameDiff's automatic gradients. The skeleton is
 * gnn-core's {@link GnnModel}, with the message function pluggable ({@link MessageFunction}):
 * <pre>
 *   env¹ = round₁(x)                                     [nRecv, W]
 *   L = 1:   env = env¹
 *   L &gt; 1:   z¹ = P env¹ (round1.project), zʳ = zʳ⁻¹ + Qʳ roundᵣ(zʳ⁻¹) (round{r}.residual), env = z^L
 *   gh = MLP(x)                                           galaxy_halo, [n, latent]
 *   (μ, r) = MLP([env, gh])                               head, on the n scored nodes
 *   s = B r / √(B² + r²),  B = 15;   NLL = mean ½ [s + (y − μ)² e^{−s} + ln 2π]
 * </pre>
 * With one round only edges into the n scored nodes are evaluated (nRecv = n); with several, all
 * edges (nRecv = N). Each batch is fed with a phantom node and two phantom edges (see {@link RoundInputs}). With β &gt; 0 the gradients are those of β-NLL: each galaxy's term weighted by
 * stopgrad(e^{β s}); the loss reported is always the plain NLL. Everything here is written from
 * those equations; nothing calls gnn-core's kernels, so agreement with them is evidence.
 *
 * <p>The type is FLOAT (the research engine) or DOUBLE (the oracle of the tests). Parameters are
 * gnn-core {@link Param}s in a fixed order ({@link #params()}) holding this model's initial
 * values; {@link #setValues} loads values by name. Not thread-safe.
 */
public final class SameDiffGnn {
    private static final double LOG_VAR_BOUND = 15;
    /** Phantom edges appended to every batch (see {@link #feed}). */
    static final int PHANTOM_EDGES = 2;
    private final ModelConfig config;
    private final MessageFunction messages;
    private final DataType type;
    private final double beta;
    private final SameDiff sd;
    private final Layers layers;
    private final GraphInputs in;
    private final SDVariable loss;
    private final SDVariable mean;
    private final SDVariable logVariance;
    private final List<String> trainable = new ArrayList<>();
    private boolean gradientsBuilt;

    /** What one forward (and backward) pass gives: the plain mean NLL and ∂L/∂θ per block (empty without). */
    public record Evaluation(double loss, Map<String, double[]> gradients) {
    }

    private SameDiffGnn(ModelConfig config, MessageFunction messages, DataType type, double beta, long seed) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("the SameDiff model computes in FLOAT or DOUBLE, not " + type);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta of the beta-NLL must be in [0, 1], got " + beta);
        }
        if (config.heads() > 0 && messages == null) {
            throw new IllegalArgumentException("a model with " + config.heads() + " heads needs a message function");
        }
        this.config = config;
        this.messages = config.heads() == 0 ? null : messages;
        this.type = type;
        this.beta = beta;
        Nd4jRuntime.require();
        sd = SameDiff.create();
        layers = new Layers(sd, type, new SplittableRandom(seed));
        in = new GraphInputs(sd, type, config.nodeDim(), config.edgeDim(),
                this.messages != null && this.messages.usesDirections());
        SDVariable env = environment();
        SDVariable scoredX = GatherRows.of(sd, in.nodes, in.scored);
        SDVariable gh = layers.mlp("galaxy_halo", scoredX, config.nodeDim(), config.hidden(), config.latent(), 1.0);
        int envWidth = env == null ? 0 : config.layers() == 1 ? messages.outputWidth(config.nodeDim()) : config.hidden();
        SDVariable headIn = env == null ? gh : sd.concat(1, GatherRows.of(sd, env, in.scored), gh);
        SDVariable out = layers.mlp("head", headIn, envWidth + config.latent(), config.hidden(), 2, 0.1);
        mean = out.get(SDIndex.all(), SDIndex.interval(0, 1));
        SDVariable raw = out.get(SDIndex.all(), SDIndex.interval(1, 2));
        logVariance = raw.mul(LOG_VAR_BOUND).div(sd.math.sqrt(raw.mul(raw).add(LOG_VAR_BOUND * LOG_VAR_BOUND)));
        SDVariable residual = in.targets.sub(mean);
        SDVariable nll = logVariance.add(residual.mul(residual).mul(sd.math.exp(logVariance.neg())))
                .add(Math.log(2 * Math.PI)).mul(0.5);
        loss = nll.mean().rename("loss");
        SDVariable trainingLoss = loss;
        if (beta > 0) {
            SDVariable weight = new StopGradient(sd, sd.math.exp(logVariance.mul(beta))).outputVariable();
            trainingLoss = nll.mul(weight).mean().rename("beta_loss");
        }
        sd.setLossVariables(trainingLoss);
        for (Param p : layers.params()) {
            if (p.value.length > 0) {
                trainable.add(p.name);
            }
        }
    }

    /**
     * A model of {@code config} whose rounds are {@code messages} (ignored, and may be null, for a
     * node-only model with 0 heads), computing in {@code type}, with the gradients of β-NLL and
     * initial values drawn from {@code seed}.
     */
    public static SameDiffGnn build(ModelConfig config, MessageFunction messages, DataType type, double beta,
                                    long seed) {
        return Nd4jRuntime.quietly(() -> new SameDiffGnn(config, messages, type, beta, seed));
    }

    /** gnn-core's model of {@code config} ({@link EdgeMlpMessages}), its parameters to be loaded with {@link #setValues}. */
    public static SameDiffGnn reference(ModelConfig config, DataType type, double beta) {
        return build(config, config.heads() == 0 ? null : EdgeMlpMessages.of(config), type, beta, 0);
    }

    /** The reference model holding a copy of {@code model}'s parameters (checked block by block). */
    public static SameDiffGnn of(GnnModel model, DataType type, double beta) {
        SameDiffGnn g = reference(model.config, type, beta);
        g.requireSameLayout(model.params());
        g.setValues(model.params());
        return g;
    }

    /** The environment env [nRecv, width] the head reads, or null for a node-only model. */
    private SDVariable environment() {
        if (messages == null) {
            return null;
        }
        int w1 = messages.outputWidth(config.nodeDim());
        SDVariable env = messages.round(new RoundInputs(in, layers, in.nodes, config.nodeDim(), 1, ""));
        if (config.layers() == 1) {
            return env;
        }
        SDVariable z = layers.linear("round1.project", env, w1, config.hidden(), 1.0);
        for (int r = 2; r <= config.layers(); r++) {
            String prefix = "round" + r + ".";
            SDVariable branch = messages.round(new RoundInputs(in, layers, z, config.hidden(), r, prefix));
            z = z.add(layers.linear(prefix + "residual", branch, messages.outputWidth(config.hidden()),
                    config.hidden(), 0.1));
        }
        return z;
    }

    public ModelConfig config() {
        return config;
    }

    public DataType type() {
        return type;
    }

    public double beta() {
        return beta;
    }

    /** The parameter blocks in declaration order, holding this model's initial values (not updated by setValues). */
    public List<Param> params() {
        return layers.params();
    }

    /** Throws, naming the first difference, unless {@code other} has exactly this model's blocks in this order. */
    public void requireSameLayout(List<Param> other) {
        List<Param> mine = params();
        for (int i = 0; i < Math.max(mine.size(), other.size()); i++) {
            Param a = i < mine.size() ? mine.get(i) : null;
            Param b = i < other.size() ? other.get(i) : null;
            if (a == null || b == null || !a.name.equals(b.name) || a.value.length != b.value.length
                    || a.decayed != b.decayed) {
                throw new IllegalArgumentException("parameter block " + i + " differs: the SameDiff model has "
                        + describe(a) + ", the other model " + describe(b));
            }
        }
    }

    private static String describe(Param p) {
        return p == null ? "none" : p.name + "[" + p.value.length + "]" + (p.decayed ? " (decayed)" : "");
    }

    /**
     * Loads the values of {@code source} into the variables of the same names; every block of this
     * model must be present there with its size (extra blocks are an error too, naming the first).
     */
    public void setValues(List<Param> source) {
        Map<String, Param> byName = new HashMap<>();
        for (Param p : source) {
            byName.put(p.name, p);
        }
        for (Param mine : params()) {
            Param p = byName.remove(mine.name);
            if (p == null || p.value.length != mine.value.length) {
                throw new IllegalArgumentException("no parameter " + mine.name + "[" + mine.value.length
                        + "] to load (found " + (p == null ? "none" : p.value.length + " values") + ")");
            }
            write(mine.name, p.value);
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("parameter " + byName.keySet().iterator().next()
                    + " is not a block of this SameDiff model");
        }
    }

    /** Sets one entry of one block (for finite differences in float64); the block must be non-empty. */
    void setEntry(String name, int index, double value) {
        SDVariable v = layers.variable(name);
        if (v == null) {
            throw new IllegalArgumentException("no non-empty parameter block " + name);
        }
        v.getArr().data().put(index, value);
    }

    /** Overwrites one variable's values in place (row-major). */
    private void write(String name, float[] values) {
        SDVariable v = layers.variable(name);
        if (v == null) {
            return;
        }
        INDArray arr = v.getArr();
        if (type == DataType.FLOAT) {
            arr.data().setData(values);
        } else {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            arr.data().setData(d);
        }
    }

    /** The current values of every block, by name (row-major), in the order of {@link #params()}. */
    public Map<String, double[]> values() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Param p : params()) {
            SDVariable v = layers.variable(p.name);
            out.put(p.name, v == null ? new double[0] : flat(v.getArr()));
        }
        return out;
    }

    /** Mean NLL over the scored nodes of g (node features replaced by x when x is not null). */
    public double loss(GraphBatch g, float[] x) {
        if (g.numScored == 0) {
            return Double.NaN;
        }
        return sd.output(feed(g, x), loss.name()).get(loss.name()).getDouble(0);
    }

    /** The loss and SameDiff's gradients of every non-empty block (empty blocks get empty arrays). */
    public Evaluation evaluate(GraphBatch g, float[] x) {
        Map<String, double[]> grads = new LinkedHashMap<>();
        if (g.numScored == 0) {
            for (Param p : params()) {
                grads.put(p.name, new double[p.value.length]);
            }
            return new Evaluation(Double.NaN, grads);
        }
        buildGradients();
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed(g, x), List.of(loss.name()), trainable);
        for (Param p : params()) {
            INDArray gr = p.value.length == 0 ? null : og.getGradients().get(p.name);
            if (p.value.length > 0 && gr == null) {
                throw new IllegalStateException("SameDiff returned no gradient for " + p.name
                        + "; is the block connected to the loss?");
            }
            grads.put(p.name, gr == null ? new double[0] : flat(gr));
        }
        return new Evaluation(og.getOutputs().get(loss.name()).getDouble(0), grads);
    }

    /** Means and log-variances of the scored nodes of g. */
    public GnnModel.Prediction predict(GraphBatch g) {
        int n = g.numScored;
        if (n == 0) {
            return new GnnModel.Prediction(new float[0], new float[0]);
        }
        Map<String, INDArray> out = sd.output(feed(g, null), mean.name(), logVariance.name());
        return new GnnModel.Prediction(floats(out.get(mean.name())), floats(out.get(logVariance.name())));
    }

    /** Builds SameDiff's gradient graph once (its M2.1 prints a line per op: dropped, see {@link Nd4jRuntime#quietly}). */
    private void buildGradients() {
        if (gradientsBuilt) {
            return;
        }
        Nd4jRuntime.quietly(() -> {
            sd.createGradFunction();
            return null;
        });
        gradientsBuilt = true;
    }

    /**
     * The placeholders of one batch; see the class comment for which edges are fed. Two phantom
     * edges are appended, from a phantom all-zero node (row N of the node inputs) to a phantom
     * receiver (segment nRecv): ND4J's gather fails on an empty index list, its segment maximum
     * misplaces the rows of a one-row input, and a batch whose scored nodes have no edges is legal.
     * The phantom segment's row never reaches the head, so it changes no output and no gradient
     * (see {@link RoundInputs}).
     */
    private Map<String, INDArray> feed(GraphBatch g, float[] x) {
        config.checkBatch(g);
        float[] nodes = x == null ? g.nodeFeatures : x;
        if (nodes.length != g.nodeFeatures.length) {
            throw new IllegalArgumentException("node features must keep the batch's shape [" + g.numNodes + ", "
                    + g.nodeDim + "], got " + nodes.length + " values");
        }
        int n = g.numScored;
        int nRecv = config.layers() > 1 ? g.numNodes : n;
        int edges = g.offsets[nRecv];
        int fed = edges + PHANTOM_EDGES;
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(GraphInputs.NODES, layers.array(Arrays.copyOf(nodes, (g.numNodes + 1) * g.nodeDim),
                new long[] {g.numNodes + 1, g.nodeDim}));
        if (in.edgeFeatures != null) {
            ph.put(GraphInputs.EDGE_FEATURES, layers.array(Arrays.copyOf(g.edgeFeatures, fed * g.edgeDim),
                    new long[] {fed, g.edgeDim}));
        }
        if (in.directions != null) {
            if (g.edgeDirections == null) {
                throw new IllegalArgumentException("the message function reads edge directions, and this batch has none"
                        + " (GraphBatch.edgeDirections is null; expected float[E, 3])");
            }
            ph.put(GraphInputs.DIRECTIONS, layers.array(Arrays.copyOf(g.edgeDirections, 3 * fed), new long[] {fed, 3}));
        }
        int[] senders = Arrays.copyOf(g.senders, fed);
        int[] receivers = Arrays.copyOf(g.receivers, fed);
        for (int e = edges; e < fed; e++) {
            senders[e] = g.numNodes;
            receivers[e] = nRecv;
        }
        ph.put(GraphInputs.SENDERS, Nd4j.createFromArray(senders));
        ph.put(GraphInputs.RECEIVERS, Nd4j.createFromArray(receivers));
        ph.put(GraphInputs.NUM_RECEIVERS, Nd4j.scalar(DataType.INT, nRecv + 1));
        int[] scored = new int[n];
        for (int i = 0; i < n; i++) {
            scored[i] = i;
        }
        ph.put(GraphInputs.SCORED, Nd4j.createFromArray(scored));
        float[] y = g.targets == null ? new float[n] : Arrays.copyOf(g.targets, n);
        ph.put(GraphInputs.TARGETS, layers.array(y, new long[] {n, 1}));
        return ph;
    }

    static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Names of the blocks that have SameDiff variables (non-empty), in order. */
    List<String> trainable() {
        return Collections.unmodifiableList(trainable);
    }
}
