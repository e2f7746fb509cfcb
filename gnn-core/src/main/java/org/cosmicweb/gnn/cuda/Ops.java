package org.cosmicweb.gnn.cuda;

/**
 * What the GPU layers share: the kernels, cuBLAS, the workspace, and the flat parameter and
 * gradient vectors, with the reductions that need a two-stage (deterministic) column sum.
 */
final class Ops {
    /** Blocks per head for column reductions: enough to fill the GPU, few enough to sum serially. */
    private static final int MAX_BLOCKS = 1024;
    final Kernels k;
    final Blas blas;
    final Workspace ws;
    final DeviceArray params;
    final DeviceArray grads;

    Ops(Kernels k, Blas blas, Workspace ws, DeviceArray params, DeviceArray grads) {
        this.k = k;
        this.blas = blas;
        this.ws = ws;
        this.params = params;
        this.grads = grads;
    }

    long param(long offset) {
        return params.at(offset);
    }

    long grad(long offset) {
        return grads.at(offset);
    }

    private static int blocks(long rows) {
        return (int) Math.max(1, Math.min(MAX_BLOCKS, (rows + 63) / 64));
    }

    /** out = SiLU(LayerNorm(z (+ bias))) over [U, rows, h]; bias offset -1 for none (z keeps the bias). */
    void layerNormSilu(DeviceArray z, long biasOff, long gammaOff, long stride, DeviceArray mean, DeviceArray rstd,
                       DeviceArray out, long rows, int h, int heads) {
        long warps = heads * rows;
        int grid = Kernels.grid(warps * 32);
        k.launch("ln_silu_fwd", grid, 1, 0, z.address(), params.address(), stride, biasOff, gammaOff, mean.address(),
                rstd.address(), out.address(), rows, h, heads);
    }

    /** In place: d holds ∂L/∂out on entry and ∂L/∂z on return; accumulates dγ and dβ. */
    void layerNormSiluBackward(DeviceArray z, long gammaOff, long stride, DeviceArray mean, DeviceArray rstd,
                               DeviceArray d, long rows, int h, int heads) {
        int b = blocks(rows);
        DeviceArray partial = ws.floats("partial", (long) heads * b * 2 * h);
        int warps = Kernels.BLOCK / 32;
        k.launch("ln_silu_bwd", b, heads, warps * 2 * h * 4, z.address(), params.address(), stride, gammaOff,
                mean.address(), rstd.address(), d.address(), d.address(), partial.address(), rows, h);
        k.each("reduce_partials", (long) heads * 2 * h, partial.address(), b, 2 * h, heads, grads.address(), stride,
                gammaOff);
    }

    /** grad[offset + u * stride + j] += Σ_r y[u, r, j] for y [U, rows, w]. */
    void columnSums(DeviceArray y, long rows, int w, int heads, long offset, long stride) {
        int b = blocks(rows);
        DeviceArray partial = ws.floats("partial", (long) heads * b * Math.max(w, 2 * 64));
        k.launch("colsum_partial", b, heads, Kernels.BLOCK * 4, y.address(), rows, w, partial.address());
        k.each("reduce_partials", (long) heads * w, partial.address(), b, w, heads, grads.address(), stride, offset);
    }
}
