package org.cosmicweb.gnn;

import java.util.List;
import java.util.SplittableRandom;

/** y = x W + b with W [in, out]; weights uniform in ±scale/√in (fan-in scaled), biases 0. */
public final class Linear {
    public final int in;
    public final int out;
    public final Param w;
    public final Param b;

    public Linear(String name, int in, int out, double scale, SplittableRandom rng) {
        this.in = in;
        this.out = out;
        this.w = new Param(name + ".w", in * out, true);
        this.b = new Param(name + ".b", out, false);
        double bound = scale / Math.sqrt(in);
        for (int i = 0; i < w.value.length; i++) {
            w.value[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }

    public void params(List<Param> into) {
        into.add(w);
        into.add(b);
    }

    private final Buffer yBuf = new Buffer();
    private final Buffer dxBuf = new Buffer();
    private final Buffer parts = new Buffer();

    /** y [n, out] (a reused buffer, valid until this layer's next forward). */
    public float[] forward(float[] x, int n) {
        float[] y = yBuf.get(n * out);
        Gemm.forward(x, n, in, w.value, out, b.value, y);
        return y;
    }

    /**
     * Accumulates dW and db; returns dx (a reused buffer, valid until this layer's next backward), or
     * null when {@code needInput} is false.
     */
    public float[] backward(float[] x, float[] dy, int n, boolean needInput) {
        Gemm.backwardWeights(x, dy, n, in, out, w.grad, b.grad, parts);
        if (!needInput) {
            return null;
        }
        float[] dx = dxBuf.get(n * in);
        Gemm.backwardInput(dy, n, out, Gemm.transpose(w.value, in, out), in, dx);
        return dx;
    }
}
