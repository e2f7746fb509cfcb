package org.cosmicweb.gnn.cuda;

/**
 * The GPU version of MlpTail over U heads at once, [U, rows, h] → [U, rows, out]:
 * z1 → LayerNorm → SiLU → Linear(h, h) → LayerNorm → SiLU → Linear(h, out).
 * Offsets are those of head 0's blocks (a prefix such as "edge0" or "head"); head u's sit
 * {@code stride} further. The forward pass keeps z1, s1, z2, s2 and the row statistics in the
 * workspace under this tail's prefix; the backward pass reuses s2 and z2 for the gradients.
 */
final class DeviceTail {
    private final Ops ops;
    private final String key;
    final int heads;
    final int hidden;
    final int out;
    final long stride;
    private final long ln1;
    private final long lin2w;
    private final long lin2b;
    private final long ln2;
    private final long lin3w;
    private final long lin3b;

    DeviceTail(Ops ops, ParamLayout layout, String prefix, int heads, int hidden, int out, long stride) {
        this.ops = ops;
        this.key = prefix;
        this.heads = heads;
        this.hidden = hidden;
        this.out = out;
        this.stride = stride;
        ln1 = layout.of(prefix + ".ln1.gamma");
        lin2w = layout.of(prefix + ".lin2.w");
        lin2b = layout.of(prefix + ".lin2.b");
        ln2 = layout.of(prefix + ".ln2.gamma");
        lin3w = layout.of(prefix + ".lin3.w");
        lin3b = layout.of(prefix + ".lin3.b");
    }

    /** The buffer a caller writes z1 [U, rows, hidden] into before {@link #forward}. */
    DeviceArray input(long rows) {
        return ops.ws.floats(key + ".z1", heads * rows * hidden);
    }

    /**
     * Runs the tail on {@link #input}; {@code z1Bias} is the offset of a bias to add to z1 first, or -1.
     * Returns the output buffer [U, rows, out].
     */
    DeviceArray forward(long rows, long z1Bias) {
        int h = hidden;
        long n = heads * rows;
        DeviceArray z1 = input(rows);
        DeviceArray s1 = ops.ws.floats(key + ".s1", n * h);
        DeviceArray z2 = ops.ws.floats(key + ".z2", n * h);
        DeviceArray s2 = ops.ws.floats(key + ".s2", n * h);
        DeviceArray y = ops.ws.floats(key + ".out", n * out);
        ops.layerNormSilu(z1, z1Bias, ln1, stride, ops.ws.floats(key + ".mean1", n), ops.ws.floats(key + ".rstd1", n),
                s1, rows, heads);
        ops.blas.forward(heads, (int) rows, h, h, s1.address(), rows * h, ops.param(lin2w), stride, z2.address(),
                rows * h, false);
        ops.layerNormSilu(z2, lin2b, ln2, stride, ops.ws.floats(key + ".mean2", n), ops.ws.floats(key + ".rstd2", n),
                s2, rows, heads);
        ops.blas.forward(heads, (int) rows, h, out, s2.address(), rows * h, ops.param(lin3w), stride, y.address(),
                rows * out, false);
        ops.k.each("bias_add", n * out, y.address(), ops.params.address(), stride, lin3b, rows, out, heads);
        return y;
    }

    /**
     * Accumulates the tail's gradients from dout [U, rows, out]; returns ∂L/∂z1 [U, rows, hidden]
     * (held in the z2 buffer until the next forward pass). {@code z1Bias} as in {@link #forward}.
     */
    DeviceArray backward(long rows, DeviceArray dout, long z1Bias) {
        int h = hidden;
        long n = heads * rows;
        DeviceArray s1 = ops.ws.floats(key + ".s1", n * h);
        DeviceArray z2 = ops.ws.floats(key + ".z2", n * h);
        DeviceArray s2 = ops.ws.floats(key + ".s2", n * h);
        ops.blas.backwardWeights(heads, (int) rows, h, out, s2.address(), rows * h, dout.address(), rows * out,
                ops.grad(lin3w), stride);
        ops.columnSums(dout, rows, out, heads, lin3b, stride);
        DeviceArray ds2 = s2;
        ops.blas.backwardInput(heads, (int) rows, h, out, dout.address(), rows * out, ops.param(lin3w), stride,
                ds2.address(), rows * h);
        ops.layerNormSiluBackward(z2, ln2, lin2b, stride, ops.ws.floats(key + ".mean2", n),
                ops.ws.floats(key + ".rstd2", n), ds2, rows, h, heads);
        ops.blas.backwardWeights(heads, (int) rows, h, h, s1.address(), rows * h, ds2.address(), rows * h,
                ops.grad(lin2w), stride);
        DeviceArray ds1 = z2;
        ops.blas.backwardInput(heads, (int) rows, h, h, ds2.address(), rows * h, ops.param(lin2w), stride,
                ds1.address(), rows * h);
        ops.layerNormSiluBackward(input(rows), ln1, z1Bias, stride, ops.ws.floats(key + ".mean1", n),
                ops.ws.floats(key + ".rstd1", n), ds1, rows, h, heads);
        return ds1;
    }
}
