package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.Param;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainable variables of a {@link SameDiffGnn} and the layers the reference model is made of,
 * written from their equations in SameDiff ops (no code shared with gnn-core's kernels):
 * <pre>
 *   Linear:           y = x W + b                     W [in, out] row-major, as gnn-core's Linear
 *   LayerNorm + SiLU: a = γ (z − μ) / √(σ² + ε) + β,  s = a · sigmoid(a)   (μ, σ² biased, over each row; ε = 1e-5)
 *   MLP tail:         LN → SiLU → Linear(h, h) → LN → SiLU → Linear(h, out)
 * </pre>
 * Every block a layer creates becomes a gnn-core {@link Param} (name, size, decayed) in creation
 * order, which is the order of {@code GnnModel.params()} for the reference model; its SameDiff
 * variable carries the same name. Initial values come from the seeded generator this object was
 * given (weights uniform in ±bound, biases 0, LayerNorm gains 1), so a model built here is
 * reproducible; the reference engine then overwrites them with a {@code GnnModel}'s.
 */
public final class Layers {
    /** ε of every LayerNorm, as in gnn-core. */
    public static final double LAYER_NORM_EPS = 1e-5;
    private final SameDiff sd;
    private final DataType type;
    private final SplittableRandom rng;
    private final List<Param> params = new ArrayList<>();
    private final Map<String, SDVariable> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    Layers(SameDiff sd, DataType type, SplittableRandom rng) {
        this.sd = sd;
        this.type = type;
        this.rng = rng;
    }

    /** The graph the layers are added to. */
    public SameDiff sd() {
        return sd;
    }

    /** Floating-point type of every variable and activation (FLOAT or DOUBLE). */
    public DataType type() {
        return type;
    }

    /**
     * A weight matrix [rows, cols], uniform in ±bound, decayed by AdamW when {@code decayed}.
     * Returns null for a block with no entries (rows or cols 0), which is still registered so the
     * parameter list matches gnn-core's (e.g. the edge weights of a model with no edge features).
     */
    public SDVariable weight(String name, int rows, int cols, double bound, boolean decayed) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return create(name, new long[] {rows, cols}, v, decayed);
    }

    /** A vector [n] of zeros (bias or LayerNorm offset), never decayed. */
    public SDVariable zeros(String name, int n) {
        return create(name, new long[] {n}, new float[n], false);
    }

    /** A vector [n] of ones (LayerNorm gain), never decayed. */
    public SDVariable ones(String name, int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return create(name, new long[] {n}, v, false);
    }

    private SDVariable create(String name, long[] shape, float[] initial, boolean decayed) {
        if (shapes.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " is declared twice; give each block its own name");
        }
        if (name.isEmpty() || name.contains(":") || name.contains("/")) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be non-empty, without ':' or '/'");
        }
        Param p = new Param(name, initial.length, decayed);
        System.arraycopy(initial, 0, p.value, 0, initial.length);
        params.add(p);
        shapes.put(name, shape);
        if (initial.length == 0) {
            variables.put(name, null);
            return null;
        }
        SDVariable var = sd.var(name, array(initial, shape));
        variables.put(name, var);
        return var;
    }

    /** y = x W + b with W [in, out] uniform in ±scale/√in (fan-in scaled, as gnn-core's Linear), b = 0. */
    public SDVariable linear(String name, SDVariable x, int in, int out, double scale) {
        SDVariable w = weight(name + ".w", in, out, scale / Math.sqrt(in), true);
        SDVariable b = zeros(name + ".b", out);
        return x.mmul(w).add(b);
    }

    /** LayerNorm over each row of z [rows, width] (γ = 1, β = 0 at start), then SiLU. */
    public SDVariable layerNormSilu(String name, SDVariable z, int width) {
        SDVariable gamma = ones(name + ".gamma", width);
        SDVariable beta = zeros(name + ".beta", width);
        SDVariable mean = z.mean(true, 1);
        SDVariable centred = z.sub(mean);
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable xhat = centred.div(sd.math.sqrt(variance.add(LAYER_NORM_EPS)));
        SDVariable a = xhat.mul(gamma).add(beta);
        return a.mul(sd.nn.sigmoid(a));
    }

    /** LN → SiLU → Linear(h, h) → LN → SiLU → Linear(h, out), the last scaled by {@code lastScale}. */
    public SDVariable tail(String name, SDVariable z1, int hidden, int out, double lastScale) {
        SDVariable s1 = layerNormSilu(name + ".ln1", z1, hidden);
        SDVariable z2 = linear(name + ".lin2", s1, hidden, hidden, 1.0);
        SDVariable s2 = layerNormSilu(name + ".ln2", z2, hidden);
        return linear(name + ".lin3", s2, hidden, out, lastScale);
    }

    /** Linear(in, h) followed by {@link #tail}: the literature MLP of gnn-core's {@code Mlp}. */
    public SDVariable mlp(String name, SDVariable x, int in, int hidden, int out, double lastScale) {
        return tail(name, linear(name + ".lin1", x, in, hidden, 1.0), hidden, out, lastScale);
    }

    /** Every block declared so far, in declaration order (values are the initial ones). */
    List<Param> params() {
        return Collections.unmodifiableList(params);
    }

    /** The SameDiff variable of a block (null for an empty block). */
    SDVariable variable(String name) {
        return variables.get(name);
    }

    long[] shape(String name) {
        return shapes.get(name);
    }

    /** A [shape] array of this model's type holding {@code values} in row-major order. */
    INDArray array(float[] values, long[] shape) {
        if (type == DataType.DOUBLE) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            return Nd4j.create(d, shape, DataType.DOUBLE);
        }
        return Nd4j.create(values, shape, 'c');
    }
}
